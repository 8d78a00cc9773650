// Presenting (F5): the chrome goes, everything grows together, a remote's keys step and blank,
// zoom is remembered per mode, and a click puts a task in the spotlight.
#include "CodeView.h"
#include "LoopView.h"
#include "MainWindow.h"
#include "PresentationMode.h"
#include "TaskTableModel.h"
#include "TimelineView.h"
#include "WindowTest.h"
#include "WindowZoom.h"

#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QMenuBar>
#include <QProcess>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <gtest/gtest.h>

using namespace looplab;

namespace {

class PresentationTest : public WindowTest {
  protected:
    void SetUp() override {
        // Zoom levels are remembered; every test starts from the defaults.
        QSettings().remove(QStringLiteral("zoom"));
        open(kTwoWorkers, QStringLiteral("workers.py"));
        window_->resize(1280, 720);
        window_->show();
        window_->activateWindow(); // shortcuts (Ctrl+Plus) need the active window
        ASSERT_TRUE(QTest::qWaitForWindowActive(window_.get()));
        window_->controller().goToStop(10);
    }
    void TearDown() override { QSettings().remove(QStringLiteral("zoom")); }

    void press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        // Keys go to whatever has focus; the remote does not care which view that is.
        QWidget* target =
            QApplication::focusWidget() ? QApplication::focusWidget() : window_->codeView();
        QTest::keyClick(target, static_cast<Qt::Key>(key), modifiers);
    }
    int stop() const { return window_->controller().currentStop(); }
};

TEST_F(PresentationTest, PresentingHidesTheChromeAndLeavingBringsItBack) {
    EXPECT_TRUE(window_->menuBar()->isVisible());
    const bool statusBarShown = window_->statusBar()->isVisible();
    window_->setPresenting(true, false);
    EXPECT_TRUE(window_->isPresenting());
    EXPECT_FALSE(window_->menuBar()->isVisible());
    EXPECT_FALSE(window_->statusBar()->isVisible());
    for (QToolBar* bar : window_->findChildren<QToolBar*>())
        EXPECT_FALSE(bar->isVisible());
    for (QDockWidget* dock : window_->findChildren<QDockWidget*>())
        EXPECT_FALSE(dock->isVisible());
    EXPECT_EQ(window_->bottomTabs()->currentWidget(), window_->timelineView());
    EXPECT_TRUE(window_->codeView()->isVisible());
    EXPECT_TRUE(window_->loopView()->isVisible());
    EXPECT_TRUE(window_->clockLabel()->isVisible());

    press(Qt::Key_Escape);
    EXPECT_FALSE(window_->isPresenting());
    EXPECT_TRUE(window_->menuBar()->isVisible());
    EXPECT_EQ(window_->statusBar()->isVisible(), statusBarShown);
}

TEST_F(PresentationTest, EverythingIsAtLeastTwiceAsLarge) {
    const double clock = window_->clockLabel()->font().pointSizeF();
    const double narration = window_->narrationLabel()->font().pointSizeF();
    const double loop = window_->loopView()->font().pointSizeF();
    const double timelineRow = window_->timelineView()->rowHeight();
    window_->setPresenting(true, false);
    EXPECT_GE(window_->clockLabel()->font().pointSizeF(), 2 * clock);
    EXPECT_GE(window_->narrationLabel()->font().pointSizeF(), 2 * narration);
    EXPECT_GE(window_->loopView()->font().pointSizeF(), 2 * loop);
    EXPECT_EQ(window_->timelineView()->scale(), 2.0);
    EXPECT_EQ(window_->codeView()->scale(), 2.0);
    // On a 1280x720 projector the timeline's rows at 200% would leave room for one task: it
    // draws smaller there so that the run's rows are in view; on a 1920x1080 one, twice as
    // large.
    QApplication::processEvents();
    TimelineView* timeline = window_->timelineView();
    EXPECT_LT(timeline->drawnScale(), 2.0);
    EXPECT_GE(timeline->rowsInView(), 3) << "workers.py: the loop and two workers";
    window_->resize(1920, 1080);
    QApplication::processEvents();
    EXPECT_EQ(timeline->drawnScale(), 2.0);
    EXPECT_GE(timeline->rowHeight(), 2 * timelineRow - 2);
    window_->setPresenting(false);
    EXPECT_EQ(window_->clockLabel()->font().pointSizeF(), clock);
    EXPECT_EQ(window_->timelineView()->scale(), 1.0);
}

TEST_F(PresentationTest, ZoomStepsBetweenOneAndThreeAndIsRememberedPerMode) {
    WindowZoom* zoom = window_->zoom();
    EXPECT_EQ(zoom->scale(), 1.0);
    press(Qt::Key_Plus, Qt::ControlModifier);
    EXPECT_EQ(zoom->scale(), 1.25);
    for (int i = 0; i < 20; ++i)
        press(Qt::Key_Plus, Qt::ControlModifier);
    EXPECT_EQ(zoom->scale(), 3.0);
    press(Qt::Key_Minus, Qt::ControlModifier);
    EXPECT_EQ(zoom->scale(), 2.75);
    EXPECT_EQ(window_->timelineView()->scale(), 2.75);

    window_->setPresenting(true, false);
    EXPECT_EQ(zoom->scale(), 2.0); // the presenting level, not the desk's
    press(Qt::Key_Minus, Qt::ControlModifier);
    EXPECT_EQ(zoom->scale(), 1.75);
    window_->setPresenting(false);
    EXPECT_EQ(zoom->scale(), 2.75);
    window_->setPresenting(true, false);
    EXPECT_EQ(zoom->scale(), 1.75);
    press(Qt::Key_0, Qt::ControlModifier);
    EXPECT_EQ(zoom->scale(), 2.0);
    window_->setPresenting(false);
    press(Qt::Key_0, Qt::ControlModifier);
    EXPECT_EQ(zoom->scale(), 1.0);
    for (int i = 0; i < 10; ++i)
        press(Qt::Key_Minus, Qt::ControlModifier);
    EXPECT_EQ(zoom->scale(), 1.0);
}

TEST_F(PresentationTest, EveryClickerKeyStepsOrBlanks) {
    window_->setPresenting(true, false);
    const struct {
        int key;
        int step;
    } steps[] = {{Qt::Key_PageDown, +1},
                 {Qt::Key_PageUp, -1},
                 {Qt::Key_Right, +1},
                 {Qt::Key_Left, -1},
                 {Qt::Key_Space, +1}};
    for (const auto& s : steps) {
        const int before = stop();
        press(s.key);
        EXPECT_EQ(stop(), before + s.step) << QKeySequence(s.key).toString().toStdString();
    }
    for (int blankKey : {Qt::Key_B, Qt::Key_Period}) {
        press(blankKey);
        EXPECT_TRUE(window_->presentation()->isBlank());
        const int before = stop();
        press(Qt::Key_PageDown); // a blank screen does not move on behind the audience's back
        EXPECT_EQ(stop(), before);
        press(blankKey);
        EXPECT_FALSE(window_->presentation()->isBlank());
    }
}

TEST_F(PresentationTest, OutsidePresentingBDoesNotBlank) {
    const int before = stop();
    press(Qt::Key_B);
    EXPECT_FALSE(window_->presentation()->isBlank());
    EXPECT_EQ(stop(), before);
}

TEST_F(PresentationTest, AClickPutsATaskInTheSpotlightAndAnotherClickLetsItGo) {
    window_->setPresenting(true, false);
    TimelineView* timeline = window_->timelineView();
    QApplication::processEvents();
    int row3 = -1; // as drawn: the event loop's own row comes first
    for (size_t r = 0; r < timeline->model()->drawnRowCount(); ++r)
        if (timeline->model()->drawnRow(r).label == "Task-3")
            row3 = static_cast<int>(r);
    ASSERT_GE(row3, 0);
    const int y =
        timeline->headerHeight() + row3 * timeline->rowHeight() + timeline->rowHeight() / 2;
    const int stopBefore = stop();
    QTest::mouseClick(timeline->viewport(), Qt::LeftButton, {}, QPoint(timeline->width() / 2, y));
    EXPECT_EQ(window_->spotlightTasks(), QSet<QString>{QStringLiteral("Task-3")});
    EXPECT_EQ(timeline->spotlight(), QSet<QString>{QStringLiteral("Task-3")});
    EXPECT_EQ(stop(), stopBefore) << "presenting, a click spotlights instead of jumping";
    TaskTableModel* tasks = window_->taskModel();
    for (int row = 0; row < tasks->rowCount(); ++row) {
        const QString name = tasks->data(tasks->index(row, 0), Qt::DisplayRole).toString();
        const QVariant colour = tasks->data(tasks->index(row, 0), Qt::ForegroundRole);
        EXPECT_EQ(colour.isValid(), name != QStringLiteral("Task-3")) << name.toStdString();
    }
    QTest::mouseClick(timeline->viewport(), Qt::LeftButton, {}, QPoint(timeline->width() / 2, y));
    EXPECT_TRUE(window_->spotlightTasks().isEmpty());
    EXPECT_TRUE(timeline->spotlight().isEmpty());
}

TEST_F(PresentationTest, LoopEntriesNamingTheTaskStayBright) {
    // A step where both sleepers are on the timer list.
    StepController& c = window_->controller();
    for (c.toStart(); window_->loopView()->items(QStringLiteral("Timers")).size() < 2;)
        c.forward();
    window_->setPresenting(true, false);
    window_->toggleSpotlight({}, {QStringLiteral("Task-2")});
    LoopView* loop = window_->loopView();
    const QColor dim = loop->palette().color(QPalette::Disabled, QPalette::Text);
    int bright = 0, dimmed = 0;
    for (QTreeWidgetItemIterator it(loop); *it; ++it) {
        if (!(*it)->parent())
            continue; // section titles are never dimmed
        const bool named = LoopView::mentions((*it)->text(0), QStringLiteral("Task-2"));
        EXPECT_EQ((*it)->foreground(0).color() == dim, !named) << (*it)->text(0).toStdString();
        ++(named ? bright : dimmed);
    }
    EXPECT_GT(bright, 0);
    EXPECT_GT(dimmed, 0);
    if (qEnvironmentVariableIsSet("LOOPLAB_SHOT_DIR")) // to look at it
        window_->grab().save(qEnvironmentVariable("LOOPLAB_SHOT_DIR") + "/spotlight.png");
    EXPECT_TRUE(LoopView::mentions(QStringLiteral("1. step Task-1"), QStringLiteral("Task-1")));
    EXPECT_FALSE(LoopView::mentions(QStringLiteral("1. step Task-10"), QStringLiteral("Task-1")));
    window_->setPresenting(false); // leaving turns the spotlight off
    EXPECT_TRUE(window_->spotlightTasks().isEmpty());
}

} // namespace

namespace {

TEST(PresentationCommandLine, PresentScreenshotRendersTheAudienceLayoutAtTheGivenSize) {
    QTemporaryDir folder;
    const QString program = folder.filePath("p.py");
    QFile file(program);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(kTwoWorkers);
    file.close();
    QImage shots[2];
    for (int present = 0; present < 2; ++present) {
        const QString out = folder.filePath(QStringLiteral("shot%1.png").arg(present));
        QStringList args{program, "--step", "12", "--screenshot", out, "--size", "1280x720"};
        if (present)
            args << "--present";
        QProcess run;
        run.start(QStringLiteral(LOOPLAB_BINARY), args);
        ASSERT_TRUE(run.waitForFinished(60000));
        ASSERT_EQ(run.exitCode(), 0) << run.readAllStandardError().toStdString();
        shots[present] = QImage(out);
        EXPECT_EQ(shots[present].size(), QSize(1280, 720));
    }
    EXPECT_NE(shots[0], shots[1]);
}

} // namespace
