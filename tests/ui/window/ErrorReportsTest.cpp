// asyncio's reports on standard error reach the window at the step where CPython writes them
// (issue 14): "Task exception was never retrieved" when the program drops a failed task. The
// Errors tab shows what was written so far and nothing later, its title counts the reports,
// and the narration explains the report in plain words.
#include "WindowTest.h"

#include <QPlainTextEdit>
#include <QTabWidget>

#include <algorithm>

namespace looplab {
namespace {

const char* const kForgottenFailure = R"(import asyncio
async def boom():
    await asyncio.sleep(0.1)
    raise ValueError("lost")
async def main():
    task = asyncio.create_task(boom(), name="fire-and-forget")
    await asyncio.sleep(0.5)
    del task
    await asyncio.sleep(0.1)
    print("end")
asyncio.run(main())
)";

class ErrorReportsTest : public WindowTest {
  protected:
    QString errorsText() const { return window_->findChild<QPlainTextEdit*>()->toPlainText(); }
    QString errorsTabTitle() const {
        auto* tabs = window_->findChild<QPlainTextEdit*>()->parentWidget();
        while (tabs && !qobject_cast<QTabWidget*>(tabs))
            tabs = tabs->parentWidget();
        auto* tabWidget = qobject_cast<QTabWidget*>(tabs);
        return tabWidget->tabText(tabWidget->indexOf(window_->findChild<QPlainTextEdit*>()));
    }
    // The first stop whose last event is a standard-error write, -1 if none.
    int reportStop() {
        StepController& c = window_->controller();
        for (int stop = 0; stop < c.stopCount(); ++stop) {
            c.goToStop(stop);
            if (const TraceEvent* e = c.lastEvent(); e && isErrorText(*e))
                return stop;
        }
        return -1;
    }
};

TEST_F(ErrorReportsTest, TheNeverRetrievedReportAppearsAtTheStepWhereTheTaskIsDropped) {
    open(kForgottenFailure, QStringLiteral("forgotten.py"));
    const int report = reportStop();
    ASSERT_GT(report, 0);
    StepController& c = window_->controller();
    const TraceEvent* e = c.lastEvent();
    // At 0.5 s (plus nine program lines of 100 ns), while main runs `del task` (line 8).
    EXPECT_EQ(e->t, 500'000'900);
    EXPECT_EQ(e->task, 1);
    EXPECT_TRUE(QString::fromStdString(e->text).startsWith("Task exception was never retrieved"));
    EXPECT_EQ(c.state().tasks.at(1).line, 8);

    // Before it: nothing written yet, and the tab's title counts nothing.
    c.goToStop(report - 1);
    EXPECT_FALSE(errorsText().contains("never retrieved")) << errorsText().toStdString();
    EXPECT_TRUE(errorsText().contains("Nothing has been written to standard error so far"));
    EXPECT_EQ(errorsTabTitle(), "Errors and reports");

    // At it: the report, whole, the count, and the narration in plain words.
    c.goToStop(report);
    EXPECT_TRUE(errorsText().startsWith("Task exception was never retrieved"));
    EXPECT_TRUE(errorsText().contains("ValueError: lost"));
    EXPECT_EQ(errorsTabTitle(), "Errors and reports (1)");
    const QString said = window_->narration();
    EXPECT_TRUE(said.contains("Task exception was never retrieved")) << said.toStdString();
    EXPECT_TRUE(said.contains("fire-and-forget failed, and nothing ever awaited it"));

    // The run itself did not fail: no line is marked as where it failed.
    EXPECT_EQ(window_->findChild<QPlainTextEdit*>()->toPlainText().count("Traceback"), 1);
}

TEST_F(ErrorReportsTest, ATracebackWrittenPieceByPieceIsOneStep) {
    // traceback.print_stack writes one frame at a time: several writes, no program line
    // between them, one step.
    open(R"(import traceback
def where_am_i():
    traceback.print_stack()
where_am_i()
print("done")
)",
         QStringLiteral("stack.py"));
    StepController& c = window_->controller();
    const auto& events = c.replay()->events();
    const auto writes = std::count_if(events.begin(), events.end(),
                                      [](const TraceEvent& e) { return isErrorText(e); });
    EXPECT_GE(writes, 2); // the module's frame and where_am_i's
    int stopsEndingInAWrite = 0;
    for (int stop = 0; stop < c.stopCount(); ++stop) {
        c.goToStop(stop);
        if (const TraceEvent* e = c.lastEvent(); e && isErrorText(*e)) {
            ++stopsEndingInAWrite;
            // The whole stack is in the tab at that one step.
            EXPECT_TRUE(errorsText().contains("in <module>")) << errorsText().toStdString();
            EXPECT_TRUE(errorsText().contains("in where_am_i"));
        }
    }
    EXPECT_EQ(stopsEndingInAWrite, 1);
}

} // namespace
} // namespace looplab
