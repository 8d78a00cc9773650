// The deadlock is a step of its own: for each kind of stuck program, the step where the loop
// finds nothing to run shows the stuck state (held locks and permits, waiting tasks), says
// "Deadlock" in the narration and opens the Deadlock tab; no step before it shows the tab or
// the report; asyncio.run's clean-up after it is one folded step, told as asyncio's own.

#include "DeadlockView.h"
#include "MainWindow.h"
#include "TimelineView.h"
#include "WindowTest.h"

#include <QApplication>
#include <QPlainTextEdit>
#include <QTabWidget>

#include <string>

namespace looplab {
namespace {

struct StuckProgram {
    const char* name;
    const char* source;
    bool holdsSomething; // a lock or semaphore is held at the deadlock
};

const StuckProgram kStuckPrograms[] = {
    {"LockOrder", R"(import asyncio
lock_a = asyncio.Lock()
lock_b = asyncio.Lock()
async def take(first, second):
    async with first:
        await asyncio.sleep(0.1)
        async with second:
            pass
async def main():
    await asyncio.gather(take(lock_a, lock_b), take(lock_b, lock_a))
asyncio.run(main())
)",
     true},
    {"OwnLockTwice", R"(import asyncio
lock = asyncio.Lock()
async def main():
    async with lock:
        async with lock:
            pass
asyncio.run(main())
)",
     true},
    {"SemaphoreTakenTwice", R"(import asyncio
slots = asyncio.Semaphore(1)
async def main():
    await slots.acquire()
    await slots.acquire()
asyncio.run(main())
)",
     true},
    {"FullQueueNoConsumer", R"(import asyncio
async def main():
    jobs = asyncio.Queue(maxsize=1)
    await jobs.put(1)
    await jobs.put(2)
asyncio.run(main())
)",
     false},
    {"ConditionNobodyNotifies", R"(import asyncio
cond = asyncio.Condition()
async def main():
    async with cond:
        await cond.wait()
asyncio.run(main())
)",
     false},
};

class DeadlockMoment : public WindowTest, public ::testing::WithParamInterface<StuckProgram> {
  protected:
    void SetUp() override { open(GetParam().source, QStringLiteral("stuck.py")); }

    bool deadlockTabShown() const {
        return window_->bottomTabs()->indexOf(window_->deadlockView()) >= 0;
    }
};

TEST_P(DeadlockMoment, IsAStepOfItsOwnWithTheStuckStateAndNothingBeforeItGivesItAway) {
    StepController& c = window_->controller();
    ASSERT_EQ(window_->run().exitStatus, 3);
    const int deadlock = c.deadlockStop();
    ASSERT_GT(deadlock, 0);
    EXPECT_TRUE(window_->deadlockView()->hasDeadlock()); // known, but not shown yet
    for (int stop = 0; stop < deadlock; ++stop) {
        c.goToStop(stop);
        ASSERT_FALSE(deadlockTabShown()) << "step " << stop;
        ASSERT_FALSE(c.state().deadlocked) << "step " << stop;
        ASSERT_FALSE(window_->narration().startsWith("Deadlock")) << "step " << stop;
        ASSERT_FALSE(window_->findChild<QPlainTextEdit*>()->toPlainText().contains("deadlock:"))
            << "step " << stop;
    }

    c.toStart();
    c.toEnd(); // "to end" stops at the deadlock first
    EXPECT_EQ(c.currentStop(), deadlock);
    EXPECT_TRUE(deadlockTabShown());
    EXPECT_EQ(window_->bottomTabs()->currentWidget(),
              static_cast<QWidget*>(window_->deadlockView()));
    EXPECT_TRUE(window_->narration().startsWith("Deadlock at t="))
        << window_->narration().toStdString();
    // The stuck state: every unfinished task waits, and what is held is still held.
    const LoopState& state = c.state();
    EXPECT_EQ(state.phase, RunPhase::Deadlock);
    EXPECT_TRUE(state.ready.empty());
    EXPECT_TRUE(state.timers.empty());
    int waiting = 0;
    for (const auto& [id, task] : state.tasks) {
        EXPECT_NE(task.state, TaskState::Cancelled) << task.name;
        waiting += task.state == TaskState::Waiting;
    }
    EXPECT_GE(waiting, 1);
    bool held = false;
    for (const auto& [id, sync] : state.sync)
        held = held || !sync.holders.empty();
    EXPECT_EQ(held, GetParam().holdsSomething);

    // Then asyncio.run's clean-up, one step told as asyncio's own, then the end.
    c.forward();
    EXPECT_EQ(c.state().phase, RunPhase::Cleanup);
    EXPECT_TRUE(window_->narration().startsWith("asyncio.run now cleans up after the deadlock"))
        << window_->narration().toStdString();
    EXPECT_TRUE(deadlockTabShown()); // the deadlock stays explained through the clean-up
    c.forward();
    EXPECT_EQ(c.currentStop(), c.stopCount() - 1);
    c.toEnd();
    EXPECT_EQ(c.currentStop(), c.stopCount() - 1);
}

TEST_P(DeadlockMoment, TheCleanUpUnfoldsIntoItsOwnStepsAndFoldsBack) {
    StepController& c = window_->controller();
    const int folded = c.stopCount();
    ASSERT_GT(c.cleanupSteps(), 1);
    c.toEnd();
    const size_t atDeadlock = c.state().eventsApplied;
    c.setShowCleanup(true);
    EXPECT_EQ(c.stopCount(), folded + c.cleanupSteps() - 1);
    EXPECT_EQ(c.state().eventsApplied, atDeadlock); // the same moment
    c.setShowCleanup(false);
    EXPECT_EQ(c.stopCount(), folded);
    EXPECT_EQ(c.state().eventsApplied, atDeadlock);
}

INSTANTIATE_TEST_SUITE_P(Programs, DeadlockMoment, ::testing::ValuesIn(kStuckPrograms),
                         [](const auto& test) { return std::string(test.param.name); });

TEST_P(DeadlockMoment, ItsTabIsInFrontAtItsStepAndStaysThereWhenPresentingStarts) {
    StepController& c = window_->controller();
    c.goToStop(c.deadlockStop());
    EXPECT_EQ(window_->bottomTabs()->currentWidget(),
              static_cast<QWidget*>(window_->deadlockView()));
    window_->setPresenting(true, false); // presenting brings the timeline forward, but not now
    EXPECT_EQ(window_->bottomTabs()->currentWidget(),
              static_cast<QWidget*>(window_->deadlockView()));
    window_->setPresenting(false);
    c.goToStop(0);
    window_->setPresenting(true, false); // before the deadlock: the timeline, as always
    EXPECT_EQ(window_->bottomTabs()->currentWidget(),
              static_cast<QWidget*>(window_->timelineView()));
    window_->setPresenting(false);
}

// After the deadlock's step the graph is of then, not now (the loop panel shows the clean-up
// freeing the locks): it says so above its explanation; at the deadlock's step it says nothing.
TEST_P(DeadlockMoment, AfterItsStepTheGraphSaysItIsTheDeadlocksMoment) {
    StepController& c = window_->controller();
    c.goToStop(c.deadlockStop());
    EXPECT_TRUE(window_->deadlockView()->moment().isEmpty());
    ASSERT_LT(c.deadlockStop(), c.stopCount() - 1);
    c.goToStop(c.stopCount() - 1);
    const QString moment = window_->deadlockView()->moment();
    EXPECT_TRUE(moment.startsWith(
        QStringLiteral("As the tasks were stuck at the deadlock (step %1)").arg(c.deadlockStop())))
        << moment.toStdString();
    c.goToStop(c.deadlockStop());
    EXPECT_TRUE(window_->deadlockView()->moment().isEmpty());
}

class CleanUpAfterMain : public WindowTest {
  protected:
    void SetUp() override { open(kTwoWorkers, QStringLiteral("two_workers.py")); }
};

TEST_F(CleanUpAfterMain, IsOneStepToldAsAsyncioRunsOwnBeforeTheEnd) {
    StepController& c = window_->controller();
    EXPECT_EQ(c.deadlockStop(), -1);
    c.toEnd();
    c.back();
    EXPECT_EQ(c.state().phase, RunPhase::Cleanup);
    EXPECT_TRUE(window_->narration().startsWith("The main task is done, so asyncio.run cleans up"))
        << window_->narration().toStdString();
    EXPECT_TRUE(window_->narration().contains("asyncio's steps, not the program's"));
    c.back();
    EXPECT_EQ(c.state().phase, RunPhase::Program);
    EXPECT_GT(c.cleanupSteps(), 1);
}

} // namespace
} // namespace looplab
