// RunStatistics on hand-built timelines: exact concurrency steps, lookups at and around their
// boundaries, wait-kind order and the per-row breakdown.

#include "RunStatistics.h"

#include "ExportTestModels.h"

#include <gtest/gtest.h>

#include <limits>

namespace looplab {
namespace {

using K = SegmentKind;
using exporttest::seg;
using exporttest::taskRow;
using exporttest::twoTasks;
using exporttest::workerRow;

struct Counts {
    int64_t at;
    int running, ready, blocked;
    std::vector<int> waiting;
};

void expectStep(const ConcurrencyStep& step, const Counts& want) {
    EXPECT_EQ(step.startNs, want.at);
    EXPECT_EQ(step.running, want.running) << "at " << want.at;
    EXPECT_EQ(step.ready, want.ready) << "at " << want.at;
    EXPECT_EQ(step.blocked, want.blocked) << "at " << want.at;
    EXPECT_EQ(step.waiting, want.waiting) << "at " << want.at;
}

TEST(RunStatistics, TwoTasksGiveExactSteps) {
    const RunStatistics stats(twoTasks());
    // sleep is waited on for 2 ns, lock for 1 ns: sleep comes first.
    ASSERT_EQ(stats.waitKinds(), (std::vector<std::string>{"sleep", "lock"}));
    const auto& steps = stats.concurrency();
    ASSERT_EQ(steps.size(), 3u);
    expectStep(steps[0], {0, 1, 1, 0, {0, 0}});
    expectStep(steps[1], {1, 1, 0, 0, {1, 0}});
    expectStep(steps[2], {2, 0, 0, 0, {1, 1}});
    EXPECT_EQ(steps[2].waitingTotal(), 2);
    EXPECT_EQ(steps[0].total(), 2);
    EXPECT_EQ(stats.peakConcurrency(), 2);
    EXPECT_EQ(stats.endNs(), 3);
}

TEST(RunStatistics, ConcurrencyAtBoundariesAndOutside) {
    const RunStatistics stats(twoTasks());
    expectStep(stats.concurrencyAt(0), {0, 1, 1, 0, {0, 0}});
    expectStep(stats.concurrencyAt(1), {1, 1, 0, 0, {1, 0}});
    // The last instant of the run still belongs to the last step; endNs itself is past it.
    expectStep(stats.concurrencyAt(2), {2, 0, 0, 0, {1, 1}});
    const ConcurrencyStep atEnd = stats.concurrencyAt(3);
    EXPECT_EQ(atEnd.total(), 0);
    EXPECT_EQ(atEnd.startNs, 3);
    EXPECT_EQ(atEnd.waiting.size(), 2u);
    EXPECT_EQ(stats.concurrencyAt(1000).total(), 0);
    const ConcurrencyStep before = stats.concurrencyAt(-1);
    EXPECT_EQ(before.total(), 0);
    EXPECT_EQ(before.startNs, std::numeric_limits<int64_t>::min());
    EXPECT_EQ(before.waiting.size(), 2u);
}

TEST(RunStatistics, MergesEqualNeighboursAndStartsAtZero) {
    // A runs 5-10 then runs again 10-20 in a second segment (same count: no new step at 10);
    // B is blocked 10-15 while A's count does not change. Nothing happens before 5.
    const TimelineModel model({taskRow(1, "A", {seg(5, 10, K::Running), seg(10, 20, K::Running)}),
                               taskRow(2, "B", {seg(10, 15, K::Blocked, "line 7")}),
                               workerRow("default worker 0", {seg(0, 20, K::Busy, "work")})},
                              20);
    const RunStatistics stats(model);
    EXPECT_TRUE(stats.waitKinds().empty());
    const auto& steps = stats.concurrency();
    ASSERT_EQ(steps.size(), 4u);
    expectStep(steps[0], {0, 0, 0, 0, {}});
    expectStep(steps[1], {5, 1, 0, 0, {}});
    expectStep(steps[2], {10, 1, 0, 1, {}});
    expectStep(steps[3], {15, 1, 0, 0, {}});
    EXPECT_EQ(stats.peakConcurrency(), 2);
    expectStep(stats.concurrencyAt(12), {10, 1, 0, 1, {}});
    expectStep(stats.concurrencyAt(19), {15, 1, 0, 0, {}});
}

TEST(RunStatistics, HandOverAtTheSameInstantMakesNoStep) {
    // A stops running at 4 exactly when B starts: the running count stays 1 throughout.
    const TimelineModel model({taskRow(1, "A", {seg(0, 4, K::Running), seg(4, 8, K::Ready)}),
                               taskRow(2, "B", {seg(0, 4, K::Ready), seg(4, 8, K::Running)})},
                              8);
    const RunStatistics stats(model);
    ASSERT_EQ(stats.concurrency().size(), 1u);
    expectStep(stats.concurrency()[0], {0, 1, 1, 0, {}});
}

TEST(RunStatistics, EmptyModelHasOneZeroStep) {
    const RunStatistics stats{TimelineModel()};
    ASSERT_EQ(stats.concurrency().size(), 1u);
    expectStep(stats.concurrency()[0], {0, 0, 0, 0, {}});
    EXPECT_EQ(stats.peakConcurrency(), 0);
    EXPECT_TRUE(stats.breakdown().empty());
    EXPECT_EQ(stats.concurrencyAt(0).total(), 0);
    const RunStatistics defaulted;
    EXPECT_TRUE(defaulted.concurrency().empty());
    EXPECT_EQ(defaulted.concurrencyAt(0).total(), 0);
}

TEST(RunStatistics, WaitKindsByTotalThenName) {
    // queue.get and lock tie at 6 ns (name order: lock first); sleep leads with 10; a wait
    // with no kind is "other" (2 ns), last.
    const TimelineModel model(
        {taskRow(1, "a", {seg(0, 10, K::Waiting, "sleep"), seg(10, 14, K::Waiting, "queue.get")}),
         taskRow(2, "b", {seg(0, 6, K::Waiting, "lock"), seg(6, 8, K::Waiting, "queue.get")}),
         taskRow(3, "c", {seg(0, 2, K::Waiting, "")})},
        14);
    const RunStatistics stats(model);
    EXPECT_EQ(stats.waitKinds(), (std::vector<std::string>{"sleep", "lock", "queue.get", "other"}));
    expectStep(stats.concurrencyAt(0), {0, 0, 0, 0, {1, 1, 0, 1}});
    expectStep(stats.concurrencyAt(7), {6, 0, 0, 0, {1, 0, 1, 0}});
    expectStep(stats.concurrencyAt(11), {10, 0, 0, 0, {0, 0, 1, 0}});
    EXPECT_EQ(stats.peakConcurrency(), 3);
}

TEST(RunStatistics, BreakdownPerRow) {
    const TimelineModel model(
        {taskRow(7, "main",
                 {seg(0, 3, K::Running), seg(3, 4, K::Blocked, "line 9"),
                  seg(4, 10, K::Waiting, "sleep"), seg(10, 11, K::Ready), seg(11, 12, K::Running)}),
         taskRow(8, "fetch", {seg(2, 5, K::Waiting, "lock"), seg(5, 9, K::Waiting, "sleep")}),
         workerRow("default worker 0", {seg(1, 4, K::Busy, "io"), seg(4, 6, K::Blocked, "line 3"),
                                        seg(6, 7, K::Busy, "io")})},
        12);
    const RunStatistics stats(model);
    ASSERT_EQ(stats.waitKinds(), (std::vector<std::string>{"sleep", "lock"}));
    const auto& rows = stats.breakdown();
    ASSERT_EQ(rows.size(), 3u);

    EXPECT_EQ(rows[0].label, "main");
    EXPECT_FALSE(rows[0].isWorker);
    EXPECT_EQ(rows[0].taskId, 7);
    EXPECT_EQ(rows[0].runningNs, 4);
    EXPECT_EQ(rows[0].readyNs, 1);
    EXPECT_EQ(rows[0].blockedNs, 1);
    EXPECT_EQ(rows[0].busyNs, 0);
    EXPECT_EQ(rows[0].waitingNs, (std::vector<int64_t>{6, 0}));
    EXPECT_EQ(rows[0].waitingTotalNs(), 6);
    EXPECT_EQ(rows[0].totalNs(), 12);

    EXPECT_EQ(rows[1].taskId, 8);
    EXPECT_EQ(rows[1].waitingNs, (std::vector<int64_t>{4, 3}));
    EXPECT_EQ(rows[1].totalNs(), 7);

    EXPECT_EQ(rows[2].label, "default worker 0");
    EXPECT_TRUE(rows[2].isWorker);
    EXPECT_EQ(rows[2].taskId, -1);
    EXPECT_EQ(rows[2].busyNs, 4);
    EXPECT_EQ(rows[2].blockedNs, 2);
    EXPECT_EQ(rows[2].waitingNs, (std::vector<int64_t>{0, 0}));
    EXPECT_EQ(rows[2].totalNs(), 6);

    // Worker rows are not tasks: the blocked worker at 5 is not counted.
    expectStep(stats.concurrencyAt(5), {5, 0, 0, 0, {2, 0}});
    expectStep(stats.concurrencyAt(3), {3, 0, 0, 1, {0, 1}});
}

TEST(RunStatistics, TenThousandTasksAgreeWithCountingByHand) {
    // 10,000 tasks with 10 segments each, staggered so the steps are many and varied.
    std::vector<TimelineRow> rows;
    const char* kinds[] = {"sleep", "lock", "queue.get"};
    for (int t = 0; t < 10000; ++t) {
        std::vector<Segment> segments;
        int64_t now = t * 37;
        for (int i = 0; i < 10; ++i) {
            const int64_t length = 100 + (t * 7 + i * 13) % 400;
            const SegmentKind kind = i % 3 == 0 ? K::Running : i % 3 == 1 ? K::Waiting : K::Ready;
            segments.push_back(
                seg(now, now + length, kind, kind == K::Waiting ? kinds[t % 3] : ""));
            now += length;
        }
        rows.push_back(taskRow(t + 1, "Task-" + std::to_string(t + 1), std::move(segments)));
    }
    const TimelineModel model(std::move(rows), 10000 * 37 + 5000);
    const RunStatistics stats(model); // its speed is export_bench's BM_RunStatistics10kTasks
    // At sample times the sweep's counts equal a plain count over every task's segments.
    for (int64_t t = 0; t < model.endNs(); t += 9973) {
        int running = 0, ready = 0, waiting = 0;
        for (size_t r = 0; r < model.rowCount(); ++r) {
            const std::ptrdiff_t at = model.segmentAt(r, t);
            if (at < 0)
                continue;
            const SegmentKind kind = model.segments(r)[static_cast<size_t>(at)].kind;
            running += kind == K::Running;
            ready += kind == K::Ready;
            waiting += kind == K::Waiting;
        }
        const ConcurrencyStep step = stats.concurrencyAt(t);
        ASSERT_EQ(step.running, running) << "t=" << t;
        ASSERT_EQ(step.ready, ready) << "t=" << t;
        ASSERT_EQ(step.waitingTotal(), waiting) << "t=" << t;
    }
    // Every step holds counts that add up to the tasks alive then, never more than all.
    EXPECT_GT(stats.concurrency().size(), 10000u);
    EXPECT_LE(stats.peakConcurrency(), 10000);
    EXPECT_GT(stats.peakConcurrency(), 1);
    for (size_t i = 1; i < stats.concurrency().size(); ++i)
        ASSERT_LT(stats.concurrency()[i - 1].startNs, stats.concurrency()[i].startNs);
}

} // namespace
} // namespace looplab
