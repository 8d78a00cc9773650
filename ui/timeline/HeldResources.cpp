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

void HeldResources::nameOf(int64_t object, const std::string& given, bool semaphore) {
    auto& entry = names_[object];
    if (!given.empty())
        entry.first = given; // the recorder learns a local's name late: keep the last one
    entry.second = semaphore;
}

void HeldResources::close(int64_t object, const Open& hold, int64_t ns) {
    if (ns <= hold.startNs)
        return; // taken and given back in the same instant: nothing to draw
    closed_.push_back({hold.task, object, {hold.startNs, ns, false, {}}});
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
        nameOf(object, given, false);
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
        nameOf(object, given, true);
        std::vector<Open>& open = permits_[object];
        // A release that hands the permit straight to a waiter names both in one state: the
        // giver lets go first, then the waiter holds it.
        if (const int64_t giver = taskIdOf(state, "released"); giver >= 0) {
            auto held = std::find_if(open.begin(), open.end(),
                                     [giver](const Open& o) { return o.task == giver; });
            if (held != open.end()) {
                close(object, *held, e.t);
                open.erase(held);
            }
        }
        if (const int64_t taker = taskIdOf(state, "acquired"); taker >= 0)
            open.push_back({taker, e.t});
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
    // Names are known by the end; objects the program never named are a library's own.
    std::unordered_map<int64_t, std::vector<RowHold>> holds;
    for (Closed& c : closed_) {
        const auto& [name, semaphore] = names_[c.object];
        if (name.empty())
            continue;
        c.hold.name = name;
        c.hold.semaphore = semaphore;
        holds[c.task].push_back(std::move(c.hold));
    }
    closed_.clear();
    for (auto& entry : holds)
        std::stable_sort(entry.second.begin(), entry.second.end(),
                         [](const RowHold& a, const RowHold& b) { return a.startNs < b.startNs; });
    return holds;
}

} // namespace looplab
