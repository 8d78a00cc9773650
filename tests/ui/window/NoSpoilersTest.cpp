// While a lesson has a prediction not yet locked in, nothing on screen tells how the run goes
// on: the timeline shows the run only up to the current step, on an axis that does not give
// the run's length away, the charts wait, and the Deadlock tab waits for the deadlock's step.
// Checked on the painted timeline, not only on flags.

#include "ChartsPanel.h"
#include "CodeView.h"
#include "DeadlockView.h"
#include "Lesson.h"
#include "LessonPanel.h"
#include "MainWindow.h"
#include "TimelineModel.h"
#include "TimelineView.h"

#include <QApplication>
#include <QImage>
#include <QSettings>
#include <QTabWidget>
#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace looplab {
namespace {

class NoSpoilers : public ::testing::TestWithParam<const char*> {
  protected:
    void SetUp() override {
        QSettings().clear(); // no answers locked in by an earlier test in this process
        window_ = std::make_unique<MainWindow>(QStringLiteral(LOOPLAB_BINARY));
        window_->resize(1280, 720);
        window_->show();
        ASSERT_TRUE(window_->openProgram(QStringLiteral(LOOPLAB_LESSONS "/") + GetParam()));
        ASSERT_TRUE(window_->lessonPanel()->hasOpenPrediction());
        QApplication::processEvents();
    }

    TimelineView* timeline() const { return window_->timelineView(); }

    // Every pixel of the rows' area right of the cursor is the page or a row stripe: nothing
    // after "now" is drawn.
    void expectNothingPaintedAfterNow() const {
        TimelineView* view = timeline();
        const QImage image = view->viewport()->grab().toImage();
        const QColor base = view->palette().color(QPalette::Base);
        const QColor stripe = view->palette().color(QPalette::AlternateBase);
        const int cursorX =
            view->gutterWidth() + static_cast<int>(view->zoom().nsToX(view->currentTime()));
        int painted = 0;
        for (int y = view->headerHeight() + 1; y < image.height(); ++y)
            for (int x = cursorX + 4; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                painted += c != base && c != stripe;
            }
        EXPECT_EQ(painted, 0) << "pixels drawn after t=" << view->currentTime() << " ns";
    }

    // The axis ends where the reveal rule says, whatever the run's length.
    void expectAxisGivesNothingAway() const {
        const qint64 now = timeline()->currentTime();
        EXPECT_LE(timeline()->zoom().endNs(), std::max<qint64>(1'000'000'000, now + now / 4));
        EXPECT_EQ(timeline()->shownModel()->endNs(), now);
        const auto& shown = *timeline()->shownModel();
        for (size_t row = 0; row < shown.rowCount(); ++row)
            for (const Segment& s : shown.segments(row))
                EXPECT_LE(s.endNs, now) << shown.rowLabel(row);
    }

    bool tabShown(QWidget* widget) const { return window_->bottomTabs()->indexOf(widget) >= 0; }
    bool chartsOpen() const {
        QTabWidget* tabs = window_->bottomTabs();
        return tabs->isTabEnabled(tabs->indexOf(window_->chartsPanel()));
    }

    std::unique_ptr<MainWindow> window_;
};

TEST_P(NoSpoilers, AtTheStartAndHalfwayOnlyWhatHasHappenedIsOnScreen) {
    StepController& c = window_->controller();
    EXPECT_EQ(window_->run().replay->events().empty(), false);
    const qint64 runEnd = timeline()->model()->endNs();
    ASSERT_GT(runEnd, 0);
    // Step 0: no time has passed; the axis ends at 1 s whatever the run's length.
    expectAxisGivesNothingAway();
    expectNothingPaintedAfterNow();
    EXPECT_FALSE(chartsOpen());
    EXPECT_FALSE(tabShown(window_->deadlockView()));

    // Halfway through the steps (before any deadlock step).
    const int middle = c.deadlockStop() > 0 ? c.deadlockStop() / 2 : c.stopCount() / 2;
    c.goToStop(middle);
    QApplication::processEvents();
    expectAxisGivesNothingAway();
    expectNothingPaintedAfterNow();
    EXPECT_FALSE(tabShown(window_->deadlockView()));
    EXPECT_FALSE(chartsOpen());

    // Once every question is locked in, the whole run shows again, later veiled.
    LessonPanel* panel = window_->lessonPanel();
    for (int q = 0; q < static_cast<int>(panel->lesson().questions.size()); ++q) {
        panel->choose(q, 0);
        panel->lockIn(q);
    }
    EXPECT_FALSE(panel->hasOpenPrediction());
    EXPECT_EQ(timeline()->shownModel(), timeline()->model());
    EXPECT_EQ(timeline()->zoom().runEndNs(), runEnd);
    EXPECT_TRUE(chartsOpen());
}

TEST_P(NoSpoilers, TheLessonsTextAndNotesStayOutOfTheCodeView) {
    // The docstring (with its Explain: answers) folds to its title line; every #> note is
    // hidden until the stepping reaches it (then it shows in the lesson panel and the box).
    const Lesson& lesson = window_->lessonPanel()->lesson();
    CodeView* code = window_->codeView();
    ASSERT_GT(lesson.docstringLastLine, lesson.docstringFirstLine);
    EXPECT_TRUE(code->isLineShown(lesson.docstringFirstLine));
    for (int line = lesson.docstringFirstLine + 1; line <= lesson.docstringLastLine; ++line)
        ASSERT_FALSE(code->isLineShown(line)) << "docstring line " << line;
    EXPECT_TRUE(code->isLineShown(lesson.docstringLastLine + 1));
    ASSERT_FALSE(lesson.notes.empty());
    for (const LessonNote& note : lesson.notes)
        EXPECT_TRUE(!code->isLineShown(note.commentLine) ||
                    code->isHiddenText(note.commentLine, note.commentColumn + 2))
            << "note at line " << note.commentLine << " is on screen";
    // Code lines stay: the line each note belongs to is shown.
    for (const LessonNote& note : lesson.notes)
        EXPECT_TRUE(code->isLineShown(note.line)) << note.line;
}

TEST_P(NoSpoilers, TheAnswersAreCheckedWhereTheProgramsStoryEnds) {
    // "To end" stops at a deadlock first; the verdicts are given there, not only after the
    // clean-up.
    LessonPanel* panel = window_->lessonPanel();
    for (int q = 0; q < static_cast<int>(panel->lesson().questions.size()); ++q) {
        panel->choose(q, 0);
        panel->lockIn(q);
    }
    window_->controller().toEnd();
    EXPECT_FALSE(panel->verdictText(0).isEmpty())
        << "no verdict at step " << window_->controller().currentStop();
}

INSTANTIATE_TEST_SUITE_P(Lessons, NoSpoilers,
                         ::testing::Values("01_sync_vs_async.py", "08_deadlock.py",
                                           "09_semaphores.py", "11_queue_sentinel_bug.py"),
                         [](const auto& test) {
                             const std::string name = test.param;
                             return "Lesson" + name.substr(0, 2);
                         });

} // namespace
} // namespace looplab
