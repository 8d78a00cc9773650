#include "TraceReplay.h"

#include "TaskWait.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace looplab {

const char* taskStateName(TaskState state) {
    switch (state) {
    case TaskState::Created:
        return "created";
    case TaskState::Ready:
        return "ready";
    case TaskState::Running:
        return "running";
    case TaskState::Waiting:
        return "waiting";
    case TaskState::Finished:
        return "finished";
    case TaskState::Failed:
        return "failed";
    case TaskState::Cancelled:
        return "cancelled";
    }
    return "?";
}

namespace {

bool isDone(TaskState state) {
    return state == TaskState::Finished || state == TaskState::Failed ||
           state == TaskState::Cancelled;
}

template <typename Item> void removeHandle(SharedList<Item>& list, int64_t handle) {
    const size_t found =
        list.indexWhere([handle](const Item& item) { return item.handle == handle; });
    if (found < list.size())
        list.erase(found);
}

void applySync(LoopState& state, const TraceEvent& e) {
    SyncView& view = state.sync[e.handle];
    view.id = e.handle;
    view.state = e.detail;
    const auto parsed = nlohmann::json::parse(e.detail, nullptr, false);
    if (parsed.is_discarded())
        return;
    if (parsed.value("kind", "") == "lock") {
        view.holders.clear();
        if (parsed.contains("holder") && parsed["holder"].is_number())
            view.holders.push_back(parsed["holder"].get<int64_t>());
    } else {
        // A semaphore: one state may name a release and, handed over in the same step, the
        // waiter that took the permit; the release comes first.
        if (parsed.contains("released") && parsed["released"].is_number()) {
            auto found = std::find(view.holders.begin(), view.holders.end(),
                                   parsed["released"].get<int64_t>());
            if (found != view.holders.end())
                view.holders.erase(found);
        }
        if (parsed.contains("acquired") && parsed["acquired"].is_number())
            view.holders.push_back(parsed["acquired"].get<int64_t>());
    }
}

} // namespace

TraceReplay::TraceReplay(std::vector<TraceEvent> events) : events_(std::move(events)) {
    LoopState state;
    checkpoints_.push_back(state);
    for (size_t i = 0; i < events_.size(); ++i) {
        apply(state, events_[i]);
        if ((i + 1) % kCheckpointInterval == 0)
            checkpoints_.push_back(state);
    }
}

LoopState TraceReplay::stateAfter(size_t count) const {
    count = std::min(count, events_.size());
    LoopState state = checkpoints_[count / kCheckpointInterval];
    for (size_t i = state.eventsApplied; i < count; ++i)
        apply(state, events_[i]);
    return state;
}

int64_t TraceReplay::loopClockAfter(int64_t nowNs, const TraceEvent& e) {
    if (e.kind == EventKind::Poll) // the loop slept `num` ns waiting for its next timer
        return e.t + e.num;
    if (e.kind == EventKind::GilWait) // a thread waited `num` ns for the GIL
        return e.text == "loop" ? std::max(nowNs, e.t + e.num) : nowNs;
    if (onLoopClock(e) || (e.kind == EventKind::Block && e.text == "loop"))
        return std::max(nowNs, e.t);
    return nowNs;
}

bool TraceReplay::onLoopClock(const TraceEvent& e) {
    switch (e.kind) {
    case EventKind::Job:
    case EventKind::Block:
    case EventKind::GilWait:
        return false;
    case EventKind::Line:
    case EventKind::LinesSkipped:
        return e.text.empty() || e.text == "loop";
    case EventKind::Print:
        return e.detail == "loop";
    default:
        return true;
    }
}

int64_t TraceReplay::currentLine(const LoopState& state, const TraceEvent* last) {
    if (last && last->line > 0 &&
        (last->kind == EventKind::Line || last->kind == EventKind::LinesSkipped ||
         last->kind == EventKind::Block))
        return last->line;
    const auto running = state.tasks.find(state.runningTask);
    return running != state.tasks.end() ? running->second.line : 0;
}

bool TraceReplay::isCleanupTask(bool cleanupBegun, int64_t parent, bool parentIsCleanup) {
    return cleanupBegun && (parent < 0 || parentIsCleanup);
}

bool TraceReplay::beginsCleanup(const TraceEvent& e) {
    return e.kind == EventKind::Phase && e.text == "cleanup";
}

bool TraceReplay::createdForCleanup(const LoopState& before, const TraceEvent& e) {
    if (e.kind != EventKind::TaskCreated)
        return false;
    const auto parent = e.num >= 0 ? before.tasks.find(e.num) : before.tasks.end();
    return isCleanupTask(before.phase == RunPhase::Cleanup, e.num,
                         parent != before.tasks.end() && parent->second.asyncioCleanup);
}

// A task's line, and whether it runs in the task's coroutine or in a call below it: the
// coroutine's call is the one its first line ran in (the trace's `f`); a trace without frames
// counts every line as the coroutine's own.
static void placeLine(TaskView& task, const TraceEvent& e) {
    if (task.coroutineFrame == 0 && e.frame != 0) {
        task.coroutineFrame = e.frame;
        task.coroutineDepth = e.depth;
    }
    task.line = e.line;
    const bool own = e.frame == 0 || e.frame == task.coroutineFrame;
    task.callDepth = own ? 0 : std::max<int64_t>(1, e.depth - task.coroutineDepth);
    if (own)
        task.coroutineLine = e.line;
}

void TraceReplay::apply(LoopState& state, const TraceEvent& e) {
    ++state.eventsApplied;
    state.timeNs = loopClockAfter(state.timeNs, e);
    if (state.blockedUntilNs >= 0 && state.timeNs >= state.blockedUntilNs)
        state.blockedUntilNs = -1;

    switch (e.kind) {
    case EventKind::TaskCreated: {
        const bool cleanup = createdForCleanup(state, e);
        TaskView& task = state.tasks.edit(e.task);
        task.asyncioCleanup = cleanup;
        task.id = e.task;
        task.name = e.text;
        task.coroutine = e.detail;
        task.parent = e.num;
        task.createdAtLine = e.line;
        task.line = e.line;
        break;
    }
    case EventKind::TaskRenamed:
        state.tasks.edit(e.task).name = e.text;
        break;
    case EventKind::ReadyPush:
        state.ready.push_back({e.handle, e.task, e.text, e.line});
        if (e.task >= 0) {
            // Read first: a finished task's record stays shared. A step of a task never
            // created (a trace cut short) adds it, as the map this replaced did. A task that
            // queues its own next step (sleep(0)) is still running until it yields.
            const auto task = state.tasks.find(e.task);
            if (task == state.tasks.end() ||
                (!isDone(task->second.state) && task->second.state != TaskState::Running))
                state.tasks.edit(e.task).state = TaskState::Ready;
        }
        break;
    case EventKind::TimerPush: {
        TimerView timer{e.handle, e.num, e.task, e.text};
        // Deadline order; equal deadlines keep scheduling order (handles grow with time).
        const size_t at =
            state.timers.upperBound(timer, [](const TimerView& a, const TimerView& b) {
                return a.whenNs != b.whenNs ? a.whenNs < b.whenNs : a.handle < b.handle;
            });
        state.timers.insert(at, std::move(timer));
        break;
    }
    case EventKind::TimerDue: {
        const size_t found =
            state.timers.indexWhere([&](const TimerView& t) { return t.handle == e.handle; });
        if (found < state.timers.size()) {
            const TimerView& timer = state.timers[found];
            state.ready.push_back({timer.handle, timer.task, timer.what, -1});
            state.timers.erase(found);
        }
        break;
    }
    case EventKind::HandleCancel:
        removeHandle(state.timers, e.handle);
        if (e.num == 1) // its loop was closed: a queued callback is dropped too
            removeHandle(state.ready, e.handle);
        break;
    case EventKind::HandleRun:
        removeHandle(state.ready, e.handle);
        break;
    case EventKind::Iteration:
        state.iteration = e.num;
        break;
    case EventKind::StepBegin: {
        state.runningTask = e.task;
        TaskView& task = state.tasks.edit(e.task);
        task.state = TaskState::Running;
        if (!task.started) {
            // From the top of its coroutine: no line of its own has run yet. (Its line so far
            // was where it was created, in the code of the task that made it.)
            task.started = true;
            task.line = 0;
        }
        break;
    }
    case EventKind::Line:
        if (e.task >= 0)
            placeLine(state.tasks.edit(e.task), e);
        break;
    case EventKind::StepYield: {
        TaskView& task = state.tasks.edit(e.task);
        task.line = e.line;
        task.wait = parsedWait(e);
        // A bare yield (asyncio.sleep(0)) puts the task straight back in the ready queue, and
        // so does a wake-up that came during its own step: then it is ready, not waiting.
        const bool bareYield = task.wait->isReady();
        const bool queued = state.ready.indexWhere([&](const QueuedCallback& c) {
            return c.task == e.task && (c.what == "step" || c.what == "wake");
        }) < state.ready.size();
        task.state = bareYield || queued ? TaskState::Ready : TaskState::Waiting;
        state.runningTask = -1;
        break;
    }
    case EventKind::TaskDone: {
        TaskView& task = state.tasks.edit(e.task);
        task.outcome = e.detail;
        // It ended in its coroutine, at the coroutine's last line, whatever ran last inside a
        // call made there (a helper in the return statement's f-string).
        if (task.coroutineLine > 0) {
            task.line = task.coroutineLine;
            task.callDepth = 0;
        }
        task.state =
            e.detail.find(R"("state":"cancelled")") != std::string::npos ? TaskState::Cancelled
            : e.detail.find(R"("state":"failed")") != std::string::npos  ? TaskState::Failed
                                                                         : TaskState::Finished;
        state.runningTask = -1;
        break;
    }
    case EventKind::Block:
        if (e.text == "loop")
            state.blockedUntilNs = e.t + e.num;
        break;
    case EventKind::Poll:
    case EventKind::GilWait: // the clock moves (loopClockAfter); no task changes
        break;
    case EventKind::Print:
        if (!isErrorText(e))
            ++state.linesPrinted;
        // A task printing on the loop's thread is at its print's line (after the helpers its
        // arguments called have returned).
        if (e.task >= 0 && e.line > 0 && e.detail == "loop")
            placeLine(state.tasks.edit(e.task), e);
        break;
    case EventKind::Sync:
        applySync(state, e);
        break;
    case EventKind::LinesSkipped: // the last of the lines not recorded one by one
        if (e.task >= 0)
            placeLine(state.tasks.edit(e.task), e);
        break;
    case EventKind::Job:
    case EventKind::End:
        break;
    case EventKind::Phase:
        if (e.text == "deadlock") {
            state.phase = RunPhase::Deadlock;
            state.deadlocked = true;
        } else if (beginsCleanup(e))
            state.phase = RunPhase::Cleanup;
        break;
    }
}

} // namespace looplab
