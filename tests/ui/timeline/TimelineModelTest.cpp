// The model on hand-made traces: every row's exact segments, so a change in how events map to
// states shows up as a readable diff of intervals.

#include "TimelineModel.h"
#include "TaskWait.h"

#include <gtest/gtest.h>

#include <ostream>

namespace looplab {

void PrintTo(const Segment& s, std::ostream* os) {
    *os << segmentKindName(s.kind) << " [" << s.startNs << ", " << s.endNs << ") '" << s.detail
        << "'";
    if (s.wait != WaitKind::None)
        *os << " (" << waitKindName(s.wait) << ")";
}

namespace {

TraceEvent ev(EventKind kind, int64_t t, int64_t task = -1, int64_t handle = -1) {
    TraceEvent e;
    e.kind = kind;
    e.t = t;
    e.task = task;
    e.handle = handle;
    return e;
}

TraceEvent created(int64_t t, int64_t task, const std::string& name) {
    TraceEvent e = ev(EventKind::TaskCreated, t, task);
    e.text = name;
    return e;
}

TraceEvent yielded(int64_t t, int64_t task, const std::string& info) {
    TraceEvent e = ev(EventKind::StepYield, t, task);
    e.detail = info;
    return e;
}

TraceEvent withText(TraceEvent e, const std::string& text, int64_t num = 0, int64_t line = 0) {
    e.text = text;
    e.num = num;
    e.line = line;
    return e;
}

std::vector<TraceEvent> sampleRun() {
    using K = EventKind;
    TraceEvent timer = ev(K::TimerPush, 200, 2, 3);
    timer.num = 1000000300;
    TraceEvent job = withText(ev(K::Job, 100, 1), "default", 800, 0);
    job.detail = "blocking_io";
    TraceEvent thread = withText(ev(K::Job, 250, 1), "threads", 400, 1);
    thread.detail = "download";
    return {
        created(0, 1, "Task-1"),
        ev(K::ReadyPush, 0, 1, 1),
        created(0, 2, "Task-2"),
        withText(ev(K::TaskRenamed, 0, 2), "fetcher"),
        ev(K::ReadyPush, 0, 2, 2),
        ev(K::HandleRun, 0, -1, 1),
        ev(K::StepBegin, 0, 1, 1),
        withText(ev(K::Line, 150), "default worker 0", 0, 12),
        withText(ev(K::Block, 200), "default worker 0", 500, 13),
        job,
        withText(ev(K::Line, 300), "thread Thread-1 (download)", 0, 20),
        thread,
        yielded(100, 1, R"({"chain":["main"],"wait":{"kind":"task","task":2,"name":"fetcher"}})"),
        ev(K::HandleRun, 100, -1, 2),
        ev(K::StepBegin, 100, 2, 2),
        timer,
        yielded(200, 2, R"({"wait": {"delay": "1", "kind": "sleep", "until": 1000000300}})"),
        ev(K::TimerDue, 1000000300, -1, 3),
        ev(K::HandleRun, 1000000300, -1, 3),
        ev(K::ReadyPush, 1000000300, 2, 4),
        ev(K::StepBegin, 1000000400, 2, 4),
        withText(ev(K::Block, 1000000500), "loop", 1000, 7),
        ev(K::TaskDone, 1000001600, 2),
        ev(K::ReadyPush, 1000001600, 1, 5),
        ev(K::StepBegin, 1000001600, 1, 5),
        ev(K::TaskDone, 1000001700, 1),
        ev(K::End, 1000001700),
    };
}

using Segments = std::vector<Segment>;

TEST(TimelineModel, RowsInCreationOrderThenWorkers) {
    const TimelineModel model(sampleRun());
    ASSERT_EQ(model.rowCount(), 4u);
    EXPECT_EQ(model.rowLabel(0), "Task-1");
    EXPECT_EQ(model.rowLabel(1), "fetcher"); // renamed after creation, as create_task does
    EXPECT_EQ(model.rowLabel(2), "default worker 0");
    EXPECT_EQ(model.rowLabel(3), "thread Thread-1 (download)");
    EXPECT_EQ(model.row(1).kind, TimelineRow::Kind::Task);
    EXPECT_EQ(model.row(1).taskId, 2);
    EXPECT_EQ(model.row(2).kind, TimelineRow::Kind::Worker);
    EXPECT_EQ(model.endNs(), 1000001700);
}

TEST(TimelineModel, TaskSegmentsFollowReadyRunningWaiting) {
    const TimelineModel model(sampleRun());
    const Segments task1 = {
        {0, 100, SegmentKind::Running, ""},
        {100, 1000001600, SegmentKind::Waiting, "task", WaitKind::Await},
        {1000001600, 1000001700, SegmentKind::Running, ""},
    };
    EXPECT_EQ(model.segments(0), task1);
    const Segments task2 = {
        {0, 100, SegmentKind::Ready, ""},
        {100, 200, SegmentKind::Running, ""},
        {200, 1000000300, SegmentKind::Waiting, "sleep", WaitKind::Sleep},
        {1000000300, 1000000400, SegmentKind::Ready, ""},
        {1000000400, 1000000500, SegmentKind::Running, ""},
        {1000000500, 1000001500, SegmentKind::Blocked, "line 7"},
        {1000001500, 1000001600, SegmentKind::Running, ""},
    };
    EXPECT_EQ(model.segments(1), task2);
}

// A blocking call inside a job blocks only its worker, which is what workers are for: the row
// stays "worker busy" for the whole job, never "blocked" like the loop in the blocking trap.
TEST(TimelineModel, WorkerRowsAreBusyForTheirWholeJobs) {
    const TimelineModel model(sampleRun());
    const Segments pool = {{100, 800, SegmentKind::Busy, "blocking_io"}};
    EXPECT_EQ(model.segments(2), pool);
    const Segments thread = {{250, 400, SegmentKind::Busy, "download"}};
    EXPECT_EQ(model.segments(3), thread);
}

TEST(TimelineModel, WakeDuringOwnStepMakesTheYieldReady) {
    using K = EventKind;
    // await asyncio.sleep(0): the task queues itself again before it suspends.
    const TimelineModel model({created(0, 1, "t"), ev(K::ReadyPush, 0, 1, 1),
                               ev(K::StepBegin, 10, 1, 1), ev(K::ReadyPush, 20, 1, 2),
                               yielded(30, 1, R"({"wait":{"kind":"ready"}})"),
                               ev(K::StepBegin, 50, 1, 2), ev(K::TaskDone, 60, 1)});
    const Segments expected = {{0, 10, SegmentKind::Ready, ""},
                               {10, 30, SegmentKind::Running, ""},
                               {30, 50, SegmentKind::Ready, ""},
                               {50, 60, SegmentKind::Running, ""}};
    EXPECT_EQ(model.segments(0), expected);
}

TEST(TimelineModel, UnrelatedTimerOfATaskDoesNotWakeIt) {
    using K = EventKind;
    TraceEvent timer = ev(K::TimerPush, 5, 1, 7); // a call_later callback, not the task's wait
    timer.num = 40;
    const TimelineModel model({created(0, 1, "t"), ev(K::StepBegin, 0, 1, 1), timer,
                               yielded(10, 1, R"({"wait":{"kind":"lock","name":"l"}})"),
                               ev(K::TimerDue, 40, -1, 7), ev(K::ReadyPush, 70, 1, 8),
                               ev(K::StepBegin, 80, 1, 8), ev(K::TaskDone, 90, 1)});
    const Segments expected = {{0, 10, SegmentKind::Running, ""},
                               {10, 70, SegmentKind::Waiting, "lock", WaitKind::Lock},
                               {70, 80, SegmentKind::Ready, ""},
                               {80, 90, SegmentKind::Running, ""}};
    EXPECT_EQ(model.segments(0), expected);
}

TEST(TimelineModel, OpenStatesEndWithTheRun) {
    using K = EventKind;
    // A deadlock: the task still waits when the run ends.
    const TimelineModel model({created(0, 1, "t"), ev(K::StepBegin, 0, 1, 1),
                               yielded(10, 1, R"({"wait":{"kind":"event"}})"), ev(K::End, 500)});
    const Segments expected = {{0, 10, SegmentKind::Running, ""},
                               {10, 500, SegmentKind::Waiting, "event", WaitKind::Event}};
    EXPECT_EQ(model.segments(0), expected);
}

TEST(TimelineModel, WorkersFollowAllTasksAndInstantTasksAreLeftOut) {
    using K = EventKind;
    TraceEvent job = withText(ev(K::Job, 0, 1), "default", 50, 0);
    const TimelineModel model({created(0, 1, "a"), ev(K::StepBegin, 0, 1, 1), job,
                               created(10, 2, "b"), ev(K::ReadyPush, 10, 2, 2),
                               created(20, 3, "instant"), ev(K::StepBegin, 20, 3, 3),
                               ev(K::TaskDone, 20, 3), ev(K::End, 100)});
    ASSERT_EQ(model.rowCount(), 3u);
    EXPECT_EQ(model.rowLabel(0), "a");
    EXPECT_EQ(model.rowLabel(1), "b");
    EXPECT_EQ(model.rowLabel(2), "default worker 0");
}

TEST(TimelineModel, VisibleRangeFindsOverlappingSegments) {
    const TimelineModel model(sampleRun());
    using Range = std::pair<size_t, size_t>;
    EXPECT_EQ(model.visibleRange(1, 0, 100), Range(0, 1));
    EXPECT_EQ(model.visibleRange(1, 0, 101), Range(0, 2));
    EXPECT_EQ(model.visibleRange(1, 99, 100), Range(0, 1));
    EXPECT_EQ(model.visibleRange(1, 100, 200), Range(1, 2));
    EXPECT_EQ(model.visibleRange(1, 150, 1000000350), Range(1, 4));
    EXPECT_EQ(model.visibleRange(1, 2000000000, 3000000000), Range(7, 7));
    EXPECT_EQ(model.visibleRange(2, 0, 50), Range(0, 0));
    EXPECT_EQ(model.segmentAt(1, 250), 2);
    EXPECT_EQ(model.segmentAt(2, 50), -1);
}

TEST(TimelineModel, UpToKeepsOnlyWhatHasHappened) {
    using K = SegmentKind;
    TimelineRow a{
        TimelineRow::Kind::Task, 1, "a", {{0, 10, K::Running, ""}, {10, 50, K::Waiting, "sleep"}}};
    TimelineRow b{TimelineRow::Kind::Task, 2, "b", {{30, 40, K::Running, ""}}};
    TimelineRow w{TimelineRow::Kind::Worker, -1, "worker 0", {{5, 25, K::Busy, "f"}}};
    TimelineRow late{TimelineRow::Kind::Worker, -1, "worker 1", {{25, 30, K::Busy, "g"}}};
    const TimelineModel model({a, b, w, late}, 50);
    // At 20 ns task 2 exists (created) but has not run yet; worker 1 has not started.
    const TimelineModel cut = model.upTo(20, {1, 2});
    EXPECT_EQ(cut.endNs(), 20);
    ASSERT_EQ(cut.rowCount(), 3u);
    EXPECT_EQ(cut.rowLabel(0), "a");
    ASSERT_EQ(cut.segments(0).size(), 2u);
    EXPECT_EQ(cut.segments(0)[1].startNs, 10);
    EXPECT_EQ(cut.segments(0)[1].endNs, 20);
    EXPECT_EQ(cut.rowLabel(1), "b");
    EXPECT_TRUE(cut.segments(1).empty());
    EXPECT_EQ(cut.rowLabel(2), "worker 0");
    EXPECT_EQ(cut.segments(2)[0].endNs, 20);
    // A task not created yet has no row, even if it runs before the cut in virtual time.
    EXPECT_EQ(model.upTo(35, {1}).rowCount(), 3u);
    EXPECT_EQ(model.upTo(0, {}).rowCount(), 0u);
}

// A task row is labelled with its name and its coroutine, like the task table and the loop
// view; a task that asyncio.run makes for its clean-up says so (its one rule: made after the
// clean-up began, outside any task), while a task the program makes then stays the program's.
TEST(TimelineModel, TaskRowsNameTheCoroutineAndMarkTheCleanUpTasks) {
    using K = EventKind;
    auto task = [](int64_t t, int64_t id, const std::string& name, const std::string& coroutine,
                   int64_t parent) {
        TraceEvent e = created(t, id, name);
        e.detail = coroutine;
        e.num = parent;
        return e;
    };
    const TimelineModel model({
        task(0, 1, "Task-1", "main", -1),
        ev(K::ReadyPush, 0, 1, 1),
        ev(K::StepBegin, 10, 1, 1),
        withText(ev(K::Phase, 20), "cleanup"),
        task(20, 2, "flush", "flush", 1),
        task(20, 3, "Task-3", "BaseEventLoop.shutdown_default_executor", -1),
        ev(K::ReadyPush, 20, 2, 2),
        ev(K::ReadyPush, 20, 3, 3),
        ev(K::TaskDone, 30, 1),
        ev(K::StepBegin, 40, 3, 3),
        ev(K::TaskDone, 50, 3),
        ev(K::StepBegin, 50, 2, 2),
        ev(K::TaskDone, 60, 2),
    });
    ASSERT_EQ(model.rowCount(), 3u);
    EXPECT_EQ(model.row(0).displayLabel(), "Task-1 \u00b7 main()");
    EXPECT_EQ(model.row(1).displayLabel(), "flush \u00b7 flush()");
    EXPECT_FALSE(model.row(1).asyncioCleanup);
    EXPECT_EQ(model.row(2).displayLabel(),
              "Task-3 \u00b7 asyncio.run's clean-up (shutdown_default_executor)");
    EXPECT_TRUE(model.row(2).asyncioCleanup);
    // What spotlights and exports match on stays the name.
    EXPECT_EQ(model.rowLabel(0), "Task-1");
    EXPECT_EQ(model.upTo(25, {1, 2, 3}).row(2).displayLabel(), model.row(2).displayLabel());
}

TEST(TimelineModel, SyntheticRowsMustBeSortedAndDisjoint) {
    TimelineRow row;
    row.segments = {{0, 10, SegmentKind::Running, ""}, {5, 20, SegmentKind::Ready, ""}};
    EXPECT_THROW(TimelineModel({row}, 20), std::invalid_argument);
    row.segments[1].startNs = 10;
    EXPECT_EQ(TimelineModel({row}, 20).segmentCount(), 2u);
}

} // namespace
} // namespace looplab
