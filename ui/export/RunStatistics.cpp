#include "RunStatistics.h"

#include <algorithm>
#include <limits>
#include <map>
#include <numeric>
#include <utility>

namespace looplab {

namespace {

// What a task row's segment counts towards in the concurrency sweep: the fixed states first,
// then one slot per wait kind (in waitKinds() order).
enum Slot : int { SlotRunning = 0, SlotReady = 1, SlotBlocked = 2, SlotFirstWait = 3 };

// A wait counts under its family's name (the timeline's colours and legend), or under its own
// word when the segment has no family (models made by hand).
std::string waitKindOf(const Segment& s) {
    static const std::string other = "other";
    static const std::string families[kWaitKindCount] = {
        waitKindName(WaitKind::None),    waitKindName(WaitKind::Sleep),
        waitKindName(WaitKind::Lock),    waitKindName(WaitKind::Semaphore),
        waitKindName(WaitKind::Queue),   waitKindName(WaitKind::Event),
        waitKindName(WaitKind::Network), waitKindName(WaitKind::Executor),
        waitKindName(WaitKind::Await),   waitKindName(WaitKind::Late)};
    if (s.wait != WaitKind::None)
        return families[static_cast<size_t>(s.wait)];
    return s.detail.empty() ? other : s.detail.str();
}

// One change of a slot's count at a boundary. Sorting these and applying each equal-time
// group at once is the whole sweep: O(S log S), however many tasks overlap.
struct Change {
    int64_t ns;
    int slot;
    int delta;
};

} // namespace

int ConcurrencyStep::waitingTotal() const {
    return std::accumulate(waiting.begin(), waiting.end(), 0);
}

int ConcurrencyStep::total() const {
    return running + ready + blocked + waitingTotal();
}

int64_t RowBreakdown::waitingTotalNs() const {
    return std::accumulate(waitingNs.begin(), waitingNs.end(), int64_t{0});
}

int64_t RowBreakdown::totalNs() const {
    return runningNs + readyNs + blockedNs + busyNs + waitingTotalNs();
}

RunStatistics::RunStatistics(const TimelineModel& model) : endNs_(model.endNs()) {
    // Wait kinds first: every other result is indexed by them. Kinds from worker rows (not
    // produced by the model today) still get a slot so no index can fall outside.
    std::map<std::string, int64_t> waitTotals;
    for (size_t r = 0; r < model.rowCount(); ++r)
        for (const Segment& s : model.segments(r))
            if (s.kind == SegmentKind::Waiting)
                waitTotals[waitKindOf(s)] += s.endNs - s.startNs;
    std::vector<std::pair<std::string, int64_t>> kinds(waitTotals.begin(), waitTotals.end());
    // The map iterates by name, so a stable sort by total keeps ties in name order.
    std::stable_sort(kinds.begin(), kinds.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::map<std::string, int> kindIndex;
    for (const auto& kind : kinds) {
        kindIndex[kind.first] = static_cast<int>(waitKinds_.size());
        waitKinds_.push_back(kind.first);
    }
    const size_t kindCount = waitKinds_.size();

    // Breakdown per row, and the boundaries of task rows for the sweep.
    std::vector<Change> changes;
    changes.reserve(2 * model.segmentCount());
    breakdown_.reserve(model.rowCount());
    for (size_t r = 0; r < model.rowCount(); ++r) {
        const TimelineRow& row = model.row(r);
        RowBreakdown b;
        b.label = row.label;
        b.isWorker = row.kind == TimelineRow::Kind::Worker;
        b.taskId = row.taskId;
        b.waitingNs.assign(kindCount, 0);
        // One wait-kind lookup per run of equal details, not per segment: a task usually waits
        // on the same kind over and over.
        std::string lastKind;
        int lastIndex = -1;
        for (const Segment& s : row.segments) {
            const int64_t length = s.endNs - s.startNs;
            int slot = -1;
            switch (s.kind) {
            case SegmentKind::Running:
                b.runningNs += length;
                slot = SlotRunning;
                break;
            case SegmentKind::Ready:
                b.readyNs += length;
                slot = SlotReady;
                break;
            case SegmentKind::Blocked:
                b.blockedNs += length;
                slot = SlotBlocked;
                break;
            case SegmentKind::Waiting: {
                std::string kind = waitKindOf(s);
                if (lastIndex < 0 || lastKind != kind) {
                    lastIndex = kindIndex.at(kind);
                    lastKind = std::move(kind);
                }
                b.waitingNs[static_cast<size_t>(lastIndex)] += length;
                slot = SlotFirstWait + lastIndex;
                break;
            }
            case SegmentKind::Busy:
                b.busyNs += length;
                break;
            case SegmentKind::Mixed:
                break; // a drawing artefact; never in a model
            }
            if (!b.isWorker && slot >= 0 && length > 0) {
                changes.push_back({s.startNs, slot, +1});
                changes.push_back({s.endNs, slot, -1});
            }
        }
        breakdown_.push_back(std::move(b));
    }

    std::sort(changes.begin(), changes.end(),
              [](const Change& a, const Change& b) { return a.ns < b.ns; });
    std::vector<int> counts(SlotFirstWait + kindCount, 0);
    auto toStep = [&](int64_t ns) {
        ConcurrencyStep step;
        step.startNs = ns;
        step.running = counts[SlotRunning];
        step.ready = counts[SlotReady];
        step.blocked = counts[SlotBlocked];
        step.waiting.assign(counts.begin() + SlotFirstWait, counts.end());
        return step;
    };
    auto sameCounts = [&](const ConcurrencyStep& step) {
        return step.running == counts[SlotRunning] && step.ready == counts[SlotReady] &&
               step.blocked == counts[SlotBlocked] &&
               std::equal(step.waiting.begin(), step.waiting.end(), counts.begin() + SlotFirstWait);
    };
    concurrency_.push_back(toStep(0));
    for (size_t i = 0; i < changes.size();) {
        // Anything before 0 folds into the first step, which by contract starts at 0.
        const int64_t ns = std::max<int64_t>(changes[i].ns, 0);
        while (i < changes.size() && std::max<int64_t>(changes[i].ns, 0) == ns) {
            counts[static_cast<size_t>(changes[i].slot)] += changes[i].delta;
            ++i;
        }
        if (sameCounts(concurrency_.back()))
            continue;
        if (concurrency_.back().startNs == ns)
            concurrency_.back() = toStep(ns);
        else
            concurrency_.push_back(toStep(ns));
    }
    // Segments end by endNs, so the sweep closes with an all-zero step at endNs: past the run,
    // where concurrencyAt() answers zero anyway. Dropping it keeps every step inside the run.
    while (concurrency_.size() > 1 && concurrency_.back().startNs >= endNs_)
        concurrency_.pop_back();
    for (const ConcurrencyStep& step : concurrency_)
        peak_ = std::max(peak_, step.total());
}

ConcurrencyStep RunStatistics::concurrencyAt(int64_t ns) const {
    if (ns < 0 || ns >= endNs_ || concurrency_.empty()) {
        ConcurrencyStep none;
        none.startNs = ns < 0 ? std::numeric_limits<int64_t>::min() : endNs_;
        none.waiting.assign(waitKinds_.size(), 0);
        return none;
    }
    // The last step starting at or before ns.
    auto after =
        std::upper_bound(concurrency_.begin(), concurrency_.end(), ns,
                         [](int64_t t, const ConcurrencyStep& s) { return t < s.startNs; });
    return *(after - 1);
}

} // namespace looplab
