// The main window's views follow the trace exactly: after stepping to a known moment of a
// known program, the ready queue, timers, task states, code markers, clock and output show
// what the trace says.
#include "MainWindow.h"
#include "CodeView.h"
#include "DeadlockView.h"
#include "LoopView.h"
#include "TaskTableModel.h"
#include "TimelineView.h"
#include "WindowTest.h"

#include <QApplication>
#include <QDoubleSpinBox>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <gtest/gtest.h>

using namespace looplab;

namespace {

class MainWindowTest : public WindowTest {
  protected:
    void SetUp() override { open(kTwoWorkers, QStringLiteral("two_workers.py")); }

    // Steps forward until `done(lastEvent)` holds.
    template <typename Predicate> void forwardUntil(Predicate done) {
        StepController& c = window_->controller();
        while (c.currentStop() < c.stopCount() - 1) {
            c.forward();
            if (done(*c.lastEvent()))
                return;
        }
        FAIL() << "never reached";
    }

    // The note under a 1-based line with its wrapping undone (a line that goes on is indented
    // by four spaces), for checking what it says.
    QString noteAt(int line) const {
        return window_->codeView()->annotationAt(line).replace(QStringLiteral("\n    "),
                                                               QStringLiteral(" "));
    }

    QString taskCell(int row, int column) const {
        return window_->taskModel()
            ->data(window_->taskModel()->index(row, column), Qt::DisplayRole)
            .toString();
    }
};

TEST_F(MainWindowTest, AfterMainYieldsTheReadyQueueHoldsBothWorkers) {
    forwardUntil([](const TraceEvent& e) { return e.kind == EventKind::StepYield && e.task == 1; });
    EXPECT_EQ(window_->loopView()->items("Ready queue"),
              (QStringList{"1. step Task-2 · worker()", "2. step Task-3 · worker()"}));
    EXPECT_TRUE(window_->loopView()->items("Timers").isEmpty());
    EXPECT_EQ(taskCell(0, TaskTableModel::State), "waiting");
    EXPECT_EQ(taskCell(0, TaskTableModel::Detail), "task Task-2");
    EXPECT_EQ(taskCell(1, TaskTableModel::State), "ready");
    EXPECT_EQ(taskCell(2, TaskTableModel::State), "ready");
    EXPECT_TRUE(noteAt(8).contains("Task-1: waits for task Task-2")) << noteAt(8).toStdString();
    EXPECT_EQ(window_->clockText(), "t = 0.000 s");
    EXPECT_FALSE(window_->narration().isEmpty());
}

TEST_F(MainWindowTest, WhatArrivesInTheLoopIsHighlightedOrJustMarked) {
    forwardUntil([](const TraceEvent& e) { return e.kind == EventKind::ReadyPush && e.task == 2; });
    EXPECT_EQ(window_->loopView()->newItems(), QStringList{"1. step Task-2 · worker()"});
    EXPECT_TRUE(window_->loopView()->isAnimating());
    window_->loopView()->setReduceMotion(true);
    forwardUntil([](const TraceEvent& e) { return e.kind == EventKind::ReadyPush && e.task == 3; });
    EXPECT_TRUE(window_->loopView()->newItems().contains("2. step Task-3 · worker()"));
    EXPECT_FALSE(window_->loopView()->isAnimating()); // an instant mark, no animation
}

TEST_F(MainWindowTest, ATaskThatMovesGlidesToItsNewPlaceUnlessMotionIsReduced) {
    window_->resize(1920, 1200); // tall enough for every loop entry to be on screen
    window_->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(window_.get()));
    // B's timer is due: B leaves the timer list for the ready queue, and a chip glides.
    forwardUntil([](const TraceEvent& e) { return e.kind == EventKind::Poll; });
    StepController& c = window_->controller();
    for (int i = 0; i < 5 && window_->loopView()->movingTasks().isEmpty(); ++i)
        c.forward();
    EXPECT_EQ(window_->loopView()->movingTasks(), QStringList{"Task-3"});
    EXPECT_EQ(window_->loopView()->items("Ready queue"), QStringList{"1. end of Task-3's sleep"});
    // Stepping back moves it back, visibly too.
    c.back();
    EXPECT_EQ(window_->loopView()->movingTasks(), QStringList{"Task-3"});
    EXPECT_TRUE(window_->loopView()->items("Ready queue").isEmpty());
    window_->loopView()->setReduceMotion(true);
    window_->controller().forward();
    EXPECT_TRUE(window_->loopView()->movingTasks().isEmpty()) << "reduce motion: no chips";
}

TEST_F(MainWindowTest, TheGoToTimeBoxShowsTheCurrentTime) {
    QDoubleSpinBox* box = nullptr;
    for (QDoubleSpinBox* candidate : window_->findChildren<QDoubleSpinBox*>())
        if (candidate->accessibleName() == QStringLiteral("Jump to a virtual time"))
            box = candidate;
    ASSERT_NE(box, nullptr);
    window_->controller().toEnd();
    EXPECT_NEAR(box->value(), window_->controller().state().timeNs / 1e9, 0.0005);
    EXPECT_GT(box->value(), 1.999);
    window_->controller().toStart();
    EXPECT_EQ(box->value(), 0.0);
}

TEST_F(MainWindowTest, WhenTheLoopSleepsBothTimersAreListedByDeadline) {
    forwardUntil([](const TraceEvent& e) { return e.kind == EventKind::Poll; });
    const QStringList timers = window_->loopView()->items("Timers");
    ASSERT_EQ(timers.size(), 2);
    EXPECT_EQ(timers[0], "1.000 s → end of Task-3's sleep");
    EXPECT_EQ(timers[1], "2.000 s → end of Task-2's sleep");
    EXPECT_EQ(taskCell(1, TaskTableModel::Detail), "sleep until 2.000 s");
    EXPECT_EQ(window_->clockText(), "t = 1.000 s"); // the poll moved the clock
    EXPECT_TRUE(noteAt(3).contains("Task-2: waits for sleep until 2.000 s"))
        << noteAt(3).toStdString();
}

TEST_F(MainWindowTest, OutputGrowsWithTheStepsAndStepsBackToo) {
    window_->controller().toEnd();
    EXPECT_EQ(window_->outputText(), "[1.000 s] Task-3: B done\n[2.000 s] Task-2: A done");
    EXPECT_EQ(taskCell(1, TaskTableModel::State), "finished");
    window_->controller().toStart();
    EXPECT_EQ(window_->outputText(), "");
    EXPECT_EQ(window_->clockText(), "t = 0.000 s");
}

TEST_F(MainWindowTest, RunningEditedCodeKeepsThePlace) {
    window_->controller().goToStop(12);
    window_->codeView()->setText(QString(kTwoWorkers).replace("\"A\", 2", "\"A\", 3"));
    window_->runEditedCode();
    EXPECT_EQ(window_->controller().currentStop(), 12);
    window_->controller().toEnd();
    EXPECT_TRUE(window_->outputText().endsWith("[3.000 s] Task-2: A done"))
        << window_->outputText().toStdString();
    QFile original(path_); // the user's file is untouched
    ASSERT_TRUE(original.open(QIODevice::ReadOnly));
    EXPECT_EQ(original.readAll(), QByteArray(kTwoWorkers));
}

TEST_F(MainWindowTest, UnsavedEditsComeBackInTheNextWindow) {
    const QString edited = QString(kTwoWorkers).replace("\"B\", 1", "\"B\", 5");
    window_->codeView()->setText(edited);
    window_->saveEdits();
    window_.reset(); // as if the app crashed or was closed

    MainWindow next{QStringLiteral(LOOPLAB_BINARY)};
    ASSERT_TRUE(next.openProgram(path_));
    EXPECT_TRUE(next.restoredEdits());
    EXPECT_EQ(next.codeView()->text(), edited);
    next.revertEdits();
    EXPECT_FALSE(next.restoredEdits());
    EXPECT_EQ(next.codeView()->text(), QString(kTwoWorkers));
}

TEST_F(MainWindowTest, BreakpointsStopContinueAtTheirLine) {
    window_->codeView()->toggleBreakpoint(4); // print(name, "done")
    window_->controller().continueToBreakpoint();
    ASSERT_NE(window_->controller().lastEvent(), nullptr);
    EXPECT_EQ(window_->controller().lastEvent()->line, 4);
    EXPECT_EQ(window_->clockText(), "t = 1.000 s"); // B finishes its sleep first
    window_->controller().continueToBreakpoint();
    EXPECT_EQ(window_->clockText(), "t = 2.000 s");
    window_->codeView()->toggleBreakpoint(4); // off again: continue runs to the end
    window_->controller().continueToBreakpoint();
    EXPECT_EQ(window_->controller().currentStop(), window_->controller().stopCount() - 1);
}

TEST_F(MainWindowTest, ADeadlockOpensTheWaitForGraph) {
    EXPECT_FALSE(window_->deadlockView()->hasDeadlock());
    ASSERT_TRUE(
        window_->openProgram(QStringLiteral(LOOPLAB_PROGRAMS "/39_deadlock_lock_order.py")));
    EXPECT_EQ(window_->run().exitStatus, 3);
    EXPECT_TRUE(window_->deadlockView()->hasDeadlock());
    EXPECT_EQ(window_->deadlockView()->cycleLabels(),
              (QStringList{"Task-2", "lock lock_b", "Task-3", "lock lock_a"}));
    EXPECT_FALSE(window_->deadlockView()->isVisibleTo(window_.get())); // not at step 0
    window_->controller().toEnd();                                     // the deadlock's step
    EXPECT_TRUE(window_->deadlockView()->isVisibleTo(window_.get()));
}

TEST_F(MainWindowTest, AnUncaughtExceptionIsMarkedAtItsLine) {
    write(
        "import asyncio\nasync def main():\n    raise ValueError('broken')\nasyncio.run(main())\n");
    ASSERT_TRUE(window_->openProgram(path_));
    EXPECT_EQ(window_->run().exitStatus, 1);
    EXPECT_EQ(window_->codeView()->annotationAt(3), "ValueError: broken");
    window_->controller().toEnd(); // the failed run can still be stepped through
    EXPECT_EQ(taskCell(0, TaskTableModel::State), "failed");
}

TEST_F(MainWindowTest, TheRunningLineStaysInViewEvenWhenTheFailureIsFarBelow) {
    // main's first line runs at line 3; the exception is raised 60 lines further down.
    std::string source = "import asyncio\nasync def main():\n    x = 1\n";
    for (int i = 0; i < 60; ++i)
        source += "    x += 1\n";
    source += "    raise ValueError('late')\nasyncio.run(main())\n";
    write(source.c_str());
    window_->resize(1280, 720);
    window_->show();
    ASSERT_TRUE(window_->openProgram(path_));
    StepController& c = window_->controller();
    for (c.toStart();
         c.currentStop() < c.stopCount() - 1 && window_->codeView()->highlightedLine() != 3;)
        c.forward();
    ASSERT_EQ(window_->codeView()->highlightedLine(), 3);
    QApplication::processEvents();
    const int first = window_->codeView()->firstVisibleLine();
    EXPECT_LE(first, 2) << "line 3 (index 2) must be on screen, not the failure at line 64";
    c.toEnd(); // with nothing running, the failure's line is the one shown
    QApplication::processEvents();
    EXPECT_GT(window_->codeView()->firstVisibleLine() +
                  window_->codeView()->SendScintilla(QsciScintilla::SCI_LINESONSCREEN),
              63);
}

TEST_F(MainWindowTest, ATraceOpensAsRecordedInsteadOfRunningAsPython) {
    const QString trace = folder_.filePath(QStringLiteral("two_workers.json"));
    QProcess record;
    record.start(QStringLiteral(LOOPLAB_BINARY), {"run", path_, "--trace", trace});
    ASSERT_TRUE(record.waitForFinished(60'000));
    const int steps = window_->controller().stopCount();
    ASSERT_TRUE(window_->openProgram(trace));
    EXPECT_TRUE(window_->run().problem.isEmpty()) << window_->run().problem.toStdString();
    EXPECT_EQ(window_->run().exitStatus, 0);
    EXPECT_EQ(window_->controller().stopCount(), steps);          // the same run, step for step
    EXPECT_EQ(window_->codeView()->text(), QString(kTwoWorkers)); // the program it names
    window_->controller().toEnd();
    EXPECT_EQ(window_->outputText(), "[1.000 s] Task-3: B done\n[2.000 s] Task-2: A done");
}

TEST_F(MainWindowTest, AFolderOrADeviceOpensNothingAndSaysWhy) {
    EXPECT_FALSE(window_->openProgram(folder_.path()));
    EXPECT_TRUE(window_->run().problem.contains("is a folder, not a file"))
        << window_->run().problem.toStdString();
    EXPECT_FALSE(window_->openProgram(QStringLiteral("/dev/zero"))); // returns at once
    EXPECT_TRUE(window_->run().problem.contains("is not a regular file"));
    EXPECT_TRUE(window_->narration().contains("is not a regular file"));
}

TEST_F(MainWindowTest, AProgramThatCannotRunStillOpensWithAReason) {
    write("this is not python (\n");
    EXPECT_TRUE(window_->openProgram(path_)); // a syntax error still leaves a (short) trace
    EXPECT_EQ(window_->run().exitStatus, 1);
    EXPECT_TRUE(window_->codeView()->annotationAt(1).contains("SyntaxError"))
        << window_->codeView()->annotationAt(1).toStdString();
}

} // namespace

namespace {

TEST_F(MainWindowTest, AReRunOfAnEditLandsAtTheSameVirtualTimeWithTheKeysSteppingAgain) {
    window_->show();
    QApplication::setActiveWindow(window_.get());
    StepController& c = window_->controller();
    c.goToTime(1'000'100'000); // B's sleep ends at 1 s (plus a few lines' cost)
    const qint64 at = c.state().timeNs;
    ASSERT_GE(at, 1'000'000'000);
    const int stepBefore = c.currentStop();
    window_->codeView()->setFocus();
    // An edit that adds steps before that moment: a print at the start of main.
    QString code = window_->codeView()->text();
    code.replace("async def main():\n", "async def main():\n    print('hello')\n");
    window_->codeView()->setText(code);
    window_->runEditedCode();
    // The same moment (Task-3 finishing, a print's few line costs later), two steps later
    // in the new run: the print's line and the print itself come before it.
    EXPECT_NEAR(static_cast<double>(c.state().timeNs), static_cast<double>(at), 1000.0);
    EXPECT_EQ(c.currentStop(), stepBefore + 2);
    EXPECT_EQ(window_->narration(), "Task-3 finished and returned None.");
    EXPECT_EQ(window_->focusWidget(), window_->timelineView()); // the window's focus
}

} // namespace
