#pragma once
// LoopLab's event loop: a ready queue, a timer heap and a virtual clock.
//
// It does what CPython's BaseEventLoop._run_once does, one iteration per runOnce(), but on
// virtual time: instead of blocking in epoll it moves the clock to the next timer. The
// callbacks themselves are asyncio.Handle / TimerHandle objects made by the Python side of the
// loop (looplab_engine/loop.py), so cancellation, contexts and exception handling are CPython's.

#include "RunBudget.h"
#include "TraceRecorder.h"
#include "VirtualClock.h"

#include <pybind11/pybind11.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <queue>
#include <string>
#include <vector>

namespace looplab {

namespace py = pybind11;

class EventLoopCore {
  public:
    enum class Outcome { Ran, Deadlock, BudgetExceeded };

    EventLoopCore(VirtualClock& clock, TraceRecorder& recorder, RunBudget& budget);

    // Appends a callback to the ready queue; `task` is the task it steps (-1 for none).
    // `cancelledWake`: the callback wakes a task whose awaited future was cancelled (recorded
    // as the ready event's `cancel`, docs/trace-format.md).
    int64_t callSoon(py::object handle, int64_t task, const std::string& what,
                     bool cancelledWake = false);
    // Schedules a TimerHandle for loop time `when` (seconds). A timer that does not step a task
    // (task -1) is recorded as belonging to the task running now (the one that went to sleep).
    // Timers with equal deadlines fire in `tie` order, then in scheduling order; `tie` is 0
    // except in a perturbed run, whose seeded ties reorder them (docs/simulation-model.md).
    int64_t callAt(py::object handle, double when, int64_t task, const std::string& what,
                   int64_t tie = 0);
    // A TimerHandle was cancelled; it stays in the heap until it reaches the top, as in CPython.
    void noteCancelled(int64_t handleId);

    // One iteration of the loop. `stopping` makes the poll not wait (loop.stop()).
    Outcome runOnce(bool stopping);

    double time() const { return clock_.loopSeconds(); }
    int64_t currentTask() const { return currentTask_; }
    int64_t iterations() const { return iterations_; }
    size_t readyCount() const { return ready_.size(); }
    size_t timerCount() const { return timers_.size(); }
    // Deadlines of the live timers, earliest first (for tests and the deadlock report).
    std::vector<double> timerDeadlines() const;

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

    void dropCancelledTimers();
    bool waitForNextTimer(bool stopping); // false: nothing could ever wake the loop
    void moveDueTimersToReady();
    void runHandle(const Ready& entry);

    VirtualClock& clock_;
    TraceRecorder& recorder_;
    RunBudget& budget_;
    std::deque<Ready> ready_;
    TimerHeap timers_;
    int64_t nextHandleId_ = 1;
    int64_t currentTask_ = -1;
    int64_t currentHandle_ = -1; // the callback running now: the cause of what it schedules
    int64_t iterations_ = 0;
    StepObserver stepObserver_;
    std::function<void()> beginSpan_;
    std::function<void(int64_t)> endSpan_;
};

} // namespace looplab
