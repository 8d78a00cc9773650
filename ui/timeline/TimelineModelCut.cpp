// TimelineModel::upTo, apart from the builder in TimelineModel.cpp: cutting a finished model at a
// moment, for a student who has not yet predicted what comes next.
#include "TimelineModel.h"

#include <algorithm>

namespace looplab {

namespace {

// The row as far as it has happened at `ns`: what starts later is not told yet.
TimelineRow cutRow(const TimelineRow& row, int64_t ns) {
    TimelineRow cut(row.kind, row.taskId, row.label, {}, row.coroutine, row.asyncioCleanup);
    for (const Segment& s : row.segments) {
        if (s.startNs >= ns)
            break;
        cut.segments.push_back(s);
        cut.segments.back().endNs = std::min(s.endNs, ns);
        // A late timer that has not run before this moment (it may run at this very instant,
        // a step later) is late so far: when it ran is not told yet.
        if (s.wait == WaitKind::Late && s.endNs >= ns)
            cut.segments.back().detail = kLateSoFar;
    }
    for (const RowMark& m : row.marks)
        if (m.ns <= ns)
            cut.marks.push_back(m);
    for (const RowHold& h : row.holds)
        if (h.startNs < ns)
            cut.holds.push_back({h.startNs, std::min(h.endNs, ns), h.semaphore, h.name});
    return cut;
}

} // namespace

TimelineModel TimelineModel::upTo(int64_t ns, const std::unordered_set<int64_t>& tasks) const {
    std::vector<TimelineRow> rows;
    for (const TimelineRow& row : rows_) {
        const bool exists = row.kind == TimelineRow::Kind::Task
                                ? tasks.count(row.taskId) > 0
                                : !row.segments.empty() && row.segments.front().startNs < ns;
        if (exists)
            rows.push_back(cutRow(row, ns));
    }
    return TimelineModel(std::move(rows), cutRow(loopRow_, ns), ns);
}

} // namespace looplab
