#pragma once
// One recorded fact about a run. The recorder keeps a flat vector of these; the UI replays them
// to rebuild the loop's state at any step. Field use per kind is documented in
// docs/trace-format.md; unused fields stay at their defaults and are not written.

#include "CompactText.h"

#include <algorithm>
#include <climits>
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
    Line,         // task (or -1 on a worker), line, text = thread label on a worker, frame, depth
    LinesSkipped, // task (or -1), num = lines executed but not recorded one by one, line = last,
                  // frame and depth of the last
    ReadyPush,    // handle, task, line = handle running when scheduled (the cause), text = what,
                  // num = 1 for a wake whose awaited future was cancelled
    TimerPush,    // handle, task, line = cause, num = deadline ns, text: pushed on the timer heap
    TimerDue,     // handle: a due timer moved to the ready queue
    HandleRun,    // handle: popped from the ready queue and run
    HandleCancel, // handle: cancelled before it ran
    Iteration,    // num = iteration number, line = callbacks ready at its start
    Poll,         // num = ns the loop slept waiting for its next timer
    Block,        // num = duration ns, line, text = thread label: a thread blocked (time.sleep)
    GilWait,      // num = duration ns, text = thread label, detail = label of the thread that
                  // held the GIL: a thread was ready to run but waited for the GIL
    Job,          // task, line = worker index, num = finish ns, text = pool, detail = function
    Print,        // task, text = the printed line, detail = thread label, num = stream
                  // (0 standard output, kStandardErrorStream standard error); line, frame,
                  // depth: where a task printed on the loop's thread (0 when not recorded)
    Sync,         // handle = object id, detail = JSON state of a lock/semaphore/event/queue
    End,          // detail = JSON {status, message, deadlock}
    Phase,        // text = "deadlock" | "cleanup", detail = JSON: a moment of the run's own
                  // (the loop found nothing to run; asyncio.run began its clean-up)
};

// A TaskCreated event's `handle` when asyncio.as_completed made the task from a coroutine it
// was given (the trace's `by: "as_completed"`); -1 otherwise.
constexpr int64_t kCreatedByAsCompleted = 1;

// A Print event's `num` for text the program wrote to standard error (asyncio's reports among
// it: "Task exception was never retrieved"); 0 is standard output.
constexpr int64_t kStandardErrorStream = 1;

// True for a Print event of standard error.
struct TraceEvent;
bool isErrorText(const TraceEvent& e);

struct TraceEvent {
    TraceEvent() = default;
    // In the order of the fields below, as the recorder and the tests write events.
    TraceEvent(EventKind kind_, int64_t t_, int64_t task_ = -1, int64_t handle_ = -1,
               int64_t line_ = 0, int64_t num_ = 0, CompactText text_ = {},
               CompactText detail_ = {}, int32_t frame_ = 0, int32_t depth_ = 0)
        : kind(kind_), depth(static_cast<int16_t>(std::min<int32_t>(depth_, INT16_MAX))),
          frame(frame_), t(t_), task(static_cast<int32_t>(task_)),
          line(static_cast<int32_t>(line_)), handle(handle_), num(num_), text(std::move(text_)),
          detail(std::move(detail_)) {}

    EventKind kind = EventKind::End;
    // Line, LinesSkipped: how many program frames were on the stack (1 = the module's own code;
    // at most 32,767) and which call of a program function the line ran in (1, 2, ... in the
    // order their first line ran; a coroutine keeps its frame across awaits). 0 when not
    // recorded. Kept beside `kind`, where they cost no memory.
    int16_t depth = 0;
    int32_t frame = 0;
    int64_t t = 0; // virtual ns of the thread the event happened on
    // Task ids and lines (a program line, a thread's number, a handle id: docs/trace-format.md)
    // stay far below 2^31 in any run the budget allows; 32 bits each keep an event at 56 bytes.
    int32_t task = -1; // task id (creation order, from 1), -1 for none
    int32_t line = 0;
    int64_t handle = -1; // loop handle id or object id
    int64_t num = 0;
    // Kept in 8 bytes each (CompactText.h): they read as std::string_view.
    CompactText text;
    CompactText detail; // a ready-made JSON value, or a plain string where documented
};

// The recorder keeps millions of these: a field more must not make every event bigger.
// (A yield's parsed wait is not kept here: parsedWait() in TaskWait.h.)
static_assert(sizeof(TraceEvent) <= 56, "TraceEvent grew");

const char* eventKindName(EventKind kind);

} // namespace looplab
