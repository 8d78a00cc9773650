#include "HeldResources.h"

#include "TraceEvent.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace looplab {

namespace {

int64_t taskIdOf(const nlohmann::json& state, const char* key) {
    const auto found = state.find(key);
    return found != state.end() && found->is_number_integer() ? found->get<int64_t>() : -1;
}

} // namespace

std::string HeldResources::nameOf(int64_t object, const std::string& given, const char* kind) {
    auto& entry = names_[object];
    if (!given.empty())
        entry.first = given;
    else if (entry.first.empty())
        entry.first = std::string(kind) + " " + std::to_string(object);
    return entry.first;
}

void HeldResources::close(int64_t object, const Open& hold, int64_t ns) {
    if (ns <= hold.startNs)
        return; // taken and given back in the same instant: nothing to draw
    const auto& entry = names_[object];
    holds_[hold.task].push_back(
        {hold.startNs, std::max(ns, hold.startNs), entry.second, entry.first});
}

void HeldResources::apply(const TraceEvent& e) {
    if (e.kind != EventKind::Sync)
        return;
    // A bad state is the recorder's fault, never the student's: skip it rather than throw.
    const nlohmann::json state = nlohmann::json::parse(e.detail, nullptr, false);
    if (!state.is_object())
        return;
    const std::string kind = state.value("kind", std::string());
    const auto nameField = state.find("name");
    const std::string given =
        nameField != state.end() && nameField->is_string() ? nameField->get<std::string>() : "";
    const int64_t object = e.handle;
    if (kind == "lock") {
        nameOf(object, given, "lock");
        names_[object].second = false;
        const int64_t holder = state.value("locked", false) ? taskIdOf(state, "holder") : -1;
        auto current = lockHolder_.find(object);
        if (current != lockHolder_.end() && current->second.task == holder)
            return; // the same holder, restated
        if (current != lockHolder_.end()) {
            close(object, current->second, e.t);
            lockHolder_.erase(current);
        }
        if (holder >= 0)
            lockHolder_[object] = {holder, e.t};
    } else if (kind == "semaphore") {
        nameOf(object, given, "semaphore");
        names_[object].second = true;
        std::vector<Open>& open = permits_[object];
        if (const int64_t taker = taskIdOf(state, "acquired"); taker >= 0)
            open.push_back({taker, e.t});
        if (const int64_t giver = taskIdOf(state, "released"); giver >= 0) {
            auto held = std::find_if(open.begin(), open.end(),
                                     [giver](const Open& o) { return o.task == giver; });
            if (held != open.end()) {
                close(object, *held, e.t);
                open.erase(held);
            }
        }
    }
}

std::unordered_map<int64_t, std::vector<RowHold>> HeldResources::finish(int64_t endNs) {
    for (const auto& [object, hold] : lockHolder_)
        close(object, hold, endNs);
    lockHolder_.clear();
    for (auto& [object, open] : permits_)
        for (const Open& hold : open)
            close(object, hold, endNs);
    permits_.clear();
    for (auto& entry : holds_)
        std::sort(entry.second.begin(), entry.second.end(),
                  [](const RowHold& a, const RowHold& b) { return a.startNs < b.startNs; });
    return std::move(holds_);
}

} // namespace looplab
