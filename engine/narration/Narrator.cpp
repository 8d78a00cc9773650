#include "Narrator.h"
#include "NarrationPhrases.h"
#include "TaskLabel.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <vector>

namespace looplab {

using namespace narration;

std::string formatSeconds(int64_t ns) {
    return "t=" + seconds(ns);
}

Narrator::Narrator(const TraceReplay& replay) : replay_(replay) {
    // One pass: later sentences ask what a handle was long after it left the queue.
    const auto& events = replay_.events();
    for (size_t i = 0; i < events.size(); ++i) {
        const TraceEvent& e = events[i];
        if (e.kind == EventKind::ReadyPush || e.kind == EventKind::TimerPush) {
            handles_[e.handle] = {e.kind == EventKind::TimerPush, e.task, e.text};
        } else if (e.kind == EventKind::StepBegin) {
            firstStep_.emplace(e.task, i); // keeps the earliest
            if (!handles_.count(e.handle))
                handles_[e.handle] = {false, e.task, "step"};
        }
    }
}

std::string Narrator::timerPhrase(const LoopState& state, int64_t handle,
                                  bool sentenceStart) const {
    const std::string a = sentenceStart ? "A" : "a";
    const std::string the = sentenceStart ? "The" : "the";
    auto found = handles_.find(handle);
    if (found == handles_.end())
        return a + " timer";
    const HandleInfo& info = found->second;
    const std::string owner = info.task >= 0 ? taskName(state, info.task) : std::string();
    if (info.what == "_set_result_unless_cancelled" && !owner.empty())
        return owner + "'s timer";
    if (info.what.find("_deliver") != std::string::npos && !owner.empty())
        return the + " timer delivering " + owner + "'s executor result";
    if ((info.what == "Timeout._on_timeout" || info.what == "_release_waiter") && !owner.empty())
        return owner + "'s timeout";
    return the + " timer for callback " + info.what +
           (owner.empty() ? "" : " (set by " + owner + ")");
}

std::string Narrator::describeHandle(const LoopState& state, int64_t handle,
                                     bool sentenceStart) const {
    const std::string the = sentenceStart ? "The" : "the";
    auto found = handles_.find(handle);
    if (found == handles_.end())
        return sentenceStart ? "A callback" : "a callback";
    const HandleInfo& info = found->second;
    if (info.timer)
        return the + " callback of " + timerPhrase(state, handle);
    if (info.task >= 0 && (info.what == "step" || info.what == "wake"))
        return taskName(state, info.task); // as the program spelled it, even first
    return the + " callback " + info.what;
}

// Why a waiting task woke up, from the handle that scheduled its wake-up. A task's step is
// named as the cause of a release or set only when that step's own sync record shows it, so
// a cancellation is never passed off as a lock release.
std::string Narrator::wakeReason(size_t eventIndex, const LoopState& before) const {
    const TraceEvent& e = replay_.events()[eventIndex];
    if (e.line < 0)
        return {};
    auto cause = handles_.find(e.line);
    if (cause == handles_.end())
        return {};
    const HandleInfo& by = cause->second;
    const auto waiting = before.tasks.find(e.task);
    static const TaskWait none;
    const TaskWait& wait =
        waiting != before.tasks.end() && waiting->second.wait ? *waiting->second.wait : none;
    const std::string& kind = wait.kind;

    if (by.timer) {
        if (kind == "sleep" && by.task == e.task)
            return " (woken by its timer)";
        if (kind == "network")
            return " (the response from " + wait.url + " has arrived)";
        if (kind == "executor")
            return " (" + wait.function + " has finished on " +
                   workerLabel(wait.pool, wait.worker) + ")";
        return " (woken by " + timerPhrase(before, e.line) + ")";
    }
    if (by.what == "gather.<locals>._done_callback" && kind == "gather")
        return " (the gather it awaits is complete)";
    if (by.what != "step" && by.what != "wake")
        return " (woken by the callback " + by.what + ")";

    const std::string stepper = taskName(before, by.task);
    const int64_t obj = wait.object;
    if ((kind == "task" || kind == "shield") && wait.task == by.task)
        return " because " + stepper + " finished";
    const size_t syncIndex = stepSyncIndex(replay_.events(), eventIndex + 1, obj);
    if (syncIndex != std::string::npos) {
        const json state = parse(replay_.events()[syncIndex].detail);
        const std::string syncKind = str(state, "kind");
        if (kind == "lock" && syncKind == "lock")
            return " because " + stepper + " released " + objectPhrase("lock", wait);
        if (kind == "semaphore" && num(state, "released", -1) == by.task)
            return " because " + stepper + " released " + objectPhrase("semaphore", wait);
        if (kind == "event" && state.value("set", false))
            return " because " + stepper + " set " + objectPhrase("event", wait);
        if (kind == "queue get")
            return " because " + stepper + " put an item in " + objectPhrase("queue", wait);
        if (kind == "queue put")
            return " because " + stepper + " took an item from " + objectPhrase("queue", wait);
    }
    return " (woken by " + stepper + "'s step)";
}

std::string Narrator::sentence(size_t eventIndex) const {
    const auto& events = replay_.events();
    if (eventIndex >= events.size())
        return {};
    const TraceEvent& e = events[eventIndex];
    // Only the state before the event is rebuilt: a copy of a big run's state (20,000 tasks,
    // as many timers) costs more than the little the sentences need from the state after it.
    const LoopState before = replay_.stateAfter(eventIndex);

    switch (e.kind) {
    case EventKind::TaskCreated: {
        const std::string coro = e.detail.empty() ? "" : " (" + e.detail + ")";
        const std::string tail = "; it will start when the loop reaches it in the ready queue.";
        if (e.num < 0 && e.task == 1)
            return "asyncio.run creates the main task " + e.text + coro + atLine(e.line) + tail;
        if (TraceReplay::createdForCleanup(before, e))
            return "asyncio.run creates its clean-up task " + e.text + " (" +
                   shortCoroutineName(e.detail) +
                   ") before it closes the loop: asyncio's own task, not the program's" + tail;
        if (e.num < 0)
            return "Task " + e.text + coro + " is created outside any task" + atLine(e.line) + tail;
        if (e.handle == kCreatedByAsCompleted)
            return "asyncio.as_completed (called by " + taskName(before, e.num) + atLine(e.line) +
                   ") wraps a coroutine it was given into task " + e.text + coro + tail +
                   " LoopLab starts them in the order they were passed; CPython itself promises "
                   "no order here (it puts them in a set, so real runs may differ).";
        return taskName(before, e.num) + " creates task " + e.text + coro + atLine(e.line) + tail;
    }
    case EventKind::TaskRenamed:
        return taskName(before, e.task) + " is renamed '" + e.text + "'.";
    case EventKind::ReadyPush: {
        // Applying a push adds exactly one callback to the queue.
        const std::string waiting =
            " (" + plural(static_cast<int64_t>(before.ready.size() + 1), "callback") +
            " now waiting).";
        if (e.task >= 0 && e.text == "step") {
            const auto task = before.tasks.find(e.task);
            const bool first =
                task == before.tasks.end() || task->second.state == TaskState::Created;
            return taskName(before, e.task) + (first ? "'s first" : "'s next") +
                   " step joins the back of the ready queue" + waiting;
        }
        if (e.task >= 0 && e.text == "wake")
            return taskName(before, e.task) + "'s wait is over" + wakeReason(eventIndex, before) +
                   ", so it joins the ready queue to continue.";
        if (e.text == "_run_until_complete_cb")
            return "What run_until_complete awaits is done, so its stop callback joins the ready "
                   "queue" +
                   waiting;
        const auto cause = handles_.find(e.line);
        if (cause != handles_.end() && cause->second.timer)
            return timerPhrase(before, e.line, true) + " has fired, so the callback " + e.text +
                   " joins the back of the ready queue" + waiting;
        const std::string subject =
            e.line >= 0 ? describeHandle(before, e.line, true) : "The program";
        return subject + " schedules the callback " + e.text +
               ": it joins the back of the ready queue" + waiting;
    }
    case EventKind::TimerPush: {
        const std::string when = "t=" + seconds(e.num);
        const std::string owner = e.task >= 0 ? taskName(before, e.task) : std::string();
        if (e.text == "_set_result_unless_cancelled" && !owner.empty())
            return owner + "'s sleep puts a timer on the heap, due at " + when + ".";
        if (e.text.find("_deliver") != std::string::npos)
            return "A timer goes on the heap to deliver " +
                   (owner.empty() ? std::string("an executor result")
                                  : owner + "'s executor result") +
                   " at " + when + ", when the worker is done.";
        if ((e.text == "Timeout._on_timeout" || e.text == "_release_waiter") && !owner.empty())
            return owner + " sets a timeout: a timer on the heap will fire at " + when + ".";
        return (owner.empty() ? std::string("The program") : owner) + " schedules the callback " +
               e.text + " with a timer due at " + when + ".";
    }
    case EventKind::TimerDue:
        return formatSeconds(e.t) + ": " + timerPhrase(before, e.handle) +
               " is due; its callback moves to the ready queue.";
    case EventKind::HandleCancel:
        if (e.num == 1) // BaseEventLoop.close() clears _ready and _scheduled
            return "The event loop is closed, so " + describeHandle(before, e.handle) +
                   " is dropped without running.";
        return timerPhrase(before, e.handle, true) + " is cancelled; the loop will skip it.";
    case EventKind::Iteration:
        return "Loop iteration " + withCommas(e.num) + " begins with " +
               plural(e.line, "callback") + " ready.";
    case EventKind::Poll: {
        const std::string until = formatSeconds(e.t + e.num);
        if (before.timers.empty())
            return "Nothing is ready: the loop sleeps until " + until + ".";
        return "Nothing is ready: the loop sleeps until " + until + ", when " +
               timerPhrase(before, before.timers.front().handle) + " is due.";
    }
    case EventKind::HandleRun: {
        const auto queued =
            std::find_if(before.ready.begin(), before.ready.end(),
                         [&](const QueuedCallback& c) { return c.handle == e.handle; });
        const std::string from = queued == before.ready.begin()
                                     ? "from the front of the ready queue"
                                     : "from the ready queue";
        return "The loop takes " + describeHandle(before, e.handle) + " " + from + " and runs it.";
    }
    case EventKind::StepBegin: {
        const auto task = before.tasks.find(e.task);
        const auto first = firstStep_.find(e.task);
        if (task == before.tasks.end() ||
            (first != firstStep_.end() && first->second == eventIndex)) {
            const std::string coro = task == before.tasks.end() || task->second.coroutine.empty()
                                         ? std::string()
                                     : task->second.asyncioCleanup
                                         ? " " + shortCoroutineName(task->second.coroutine) + "()"
                                         : " " + task->second.coroutine + "()";
            return taskName(before, e.task) + " starts running its coroutine" + coro +
                   " from the top.";
        }
        return taskName(before, e.task) + " resumes where it paused" +
               (task->second.line > 0 ? ", at line " + std::to_string(task->second.line) : "") +
               ".";
    }
    case EventKind::Line:
        if (e.task >= 0) {
            // Below its coroutine, in a function it called: say where the call was made.
            const auto task = before.tasks.find(e.task);
            const int64_t from = task != before.tasks.end() ? task->second.coroutineLine : 0;
            const bool inCall = task != before.tasks.end() && task->second.coroutineFrame != 0 &&
                                e.frame != 0 && e.frame != task->second.coroutineFrame;
            const std::string call = inCall && from > 0 && from != e.line
                                         ? ", inside a call made at line " + std::to_string(from)
                                         : std::string();
            return taskName(before, e.task) + " runs line " + std::to_string(e.line) + call + ".";
        }
        if (!isLoopThread(e.text))
            return threadSubject(e.text) + " runs line " + std::to_string(e.line) + ".";
        if (before.iteration == 0)
            return "The program runs line " + std::to_string(e.line) +
                   " before the event loop starts.";
        return "Line " + std::to_string(e.line) +
               " runs on the loop thread outside any task (a plain callback or top-level code).";
    case EventKind::LinesSkipped: {
        const std::string more =
            ": " + withCommas(e.num) + " more lines" + " up to line " + std::to_string(e.line);
        if (e.task >= 0)
            return taskName(before, e.task) + " keeps running" + more +
                   " without yielding (the loop is blocked meanwhile).";
        if (!isLoopThread(e.text))
            return threadSubject(e.text) + " keeps running" + more + "; the loop is not blocked.";
        return "The loop thread keeps running" + more +
               " outside any task; no task runs meanwhile.";
    }
    case EventKind::StepYield: {
        const size_t syncIndex = stepSyncIndex(events, eventIndex + 1, waitOf(e).object);
        if (syncIndex == std::string::npos)
            return yieldSentence(e, before, before);
        return yieldSentence(e, before, replay_.stateAfter(syncIndex + 1));
    }
    case EventKind::TaskDone:
        return doneSentence(e, before);
    case EventKind::Block: {
        const std::string duration = seconds(e.num) + " s";
        const std::string until = formatSeconds(e.t + e.num);
        if (isLoopThread(e.text))
            return (e.task >= 0 ? taskName(before, e.task) : std::string("The program")) +
                   " blocks the loop thread" + atLine(e.line) + " for " + duration +
                   " (a blocking call such as time.sleep): no other task can run until " + until +
                   ".";
        return threadSubject(e.text) + " blocks for " + duration + atLine(e.line) +
               " inside its job, until " + until + "; the loop is not blocked.";
    }
    case EventKind::GilWait: {
        // Said in the holder's words too: the student must see who has the GIL, not only who
        // waits for it.
        const std::string holder =
            isLoopThread(e.detail) ? std::string("the loop thread") : "'" + e.detail + "'";
        if (isLoopThread(e.text))
            return "The loop thread waits " + seconds(e.num) + " s for the GIL: " + holder +
                   " is computing and hands the GIL over only when it blocks or its switch "
                   "interval (sys.getswitchinterval()) is up. No task can run meanwhile, so "
                   "timers fire late.";
        return threadSubject(e.text) + " waits " + seconds(e.num) + " s for the GIL: " + holder +
               " is computing, and only one thread at a time runs Python code.";
    }
    case EventKind::Job:
        if (e.text == "threads") // threading.Thread: the program's own thread, not an executor
            return (e.task >= 0 ? taskName(before, e.task) : std::string("The program")) +
                   " starts thread " + std::to_string(e.line) + ", which runs " +
                   (e.detail.empty() ? std::string("its target") : e.detail.str()) +
                   " and will finish at " + formatSeconds(e.num) + ".";
        return "The loop hands " + (e.detail.empty() ? std::string("a job") : e.detail.str()) +
               " to " + workerLabel(e.text, e.line) +
               (e.task >= 0 ? " for " + taskName(before, e.task) : std::string()) +
               "; it will finish at " + formatSeconds(e.num) + ".";
    case EventKind::Print: {
        if (isErrorText(e))
            return errorTextSentence(e, before);
        if (e.task >= 0)
            return taskName(before, e.task) + " prints: " + e.text;
        if (!isLoopThread(e.detail))
            return threadSubject(e.detail) + " prints: " + e.text;
        return (before.iteration == 0 ? "The program prints: " : "Code outside any task prints: ") +
               e.text;
    }
    case EventKind::Sync:
        return syncSentence(e, before);
    case EventKind::End:
        return endSentence(e);
    case EventKind::Phase:
        return phaseSentence(e, before);
    }
    return "The loop records an event of kind " + std::string(eventKindName(e.kind)) + ".";
}

} // namespace looplab
