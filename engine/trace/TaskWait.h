#pragma once
// What a task awaits when it yields, as a typed record: the `info` of a trace's `yield` event
// (docs/trace-format.md, "yield info"). The event keeps the JSON text; replaying a `yield`
// parses it into a record (parsedWait) that the state and its copies share (TaskView::wait),
// and every view reads its fields.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace looplab {

struct TraceEvent;

struct TaskWait {
    // wait.kind: "sleep", "lock", "semaphore", "event", "condition", "barrier", "queue get",
    // "queue put", "queue join", "task", "gather", "taskgroup", "shield", "wait_for", "wait",
    // "as_completed", "executor", "network", "future", "ready"; empty when the info had none.
    std::string kind;
    int64_t object = -1;  // obj: the lock, semaphore, event, queue or future waited on; -1 if none
    std::string name;     // name: the object's program name, or the awaited task's name
    int64_t task = -1;    // task: the awaited task (kinds task and shield); -1 if none
    int64_t untilNs = -1; // until: virtual ns when a sleep, executor job or response is due
    std::string delay;    // sleep: the delay's short repr ("0.5")
    std::string timeout;  // wait_for: the timeout's short repr
    int64_t count = -1;   // wait: how many awaitables
    std::string pool;     // executor: the pool's label
    std::string function; // executor: the function running on the worker (fn)
    int64_t worker = -1;  // executor: the worker's index in its pool
    std::string url;      // network: the simulated request's URL
    std::vector<int64_t> tasks;    // gather and taskgroup: the task ids waited on, in order
    std::vector<TaskWait> futures; // gather: its other pending awaitables (executor jobs...)

    // The task's await chain from its coroutine inward: {"main", "gather", "sleep"}.
    std::vector<std::string> chain;
    // The innermost program frame's locals as short reprs, by name in sorted order.
    std::vector<std::pair<std::string, std::string>> locals;

    // "lock", "queue", ...: the first word of the kind (a queue's kinds say what it waits for).
    std::string objectKind() const { return kind.substr(0, kind.find(' ')); }
    // A bare yield (`await asyncio.sleep(0)` in a generator-based awaitable): back in the ready
    // queue at once rather than waiting.
    bool isReady() const { return kind == "ready"; }

    // Parses a `yield` event's info JSON. Never throws: bad JSON or a missing `wait` gives a
    // record with an empty kind (and whatever chain and locals could be read).
    static TaskWait fromYieldInfo(const std::string& json);
};

// A `yield` event's wait, parsed from its `detail`; null for events of other kinds. Parsed anew
// on each call: events keep only the text, because a parsed record for every yield of a
// million-step run would take hundreds of MB (issue 17). A state keeps the records of the waits
// it shows, and the states that share a task share its record.
std::shared_ptr<const TaskWait> parsedWait(const TraceEvent& event);

} // namespace looplab
