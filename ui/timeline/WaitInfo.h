#pragma once
// The two facts the timeline needs from a `yield` event's info JSON: what the task waits for
// (`wait.kind`) and, for timed waits, when it is due (`wait.until`).
//
// The timeline library must stay free of a JSON dependency (it is built with the standard
// library only), so this is a small tolerant scanner rather than a full parser: it walks the
// JSON structure just far enough to find those two members and gives up quietly on bad input.

#include <cstdint>
#include <string>

namespace looplab {

struct WaitInfo {
    std::string kind;     // empty when the info has no wait (or is not JSON)
    int64_t untilNs = -1; // -1 when the wait has no deadline
    std::string name;     // the object's name (lock "first") or the awaited task, if any

    static WaitInfo fromYieldJson(const std::string& json);
};

} // namespace looplab
