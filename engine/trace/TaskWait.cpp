#include "TaskWait.h"

#include "TaskWaitJson.h"
#include "TraceEvent.h"

#include <nlohmann/json.hpp>

namespace looplab {

namespace {

using json = nlohmann::json;

// A string field as the recorder wrote it; numbers and other values as their JSON text (a
// short repr may arrive as a number), null and absent as empty.
std::string text(const json& object, const char* key) {
    const auto found = object.find(key);
    if (found == object.end() || found->is_null())
        return {};
    return found->is_string() ? found->get<std::string>() : found->dump();
}

int64_t integer(const json& object, const char* key) {
    const auto found = object.find(key);
    return found != object.end() && found->is_number() ? found->get<int64_t>() : -1;
}

// The `wait` object itself (also the shape of each of a gather's `futures`).
TaskWait waitFrom(const json& wait) {
    TaskWait out;
    if (!wait.is_object())
        return out;
    out.kind = text(wait, "kind");
    out.object = integer(wait, "obj");
    out.name = text(wait, "name");
    out.task = integer(wait, "task");
    out.untilNs = integer(wait, "until");
    out.delay = text(wait, "delay");
    out.timeout = text(wait, "timeout");
    out.count = integer(wait, "count");
    out.pool = text(wait, "pool");
    out.function = text(wait, "fn");
    out.worker = integer(wait, "worker");
    out.url = text(wait, "url");
    if (const auto tasks = wait.find("tasks"); tasks != wait.end() && tasks->is_array()) {
        out.tasks.reserve(tasks->size());
        for (const json& id : *tasks)
            if (id.is_number_integer())
                out.tasks.push_back(id.get<int64_t>());
    }
    if (const auto futures = wait.find("futures"); futures != wait.end() && futures->is_array())
        for (const json& future : *futures)
            out.futures.push_back(waitFrom(future));
    return out;
}

} // namespace

TaskWait TaskWait::fromYieldInfo(const std::string& info) {
    const json parsed = json::parse(info, nullptr, false);
    return parsed.is_discarded() ? TaskWait() : taskWaitFromJson(parsed);
}

TaskWait taskWaitFromJson(const json& parsed) {
    if (!parsed.is_object())
        return {};
    TaskWait out;
    if (const auto wait = parsed.find("wait"); wait != parsed.end())
        out = waitFrom(*wait);
    if (const auto chain = parsed.find("chain"); chain != parsed.end() && chain->is_array())
        for (const json& link : *chain)
            out.chain.push_back(link.is_string() ? link.get<std::string>() : link.dump());
    if (const auto locals = parsed.find("locals"); locals != parsed.end() && locals->is_object())
        for (const auto& [name, value] : locals->items())
            out.locals.emplace_back(name,
                                    value.is_string() ? value.get<std::string>() : value.dump());
    return out;
}

std::shared_ptr<const TaskWait> parsedWait(const TraceEvent& event) {
    if (event.kind != EventKind::StepYield)
        return nullptr;
    return std::make_shared<const TaskWait>(TaskWait::fromYieldInfo(event.detail));
}

} // namespace looplab
