// Every view tells the same story as the narration at every step: a task is called by the name
// the program gave it and its coroutine ("Task-1 · main()") in the task table, the loop view and
// the timeline; asyncio.run's own clean-up tasks say whose they are.
#include "CodeView.h"
#include "LoopView.h"
#include "MainWindow.h"
#include "TaskTableModel.h"
#include "TimelineModel.h"
#include "TimelineView.h"
#include "WindowTest.h"

#include <QLabel>
#include <QRegularExpression>
#include <QTableView>
#include <QTableWidget>
#include <QTreeWidgetItem>
#include <gtest/gtest.h>

#include <memory>

namespace looplab {
namespace {

class ViewsAgree : public ::testing::Test {
  protected:
    void openLesson(const char* file) {
        window_ = std::make_unique<MainWindow>(QStringLiteral(LOOPLAB_BINARY));
        ASSERT_TRUE(window_->openProgram(QStringLiteral(LOOPLAB_LESSONS "/") + file));
    }

    QString cell(int row, int column, int role = Qt::DisplayRole) const {
        TaskTableModel* model = window_->taskModel();
        return model->data(model->index(row, column), role).toString();
    }
    int rowOf(qint64 task) const {
        for (int row = 0; row < window_->taskModel()->rowCount(); ++row)
            if (window_->taskModel()->taskAt(row) == task)
                return row;
        return -1;
    }
    QString threadText() const { return window_->loopView()->topLevelItem(0)->text(0); }
    // The entries under a loop view section, one level further down: the waiting tasks of each
    // group.
    QStringList waitingTasks() const {
        QStringList out;
        LoopView* loop = window_->loopView();
        for (int i = 0; i < loop->topLevelItemCount(); ++i)
            if (loop->topLevelItem(i)->text(0).startsWith("Waiting"))
                for (int g = 0; g < loop->topLevelItem(i)->childCount(); ++g)
                    for (int t = 0; t < loop->topLevelItem(i)->child(g)->childCount(); ++t)
                        out << loop->topLevelItem(i)->child(g)->child(t)->text(0);
        return out;
    }

    // Forward, one step at a time, until `done()` holds.
    template <typename Predicate> bool forwardUntil(Predicate done) {
        StepController& c = window_->controller();
        while (c.currentStop() < c.stopCount() - 1) {
            c.forward();
            if (done())
                return true;
        }
        return false;
    }

    // Goes to the step whose last event is events()[index] (stops are event counts, in order).
    void goToEvent(size_t index) {
        StepController& c = window_->controller();
        int low = 0, high = c.stopCount() - 1;
        while (low < high) {
            const int mid = (low + high) / 2;
            c.goToStop(mid);
            if (c.state().eventsApplied < index + 1)
                low = mid + 1;
            else
                high = mid;
        }
        c.goToStop(low);
        ASSERT_EQ(c.lastEventIndex(), index) << "event " << index << " is not a step";
    }

    // At the current step, the code view's highlight, the running task's line in the task
    // table and in the loop view, and the line the narration names are one line.
    void expectOneLine(const char* lesson) {
        StepController& c = window_->controller();
        const LoopState& state = c.state();
        const TraceEvent* last = c.lastEvent();
        const QString narration = window_->narration();
        const int highlight = window_->codeView()->highlightedLine();
        const std::string where = std::string(lesson) + " step " + std::to_string(c.currentStop()) +
                                  ": " + narration.toStdString();
        static const QRegularExpression runs(QStringLiteral(" runs line (\\d+)"));
        static const QRegularExpression resumes(
            QStringLiteral("resumes where it paused, at line (\\d+)"));
        if (const auto match = runs.match(narration); match.hasMatch()) {
            EXPECT_EQ(highlight, match.captured(1).toInt()) << where;
        }
        if (const auto match = resumes.match(narration); match.hasMatch()) {
            EXPECT_EQ(highlight, match.captured(1).toInt()) << where;
        }
        if (narration.contains(QStringLiteral("starts running its coroutine"))) {
            EXPECT_EQ(highlight, 0) << where;
        }
        if (state.runningTask < 0)
            return;
        const int row = rowOf(state.runningTask);
        const int tableLine = cell(row, TaskTableModel::Line).toInt(); // "" is 0
        const bool workerLine = last && last->task < 0 &&
                                (last->kind == EventKind::Line || last->kind == EventKind::Block) &&
                                !last->text.empty() && last->text != "loop";
        if (!workerLine) {
            EXPECT_EQ(highlight, tableLine) << where;
        }
        EXPECT_TRUE(threadText().contains(tableLine > 0 ? QStringLiteral(", line %1").arg(tableLine)
                                                        : QStringLiteral(", starting at the top")))
            << where << " | " << threadText().toStdString();
        const QString detail = cell(row, TaskTableModel::Detail);
        EXPECT_TRUE(detail.startsWith(QStringLiteral("running line %1").arg(tableLine)) ||
                    (tableLine == 0 && detail.startsWith(QStringLiteral("starting "))))
            << where << " | " << detail.toStdString();
        EXPECT_EQ(cell(row, TaskTableModel::Detail, Qt::ToolTipRole), QString()) << where;
    }

    std::unique_ptr<MainWindow> window_;
};

// The task table and the details under it for the selected task.
struct TaskDetails {
    explicit TaskDetails(MainWindow& window) {
        for (QTableView* view : window.findChildren<QTableView*>())
            if (view->accessibleName() == QStringLiteral("Tasks"))
                table = view;
        for (QLabel* label : window.findChildren<QLabel*>())
            if (label->accessibleName() == QStringLiteral("Selected task"))
                text = label;
        locals = window.findChild<QTableWidget*>();
    }
    void select(int row) { table->selectRow(row); }
    QTableView* table = nullptr;
    QLabel* text = nullptr;
    QTableWidget* locals = nullptr;
};

TEST_F(ViewsAgree, TasksAreCalledByNameAndCoroutineInTheTableTheLoopAndTheTimeline) {
    openLesson("08_deadlock.py");
    StepController& c = window_->controller();
    ASSERT_TRUE(forwardUntil([&] { return c.state().ready.size() == 2; }));
    EXPECT_EQ(cell(0, TaskTableModel::Name), "Task-1 · main()");
    EXPECT_EQ(cell(1, TaskTableModel::Name), "pay-bob · transfer()");
    EXPECT_EQ(cell(2, TaskTableModel::Name), "pay-alice · transfer()");
    EXPECT_EQ(threadText(), "Thread: running Task-1 · main(), line 68");
    EXPECT_EQ(window_->loopView()->items("Ready queue"),
              (QStringList{"1. step pay-bob · transfer()", "2. step pay-alice · transfer()"}));
    ASSERT_TRUE(forwardUntil([&] { return c.state().runningTask == 2; }));
    ASSERT_TRUE(forwardUntil([&] { return c.state().runningTask < 0; })); // pay-bob sleeps
    EXPECT_EQ(waitingTasks(), (QStringList{"Task-1 · main() — gather: pay-bob, pay-alice",
                                           "pay-bob · transfer() — sleep until 0.100 s"}))
        << waitingTasks().join(" | ").toStdString();
    const auto timeline = window_->timelineView()->model();
    ASSERT_NE(timeline, nullptr);
    ASSERT_GE(timeline->rowCount(), 3u);
    EXPECT_EQ(timeline->row(0).displayLabel(), "Task-1 · main()");
    EXPECT_EQ(timeline->row(1).displayLabel(), "pay-bob · transfer()");
    EXPECT_EQ(timeline->row(2).displayLabel(), "pay-alice · transfer()");
}

// Lesson 8 deadlocks; asyncio.run then cancels the three tasks and runs two of its own. With
// the clean-up unfolded, every view lists those two as asyncio.run's, never as the program's.
TEST_F(ViewsAgree, TheCleanUpTasksAreMarkedAsAsyncioRunsOwnWhereverTasksAreListed) {
    openLesson("08_deadlock.py");
    StepController& c = window_->controller();
    c.setShowCleanup(true);
    ASSERT_TRUE(forwardUntil([&] { return c.state().tasks.count(4) > 0; }));
    EXPECT_EQ(window_->narration(),
              "asyncio.run creates its clean-up task Task-4 (shutdown_asyncgens) before it "
              "closes the loop: asyncio's own task, not the program's; it will start when the "
              "loop reaches it in the ready queue.");
    EXPECT_TRUE(c.state().tasks.at(4).asyncioCleanup);
    EXPECT_FALSE(c.state().tasks.at(2).asyncioCleanup);
    const int row = rowOf(4);
    EXPECT_EQ(cell(row, TaskTableModel::Name),
              "Task-4 · asyncio.run's clean-up (shutdown_asyncgens)");
    EXPECT_EQ(cell(row, TaskTableModel::Name, Qt::ToolTipRole),
              "Task-4 · asyncio.run's clean-up (shutdown_asyncgens)\nasyncio.run made this task "
              "to clean up before it closes the loop: asyncio's own, not the program's");
    EXPECT_EQ(cell(rowOf(2), TaskTableModel::Name), "pay-bob · transfer()");
    c.forward();
    EXPECT_EQ(window_->loopView()->items("Ready queue"),
              QStringList{"1. step Task-4 · asyncio.run's clean-up (shutdown_asyncgens)"});
    ASSERT_TRUE(forwardUntil([&] { return c.state().runningTask == 4; }));
    EXPECT_EQ(window_->narration(), "asyncio.run's clean-up task Task-4 starts running its "
                                    "coroutine shutdown_asyncgens() from the top.");
    EXPECT_TRUE(threadText().startsWith(
        "Thread: running Task-4 · asyncio.run's clean-up (shutdown_asyncgens)"))
        << threadText().toStdString();
}

// Lesson 1, step 10: Task-1 starts running main(). Nothing of main has run yet, so no line is
// highlighted and the table has no line for it; not line 73, where asyncio.run(main()) created
// it. The next step runs main's first line, 58, and every view says 58.
TEST_F(ViewsAgree, ATaskStartingItsCoroutineIsAtNoLineYetNotWhereItWasCreated) {
    openLesson("01_sync_vs_async.py");
    StepController& c = window_->controller();
    c.goToStop(10);
    EXPECT_EQ(window_->narration(), "Task-1 starts running its coroutine main() from the top.");
    EXPECT_EQ(window_->codeView()->highlightedLine(), 0);
    EXPECT_EQ(cell(0, TaskTableModel::Line), "");
    EXPECT_EQ(cell(0, TaskTableModel::Detail), "starting main() from the top");
    EXPECT_EQ(threadText(), "Thread: running Task-1 · main(), starting at the top");
    c.forward();
    EXPECT_EQ(window_->narration(), "Task-1 runs line 58.");
    EXPECT_EQ(window_->codeView()->highlightedLine(), 58);
    EXPECT_EQ(cell(0, TaskTableModel::Line), "58");
    EXPECT_EQ(threadText(), "Thread: running Task-1 · main(), line 58");
}

// Lesson 14's handler ends with `print(f"{elapsed()} s: handler done, ...")` at line 75: the
// last line that runs is 53, inside elapsed(). While 53 runs every view says so, and where the
// call was made; once the handler has finished, its line is its own last line, 75.
TEST_F(ViewsAgree, ALineInACalledFunctionIsSaidToBeSoAndATaskEndsAtItsOwnLine) {
    openLesson("14_blocking_trap.py");
    const auto& events = window_->controller().replay()->events();
    size_t done = 0;
    for (size_t i = 0; i < events.size() && done == 0; ++i)
        if (events[i].kind == EventKind::TaskDone && events[i].task == 3)
            done = i;
    ASSERT_GT(done, 0u);
    size_t inElapsed = done;
    while (inElapsed > 0 && events[inElapsed].kind != EventKind::Line)
        --inElapsed;
    ASSERT_EQ(events[inElapsed].line, 53);
    goToEvent(inElapsed);
    const int row = rowOf(3);
    EXPECT_EQ(window_->narration(), "handler runs line 53, inside a call made at line 75.");
    EXPECT_EQ(window_->codeView()->highlightedLine(), 53);
    EXPECT_EQ(cell(row, TaskTableModel::Line), "53");
    EXPECT_EQ(cell(row, TaskTableModel::Detail), "running line 53, inside a call made at line 75");
    EXPECT_EQ(threadText(), "Thread: running handler · handler(), line 53, inside a call made at "
                            "line 75");
    goToEvent(done);
    EXPECT_EQ(window_->narration(), "handler finished and returned None.");
    EXPECT_EQ(cell(row, TaskTableModel::State), "finished");
    EXPECT_EQ(cell(row, TaskTableModel::Line), "75");
}

// Lesson 1's blocking half: Task-1 calls download_blocking() at line 60, whose time.sleep at
// line 46 blocks the loop thread. The narration names the task that blocks (not "the program"),
// and the loop view, the table and the highlight say the same line.
TEST_F(ViewsAgree, ABlockingCallIsTheRunningTasksAtItsLine) {
    openLesson("01_sync_vs_async.py");
    StepController& c = window_->controller();
    ASSERT_TRUE(forwardUntil([&] { return c.lastEvent()->kind == EventKind::Block; }));
    EXPECT_EQ(window_->narration(),
              "Task-1 blocks the loop thread at line 46 for 1.000 s (a blocking call such as "
              "time.sleep): no other task can run until t=1.000.");
    EXPECT_EQ(threadText(), "Thread: BLOCKED until 1.000 s by Task-1 · main(), line 46, inside a "
                            "call made at line 60: a blocking call holds the loop's thread");
    EXPECT_EQ(window_->codeView()->highlightedLine(), 46);
    EXPECT_EQ(cell(0, TaskTableModel::Line), "46");
    EXPECT_EQ(cell(0, TaskTableModel::Detail), "running line 46, inside a call made at line 60");
}

// Every step of four lessons, the clean-up unfolded: the highlight, the task table, the loop
// view and the narration name the same line, and a running task shows no await chain.
TEST_F(ViewsAgree, AtEveryStepTheHighlightTheTableTheLoopAndTheNarrationNameOneLine) {
    for (const char* lesson :
         {"01_sync_vs_async.py", "03_event_loop.py", "08_deadlock.py", "10_queues.py"}) {
        openLesson(lesson);
        StepController& c = window_->controller();
        c.setShowCleanup(true);
        for (c.toStart(); c.currentStop() < c.stopCount() - 1;) {
            c.forward();
            expectOneLine(lesson);
        }
    }
}

class RunningTasks : public WindowTest {
  protected:
    void SetUp() override { open(kTwoWorkers, QStringLiteral("two_workers.py")); }
    QString cell(int row, int column, int role = Qt::DisplayRole) const {
        TaskTableModel* model = window_->taskModel();
        return model->data(model->index(row, column), role).toString();
    }
    // Forward until the last event matches.
    template <typename Predicate> void forwardTo(Predicate done) {
        StepController& c = window_->controller();
        while (c.currentStop() < c.stopCount() - 1) {
            c.forward();
            if (done(*c.lastEvent()))
                return;
        }
        FAIL() << "never reached";
    }
};

// While Task-2 sleeps, its chain and locals say so; once it runs again (line 4, the print after
// the sleep) they are history: the table and the details say what it does now.
TEST_F(RunningTasks, ShowWhatTheyDoNowNotTheirLastAwait) {
    TaskDetails details(*window_);
    ASSERT_TRUE(details.table && details.text && details.locals);
    forwardTo([](const TraceEvent& e) { return e.kind == EventKind::StepYield && e.task == 2; });
    details.select(1);
    EXPECT_EQ(cell(1, TaskTableModel::Detail), "sleep until 2.000 s");
    EXPECT_EQ(cell(1, TaskTableModel::Detail, Qt::ToolTipRole), "Await chain: worker → sleep");
    EXPECT_EQ(details.text->text(), "Task-2 · worker() waits: await chain worker → sleep");
    EXPECT_FALSE(details.locals->isHidden());

    forwardTo([](const TraceEvent& e) { return e.kind == EventKind::StepBegin && e.task == 2; });
    EXPECT_EQ(window_->narration(), "Task-2 resumes where it paused, at line 3.");
    EXPECT_EQ(cell(1, TaskTableModel::State), "running");
    EXPECT_EQ(cell(1, TaskTableModel::Detail), "running line 3");
    forwardTo([](const TraceEvent& e) { return e.kind == EventKind::Line && e.task == 2; });
    EXPECT_EQ(window_->narration(), "Task-2 runs line 4.");
    EXPECT_EQ(cell(1, TaskTableModel::Detail), "running line 4");
    EXPECT_EQ(cell(1, TaskTableModel::Detail, Qt::ToolTipRole), "");
    EXPECT_EQ(details.text->text(),
              "Task-2 · worker() is running line 4; its await chain shows when it next waits.");
    EXPECT_TRUE(details.locals->isHidden());
    forwardTo([](const TraceEvent& e) { return e.kind == EventKind::TaskDone && e.task == 2; });
    EXPECT_EQ(details.text->text(), "Task-2 · worker(): returned None.");
    EXPECT_TRUE(details.locals->isHidden());
}

// Lesson 3's players `await asyncio.sleep(0)`: a player queues its own next step while it runs.
// It stays "running" until it yields, then it is "ready", never "waiting" on a sleep it is not in.
TEST_F(ViewsAgree, ATaskQueuingItsOwnStepIsRunningThenReady) {
    openLesson("03_event_loop.py");
    StepController& c = window_->controller();
    auto red = [&] {
        return c.state().tasks.count(2) ? c.state().tasks.at(2).state : TaskState::Created;
    };
    ASSERT_TRUE(forwardUntil([&] {
        const TraceEvent* e = c.lastEvent();
        return e->kind == EventKind::ReadyPush && e->task == 2 && c.state().runningTask == 2;
    }));
    EXPECT_EQ(window_->narration(),
              "red's next step joins the back of the ready queue (3 callbacks now waiting).");
    EXPECT_EQ(red(), TaskState::Running);
    EXPECT_EQ(cell(rowOf(2), TaskTableModel::State), "running");
    c.forward();
    EXPECT_EQ(window_->narration(), "red yields with sleep(0) at line 53: it goes straight back "
                                    "to the ready queue so others can run.");
    EXPECT_EQ(cell(rowOf(2), TaskTableModel::State), "ready");
    EXPECT_EQ(cell(rowOf(2), TaskTableModel::Detail), "ready to continue at line 53");
}

} // namespace
} // namespace looplab
