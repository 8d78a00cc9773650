#pragma once
// What a timeline row shows besides its states: moments (marks) and what the task holds while
// it runs or waits (holds). Plain data, built by the model from the trace's events.

#include <cstdint>
#include <string>

namespace looplab {

enum class MarkKind : uint8_t {
    CancelRequested, // task.cancel() reached a task that was still waiting
    Cancelled,       // CancelledError was delivered into the task (or it ended cancelled)
    TimeoutExpired,  // a timeout the task set (wait_for, asyncio.timeout, wait) expired
    Exception,       // the task ended with an exception
    Finished,        // the task returned
    Deadlock,        // the loop found nothing to run and no timer to wait for
};

constexpr int kMarkKindCount = static_cast<int>(MarkKind::Deadlock) + 1;

inline const char* markKindName(MarkKind kind) {
    switch (kind) {
    case MarkKind::CancelRequested:
        return "cancel requested";
    case MarkKind::Cancelled:
        return "CancelledError";
    case MarkKind::TimeoutExpired:
        return "timeout expired";
    case MarkKind::Exception:
        return "exception";
    case MarkKind::Finished:
        return "finished";
    case MarkKind::Deadlock:
        return "deadlock";
    }
    return "?";
}

struct RowMark {
    int64_t ns = 0;
    MarkKind kind = MarkKind::Finished;
    std::string detail; // the exception's type, the timeout's kind; may be empty

    bool operator==(const RowMark& o) const {
        return ns == o.ns && kind == o.kind && detail == o.detail;
    }
};

// A lock held, or one permit of a semaphore, from startNs to endNs (the run's end if never
// released, as in a deadlock).
struct RowHold {
    int64_t startNs = 0;
    int64_t endNs = 0;
    bool semaphore = false;
    std::string name; // the object's program name, or "lock 2" when it has none

    bool operator==(const RowHold& o) const {
        return startNs == o.startNs && endNs == o.endNs && semaphore == o.semaphore &&
               name == o.name;
    }
};

} // namespace looplab
