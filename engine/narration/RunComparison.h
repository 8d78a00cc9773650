#pragma once
// Two runs of one program side by side (the kept run and the current one, e.g. two schedules
// from `looplab explore`): where they first part, in one sentence, and which shared object
// the tasks reached in another order. Times differ from the first perturbed reply on, so runs
// are compared by the order of what happened (which task stepped, what was printed, which
// task ended), never by time stamps.

#include "TraceEvent.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace looplab {

struct RunDifference {
    bool same = true;        // the same steps, prints and ends in the same order
    size_t keptEvent = 0;    // the first event that differs, in each run's trace (its index);
    size_t currentEvent = 0; // the trace's size when that run has nothing more there
    int64_t keptNs = 0;      // and when it happened
    int64_t currentNs = 0;
    std::string sentence; // "Here the runs part: ..."
    // The shared object the tasks reached in another order ("the lock `first`", "`stock`"),
    // and a sentence about it; both empty when none could be named.
    std::string sharedObject;
    std::string sharedSentence;
};

// `sourceLines`: the program's lines (index 0 = line 1) to quote; may be empty.
RunDifference compareRuns(const std::vector<TraceEvent>& kept,
                          const std::vector<TraceEvent>& current,
                          const std::vector<std::string>& sourceLines = {});

// One line of the two outputs' difference, in order: ' ' in both, '-' only in the kept run's,
// '+' only in the current run's.
struct OutputDiffLine {
    char mark = ' ';
    std::string text;
};
std::vector<OutputDiffLine> diffOutputs(const std::vector<std::string>& kept,
                                        const std::vector<std::string>& current);

// The printed lines of a trace, in order.
std::vector<std::string> printedLines(const std::vector<TraceEvent>& events);

} // namespace looplab
