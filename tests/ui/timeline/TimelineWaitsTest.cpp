// What the timeline tells apart on hand-made traces: the kind of each wait, a late timer as its
// due time plus the delay, what a task holds, the marks of moments, the loop's own row, and
// worker rows that are busy, never blocked.

#include "TaskWait.h"
#include "TimelineModel.h"

#include <gtest/gtest.h>

#include <ostream>

namespace looplab {

namespace {

TraceEvent ev(EventKind kind, int64_t t, int64_t task = -1, int64_t handle = -1,
              std::string text = {}, int64_t num = 0, std::string detail = {}) {
    TraceEvent e;
    e.kind = kind;
    e.t = t;
    e.task = task;
    e.handle = handle;
    e.text = std::move(text);
    e.num = num;
    e.detail = std::move(detail);
    return e;
}

TraceEvent yielded(int64_t t, int64_t task, const std::string& info) {
    TraceEvent e = ev(EventKind::StepYield, t, task, -1, {}, 0, info);
    return e;
}

TraceEvent done(int64_t t, int64_t task, const std::string& info) {
    return ev(EventKind::TaskDone, t, task, -1, {}, 0, info);
}

using K = EventKind;
using Segments = std::vector<Segment>;
constexpr int64_t kMs = 1'000'000;

TEST(TimelineWaits, EachWaitCarriesItsKindAndALockWaitTurningIntoASleepIsTwoSegments) {
    const TimelineModel model({
        ev(K::TaskCreated, 0, 1, -1, "worker"),
        ev(K::StepBegin, 0, 1, 1),
        yielded(100, 1, R"({"wait":{"kind":"lock","obj":1,"name":"db"}})"),
        ev(K::ReadyPush, 300 * kMs, 1, 2, "wake"),
        ev(K::StepBegin, 300 * kMs, 1, 2),
        yielded(300 * kMs + 100, 1, R"({"wait":{"kind":"sleep","delay":"1","until":2000000000}})"),
        ev(K::ReadyPush, 400 * kMs, 1, 3, "step"),
        ev(K::StepBegin, 500 * kMs, 1, 3),
        yielded(500 * kMs + 100, 1, R"({"wait":{"kind":"gather","tasks":[]}})"),
        done(600 * kMs, 1, R"({"state":"finished","result":"1"})"),
    });
    ASSERT_EQ(model.rowCount(), 1u);
    const Segments expected = {
        {0, 100, SegmentKind::Running, "", WaitKind::None},
        {100, 300 * kMs, SegmentKind::Waiting, "lock", WaitKind::Lock},
        {300 * kMs, 300 * kMs + 100, SegmentKind::Running, "", WaitKind::None},
        {300 * kMs + 100, 400 * kMs, SegmentKind::Waiting, "sleep", WaitKind::Sleep},
        {400 * kMs, 500 * kMs, SegmentKind::Ready, "", WaitKind::None},
        {500 * kMs, 500 * kMs + 100, SegmentKind::Running, "", WaitKind::None},
        {500 * kMs + 100, 600 * kMs, SegmentKind::Waiting, "gather", WaitKind::Await},
    };
    EXPECT_EQ(model.segments(0), expected);
    EXPECT_EQ(model.row(0).marks, (std::vector<RowMark>{{600 * kMs, MarkKind::Finished, ""}}));
}

// Lesson 14's story: a heartbeat sleeps until 0.5 s, but the loop is inside time.sleep(2) from
// 0.1 s to 2.1 s, so its timer runs at 2.1 s.
std::vector<TraceEvent> blockedLoop() {
    return {
        ev(K::TaskCreated, 0, 1, -1, "heartbeat"),
        ev(K::TaskCreated, 0, 2, -1, "handler"),
        ev(K::StepBegin, 0, 1, 1),
        ev(K::TimerPush, 10, 1, 5, "_set_result_unless_cancelled", 500 * kMs),
        yielded(10, 1, R"({"wait":{"kind":"sleep","delay":"0.5","until":500000000}})"),
        ev(K::Poll, 10, -1, -1, {}, 100 * kMs - 10),
        ev(K::StepBegin, 100 * kMs, 2, 2),
        ev(K::Block, 100 * kMs, 2, -1, "loop", 2000 * kMs),
        yielded(2100 * kMs, 2, R"({"wait":{"kind":"sleep","delay":"9","until":9100000000}})"),
        ev(K::TimerDue, 2100 * kMs, -1, 5),
        ev(K::ReadyPush, 2100 * kMs, 1, 6, "wake"),
        ev(K::StepBegin, 2100 * kMs, 1, 6),
        done(2100 * kMs + 100, 1, R"({"state":"failed","exception":"ValueError","message":"x"})"),
    };
}

TEST(TimelineWaits, ALateTimerIsItsDueTimePlusTheDelay) {
    const TimelineModel model(blockedLoop());
    const Segments heartbeat = {
        {0, 10, SegmentKind::Running, ""},
        {10, 500 * kMs, SegmentKind::Waiting, "sleep", WaitKind::Sleep},
        {500 * kMs, 2100 * kMs, SegmentKind::Waiting, "late timer", WaitKind::Late},
        {2100 * kMs, 2100 * kMs + 100, SegmentKind::Running, ""},
    };
    EXPECT_EQ(model.segments(0), heartbeat);
    EXPECT_EQ(model.row(0).marks,
              (std::vector<RowMark>{{2100 * kMs + 100, MarkKind::Exception, "ValueError"}}));
}

// The loop's poll routinely wakes a timer 1 ms after its deadline (lesson 7): that is no late
// timer to point at.
TEST(TimelineWaits, ATimerAMillisecondLateIsNotDrawnLate) {
    const TimelineModel model({
        ev(K::TaskCreated, 0, 1, -1, "client-7"),
        ev(K::StepBegin, 0, 1, 1),
        ev(K::TimerPush, 10, 1, 5, "_set_result_unless_cancelled", 100 * kMs + 10),
        yielded(10, 1, R"({"wait":{"kind":"sleep","delay":"0.1","until":100000010}})"),
        ev(K::Poll, 10, -1, -1, {}, 101 * kMs),
        ev(K::TimerDue, 101 * kMs + 10, -1, 5),
        ev(K::ReadyPush, 101 * kMs + 10, 1, 6, "wake"),
        ev(K::StepBegin, 101 * kMs + 10, 1, 6),
        done(101 * kMs + 100, 1, R"({"state":"finished"})"),
    });
    EXPECT_EQ(model.segments(0)[1],
              (Segment{10, 101 * kMs + 10, SegmentKind::Waiting, "sleep", WaitKind::Sleep}));
    EXPECT_EQ((model.waitsPresent() >> static_cast<unsigned>(WaitKind::Late)) & 1u, 0u);
}

TEST(TimelineWaits, TheLoopsRowRunsStepsIdlesAndIsBlocked) {
    const TimelineModel model(blockedLoop());
    ASSERT_NE(model.loopRow(), nullptr);
    EXPECT_EQ(model.drawnRowCount(), model.rowCount() + 1);
    EXPECT_EQ(&model.drawnRow(0), model.loopRow());
    EXPECT_EQ(model.loopRow()->kind, TimelineRow::Kind::Loop);
    const Segments loop = {
        {0, 10, SegmentKind::Running, "heartbeat"},
        {10, 100 * kMs, SegmentKind::Waiting, "idle", WaitKind::Sleep},
        {100 * kMs, 2100 * kMs, SegmentKind::Blocked, "line 0"},
        {2100 * kMs, 2100 * kMs + 100, SegmentKind::Running, "heartbeat"},
    };
    EXPECT_EQ(model.loopRow()->segments, loop);
    // The statistics' rows stay tasks and workers only.
    EXPECT_EQ(model.rowLabel(0), "heartbeat");
}

TEST(TimelineWaits, WorkerRowsAreBusyEvenInsideABlockingCall) {
    TraceEvent job = ev(K::Job, 100, 1, -1, "default", 900);
    job.line = 0;
    job.detail = "read_sensor";
    const TimelineModel model({
        ev(K::TaskCreated, 0, 1, -1, "main"),
        ev(K::StepBegin, 0, 1, 1),
        ev(K::Line, 150, -1, -1, "default worker 0"),
        ev(K::Block, 200, -1, -1, "default worker 0", 500),
        job,
        yielded(100, 1, R"({"wait":{"kind":"executor","pool":"default","fn":"read_sensor"}})"),
        ev(K::ReadyPush, 900, 1, 2, "wake"),
        ev(K::StepBegin, 900, 1, 2),
        done(1000, 1, R"({"state":"finished"})"),
    });
    ASSERT_EQ(model.rowCount(), 2u);
    EXPECT_EQ(model.segments(1), (Segments{{100, 900, SegmentKind::Busy, "read_sensor"}}));
    EXPECT_EQ(model.segments(0)[1].wait, WaitKind::Executor);
    EXPECT_EQ((model.kindsPresent() >> static_cast<unsigned>(SegmentKind::Blocked)) & 1u, 0u);
}

TEST(TimelineWaits, HeldLocksAndPermitsAreBandsUntilReleasedOrTheEnd) {
    const TimelineModel model({
        ev(K::TaskCreated, 0, 1, -1, "pay-bob"),
        ev(K::TaskCreated, 0, 2, -1, "pay-alice"),
        ev(K::StepBegin, 0, 1, 1),
        ev(K::Sync, 10, -1, 7, {}, 0,
           R"({"kind":"lock","name":"lock_alice","locked":true,"holder":1})"),
        ev(K::Sync, 20, -1, 8, {}, 0,
           R"({"kind":"semaphore","name":"limit","value":0,"bounded":false,"acquired":1})"),
        yielded(30, 1, R"({"wait":{"kind":"sleep","delay":"0.1","until":100000030}})"),
        ev(K::StepBegin, 30, 2, 2),
        ev(K::Sync, 40, -1, 8, {}, 0,
           R"({"kind":"semaphore","name":"limit","value":1,"bounded":false,"released":1})"),
        ev(K::Sync, 50, -1, 8, {}, 0,
           R"({"kind":"semaphore","name":"limit","value":0,"bounded":false,"acquired":2})"),
        // A library's own semaphore (no name in the program) is not drawn.
        ev(K::Sync, 55, -1, 9, {}, 0,
           R"({"kind":"semaphore","name":null,"value":99,"bounded":false,"acquired":2})"),
        yielded(60, 2, R"({"wait":{"kind":"lock","obj":7,"name":"lock_alice"}})"),
        ev(K::Phase, 500, -1, -1, "deadlock", 0,
           R"({"tasks":[{"task":2,"name":"pay-alice","wait":{"kind":"lock","obj":7,)"
           R"("name":"lock_alice"},"blocked_by":[1]}],"cycle":[]})"),
        ev(K::End, 600),
    });
    ASSERT_EQ(model.rowCount(), 2u);
    EXPECT_EQ(model.row(0).holds,
              (std::vector<RowHold>{{10, 600, false, "lock_alice"}, {20, 40, true, "limit"}}));
    EXPECT_EQ(model.row(1).holds, (std::vector<RowHold>{{50, 600, true, "limit"}}));
    EXPECT_EQ(model.loopRow()->marks, (std::vector<RowMark>{{500, MarkKind::Deadlock, ""}}));
    // The stuck task's row says what it waits on for good.
    EXPECT_EQ(model.row(1).marks,
              (std::vector<RowMark>{{500, MarkKind::Deadlock, "lock lock_alice"}}));
    EXPECT_TRUE(model.row(0).marks.empty());
    EXPECT_EQ(model.holdsPresent(), 3u);
}

// Python 3.12 hands a released permit straight to the first waiter, inside the releasing
// task's step: the trace's one `sync` names the releaser with the value unchanged.
// A release that hands the permit to the first waiter (Semaphore._wake_up_next) is one state
// naming both tasks: the releaser's band ends, the waiter's begins.
TEST(TimelineWaits, APermitHandedOverOnReleaseMovesToTheWaiterTheTraceNames) {
    const TimelineModel model({
        ev(K::TaskCreated, 0, 1, -1, "download-0"),
        ev(K::TaskCreated, 0, 2, -1, "download-5"),
        ev(K::StepBegin, 0, 1, 1),
        ev(K::Sync, 10, -1, 8, {}, 0,
           R"({"kind":"semaphore","name":"limit","value":0,"bounded":false,"acquired":1})"),
        yielded(20, 1, R"({"wait":{"kind":"network","url":"u","until":1000}})"),
        ev(K::StepBegin, 20, 2, 2),
        yielded(30, 2, R"({"wait":{"kind":"semaphore","obj":8,"name":"limit"}})"),
        ev(K::StepBegin, 1000, 1, 3),
        ev(K::ReadyPush, 1010, 2, 4, "wake"),
        ev(K::Sync, 1020, -1, 8, {}, 0,
           R"({"kind":"semaphore","name":"limit","value":0,"bounded":false,"released":1,)"
           R"("acquired":2})"),
        done(1030, 1, R"({"state":"finished"})"),
        ev(K::StepBegin, 1040, 2, 4),
        ev(K::Sync, 1050, -1, 8, {}, 0,
           R"({"kind":"semaphore","name":"limit","value":1,"bounded":false,"released":2})"),
        done(1060, 2, R"({"state":"finished"})"),
    });
    EXPECT_EQ(model.row(0).holds, (std::vector<RowHold>{{10, 1020, true, "limit"}}));
    EXPECT_EQ(model.row(1).holds, (std::vector<RowHold>{{1020, 1050, true, "limit"}}));
}

// Task.cancel() on a task waiting for a lock: the trace marks the wake whose future was
// cancelled (`cancel`), and that is the moment the cancellation was asked for; a plain wake of
// the same wait (the lock released) is no such moment.
TEST(TimelineWaits, ACancelledWakeMarksTheCancelRequestWhateverTheWait) {
    const TimelineModel model({
        ev(K::TaskCreated, 0, 1, -1, "main"), ev(K::TaskCreated, 0, 2, -1, "waiter"),
        ev(K::TaskCreated, 0, 3, -1, "other"), ev(K::StepBegin, 0, 2, 1),
        yielded(10, 2, R"({"wait":{"kind":"lock","obj":5,"name":"lock"}})"),
        ev(K::StepBegin, 10, 3, 2),
        yielded(20, 3, R"({"wait":{"kind":"lock","obj":5,"name":"lock"}})"),
        ev(K::StepBegin, 1000, 1, 3),
        ev(K::ReadyPush, 1010, 2, 4, "wake", 1), // main called waiter.cancel()
        ev(K::ReadyPush, 1020, 3, 5, "wake"),    // main released the lock: other's turn
    });
    EXPECT_EQ(model.row(1).marks, (std::vector<RowMark>{{1010, MarkKind::CancelRequested, ""}}));
    EXPECT_TRUE(model.row(2).marks.empty());
}

// Lesson 13 and 12: main cancels a task that sleeps, and a wait_for's timeout expires.
TEST(TimelineWaits, CancellationAndTimeoutsLeaveMarks) {
    const TimelineModel model({
        ev(K::TaskCreated, 0, 1, -1, "main"),
        ev(K::TaskCreated, 0, 2, -1, "poller"),
        ev(K::StepBegin, 0, 2, 1),
        ev(K::TimerPush, 10, 2, 3, "_set_result_unless_cancelled", 5000 * kMs),
        yielded(10, 2, R"({"wait":{"kind":"sleep","delay":"5","until":5000000000}})"),
        ev(K::StepBegin, 10, 1, 2),
        ev(K::TimerPush, 20, 1, 4, "Timeout._on_timeout", 1000 * kMs),
        yielded(20, 1, R"({"wait":{"kind":"task","task":2,"name":"poller"}})"),
        ev(K::TimerDue, 1000 * kMs, -1, 4),
        ev(K::ReadyPush, 1000 * kMs, 1, 5, "wake"),
        ev(K::StepBegin, 1000 * kMs, 1, 5),
        ev(K::ReadyPush, 1000 * kMs + 100, 2, 6, "wake"),
        yielded(1000 * kMs + 200, 1, R"({"wait":{"kind":"task","task":2,"name":"poller"}})"),
        ev(K::StepBegin, 1000 * kMs + 200, 2, 6),
        ev(K::HandleCancel, 1000 * kMs + 200, -1, 3),
        done(1000 * kMs + 300, 2, R"({"state":"cancelled"})"),
        ev(K::StepBegin, 1000 * kMs + 300, 1, 7),
        done(1000 * kMs + 400, 1, R"({"state":"finished"})"),
    });
    EXPECT_EQ(model.row(0).marks,
              (std::vector<RowMark>{{1000 * kMs, MarkKind::TimeoutExpired, ""},
                                    {1000 * kMs + 400, MarkKind::Finished, ""}}));
    // Requested where main's step woke it before its deadline, delivered where it next ran;
    // ending cancelled adds nothing more.
    EXPECT_EQ(model.row(1).marks,
              (std::vector<RowMark>{{1000 * kMs + 100, MarkKind::CancelRequested, ""},
                                    {1000 * kMs + 200, MarkKind::Cancelled, ""}}));
}

TEST(TimelineWaits, UpToCutsTheLoopRowHoldsAndMarksToo) {
    const TimelineModel whole(blockedLoop());
    const TimelineModel cut = whole.upTo(1000 * kMs, {1, 2});
    ASSERT_NE(cut.loopRow(), nullptr);
    EXPECT_EQ(cut.loopRow()->segments.back(),
              (Segment{100 * kMs, 1000 * kMs, SegmentKind::Blocked, "line 0"}));
    EXPECT_TRUE(cut.row(0).marks.empty()); // the exception is still to come
    EXPECT_EQ(cut.row(0).segments.back().wait, WaitKind::Late);
}

// A late timer cut before it is known to have run is late so far: at the end of the block
// (2.1 s) the heartbeat had not run yet (lesson 14 shows that moment a step before it runs),
// and the timeline said "ran 2.100 s". After that instant, when it ran is told.
TEST(TimelineWaits, ALateTimerCutAtOrBeforeItRunsIsLateSoFar) {
    const TimelineModel whole(blockedLoop());
    for (const int64_t at : {1000 * kMs, 2100 * kMs}) {
        const TimelineModel cut = whole.upTo(at, {1, 2});
        const Segment& late = cut.row(0).segments.back();
        EXPECT_EQ(late.wait, WaitKind::Late) << at;
        EXPECT_EQ(late.endNs, at);
        EXPECT_EQ(late.detail, kLateSoFar) << at;
    }
    const TimelineModel after = whole.upTo(2100 * kMs + 50, {1, 2});
    const Segments& segments = after.row(0).segments;
    ASSERT_GE(segments.size(), 2u);
    const Segment& ran = segments[segments.size() - 2];
    EXPECT_EQ(ran.wait, WaitKind::Late);
    EXPECT_EQ(ran.endNs, 2100 * kMs);
    EXPECT_EQ(ran.detail, "late timer");
}

} // namespace
} // namespace looplab
