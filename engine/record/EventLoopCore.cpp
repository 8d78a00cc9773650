#include "EventLoopCore.h"

#include <algorithm>
#include <cmath>

namespace looplab {

namespace {
// CPython never sleeps longer than a day in one select() call.
constexpr double kMaximumSelectTimeout = 24 * 3600;
// time.get_clock_info('monotonic').resolution on Linux: timers this close count as due.
constexpr double kClockResolution = 1e-9;

// Handle attributes looked up on every callback: made into Python strings once.
const py::str& attrCancelled() {
    static const auto* name = new py::str("_cancelled");
    return *name;
}
const py::str& attrScheduled() {
    static const auto* name = new py::str("_scheduled");
    return *name;
}
const py::str& attrRun() {
    static const auto* name = new py::str("_run");
    return *name;
}
} // namespace

EventLoopCore::EventLoopCore(VirtualClock& clock, TraceRecorder& recorder, RunBudget& budget)
    : clock_(clock), recorder_(recorder), budget_(budget) {
    loops_.emplace(kFirstLoop, Queues{});
}

EventLoopCore::LoopId EventLoopCore::newLoop() {
    const LoopId id = nextLoopId_++;
    loops_.emplace(id, Queues{});
    return id;
}

EventLoopCore::Queues& EventLoopCore::queuesOf(LoopId loop) {
    // BaseEventLoop._check_closed() refuses scheduling on a closed loop before it gets here.
    return loops_.at(loop);
}

const EventLoopCore::Queues* EventLoopCore::findQueues(LoopId loop) const {
    const auto found = loops_.find(loop);
    return found == loops_.end() ? nullptr : &found->second;
}

size_t EventLoopCore::closeLoop(LoopId loop) {
    const auto found = loops_.find(loop);
    if (found == loops_.end())
        return 0;
    // Move the queues out first: releasing a handle may run Python code (a __del__) that
    // schedules on another loop, which must not see this map mid-erase.
    Queues dropped = std::move(found->second);
    loops_.erase(found);
    size_t count = 0;
    auto recordDropped = [&](int64_t handleId) {
        recorder_.add({EventKind::HandleCancel, clock_.loopNs(), -1, handleId, 0, 1, {}, {}});
        ++count;
    };
    for (const Ready& entry : dropped.ready)
        recordDropped(entry.id);
    while (!dropped.timers.empty()) {
        const Timer& timer = dropped.timers.top();
        if (!timer.handle.attr(attrCancelled()).cast<bool>())
            recordDropped(timer.seq);
        timer.handle.attr(attrScheduled()) = false;
        dropped.timers.pop();
    }
    return count;
}

int64_t EventLoopCore::callSoon(py::object handle, int64_t task, const std::string& what,
                                bool cancelledWake, LoopId loop) {
    Queues& queues = queuesOf(loop);
    const int64_t id = nextHandleId_++;
    queues.ready.push_back(Ready{std::move(handle), id, task});
    recorder_.add({EventKind::ReadyPush,
                   clock_.loopNs(),
                   task,
                   id,
                   currentHandle_,
                   cancelledWake ? 1 : 0,
                   what,
                   {}});
    return id;
}

int64_t EventLoopCore::callAt(py::object handle, double when, int64_t task, const std::string& what,
                              LoopId loop, int64_t tie) {
    Queues& queues = queuesOf(loop);
    const int64_t id = nextHandleId_++;
    queues.timers.push(Timer{when, tie, id, std::move(handle), task});
    const auto whenNs = static_cast<int64_t>(std::llround(when * 1e9));
    const int64_t owner = task >= 0 ? task : currentTask_;
    recorder_.add(
        {EventKind::TimerPush, clock_.loopNs(), owner, id, currentHandle_, whenNs, what, {}});
    return id;
}

void EventLoopCore::noteCancelled(int64_t handleId) {
    recorder_.add({EventKind::HandleCancel, clock_.loopNs(), -1, handleId, 0, 0, {}, {}});
}

// One turn of the event loop, in four phases (compare libuv's uv_run and CPython's _run_once).
EventLoopCore::Outcome EventLoopCore::runOnce(bool stopping, LoopId loop) {
    // Once a budget is exceeded nothing more of the program runs, not even asyncio.run's
    // clean-up of its tasks: the run is over.
    if (budget_.tripped())
        return Outcome::BudgetExceeded;
    ++iterations_;
    Queues& queues = queuesOf(loop);
    // 1. Forget cancelled timers that reached the top of the heap.
    dropCancelledTimers(queues);
    // 2. Poll: if nothing is ready, sleep until the first timer is due. Nothing ready, no timer:
    //    no callback can ever run again, so every unfinished task is stuck (deadlock).
    if (!waitForNextTimer(queues, stopping))
        return Outcome::Deadlock;
    // 3. Timers whose deadline has come join the back of the ready queue.
    moveDueTimersToReady(queues);
    // 4. Run the callbacks that are ready now, in order. Callbacks they schedule wait for the
    //    next iteration, so one busy task cannot starve the timers. (A callback cannot close
    //    the running loop, so `queues` stays valid: close() refuses while the loop runs.)
    const size_t readyAtStart = queues.ready.size();
    recorder_.add({EventKind::Iteration,
                   clock_.loopNs(),
                   -1,
                   -1,
                   static_cast<int64_t>(readyAtStart),
                   iterations_,
                   {},
                   {}});
    for (size_t i = 0; i < readyAtStart && !budget_.tripped(); ++i) {
        if (budget_.steps >= budget_.maxSteps) {
            budget_.trip("more than " + std::to_string(budget_.maxSteps) +
                         " loop steps (raise it with --max-steps)");
            break; // the callback stays queued: the trace shows what would have run next
        }
        // Checked between callbacks: one callback records at most kRecordedLinesPerStep
        // lines, so a run stops within a few thousand events of the limit.
        if (static_cast<int64_t>(recorder_.size()) >= budget_.maxEvents) {
            budget_.trip("more than " + std::to_string(budget_.maxEvents) +
                         " trace events (raise it with --max-events)");
            break;
        }
        Ready entry = std::move(queues.ready.front());
        queues.ready.pop_front();
        runHandle(entry);
    }
    return budget_.tripped() ? Outcome::BudgetExceeded : Outcome::Ran;
}

void EventLoopCore::dropCancelledTimers(Queues& queues) {
    TimerHeap& timers = queues.timers;
    while (!timers.empty() && timers.top().handle.attr(attrCancelled()).cast<bool>()) {
        // Remove it from the heap before releasing the handle, as CPython does.
        timers.top().handle.attr(attrScheduled()) = false;
        timers.pop();
    }
}

bool EventLoopCore::waitForNextTimer(const Queues& queues, bool stopping) {
    if (!queues.ready.empty() || stopping)
        return true;
    if (queues.timers.empty())
        return false;
    const double timeout =
        std::min(std::max(0.0, queues.timers.top().when - time()), kMaximumSelectTimeout);
    if (timeout > 0) {
        // epoll takes whole milliseconds and rounds a positive timeout up.
        const auto waitedNs = static_cast<int64_t>(std::ceil(timeout * 1e3)) * 1'000'000;
        recorder_.add({EventKind::Poll, clock_.loopNs(), -1, -1, 0, waitedNs, {}, {}});
        clock_.loopWaits(waitedNs);
        // epoll_wait released the GIL: a thread that computes may hold it now.
        clock_.retakeGil();
    }
    return true;
}

void EventLoopCore::moveDueTimersToReady(Queues& queues) {
    const double endTime = time() + kClockResolution;
    while (!queues.timers.empty() && queues.timers.top().when < endTime) {
        Timer timer = queues.timers.top();
        queues.timers.pop();
        timer.handle.attr(attrScheduled()) = false;
        recorder_.add({EventKind::TimerDue, clock_.loopNs(), timer.task, timer.seq, 0, 0, {}, {}});
        queues.ready.push_back(Ready{std::move(timer.handle), timer.seq, timer.task});
    }
}

void EventLoopCore::runHandle(const Ready& entry) {
    if (entry.handle.attr(attrCancelled()).cast<bool>())
        return;
    ++budget_.steps;
    recorder_.add({EventKind::HandleRun, clock_.loopNs(), entry.task, entry.id, 0, 0, {}, {}});
    if (entry.task >= 0)
        recorder_.add({EventKind::StepBegin, clock_.loopNs(), entry.task, entry.id, 0, 0, {}, {}});
    if (beginSpan_)
        beginSpan_();
    {
        // Handle._run() reports the callback's exceptions to the loop's exception handler;
        // only SystemExit and KeyboardInterrupt come out, and they end the run as in CPython.
        struct Running { // reset even when the callback raises SystemExit
            int64_t& task;
            int64_t& handle;
            Running(int64_t& t, int64_t& h, int64_t taskId, int64_t handleId) : task(t), handle(h) {
                task = taskId;
                handle = handleId;
            }
            ~Running() { task = handle = -1; }
        } running(currentTask_, currentHandle_, entry.task, entry.id);
        entry.handle.attr(attrRun())();
    }
    if (endSpan_)
        endSpan_(entry.task);
    if (entry.task >= 0 && stepObserver_)
        stepObserver_(entry.task, entry.handle);
}

size_t EventLoopCore::readyCount(LoopId loop) const {
    const Queues* queues = findQueues(loop);
    return queues ? queues->ready.size() : 0;
}

size_t EventLoopCore::timerCount(LoopId loop) const {
    const Queues* queues = findQueues(loop);
    return queues ? queues->timers.size() : 0;
}

py::list EventLoopCore::readyHandles(LoopId loop) const {
    py::list out;
    if (const Queues* queues = findQueues(loop))
        for (const Ready& entry : queues->ready)
            out.append(entry.handle);
    return out;
}

py::list EventLoopCore::timerHandles(LoopId loop) const {
    py::list out;
    if (const Queues* queues = findQueues(loop)) {
        TimerHeap copy = queues->timers;
        for (; !copy.empty(); copy.pop())
            out.append(copy.top().handle);
    }
    return out;
}

std::vector<double> EventLoopCore::timerDeadlines(LoopId loop) const {
    const Queues* queues = findQueues(loop);
    if (!queues)
        return {};
    TimerHeap copy = queues->timers;
    std::vector<double> out;
    while (!copy.empty()) {
        if (!copy.top().handle.attr(attrCancelled()).cast<bool>())
            out.push_back(copy.top().when);
        copy.pop();
    }
    return out;
}

} // namespace looplab
