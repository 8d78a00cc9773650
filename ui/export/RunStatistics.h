#pragma once
// The numbers the charts and the exports summarise a run with, computed once from the
// timeline's rows (so a chart and the timeline can never disagree). Plain C++, no Qt.
//
// Concurrency is a step function over virtual time: how many tasks are running, ready,
// waiting (per wait kind) and blocked from each change to the next. The breakdown says, per
// timeline row, how long it spent in each state.

#include "TimelineModel.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace looplab {

// Counts of tasks per state, holding from startNs until the next step's startNs (the last
// step holds until RunStatistics::endNs()).
struct ConcurrencyStep {
    int64_t startNs = 0;
    int running = 0;
    int ready = 0;
    int blocked = 0;
    std::vector<int> waiting; // one count per RunStatistics::waitKinds() entry

    int waitingTotal() const;
    int total() const; // running + ready + blocked + waitingTotal()
};

// Time one timeline row spent in each state. For a worker row, busyNs is its jobs' time.
struct RowBreakdown {
    std::string label;
    bool isWorker = false;
    int64_t taskId = -1;
    int64_t runningNs = 0;
    int64_t readyNs = 0;
    int64_t blockedNs = 0;
    int64_t busyNs = 0;
    std::vector<int64_t> waitingNs; // one per RunStatistics::waitKinds() entry

    int64_t waitingTotalNs() const;
    int64_t totalNs() const;
};

class RunStatistics {
  public:
    RunStatistics() = default;
    explicit RunStatistics(const TimelineModel& model);

    // The wait kinds of the run ("sleep", "lock", "queue.get", ...; a wait with no kind is
    // "other"), ordered by total waiting time across all tasks, largest first; ties by name.
    const std::vector<std::string>& waitKinds() const { return waitKinds_; }

    // Task rows only (worker threads are not tasks). Steps are sorted by startNs, start at 0,
    // and neighbouring steps always differ in some count.
    const std::vector<ConcurrencyStep>& concurrency() const { return concurrency_; }
    // The counts holding at `ns` (binary search); all zero before 0 or at/after endNs().
    ConcurrencyStep concurrencyAt(int64_t ns) const;
    // The largest total() of any step: the chart's y range.
    int peakConcurrency() const { return peak_; }

    // One entry per timeline row, in the timeline's order (tasks, then workers).
    const std::vector<RowBreakdown>& breakdown() const { return breakdown_; }

    int64_t endNs() const { return endNs_; }

  private:
    std::vector<std::string> waitKinds_;
    std::vector<ConcurrencyStep> concurrency_;
    std::vector<RowBreakdown> breakdown_;
    int64_t endNs_ = 0;
    int peak_ = 0;
};

} // namespace looplab
