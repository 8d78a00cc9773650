#pragma once
// What the timeline shows, computed once from a recorded run: one row per task (creation
// order; tasks that took no virtual time at all are left out) and then one per executor worker
// or thread (first-seen order), each a sorted list of non-overlapping segments over virtual
// time.
//
// Kept free of Qt so it can be tested and benchmarked on its own, like the models of Qt
// Creator's tracing library; TimelineView only asks it for the segments of the visible range.

#include "TimelineMark.h"
#include "TimelineSegment.h"
#include "TraceEvent.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace looplab {

class TraceReplay;

struct TimelineRow {
    enum class Kind { Task, Worker, Loop };
    TimelineRow() = default;
    TimelineRow(Kind kind_, int64_t taskId_, std::string label_,
                std::vector<Segment> segments_ = {}, std::string coroutine_ = {},
                bool asyncioCleanup_ = false)
        : kind(kind_), taskId(taskId_), label(std::move(label_)), segments(std::move(segments_)),
          coroutine(std::move(coroutine_)), asyncioCleanup(asyncioCleanup_) {}

    Kind kind = Kind::Task;
    int64_t taskId = -1; // for task rows
    std::string label;   // the task's (latest) name, or the worker's thread label
    std::vector<Segment> segments;
    // What a task row runs, as the other views say it (coroutineLabel in TaskLabel.h): "main()",
    // or "asyncio.run's clean-up (shutdown_asyncgens)"; empty for workers.
    std::string coroutine;
    bool asyncioCleanup = false; // one of asyncio.run's own clean-up tasks
    std::vector<RowMark> marks;  // moments, sorted by time: cancelled, finished, ...
    std::vector<RowHold> holds;  // locks and semaphore permits the task held, sorted by start

    // The label shown: "Task-1 · main()", or the label alone when there is no coroutine.
    std::string displayLabel() const;
};

class TimelineModel {
  public:
    TimelineModel() = default;
    explicit TimelineModel(const std::vector<TraceEvent>& events);
    explicit TimelineModel(const TraceReplay& replay);
    // For synthetic models (benchmarks, tests): rows must already be sorted and disjoint.
    TimelineModel(std::vector<TimelineRow> rows, int64_t endNs);
    // The same with the loop's row (exports and tests of it).
    TimelineModel(std::vector<TimelineRow> rows, TimelineRow loopRow, int64_t endNs);

    size_t rowCount() const { return rows_.size(); }
    // The event loop's own row (which task's step it runs, idle until a timer, blocked), or
    // null for synthetic models. Kept apart from rows() so task and worker indices, statistics
    // and charts stay about tasks; painting and exports put it on top.
    const TimelineRow* loopRow() const { return loopRow_.segments.empty() ? nullptr : &loopRow_; }
    // The rows as drawn: the loop's row first when there is one, then rows().
    size_t drawnRowCount() const { return rows_.size() + (loopRow() ? 1 : 0); }
    const TimelineRow& drawnRow(size_t index) const {
        return loopRow() ? (index == 0 ? loopRow_ : rows_.at(index - 1)) : rows_.at(index);
    }
    const TimelineRow& row(size_t index) const { return rows_.at(index); }
    // The task's name or the worker's label: what spotlights, exports and charts match on.
    const std::string& rowLabel(size_t index) const { return rows_.at(index).label; }
    const std::vector<Segment>& segments(size_t index) const { return rows_.at(index).segments; }
    size_t segmentCount() const;

    // The segments of `row` that overlap [fromNs, toNs), as a half-open index range found by
    // binary search: painting cost follows what is on screen, not the length of the run.
    std::pair<size_t, size_t> visibleRange(size_t row, int64_t fromNs, int64_t toNs) const;
    static std::pair<size_t, size_t> visibleRange(const std::vector<Segment>& segments,
                                                  int64_t fromNs, int64_t toNs);
    // The segment of `row` covering `ns`, or -1.
    std::ptrdiff_t segmentAt(size_t row, int64_t ns) const;

    // The run as far as it has happened at `ns`, for a student who has not yet predicted what
    // comes next: the rows of the tasks in `tasks` (those created by the current step) and of
    // the workers busy before `ns`, each cut at `ns`; its end is `ns`.
    TimelineModel upTo(int64_t ns, const std::unordered_set<int64_t>& tasks) const;

    // The last virtual instant of the run on any thread (0 for an empty trace).
    int64_t endNs() const { return endNs_; }

    // What the run contains, over every drawn row, for a legend that lists only that: one bit
    // per SegmentKind, per WaitKind of Waiting segments, per MarkKind; holds: bit 0 a lock,
    // bit 1 a semaphore permit.
    uint32_t kindsPresent() const { return kinds_; }
    uint32_t waitsPresent() const { return waits_; }
    uint32_t marksPresent() const { return marks_; }
    uint32_t holdsPresent() const { return holds_; }
    // Whether a thread (a worker or the loop's) was ever ready but waiting for the GIL.
    bool gilWaitsPresent() const { return gilWaits_; }

    // Different for every model made (a copy keeps its source's: same contents), so a painter
    // can keep pixels it worked out for a model without mistaking a new one made at the same
    // address for it.
    uint64_t id() const { return id_; }

  private:
    void summarise();
    static uint64_t nextId() {
        static std::atomic<uint64_t> next{1};
        return next++;
    }

    uint64_t id_ = nextId();

    std::vector<TimelineRow> rows_;
    TimelineRow loopRow_{TimelineRow::Kind::Loop, -1, "event loop"};
    int64_t endNs_ = 0;
    uint32_t kinds_ = 0;
    uint32_t waits_ = 0;
    uint32_t marks_ = 0;
    uint32_t holds_ = 0;
    bool gilWaits_ = false;
};

} // namespace looplab
