#pragma once
// LoopLab's event loop: a ready queue and a timer heap per asyncio loop, and a virtual clock.
//
// It does what CPython's BaseEventLoop._run_once does, one iteration per runOnce(), but on
// virtual time: instead of blocking in epoll it moves the clock to the next timer. The
// callbacks themselves are asyncio.Handle / TimerHandle objects made by the Python side of the
// loop (looplab_engine/loop.py), so cancellation, contexts and exception handling are CPython's.
//
// A program may make several loops (asyncio.run twice, asyncio.new_event_loop()): each has its
// own ready queue and timers, as each BaseEventLoop has its own _ready and _scheduled, and
// closing a loop drops what it still holds (BaseEventLoop.close). The clock is the run's one
// virtual clock, shared by every loop.

#include "RunBudget.h"
#include "TraceRecorder.h"
#include "VirtualClock.h"

#include <pybind11/pybind11.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <queue>
#include <string>
#include <unordered_map>
#include <vector>

namespace looplab {

namespace py = pybind11;

class EventLoopCore {
  public:
    enum class Outcome { Ran, Deadlock, BudgetExceeded };
    // Which asyncio loop a call is about: an id from newLoop(); 0 is the loop every core has
    // from the start (the C++ tests and benchmarks use it).
    using LoopId = int64_t;
    static constexpr LoopId kFirstLoop = 0;

    EventLoopCore(VirtualClock& clock, TraceRecorder& recorder, RunBudget& budget);

    // Appends a callback to the ready queue; `task` is the task it steps (-1 for none).
    // `cancelledWake`: the callback wakes a task whose awaited future was cancelled (recorded
    // as the ready event's `cancel`, docs/trace-format.md).
    int64_t callSoon(py::object handle, int64_t task, const std::string& what,
                     bool cancelledWake = false, LoopId loop = kFirstLoop);
    // Schedules a TimerHandle for loop time `when` (seconds). A timer that does not step a task
    // (task -1) is recorded as belonging to the task running now (the one that went to sleep).
    // Timers with equal deadlines fire in `tie` order, then in scheduling order; `tie` is 0
    // except in a perturbed run, whose seeded ties reorder them (docs/simulation-model.md).
    int64_t callAt(py::object handle, double when, int64_t task, const std::string& what,
                   LoopId loop = kFirstLoop, int64_t tie = 0);
    // A TimerHandle was cancelled; it stays in the heap until it reaches the top, as in CPython.
    void noteCancelled(int64_t handleId);

    // One iteration of `loop`. `stopping` makes the poll not wait (loop.stop()).
    Outcome runOnce(bool stopping, LoopId loop = kFirstLoop);

    // A new asyncio loop with an empty ready queue and no timers.
    LoopId newLoop();
    // BaseEventLoop.close(): the loop's queued callbacks and timers are dropped without running
    // (each recorded as cancelled, `closed`); their handles are released. Returns how many.
    size_t closeLoop(LoopId loop);

    double time() const { return clock_.loopSeconds(); }
    int64_t currentTask() const { return currentTask_; }
    int64_t iterations() const { return iterations_; }
    size_t readyCount(LoopId loop = kFirstLoop) const;
    size_t timerCount(LoopId loop = kFirstLoop) const;
    // Deadlines of the live timers, earliest first (for tests and the deadlock report).
    std::vector<double> timerDeadlines(LoopId loop = kFirstLoop) const;
    // The handles in the ready queue, first to run first (the loop's `_ready`), and the timers
    // in heap order (its `_scheduled`), as Python lists.
    py::list readyHandles(LoopId loop) const;
    py::list timerHandles(LoopId loop) const;

    // Called after every step of a task with its id and the handle that ran, to record what
    // the task now waits on.
    using StepObserver = std::function<void(int64_t, const py::object&)>;
    void setStepObserver(StepObserver observer) { stepObserver_ = std::move(observer); }
    // Called before and after every callback (the line tracer counts lines per step).
    void setSpanHooks(std::function<void()> begin, std::function<void(int64_t)> end) {
        beginSpan_ = std::move(begin);
        endSpan_ = std::move(end);
    }

  private:
    struct Ready {
        py::object handle;
        int64_t id;
        int64_t task;
    };
    struct Timer {
        double when;
        int64_t tie; // equal deadlines: the lower tie first (always 0 unless perturbed)
        int64_t seq; // then scheduling order: first-scheduled first
        py::object handle;
        int64_t task;
        bool operator>(const Timer& other) const {
            if (when != other.when)
                return when > other.when;
            return tie != other.tie ? tie > other.tie : seq > other.seq;
        }
    };
    using TimerHeap = std::priority_queue<Timer, std::vector<Timer>, std::greater<Timer>>;
    // One asyncio loop's own queues (BaseEventLoop._ready and _scheduled).
    struct Queues {
        std::deque<Ready> ready;
        TimerHeap timers;
    };

    Queues& queuesOf(LoopId loop);               // throws std::out_of_range for a closed loop
    const Queues* findQueues(LoopId loop) const; // nullptr for an unknown or closed loop
    static void dropCancelledTimers(Queues& queues);
    bool waitForNextTimer(const Queues& queues, bool stopping); // false: nothing can wake it
    void moveDueTimersToReady(Queues& queues);
    void runHandle(const Ready& entry);

    VirtualClock& clock_;
    TraceRecorder& recorder_;
    RunBudget& budget_;
    std::unordered_map<LoopId, Queues> loops_;
    LoopId nextLoopId_ = kFirstLoop + 1;
    int64_t nextHandleId_ = 1;
    int64_t currentTask_ = -1;
    int64_t currentHandle_ = -1; // the callback running now: the cause of what it schedules
    int64_t iterations_ = 0;
    StepObserver stepObserver_;
    std::function<void()> beginSpan_;
    std::function<void(int64_t)> endSpan_;
};

} // namespace looplab
