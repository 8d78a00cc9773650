#include "StepController.h"

#include <algorithm>

namespace looplab {

namespace {

// Events a student would want to stop at. Bookkeeping that always comes paired with another
// event (the loop popping a handle before the task step, iteration markers, state records)
// is folded into its neighbour so that one key press always shows a change.
bool isVisibleMoment(EventKind kind) {
    switch (kind) {
    case EventKind::HandleRun:
    case EventKind::Iteration:
    case EventKind::TaskRenamed:
    case EventKind::Sync:
    case EventKind::LinesSkipped:
        return false;
    default:
        return true;
    }
}

// Whose lines a debugger step follows: a task's, or those of a worker thread (by its label) or
// of the loop thread outside any task (label "").
struct Followed {
    bool valid = false;
    int64_t task = -1;
    std::string thread;

    bool owns(const TraceEvent& line) const {
        return task >= 0 ? line.task == task : line.task < 0 && line.text == thread;
    }
};

bool isWorkerThread(const std::string& label) {
    return !label.empty() && label != "loop";
}

bool isLine(const TraceEvent& e) {
    return e.kind == EventKind::Line || e.kind == EventKind::LinesSkipped;
}

// The worker thread a `job` event ran on, named as looplab_sim names it in `line` events.
std::string jobThread(const TraceEvent& job) {
    return job.text + " worker " + std::to_string(job.line);
}

} // namespace

StepController::StepController(QObject* parent) : QObject(parent) {}

void StepController::setReplay(std::shared_ptr<const TraceReplay> replay) {
    replay_ = std::move(replay);
    buildStops();
    current_ = -1;
    goToStop(0);
}

void StepController::buildStops() {
    stops_ = {0};
    stopTimes_ = {0};
    deadlockStop_ = -1;
    cleanupSteps_ = 0;
    if (!replay_)
        return;
    const auto& events = replay_->events();
    bool inCleanup = false;
    for (size_t i = 0; i < events.size(); ++i) {
        const TraceEvent& e = events[i];
        if (!isVisibleMoment(e.kind))
            continue;
        // asyncio.run's clean-up is one step (its own sentence) unless the student unfolds it;
        // the end of the run stays a step of its own.
        if (inCleanup && e.kind != EventKind::End) {
            ++cleanupSteps_;
            if (!showCleanup_)
                continue;
        }
        // Standard error written piece by piece (a traceback, line by line) is one step.
        if (isErrorText(e) && i > 0 && isErrorText(events[i - 1]) && stops_.back() == i) {
            stops_.back() = i + 1;
            continue;
        }
        if (e.kind == EventKind::Phase && e.text == "deadlock" && deadlockStop_ < 0)
            deadlockStop_ = static_cast<int>(stops_.size());
        if (e.kind == EventKind::Phase && e.text == "cleanup") {
            inCleanup = true;
            cleanupSteps_ = 1;
        }
        stops_.push_back(i + 1);
    }
    if (stops_.back() != events.size())
        stops_.push_back(events.size());
    stops_.shrink_to_fit(); // a long run has millions of stops: no slack from growing
    // The loop's clock at each stop (it never goes back), for going to a time or a moment.
    stopTimes_.assign(stops_.size(), 0);
    qint64 now = 0;
    size_t next = 0;
    for (size_t stop = 0; stop < stops_.size(); ++stop) {
        for (; next < stops_[stop]; ++next)
            now = TraceReplay::loopClockAfter(now, events[next]);
        stopTimes_[stop] = now;
    }
}

void StepController::setShowCleanup(bool show) {
    if (show == showCleanup_)
        return;
    showCleanup_ = show;
    // Stay at the same moment: the stop of the same event, or the last one before it.
    const size_t at = current_ >= 0 ? stops_[static_cast<size_t>(current_)] : 0;
    buildStops();
    const auto found = std::upper_bound(stops_.begin(), stops_.end(), at);
    const int stop = static_cast<int>(found - stops_.begin()) - 1;
    current_ = -1;
    goToStop(std::max(0, stop));
}

void StepController::toEnd() {
    // A deadlock is where the program's story ends: the first "to end" stops there, before
    // asyncio.run's clean-up cancels the stuck tasks; from there it goes to the very end.
    if (deadlockStop_ > 0 && current_ < deadlockStop_)
        goToStop(deadlockStop_);
    else
        goToStop(stopCount() - 1);
}

const TraceEvent* StepController::lastEvent() const {
    if (!replay_ || state_.eventsApplied == 0)
        return nullptr;
    return &replay_->events()[state_.eventsApplied - 1];
}

int StepController::lineInView(int running) const {
    if (running > 0)
        return running;
    const TraceEvent* last = lastEvent();
    if (!last)
        return 0;
    if (last->line > 0 && (last->kind == EventKind::StepYield || last->kind == EventKind::Block))
        return static_cast<int>(last->line);
    if (last->kind == EventKind::End) {
        // The run's end: the last line of the program that ran (or printed) on the loop's
        // thread.
        const std::vector<TraceEvent>& events = replay_->events();
        for (size_t i = std::min(lastEventIndex() + 1, events.size()); i-- > 0;) {
            const TraceEvent& e = events[i];
            // A print is at its own line (its arguments' helpers ran their lines before it).
            const bool onLoop = e.kind == EventKind::Print ? e.detail == "loop"
                                                           : e.text.empty() || e.text == "loop";
            if ((e.kind == EventKind::Line || e.kind == EventKind::LinesSkipped ||
                 e.kind == EventKind::Print) &&
                onLoop && e.line > 0)
                return static_cast<int>(e.line);
        }
        return 0;
    }
    if (last->kind != EventKind::Phase) {
        // A step about one task (woken, made ready, cancelled, done): the line it waits at or
        // stopped at, as the code view marks it.
        const auto task = last->task >= 0 ? state_.tasks.find(last->task) : state_.tasks.end();
        return task != state_.tasks.end() && task->second.line > 0
                   ? static_cast<int>(task->second.line)
                   : 0;
    }
    const std::vector<TraceEvent>& events = replay_->events();
    for (size_t i = std::min(lastEventIndex() + 1, events.size()); i-- > 0;)
        if (events[i].kind == EventKind::StepYield && events[i].line > 0)
            return static_cast<int>(events[i].line);
    return 0;
}

void StepController::goToStop(int stop) {
    stop = std::clamp(stop, 0, stopCount() - 1);
    if (stop == current_)
        return;
    current_ = stop;
    state_ = replay_ ? replay_->stateAfter(stops_[static_cast<size_t>(stop)]) : LoopState{};
    emit stateChanged();
}

bool StepController::isStopOf(Unit unit, int stop) const {
    if (unit == Unit::Event || stop <= 0 || stop >= stopCount() - 1)
        return true;
    const EventKind kind = replay_->events()[stops_[static_cast<size_t>(stop)] - 1].kind;
    if (unit == Unit::Line) // the next program line that runs, on any thread
        return kind == EventKind::Line;
    if (unit == Unit::TaskStep) // the end of a task's step, or the loop sleeping
        return kind == EventKind::StepYield || kind == EventKind::TaskDone ||
               kind == EventKind::Poll || kind == EventKind::End || kind == EventKind::Phase;
    // Iteration: the first visible moment after an iteration marker.
    const size_t previous = stops_[static_cast<size_t>(stop - 1)];
    for (size_t i = previous; i < stops_[static_cast<size_t>(stop)]; ++i)
        if (replay_->events()[i].kind == EventKind::Iteration)
            return true;
    return false;
}

void StepController::forward(Unit unit) {
    int stop = current_ + 1;
    while (stop < stopCount() - 1 && !isStopOf(unit, stop))
        ++stop;
    goToStop(stop);
}

void StepController::back(Unit unit) {
    int stop = current_ - 1;
    while (stop > 0 && !isStopOf(unit, stop))
        --stop;
    goToStop(stop);
}

bool StepController::atBreakpoint() const {
    const TraceEvent* last = lastEvent();
    return last && last->kind == EventKind::Line && breakpoints_.contains(int(last->line));
}

void StepController::continueToBreakpoint() {
    if (!replay_)
        return;
    const auto& events = replay_->events();
    for (int stop = current_ + 1; stop < stopCount(); ++stop) {
        const TraceEvent& e = events[stops_[static_cast<size_t>(stop)] - 1];
        if (e.kind == EventKind::Line && breakpoints_.contains(int(e.line))) {
            goToStop(stop);
            return;
        }
    }
    toEnd();
}

int StepController::stopOfEvent(size_t index) const {
    const auto found = std::lower_bound(stops_.begin(), stops_.end(), index + 1);
    return std::min(static_cast<int>(found - stops_.begin()), stopCount() - 1);
}

void StepController::stepInto() {
    debugStep(Debug::Into);
}

void StepController::stepOver() {
    debugStep(Debug::Over);
}

void StepController::stepOut() {
    debugStep(Debug::Out);
}

void StepController::debugStep(Debug how) {
    if (!replay_)
        return;
    const auto& events = replay_->events();
    const size_t applied = state_.eventsApplied;
    const TraceEvent* now = lastEvent();
    // Whose step this is.
    Followed followed;
    if (now && now->kind == EventKind::Line) {
        followed = {true, now->task, now->task >= 0 ? std::string() : now->text.str()};
    } else if (now && now->task < 0 && now->kind == EventKind::Print &&
               isWorkerThread(now->detail)) {
        followed = {true, -1, now->detail};
    } else if (now && now->task < 0 && now->kind == EventKind::Block && isWorkerThread(now->text)) {
        followed = {true, -1, now->text};
    } else {
        const int64_t task = state_.runningTask >= 0                    ? state_.runningTask
                             : now && now->kind == EventKind::StepYield ? now->task
                                                                        : -1;
        if (task >= 0)
            followed = {true, task, {}};
    }
    if (!followed.valid) {
        forward(Unit::Line);
        return;
    }
    // The line it is at: its last line so far (none before its first line ran).
    const TraceEvent* from = nullptr;
    size_t fromIndex = 0;
    for (size_t i = applied; i-- > 0;) {
        const TraceEvent& e = events[i];
        if (isLine(e) && followed.owns(e)) {
            from = &e;
            fromIndex = i;
            break;
        }
        if (e.kind == EventKind::TaskCreated && e.task == followed.task)
            break;
    }
    // Over a loop: at its header reached again from its body (the previous line of the same
    // frame is inside the loop), the lines of this frame inside the loop are not stops.
    const LoopLines* crossing = nullptr;
    if (how == Debug::Over && from && from == now) {
        for (const LoopLines& loop : loops_) {
            if (loop.header == from->line && (!crossing || loop.last < crossing->last))
                crossing = &loop;
        }
        if (crossing) {
            const LoopLines* loop = crossing;
            crossing = nullptr;
            for (size_t i = fromIndex; i-- > 0;) {
                const TraceEvent& e = events[i];
                if (isLine(e) && followed.owns(e) && e.frame == from->frame) {
                    if (e.line >= loop->header && e.line <= loop->last)
                        crossing = loop;
                    break;
                }
            }
        }
    }
    const auto lineStops = [&](const TraceEvent& e) {
        switch (how) {
        case Debug::Into:
            return true;
        case Debug::Over:
            if (!from)
                return true;
            if (e.depth > from->depth) // in a function the current one called
                return false;
            return !(crossing && e.frame == from->frame && e.line >= crossing->header &&
                     e.line <= crossing->last);
        case Debug::Out:
            return from && e.depth < from->depth;
        }
        return true;
    };
    for (size_t i = applied; i < events.size(); ++i) {
        const TraceEvent& e = events[i];
        bool stop = false;
        switch (e.kind) {
        case EventKind::Line: // a breakpoint stops any step, as in a debugger
            stop = (followed.owns(e) && lineStops(e)) || breakpoints_.contains(int(e.line));
            break;
        case EventKind::StepYield:
            // Running the rest of a loop passes its awaits too: the step ends after the loop.
            stop = followed.task >= 0 && e.task == followed.task && !crossing;
            break;
        case EventKind::TaskDone:
            stop = followed.task >= 0 && e.task == followed.task;
            break;
        case EventKind::Job: // the worker thread's job is over
            stop = followed.task < 0 && isWorkerThread(followed.thread) &&
                   jobThread(e) == followed.thread;
            break;
        case EventKind::Phase:
        case EventKind::End:
            stop = true;
            break;
        default:
            break;
        }
        if (stop) {
            goToStop(stopOfEvent(i));
            return;
        }
    }
    goToStop(stopCount() - 1);
}

void StepController::goToTime(qint64 ns) {
    // The state at that virtual time: the last step at or before it by the loop's clock (worker
    // events carry a worker's clock, which runs ahead, and do not move the loop's).
    if (!replay_)
        return;
    const auto after = std::upper_bound(stopTimes_.begin(), stopTimes_.end(), ns);
    goToStop(std::max(0, static_cast<int>(after - stopTimes_.begin()) - 1));
}

StepController::Moment StepController::moment() const {
    // Program lines cost 100 ns each, so an edit of a few lines shifts every later time a
    // little: a moment is the millisecond it falls in and how many steps into it.
    const qint64 t = stopTimes_.empty() ? 0 : stopTimes_[static_cast<size_t>(current_)];
    const qint64 bucket = t - t % kMomentNs;
    const auto first = std::lower_bound(stopTimes_.begin(), stopTimes_.end(), bucket);
    return {bucket, current_ - static_cast<int>(first - stopTimes_.begin())};
}

void StepController::goToMoment(const Moment& moment) {
    if (!replay_)
        return;
    const auto first = std::lower_bound(stopTimes_.begin(), stopTimes_.end(), moment.timeNs);
    const auto after = std::lower_bound(first, stopTimes_.end(), moment.timeNs + kMomentNs);
    if (first == after) { // the run has no step in that millisecond: the last one before it
        goToTime(moment.timeNs);
        return;
    }
    const int begin = static_cast<int>(first - stopTimes_.begin());
    const int count = static_cast<int>(after - first);
    goToStop(begin + std::min(moment.stepsIntoTime, count - 1));
}

} // namespace looplab
