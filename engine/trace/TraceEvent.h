#pragma once
// One recorded fact about a run. The recorder keeps a flat vector of these; the UI replays them
// to rebuild the loop's state at any step. Field use per kind is documented in
// docs/trace-format.md; unused fields stay at their defaults and are not written.

#include <cstdint>
#include <memory>
#include <string>

namespace looplab {

struct TaskWait;

enum class EventKind : uint8_t {
    TaskCreated,  // task, parent (num), line, text = name, detail = coroutine name
    TaskRenamed,  // task, text = new name (asyncio.create_task(name=...) names after creating)
    StepBegin,    // task, handle: the loop runs one step of a task
    StepYield,    // task, line, detail = JSON {wait, chain, locals}: the task awaits something
    TaskDone,     // task, detail = JSON {state, result | exception}
    Line,         // task (or -1 on a worker), line, text = thread label on a worker,
                  // num = depth: program frames below the task's coroutine (0: its own line)
    LinesSkipped, // task (or -1), num = lines executed but not recorded one by one, line = last
    ReadyPush,    // handle, task, line = handle running when scheduled (the cause), text = what
    TimerPush,    // handle, task, line = cause, num = deadline ns, text: pushed on the timer heap
    TimerDue,     // handle: a due timer moved to the ready queue
    HandleRun,    // handle: popped from the ready queue and run
    HandleCancel, // handle: cancelled before it ran
    Iteration,    // num = iteration number, line = callbacks ready at its start
    Poll,         // num = ns the loop slept waiting for its next timer
    Block,        // num = duration ns, line, text = thread label: a thread blocked (time.sleep)
    Job,          // task, line = worker index, num = finish ns, text = pool, detail = function
    Print,        // task, text = the printed line, detail = thread label
    Sync,         // handle = object id, detail = JSON state of a lock/semaphore/event/queue
    End,          // detail = JSON {status, message, deadlock}
    Phase,        // text = "deadlock" | "cleanup", detail = JSON: a moment of the run's own
                  // (the loop found nothing to run; asyncio.run began its clean-up)
};

struct TraceEvent {
    EventKind kind = EventKind::End;
    int64_t t = 0;       // virtual ns of the thread the event happened on
    int64_t task = -1;   // task id (creation order, from 1), -1 for none
    int64_t handle = -1; // loop handle id or object id
    int64_t line = 0;
    int64_t num = 0;
    std::string text;
    std::string detail; // a ready-made JSON value, or a plain string where documented
    // StepYield: `detail` parsed (attachTaskWaits in TaskWait.h); shared with every state
    // that shows this wait. Null for other kinds.
    std::shared_ptr<const TaskWait> wait = nullptr;
};

const char* eventKindName(EventKind kind);

} // namespace looplab
