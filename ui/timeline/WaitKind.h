#pragma once
// What a waiting task waits on, in the few families a student must tell apart on the timeline:
// asyncio's own words (TaskWait::kind: "sleep", "lock", "queue get", "gather", ...) grouped so
// each family gets its own colour and pattern (TimelinePalette) and its own legend entry.
// Plain C++: the model, the exports and the charts share it.

#include <cstdint>
#include <string>

namespace looplab {

enum class WaitKind : uint8_t {
    None,      // not a wait (running, ready, blocked, busy), or a wait recorded without a kind
    Sleep,     // asyncio.sleep or any timer; also the loop idling until its next timer
    Lock,      // asyncio.Lock
    Semaphore, // asyncio.Semaphore, and a connection limit of the simulated network
    Queue,     // queue get, put, join
    Event,     // asyncio.Event, Condition, Barrier
    Network,   // a simulated aiohttp request in flight
    Executor,  // run_in_executor / to_thread: a worker runs the job
    Await,     // another task, gather, TaskGroup, shield, wait_for, wait, a plain future
    Late,      // a timer that was due but could not run: the loop was blocked or busy
};

constexpr int kWaitKindCount = static_cast<int>(WaitKind::Late) + 1;

// TaskWait::kind to its family; a kind LoopLab does not know yet counts as awaiting something.
inline WaitKind waitKindOf(const std::string& kind) {
    if (kind.empty())
        return WaitKind::None;
    if (kind == "sleep")
        return WaitKind::Sleep;
    if (kind == "lock")
        return WaitKind::Lock;
    if (kind == "semaphore")
        return WaitKind::Semaphore;
    if (kind.rfind("queue", 0) == 0)
        return WaitKind::Queue;
    if (kind == "event" || kind == "condition" || kind == "barrier")
        return WaitKind::Event;
    if (kind == "network")
        return WaitKind::Network;
    if (kind == "executor")
        return WaitKind::Executor;
    if (kind == "late timer")
        return WaitKind::Late;
    return WaitKind::Await;
}

// The family's words, in WaitKind's order: its name as the CSV, the Chrome trace and the charts
// say it, and the legend's words (what the student sees the task doing).
struct WaitKindWords {
    const char* name;
    const char* legend;
};

inline const WaitKindWords& waitKindWords(WaitKind kind) {
    static constexpr WaitKindWords kWords[kWaitKindCount] = {
        {"waiting", "waiting"},
        {"sleep", "sleep / timer"},
        {"lock", "lock"},
        {"semaphore", "semaphore"},
        {"queue", "queue"},
        {"event", "event / condition"},
        {"network", "network"},
        {"executor", "executor / thread"},
        {"await", "task / gather / future"},
        {"late timer", "timer late (loop blocked)"},
    };
    return kWords[static_cast<int>(kind)];
}

inline const char* waitKindName(WaitKind kind) {
    return waitKindWords(kind).name;
}
inline const char* waitKindLegend(WaitKind kind) {
    return waitKindWords(kind).legend;
}

} // namespace looplab
