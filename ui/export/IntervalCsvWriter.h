#pragma once
// The timeline as a CSV table of intervals, one line per segment, for spreadsheets, pandas or
// R: what every task (and worker thread) was doing from when to when, in virtual seconds.
//
//   task,state,detail,start_s,end_s
//   main,running,,0.000000000,0.000100000
//   main,waiting,sleep,0.000100000,1.000100000
//
// Rows come in the timeline's order (the event loop's own row, tasks, then workers), each row's
// segments in time order, then what the task held and its marks. `task` is the row's label (a
// task's name, a worker's thread label, or "event loop"), `state` the segment kind's name
// (running, ready, waiting, blocked, busy), `detail` the wait kind as asyncio names it (sleep,
// lock, gather, ...; "late timer" for a timer that ran after its deadline; the loop's "idle"),
// "line N" of a blocking call, a worker job's function, or on the loop's row the task whose
// step it runs. Held resources are lines of state `holds` (detail "lock NAME" or "semaphore
// NAME"); moments are lines of state `mark` with equal start and end (detail "finished",
// "cancel requested", "CancelledError", "timeout expired", "exception: ValueError",
// "deadlock"). Times are seconds with exactly 9 decimals, written
// from the integer nanoseconds, so they are exact. Quoting and line ends follow RFC 4180:
// fields with a comma, a double quote, CR or LF are quoted (quotes doubled), lines end in CRLF.

#include "TimelineModel.h"

#include <cstdint>
#include <limits>
#include <ostream>

namespace looplab {

// Writes the header and one line per segment of `model` overlapping the window
// [fromNs, toNs): segments are clipped to the window, and those with nothing left inside it
// (including empty ones) are left out. The default window is the whole run. Returns whether
// the stream is still good afterwards.
bool writeIntervalCsv(std::ostream& out, const TimelineModel& model,
                      int64_t fromNs = std::numeric_limits<int64_t>::min(),
                      int64_t toNs = std::numeric_limits<int64_t>::max());

} // namespace looplab
