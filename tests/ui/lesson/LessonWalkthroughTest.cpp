// A student's walk through a lesson in the window: the lesson panel opens with the program,
// the explanation waits for a prediction, notes appear when the stepping reaches them (and
// vanish when stepping back), the answer is checked at the end against the run, and the
// course list remembers it.
#include "CodeView.h"
#include "LessonBrowser.h"
#include "LessonPanel.h"
#include "LessonProgress.h"
#include "MainWindow.h"

#include <QDockWidget>
#include <QFile>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace looplab;

namespace {

const char* kLesson = R"("""Two naps

Chapter: Test chapter
Goals:
- Watch two sleeps overlap

Text:
The two sleeps overlap, so the run takes as long as the longer one.

Predict: How long does the program take?
Check: total_time
Choices: 1 s | 2 s | 3 s
Explain: The waits overlap.

Try: Make the first nap 3 s.
"""
import asyncio


async def nap(seconds):
    await asyncio.sleep(seconds)  #> The task waits here.
    print("woke after", seconds)


async def main():
    #> [when printed woke after 1] The shorter nap ends first.
    await asyncio.gather(nap(2), nap(1))


asyncio.run(main())
)";

const char* kSecondLesson = R"("""The second lesson

Chapter: Test chapter
Text:
Nothing to predict here.
"""
print("hello")
)";

class LessonWalkthroughTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(folder_.isValid());
        path_ = folder_.filePath("01_naps.py");
        write(path_, kLesson);
        write(folder_.filePath("02_second.py"), kSecondLesson);
        LessonProgress().forget(QStringLiteral("01_naps"));
        LessonProgress().forget(QStringLiteral("02_second"));
        window_ = std::make_unique<MainWindow>(QStringLiteral(LOOPLAB_BINARY));
        window_->openLessonFolder(folder_.path());
        ASSERT_TRUE(window_->openProgram(path_));
    }

    static void write(const QString& path, const char* text) {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text);
    }

    // Steps forward one event at a time until the panel shows `count` notes.
    void forwardUntilNotes(int count) {
        StepController& c = window_->controller();
        while (window_->lessonPanel()->shownNoteCount() < count &&
               c.currentStop() < c.stopCount() - 1)
            c.forward();
    }

    LessonPanel* panel() const { return window_->lessonPanel(); }

    QTemporaryDir folder_;
    QString path_;
    std::unique_ptr<MainWindow> window_;
};

TEST_F(LessonWalkthroughTest, OpensWithTheLessonAndHidesTheExplanationUntilThePrediction) {
    ASSERT_TRUE(panel()->hasLesson());
    EXPECT_EQ(panel()->lesson().title, "Two naps");
    EXPECT_FALSE(window_->lessonDock()->isHidden());
    EXPECT_TRUE(panel()->problems().empty());
    EXPECT_FALSE(panel()->explanationShown());
    EXPECT_EQ(panel()->shownNoteCount(), 0);
    EXPECT_TRUE(panel()->verdictText(0).contains("Choose an answer"));
    panel()->choose(0, 1);
    panel()->lockIn(0);
    EXPECT_TRUE(panel()->explanationShown());
    EXPECT_TRUE(panel()->verdictText(0).contains("Locked in"));
}

TEST_F(LessonWalkthroughTest, NotesAppearAtTheirMomentAndGoAwayWhenSteppingBack) {
    forwardUntilNotes(1);
    ASSERT_EQ(panel()->shownNoteCount(), 1);
    // The first note is the one on the sleep line (line 21): it runs before anything prints.
    EXPECT_EQ(panel()->currentNoteLine(), 21);
    const TraceEvent* last = window_->controller().lastEvent();
    ASSERT_NE(last, nullptr);
    EXPECT_EQ(last->kind, EventKind::Line);
    EXPECT_EQ(last->line, 21);
    // Said once: the lesson panel shows it, so the code does not repeat it under the line...
    EXPECT_EQ(panel()->currentNoteText(), "The task waits here.");
    EXPECT_FALSE(window_->codeView()->annotationAt(21).contains("Note:"));
    // ...until the panel is closed (or hidden while presenting): then the note is in the code.
    window_->lessonDock()->hide();
    window_->refreshStep();
    EXPECT_TRUE(window_->codeView()->annotationAt(21).contains("Note: The task waits here."))
        << window_->codeView()->annotationAt(21).toStdString();
    const int stop = window_->controller().currentStop();

    forwardUntilNotes(2);
    ASSERT_EQ(panel()->shownNoteCount(), 2);
    EXPECT_EQ(panel()->currentNoteLine(), 27);
    EXPECT_EQ(window_->controller().lastEvent()->kind, EventKind::Print);
    EXPECT_EQ(window_->controller().lastEvent()->text, "woke after 1");

    window_->controller().goToStop(stop - 1);
    EXPECT_EQ(panel()->shownNoteCount(), 0);
    EXPECT_FALSE(window_->codeView()->annotationAt(21).contains("Note:"));
}

TEST_F(LessonWalkthroughTest, ARightPredictionIsCheckedAtTheEndAndRemembered) {
    panel()->choose(0, 1); // 2 s
    panel()->lockIn(0);
    window_->controller().goToStop(window_->controller().stopCount() - 2);
    EXPECT_TRUE(panel()->verdictText(0).contains("Locked in")); // not yet: one step before the end
    window_->controller().toEnd();
    EXPECT_TRUE(panel()->verdictText(0).contains("Right")) << panel()->verdictText(0).toStdString();
    EXPECT_TRUE(panel()->verdictText(0).contains("2.000 s"));
    EXPECT_TRUE(panel()->verdictText(0).contains("The waits overlap."));
    const LessonProgress progress;
    EXPECT_TRUE(progress.isDone(QStringLiteral("01_naps")));
    EXPECT_EQ(progress.verdict(QStringLiteral("01_naps"), 0), 1);
    EXPECT_EQ(window_->lessonBrowser()->progressText(path_), "✓ done · predicted right");

    // Opening the lesson again shows the locked answer and its check.
    ASSERT_TRUE(window_->openProgram(path_));
    window_->controller().toEnd();
    EXPECT_TRUE(panel()->verdictText(0).contains("Right"));
}

TEST_F(LessonWalkthroughTest, AWrongPredictionIsExplained) {
    panel()->choose(0, 2); // 3 s
    panel()->lockIn(0);
    window_->controller().toEnd();
    EXPECT_TRUE(panel()->verdictText(0).contains("Not this time"));
    EXPECT_TRUE(panel()->verdictText(0).contains("You said 3 s"));
    EXPECT_EQ(window_->lessonBrowser()->progressText(path_), "✓ done · predicted 0 of 1");
}

TEST_F(LessonWalkthroughTest, NextLessonOpensTheFollowingFileOfTheCourse) {
    ASSERT_EQ(window_->lessonBrowser()->lessonCount(), 2);
    window_->openNextLesson();
    EXPECT_EQ(panel()->lesson().title, "The second lesson");
    EXPECT_TRUE(panel()->explanationShown()); // no question: nothing to predict first
    EXPECT_TRUE(window_->run().programPath.endsWith("02_second.py"));
}

TEST_F(LessonWalkthroughTest, ResetRestoresTheOriginalProgramAfterAnEdit) {
    window_->codeView()->setText(
        QString::fromUtf8(kLesson).replace("nap(2), nap(1)", "nap(3), nap(1)"));
    window_->runEditedCode();
    window_->controller().toEnd();
    EXPECT_EQ(window_->clockText(), "t = 3.000 s");
    emit panel()->resetRequested();
    EXPECT_EQ(window_->codeView()->text(), QString::fromUtf8(kLesson));
    window_->controller().toEnd();
    EXPECT_EQ(window_->clockText(), "t = 2.000 s");
}

TEST_F(LessonWalkthroughTest, AnEditThatTakesANotesMomentAwayMarksThatNote) {
    // An edit that keeps every note's moment: nothing to mark.
    window_->codeView()->setText(
        QString::fromUtf8(kLesson).replace("nap(2), nap(1)", "nap(3), nap(1)"));
    window_->runEditedCode();
    EXPECT_TRUE(panel()->afterEditProblems().empty());
    // No nap of 1 s any more: "woke after 1" is never printed, so its note cannot come.
    window_->codeView()->setText(
        QString::fromUtf8(kLesson).replace("nap(2), nap(1)", "nap(2), nap(3)"));
    window_->runEditedCode();
    ASSERT_EQ(panel()->afterEditProblems().size(), 1u);
    EXPECT_EQ(panel()->afterEditProblems()[0].line, 26); // the note's comment line
    EXPECT_EQ(panel()->afterEditProblems()[0].message,
              "the note cannot appear: the moment [when printed woke after 1] never comes in the "
              "run");
    EXPECT_TRUE(panel()->problems().empty());         // the lesson itself has no mistake
    if (qEnvironmentVariableIsSet("LOOPLAB_SHOTS")) { // for a person to look at
        panel()->resize(340, 600);
        panel()->grab().save(qEnvironmentVariable("LOOPLAB_SHOTS") + "/lesson-after-edit.png");
    }
    // Reset: the lesson's own program, whose notes all hold.
    emit panel()->resetRequested();
    EXPECT_TRUE(panel()->afterEditProblems().empty());
}

TEST_F(LessonWalkthroughTest, ALessonWithAFormatMistakeStillOpensAndSaysWhere) {
    QString broken = QString::fromUtf8(kLesson);
    broken.replace("Choices:", "Choises:");
    write(path_, broken.toUtf8().constData());
    ASSERT_TRUE(window_->openProgram(path_));
    ASSERT_TRUE(panel()->hasLesson());
    // Two problems, by line: the question lost its choices (line 10), and why (line 12).
    ASSERT_EQ(panel()->problems().size(), 2u);
    EXPECT_EQ(panel()->problems()[0].line, 10);
    EXPECT_EQ(panel()->problems()[1].line, 12);
    EXPECT_EQ(panel()->problems()[1].message,
              "unknown field 'Choises' (known: Chapter, Goals, Text, Predict, Check, Choices, "
              "Explain, Try)");
    window_->controller().toEnd();
    EXPECT_EQ(window_->clockText(), "t = 2.000 s"); // the program itself ran as usual
}

} // namespace
