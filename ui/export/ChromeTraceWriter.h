#pragma once
// The run as a Chrome Trace Event Format file (JSON object form), to open in Perfetto
// (ui.perfetto.dev) or chrome://tracing next to real traces and profiles.
//
// Layout: one process (pid 1) named after `title`; one thread per timeline row, tid = row
// index + 1, and one for the event loop's own row, tid = row count + 1, sort index -1 (first),
// named by "thread_name" metadata and kept in the timeline's order by "thread_sort_index". Every
// segment is a complete event ("ph":"X"): name = its state ("running", "ready", "blocked", "busy")
// or "waiting: <kind>" ("waiting: other" when the wait has no kind), cat = the state, args.detail =
// the segment's detail when it has one, and for a wait args.kind = its family (WaitKind: "sleep",
// "lock", "await", "late timer", ...). A held lock or semaphore permit is an async slice
// ("ph":"b"/"e", cat "holds", name "holds lock NAME") on its task's thread, as it overlaps the
// states without nesting in them; a mark (finished, cancel requested, CancelledError, timeout
// expired, exception, deadlock) is a thread-scoped instant, cat "mark". Prints and wake-ups are
// thread-scoped instants ("ph":"i","s":"t"): "print" with args.text on the printing task's row (or
// the worker row with the print's thread label), "woken" with args.cause when a task with a row is
// pushed on the ready queue. A print from a thread with no row (a loop callback, a task that never
// took time) becomes a process-scoped instant, so no output is lost.
//
// Times are virtual microseconds written exactly from integer nanoseconds (up to 3 decimals),
// never through a double: a row's events touch but cannot overlap. The file is streamed as it
// is built, never held as a JSON document, so a run with a million events writes in well
// under the time it takes to read it.

#include "TimelineModel.h"
#include "TraceEvent.h"

#include <cstdint>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

namespace looplab {

// Writes `model`'s segments and the prints and wake-ups among `events` (the trace the model
// was built from) within the window [fromNs, toNs): segments are clipped to it and dropped
// when nothing is left inside, instants are kept when fromNs <= t < toNs. The default window
// is the whole run. otherData carries the title, the time base ("virtual") and the run's end
// (and the window, when one is given). Returns whether the stream is still good afterwards.
bool writeChromeTrace(std::ostream& out, const TimelineModel& model,
                      const std::vector<TraceEvent>& events, const std::string& title,
                      int64_t fromNs = std::numeric_limits<int64_t>::min(),
                      int64_t toNs = std::numeric_limits<int64_t>::max());

} // namespace looplab
