#include "NarrationPhrases.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace looplab::narration {

// Recorded details are ready-made JSON; a damaged one must still give a sentence, not a throw.
json parse(const std::string& text) {
    json parsed = json::parse(text, nullptr, false);
    return parsed.is_discarded() ? json::object() : parsed;
}

std::string str(const json& j, const char* key) {
    if (!j.is_object())
        return {};
    auto found = j.find(key);
    if (found == j.end() || found->is_null())
        return {};
    return found->is_string() ? found->get<std::string>() : found->dump();
}

int64_t num(const json& j, const char* key, int64_t fallback) {
    if (!j.is_object())
        return fallback;
    auto found = j.find(key);
    return found != j.end() && found->is_number() ? found->get<int64_t>() : fallback;
}

// Long runs count lines in the hundreds of thousands; separators keep them readable.
std::string withCommas(int64_t n) {
    std::string digits = std::to_string(n < 0 ? -n : n);
    for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3)
        digits.insert(static_cast<size_t>(at), ",");
    return n < 0 ? "-" + digits : digits;
}

std::string plural(int64_t n, const std::string& noun) {
    return withCommas(n) + " " + noun + (n == 1 ? "" : "s");
}

// Seconds with 3 decimals, floored to the millisecond: integer arithmetic only, since a double
// could round 1.2349999 s up and disagree with the CLI's stamps.
std::string seconds(int64_t ns) {
    int64_t ms = ns / 1'000'000;
    if (ns < 0 && ns % 1'000'000 != 0)
        --ms; // floor, not truncation toward zero
    const bool negative = ms < 0;
    const int64_t magnitude = negative ? -ms : ms;
    std::string fraction = std::to_string(magnitude % 1000);
    fraction.insert(0, 3 - fraction.size(), '0');
    return (negative ? "-" : "") + std::to_string(magnitude / 1000) + "." + fraction;
}

std::string upperFirst(std::string ownWord) {
    if (!ownWord.empty())
        ownWord[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(ownWord[0])));
    return ownWord;
}

std::string atLine(int64_t line) {
    return line > 0 ? " at line " + std::to_string(line) : "";
}

std::string taskName(const LoopState& state, int64_t id) {
    auto found = state.tasks.find(id);
    if (found != state.tasks.end() && !found->second.name.empty())
        return found->second.asyncioCleanup ? "asyncio.run's clean-up task " + found->second.name
                                            : found->second.name;
    return "task " + std::to_string(id); // a trace cut short may lack the task event
}

// Lists at most a few names: a gather of hundreds of tasks must stay one readable sentence.
std::string listOf(const std::vector<std::string>& items) {
    constexpr size_t kShown = 4;
    std::string text;
    const size_t shown = items.size() > kShown + 1 ? kShown : items.size();
    for (size_t i = 0; i < shown; ++i) {
        if (i > 0)
            text += (i + 1 == shown && shown == items.size()) ? " and " : ", ";
        text += items[i];
    }
    if (shown < items.size())
        text += " and " + withCommas(static_cast<int64_t>(items.size() - shown)) + " more";
    return text;
}

// "lock 'first'" when the program's variable is known, else the object id so two unnamed
// locks can still be told apart.
std::string objectPhrase(const std::string& kind, const json& info, int64_t obj) {
    const std::string name = str(info, "name");
    if (!name.empty())
        return kind + " '" + name + "'";
    return obj >= 0 ? kind + " #" + std::to_string(obj) : "a " + kind;
}

std::string objectSubject(const std::string& kind, const json& info, int64_t obj) {
    const std::string name = str(info, "name");
    if (!name.empty())
        return upperFirst(kind) + " '" + name + "'";
    return obj >= 0 ? upperFirst(kind) + " #" + std::to_string(obj) : "A " + kind;
}

std::string objectPhrase(const std::string& kind, const TaskWait& wait) {
    if (!wait.name.empty())
        return kind + " '" + wait.name + "'";
    return wait.object >= 0 ? kind + " #" + std::to_string(wait.object) : "a " + kind;
}

TaskWait waitOf(const TraceEvent& e) {
    return e.kind == EventKind::StepYield ? TaskWait::fromYieldInfo(e.detail) : TaskWait();
}

const SyncView* syncOf(const LoopState& state, int64_t obj) {
    auto found = state.sync.find(obj);
    return found != state.sync.end() ? &found->second : nullptr;
}

std::string holderList(const LoopState& state, const SyncView* view) {
    std::vector<std::string> names;
    if (view)
        for (int64_t holder : view->holders)
            names.push_back(taskName(state, holder));
    return listOf(names);
}

bool isLoopThread(const std::string& label) {
    return label.empty() || label == "loop";
}

// Worker threads are labelled "default worker 0", "process pool 1 worker 2" or, for plain
// threads, "thread Thread-1 (download)"; the sentence names which kind it is.
std::string threadSubject(const std::string& label) {
    const std::string prefix = "thread ";
    if (label.compare(0, prefix.size(), prefix) == 0)
        return "Thread '" + label.substr(prefix.size()) + "'";
    return "Worker '" + label + "'";
}

std::string workerLabel(const std::string& pool, int64_t worker) {
    return (pool.empty() ? std::string("executor") : pool) + " worker " + std::to_string(worker);
}

bool isZeroDelay(const std::string& delay) {
    if (delay.empty())
        return false;
    char* end = nullptr;
    const double value = std::strtod(delay.c_str(), &end);
    return end != delay.c_str() && value == 0.0;
}

// One awaitable of a gather that is not a task, e.g. an executor job.
std::string futurePhrase(const TaskWait& future) {
    const std::string& kind = future.kind;
    if (kind == "executor")
        return future.function + " on " + workerLabel(future.pool, future.worker);
    if (kind == "network")
        return "the response from " + future.url;
    return kind.empty() ? std::string("a pending awaitable") : "a pending " + kind;
}

// Sync states are flushed at the end of a step, after its yield or done and after any wake-up
// it caused, so the record of what the step did to `obj` lies ahead, before the next callback.
size_t stepSyncIndex(const std::vector<TraceEvent>& events, size_t from, int64_t obj) {
    for (size_t i = from; obj >= 0 && i < events.size(); ++i) {
        const EventKind kind = events[i].kind;
        if (kind == EventKind::HandleRun || kind == EventKind::Iteration ||
            kind == EventKind::Poll || kind == EventKind::End)
            break;
        if (kind == EventKind::Sync && events[i].handle == obj)
            return i;
    }
    return std::string::npos;
}

// `syncState` is the state once the step's sync records are in: who holds what at the yield.
std::string yieldSentence(const TraceEvent& e, const LoopState& before,
                          const LoopState& syncState) {
    const TaskWait& wait = waitOf(e);
    const std::string& kind = wait.kind;
    const std::string who = taskName(before, e.task);
    const std::string at = atLine(e.line);
    const int64_t obj = wait.object;

    if (kind == "ready" || (kind == "sleep" && isZeroDelay(wait.delay)))
        return who + " yields with sleep(0)" + at +
               ": it goes straight back to the ready queue so others can run.";
    if (kind == "sleep")
        return who + " reached `await asyncio.sleep(" + wait.delay + ")`" + at +
               ": a timer is set for t=" + seconds(wait.untilNs) +
               " and control returns to the loop.";
    if (kind == "lock") {
        const std::string lock = objectPhrase("lock", wait);
        const SyncView* view = syncOf(syncState, obj);
        if (view && view->holders.empty() && !parse(view->state).value("locked", true))
            // asyncio's lock is fair: a free lock still goes to the tasks queued before.
            return who + " must wait" + at + " for " + lock +
                   ": it is free, but tasks that asked earlier get it first.";
        if (!view || view->holders.empty())
            return who + " must wait" + at + " for " + lock + ".";
        if (view->holders.front() == e.task)
            return who + " must wait" + at + ": " + lock + " is held by " + who +
                   " itself, and an asyncio lock cannot be taken twice.";
        return who + " must wait" + at + ": " + lock + " is held by " + holderList(before, view) +
               ".";
    }
    if (kind == "semaphore") {
        if (wait.name == "connection limit")
            return who + " waits" + at +
                   " for a free connection: the session's connection limit is reached.";
        const SyncView* view = syncOf(syncState, obj);
        const std::string holders = holderList(before, view);
        return who + " must wait" + at + ": " + objectPhrase("semaphore", wait) +
               " has no free slot" + (holders.empty() ? "" : " (held by " + holders + ")") + ".";
    }
    if (kind == "event")
        return who + " waits" + at + " until " + objectPhrase("event", wait) + " is set.";
    if (kind == "condition")
        return who + " waits" + at + " on " + objectPhrase("condition", wait) +
               " until another task notifies it; meanwhile its lock is released.";
    if (kind == "queue get")
        return who + " waits" + at + " for an item: " + objectPhrase("queue", wait) + " is empty.";
    if (kind == "queue put")
        return who + " waits" + at + " for room: " + objectPhrase("queue", wait) + " is full.";
    if (kind == "queue join") {
        std::string sentence = who + " waits" + at + " until every item put in " +
                               objectPhrase("queue", wait) + " is marked done with task_done()";
        if (const SyncView* view = syncOf(syncState, obj)) {
            const json state = parse(view->state);
            if (state.contains("unfinished"))
                sentence += " (" + withCommas(num(state, "unfinished")) + " still unfinished)";
        }
        return sentence + ".";
    }
    if (kind == "barrier")
        return who + " waits" + at + " at " + objectPhrase("barrier", wait) +
               " until enough tasks arrive.";
    if (kind == "task") {
        const int64_t other = wait.task;
        const std::string name = other >= 0 ? taskName(before, other) : wait.name;
        return who + " waits" + at + " for " + (name.empty() ? "another task" : name) +
               " to finish.";
    }
    if (kind == "gather") {
        std::vector<std::string> parts;
        for (const int64_t id : wait.tasks)
            parts.push_back(taskName(before, id));
        for (const TaskWait& future : wait.futures)
            parts.push_back(futurePhrase(future));
        if (parts.empty())
            return who + " waits" + at + " for a gather to finish.";
        return who + " waits" + at + " for gather of " + listOf(parts) + " to finish.";
    }
    if (kind == "taskgroup") {
        std::vector<std::string> parts;
        size_t total = 0;
        for (const int64_t id : wait.tasks)
            if (++total <= 8) // a sentence names a few, then counts
                parts.push_back(taskName(before, id));
        if (total > parts.size())
            parts.push_back(withCommas(static_cast<int64_t>(total - parts.size())) + " more");
        if (parts.empty())
            return who + " reaches the end of its TaskGroup block" + at + ".";
        return who + " waits" + at + " at the end of its TaskGroup block until " + listOf(parts) +
               (parts.size() == 1 ? " finishes." : " finish.");
    }
    if (kind == "shield") {
        const int64_t other = wait.task;
        const std::string name = other >= 0 ? taskName(before, other) : wait.name;
        return who + " waits" + at + " for the shielded task " + name +
               ": cancelling the wait would not cancel " + name + ".";
    }
    if (kind == "wait_for")
        return who + " waits" + at + " with a time limit of " + wait.timeout +
               " s (asyncio.wait_for).";
    if (kind == "wait") {
        const int64_t count = wait.count;
        return who + " waits" + at + " in asyncio.wait" +
               (count >= 0 ? " on " + plural(count, "awaitable") : std::string()) + ".";
    }
    if (kind == "as_completed")
        return who + " waits" + at + " for the next result from asyncio.as_completed.";
    if (kind == "executor")
        return who + " waits" + at + " for " + wait.function + " running on " +
               workerLabel(wait.pool, wait.worker) + " until t=" + seconds(wait.untilNs) + ".";
    if (kind == "network")
        return who + " waits" + at + " for the response from " + wait.url +
               ", due at t=" + seconds(wait.untilNs) + ".";
    if (kind == "future") {
        const std::string name = wait.name;
        return who + " waits" + at + " for " +
               (name.empty() ? std::string("a Future") : "Future '" + name + "'") +
               " that another part of the program must complete.";
    }
    return who + " pauses" + at + " and gives control back to the loop" +
           (kind.empty() ? std::string() : " (it waits on " + kind + ")") + ".";
}

std::string doneSentence(const TraceEvent& e, const LoopState& before) {
    const json info = parse(e.detail);
    const std::string who = taskName(before, e.task);
    const std::string state = str(info, "state");
    if (state == "cancelled")
        return who + " was cancelled.";
    if (state == "failed") {
        const std::string message = str(info, "message");
        return who + " failed with " + str(info, "exception") +
               (message.empty() ? std::string() : ": " + message) + ".";
    }
    const std::string result = str(info, "result");
    return who + " finished and returned " + (result.empty() ? "None" : result) + ".";
}

std::string syncSentence(const TraceEvent& e, const LoopState& before) {
    const json state = parse(e.detail);
    const std::string kind = str(state, "kind");
    const SyncView* previous = syncOf(before, e.handle);
    const json old = previous ? parse(previous->state) : json::object();
    if (kind == "lock") {
        const std::string lock = objectPhrase("lock", state, e.handle);
        if (state.value("locked", false)) {
            const int64_t holder = num(state, "holder", -1);
            return holder >= 0 ? taskName(before, holder) + " now holds " + lock + "."
                               : objectSubject("lock", state, e.handle) + " is now locked.";
        }
        return objectSubject("lock", state, e.handle) +
               (old.value("locked", false) ? " is released and now free." : " is free.");
    }
    if (kind == "semaphore") {
        const std::string sem = objectPhrase("semaphore", state, e.handle);
        const std::string free = plural(num(state, "value"), "free slot");
        if (state.contains("acquired"))
            return taskName(before, num(state, "acquired")) + " takes a slot of " + sem + "; " +
                   free + " left.";
        if (state.contains("released"))
            return taskName(before, num(state, "released")) + " gives back a slot of " + sem +
                   "; " + free + " now.";
        return objectSubject("semaphore", state, e.handle) + " has " + free + ".";
    }
    if (kind == "event") {
        const std::string event = objectSubject("event", state, e.handle);
        if (state.value("set", false))
            return event + " is set: every task waiting on it can continue.";
        return event + (old.value("set", false) ? " is cleared." : " is not set yet.");
    }
    if (kind == "queue") {
        const int64_t size = num(state, "size");
        std::string sentence =
            objectSubject("queue", state, e.handle) + " now holds " + plural(size, "item");
        std::vector<std::string> items;
        if (state.contains("items") && state["items"].is_array())
            for (const json& item : state["items"])
                items.push_back(item.is_string() ? item.get<std::string>() : item.dump());
        if (!items.empty())
            sentence += " (" + listOf(items) + ")";
        if (num(state, "maxsize") > 0)
            sentence += " of at most " + withCommas(num(state, "maxsize"));
        const int64_t unfinished = num(state, "unfinished");
        sentence += unfinished > 0 ? "; " + withCommas(unfinished) + " not yet marked done."
                                   : "; every item put so far is marked done.";
        return sentence;
    }
    return objectSubject(kind.empty() ? "object" : kind, state, e.handle) + " changes state.";
}

std::string endSentence(const TraceEvent& e) {
    const json info = parse(e.detail);
    const std::string status = str(info, "status");
    if (status == "exception")
        return "The program stopped with an uncaught exception.";
    if (status == "deadlock") {
        int64_t stuck = 0;
        if (info.contains("deadlock") && info["deadlock"].is_object() &&
            info["deadlock"].contains("tasks") && info["deadlock"]["tasks"].is_array())
            stuck = static_cast<int64_t>(info["deadlock"]["tasks"].size());
        return "The run ended in a deadlock: " + plural(stuck, "task") +
               (stuck == 1 ? " could never finish, and asyncio.run's clean-up cancelled it."
                           : " could never finish, and asyncio.run's clean-up cancelled them.");
    }
    if (status == "exit" && str(info, "how") == "os._exit")
        return "The program ended the process itself with os._exit(" +
               std::to_string(num(info, "exit", 0)) +
               "): no clean-up ran, and nothing after this step was recorded.";
    if (status == "exit") // the program's own sys.exit(N): its status, not LoopLab's outcome
        return "The program ended itself with sys.exit(" + std::to_string(num(info, "exit", 1)) +
               "): exit status " + std::to_string(num(info, "exit", 1)) + ".";
    if (status == "crashed")
        return "The interpreter crashed here (signal " + std::to_string(num(info, "signal", 0)) +
               "): this is the last step recorded before it.";
    if (status == "stopped") // LoopLab's doing at the user's request, never the program's
        return "LoopLab stopped the run here because you asked it to (Cancel or Ctrl+C): the "
               "program had not finished, and this is the last step recorded.";
    if (status == "budget") {
        const std::string message = str(info, "message");
        return "The run was stopped because it went over its budget" +
               (message.empty() ? std::string() : ": " + message) +
               (message.empty() || message.back() == '.' ? "" : ".");
    }
    return "The program finished: asyncio.run returned and the loop is closed.";
}

namespace {

// "A, B and 3 more" from the first few names of `ids`.
std::string someNames(const LoopState& state, const std::vector<int64_t>& ids) {
    constexpr size_t kNamed = 4;
    std::vector<std::string> names;
    for (size_t i = 0; i < ids.size() && i < kNamed; ++i)
        names.push_back(taskName(state, ids[i]));
    if (ids.size() > kNamed)
        names.push_back(withCommas(static_cast<int64_t>(ids.size() - kNamed)) + " more");
    return listOf(names);
}

std::string deadlockSentence(const json& info, const LoopState& before) {
    std::string sentence = "Deadlock at t=" + seconds(before.timeNs) +
                           ": the loop has no task ready to run and no timer to wait for.";
    const json tasks = info.is_object() && info.contains("tasks") ? info["tasks"] : json();
    if (!tasks.is_array() || tasks.empty())
        return sentence;
    constexpr size_t kExplained = 4;
    for (size_t i = 0; i < tasks.size() && i < kExplained; ++i)
        sentence +=
            (i == 0 ? " " : "; ") + str(tasks[i], "name") + " " + str(tasks[i], "explanation");
    if (tasks.size() > kExplained)
        sentence += "; and " + plural(static_cast<int64_t>(tasks.size() - kExplained), "more task");
    const bool cycle = info.contains("cycle") && info["cycle"].is_array() && !info["cycle"].empty();
    return sentence + (cycle               ? ". They wait for each other in a cycle: none can ever "
                                             "continue."
                       : tasks.size() == 1 ? ". It can never continue."
                                           : ". None of them can ever continue.");
}

std::string cleanupSentence(const json& info, const LoopState& before) {
    std::vector<int64_t> ids;
    if (info.is_object() && info.contains("tasks") && info["tasks"].is_array())
        for (const json& id : info["tasks"])
            if (id.is_number_integer())
                ids.push_back(id.get<int64_t>());
    const std::string shutdown = "shuts down async generators and the default executor, "
                                 "and closes the loop. These are asyncio's steps, not the "
                                 "program's.";
    if (str(info, "after") == "deadlock")
        return "asyncio.run now cleans up after the deadlock: it cancels the " +
               plural(static_cast<int64_t>(ids.size()), "stuck task") + " (" +
               someNames(before, ids) +
               (ids.size() == 1 ? "), which lets go of what it holds, then "
                                : "), which let go of what they hold, then ") +
               shutdown;
    if (ids.empty())
        return "The main task is done, so asyncio.run cleans up: no task is left to cancel; it " +
               shutdown;
    return "The main task is done, so asyncio.run cleans up: it cancels the " +
           plural(static_cast<int64_t>(ids.size()), "task") + " still pending (" +
           someNames(before, ids) + "), then " + shutdown;
}

} // namespace

std::string phaseSentence(const TraceEvent& e, const LoopState& before) {
    const json info = parse(e.detail);
    if (e.text == "deadlock")
        return deadlockSentence(info, before);
    if (e.text == "cleanup")
        return cleanupSentence(info, before);
    return "The run enters its " + e.text + " phase.";
}

namespace {
// The task a report of asyncio's names ("<Task finished name='fetch' coro=...>"), or "".
std::string reportedTaskName(const std::string& text) {
    const std::string marker = "name='";
    const size_t start = text.find(marker);
    if (start == std::string::npos)
        return {};
    const size_t end = text.find('\'', start + marker.size());
    return end == std::string::npos
               ? std::string()
               : text.substr(start + marker.size(), end - start - marker.size());
}
} // namespace

std::string errorTextSentence(const TraceEvent& e, const LoopState& before) {
    const std::string firstLine = e.text.substr(0, e.text.find('\n'));
    const std::string named = reportedTaskName(e.text);
    // A task's name as the program wrote it, never capitalised.
    const std::string task = named.empty() ? std::string("A task") : named;
    if (firstLine.rfind("Task exception was never retrieved", 0) == 0)
        return "asyncio reports on standard error: \"Task exception was never retrieved\". " +
               task +
               " failed, and nothing ever awaited it or asked for its result, so its exception "
               "was lost. CPython says so only now, when the finished task is destroyed (nothing "
               "refers to it any more), not when it failed.";
    if (firstLine.rfind("Task was destroyed but it is pending!", 0) == 0)
        return "asyncio reports on standard error: \"Task was destroyed but it is pending!\". " +
               task +
               " was still waiting when the last reference to it went: the garbage collector "
               "destroyed it, and it will never finish. Keep a reference to every task you "
               "create (a variable, a set, a TaskGroup) until it is done.";
    if (firstLine.rfind("Exception in callback", 0) == 0)
        return "asyncio reports on standard error that a callback raised an exception; the loop "
               "goes on with the next callback: " +
               firstLine;
    const std::string who = e.task >= 0              ? taskName(before, e.task)
                            : isLoopThread(e.detail) ? std::string("The program")
                                                     : threadSubject(e.detail);
    return who + " writes to standard error: " + firstLine;
}

} // namespace looplab::narration
