// Presenting at every zoom, as an instructor projects a lesson: line numbers drawn whole in a
// gutter that widens with the zoom, the line that matters always on screen with context above
// it, room for the code at 1280x720, and the desk given back exactly after Esc.
#include "CodeView.h"
#include "DeadlockView.h"
#include "LessonParser.h"
#include "LoopView.h"
#include "MainWindow.h"
#include "PresentationMode.h"
#include "TimelineModel.h"
#include "TimelineView.h"
#include "WindowZoom.h"

#include <QApplication>
#include <QDockWidget>
#include <QImage>
#include <QLabel>
#include <QSettings>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTest>
#include <QTreeWidgetItemIterator>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

using namespace looplab;

namespace {

const QString kLesson1 = QStringLiteral(LOOPLAB_LESSONS "/01_sync_vs_async.py");
const QString kLesson4 = QStringLiteral(LOOPLAB_LESSONS "/04_tasks.py");
const QString kLesson8 = QStringLiteral(LOOPLAB_LESSONS "/08_deadlock.py");
const QString kLesson12 = QStringLiteral(LOOPLAB_LESSONS "/12_timeouts.py");

class ZoomedPresentationTest : public ::testing::Test {
  protected:
    void SetUp() override { QSettings().remove(QStringLiteral("zoom")); }
    void TearDown() override { QSettings().remove(QStringLiteral("zoom")); }

    void open(const QString& path, QSize size) {
        window_ = std::make_unique<MainWindow>(QStringLiteral(LOOPLAB_BINARY));
        ASSERT_TRUE(window_->openProgram(path));
        window_->resize(size);
        window_->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(window_.get()));
        settle();
    }
    // Layout requests and the zoom's re-centring run from the event queue.
    static void settle() {
        for (int i = 0; i < 3; ++i)
            QApplication::processEvents();
    }
    CodeView* code() const { return window_->codeView(); }
    long sci(unsigned int message, unsigned long w = 0, long l = 0) const {
        return code()->SendScintilla(message, w, l);
    }
    // The 1-based line's top edge in the editor's viewport, px, and one row's height.
    int lineTop(int line) const {
        return static_cast<int>(sci(
            QsciScintillaBase::SCI_POINTYFROMPOSITION, 0,
            sci(QsciScintillaBase::SCI_POSITIONFROMLINE, static_cast<unsigned long>(line - 1))));
    }
    int rowHeight() const { return static_cast<int>(sci(QsciScintillaBase::SCI_TEXTHEIGHT, 0)); }
    // The 1-based line and the `rows` - 1 rows under it (its note) are inside the viewport.
    void expectRowsInView(int line, int rows) const {
        const int top = lineTop(line);
        EXPECT_GE(top, 0) << "line " << line;
        EXPECT_LE(top + rows * rowHeight(), code()->viewport()->height()) << "line " << line;
    }
    int firstShownLine() const {
        return static_cast<int>(sci(
                   QsciScintillaBase::SCI_DOCLINEFROMVISIBLE,
                   static_cast<unsigned long>(sci(QsciScintillaBase::SCI_GETFIRSTVISIBLELINE)))) +
               1;
    }

    std::unique_ptr<MainWindow> window_;
};

// Every line number on screen fits the gutter (Scintilla right-aligns it 3 px from the edge and
// clips the left of what does not fit), and no glyph touches the gutter's left edge.
void expectWholeNumbers(ZoomedPresentationTest* test, CodeView* code, const QString& where) {
    (void)test;
    const int rows = static_cast<int>(code->SendScintilla(QsciScintillaBase::SCI_LINESONSCREEN));
    const int first = static_cast<int>(
        code->SendScintilla(QsciScintillaBase::SCI_DOCLINEFROMVISIBLE,
                            code->SendScintilla(QsciScintillaBase::SCI_GETFIRSTVISIBLELINE)));
    int widest = 0;
    for (int line = first + 1; line <= std::min(code->lines(), first + rows); ++line)
        widest = std::max(widest, code->gutterTextWidth(QString::number(line)));
    ASSERT_GT(widest, 0) << where.toStdString();
    EXPECT_GE(code->gutterWidth(), widest + 3) << where.toStdString();

    const QImage shot = code->viewport()->grab().toImage();
    std::map<QRgb, int> counts;
    for (int y = 0; y < shot.height(); ++y)
        ++counts[shot.pixel(0, y)];
    QRgb background = 0;
    int most = 0;
    for (const auto& [colour, count] : counts)
        if (count > most) {
            most = count;
            background = colour;
        }
    int inked = 0;
    for (int x = 0; x < 2; ++x)
        for (int y = 0; y < shot.height(); ++y)
            inked += shot.pixel(x, y) != background;
    EXPECT_EQ(inked, 0) << where.toStdString() << ": a number is cut at the gutter's left edge";
}

TEST_F(ZoomedPresentationTest, EveryLineNumberIsDrawnWholeAtEveryZoom) {
    ASSERT_NO_FATAL_FAILURE(open(kLesson1, QSize(1920, 1080)));
    const int atDesk = code()->gutterTextWidth(QStringLiteral("13"));
    for (bool presenting : {false, true}) {
        window_->setPresenting(presenting, false);
        for (double scale : {1.0, 1.5, 2.0, 2.25, 3.0}) {
            window_->zoom()->setScale(scale);
            settle();
            const QString where = QStringLiteral("%1 at %2%")
                                      .arg(presenting ? "presenting" : "desk")
                                      .arg(scale * 100);
            expectWholeNumbers(this, code(), where);
            // The numbers themselves grow with the zoom (Scintilla adds points to every style).
            EXPECT_GE(code()->gutterTextWidth(QStringLiteral("13")), atDesk * scale * 0.8)
                << where.toStdString();
        }
    }
}

TEST_F(ZoomedPresentationTest, AFourDigitProgramWidensTheGutter) {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("long.py"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    for (int i = 0; i < 1200; ++i)
        file.write("x = 1\n");
    file.write("print(x)\n");
    file.close();
    ASSERT_NO_FATAL_FAILURE(open(path, QSize(1280, 720)));
    const int three = code()->gutterWidth();
    code()->keepInView(1150);
    window_->zoom()->setScale(3.0);
    settle();
    code()->keepInView(1150);
    expectWholeNumbers(this, code(), QStringLiteral("line 1150 at 300%"));
    EXPECT_GE(code()->gutterWidth(), code()->gutterTextWidth(QStringLiteral("1150")) + 3);
    EXPECT_GT(code()->gutterWidth(), three * 2);
}

// Lesson 8 from its first step to its deadlock and clean-up, projected at 1280x720: whatever the
// step, the line it is about is inside the code view, below a few lines of context.
TEST_F(ZoomedPresentationTest, TheLineOfEveryStepOfLesson8StaysInView) {
    ASSERT_NO_FATAL_FAILURE(open(kLesson8, QSize(1280, 720)));
    window_->setPresenting(true, false);
    StepController& c = window_->controller();
    for (double scale : {2.0, 3.0}) {
        window_->zoom()->setScale(scale);
        settle();
        int kept = 0;
        for (int stop = 0; stop < c.stopCount(); ++stop) {
            c.goToStop(stop);
            settle();
            const int line = code()->keptLine();
            if (line <= 0)
                continue;
            ++kept;
            const int top = lineTop(line);
            const std::string where = "step " + std::to_string(stop) + " line " +
                                      std::to_string(line) + " at " +
                                      std::to_string(int(scale * 100)) + "%";
            EXPECT_GE(top, 0) << where;
            EXPECT_LE(top + rowHeight(), code()->viewport()->height()) << where;
            // Context above, unless the line is near the top of what can be shown at all.
            if (line - CodeView::kContextAbove > firstShownLine())
                EXPECT_GE(top, CodeView::kContextAbove * rowHeight()) << where;
            else
                EXPECT_LE(firstShownLine(), line) << where;
        }
        EXPECT_GT(kept, c.stopCount() / 2);
        c.goToStop(c.deadlockStop());
        settle();
        EXPECT_EQ(code()->keptLine(), 60) << "the lock both transfers wait for";
        // Room for the code: neither the deadlock's tab nor its long narration squeezes it to a
        // couple of lines (at 300% a 720-pixel screen holds about fifteen rows in all).
        EXPECT_GE(code()->viewport()->height() / rowHeight(), scale == 2.0 ? 9 : 5) << scale;
    }
}

// Zoomed, no code line runs out of the pane (lesson 8's line 58 was cut at "waiting f" on a
// 1280x720 projector): a long one wraps, and every character is at most the pane's width from
// its left edge. At 100% the editor keeps the file's lines as they are.
TEST_F(ZoomedPresentationTest, ZoomedCodeLinesWrapInsideThePane) {
    ASSERT_NO_FATAL_FAILURE(open(kLesson8, QSize(1280, 720)));
    EXPECT_EQ(sci(QsciScintillaBase::SCI_GETWRAPMODE), 0);
    window_->setPresenting(true, false);
    settle();
    EXPECT_NE(sci(QsciScintillaBase::SCI_GETWRAPMODE), 0);
    int wrapped = 0;
    for (int line = 1; line <= code()->lines(); ++line) {
        if (!code()->isLineShown(line))
            continue; // the folded lesson text
        const auto doc = static_cast<unsigned long>(line - 1);
        wrapped += sci(QsciScintillaBase::SCI_WRAPCOUNT, doc) > 1;
        const long end = sci(QsciScintillaBase::SCI_GETLINEENDPOSITION, doc);
        const long x = sci(QsciScintillaBase::SCI_POINTXFROMPOSITION, 0, end);
        EXPECT_LE(x, code()->viewport()->width()) << "line " << line;
    }
    EXPECT_GT(wrapped, 0) << "no line long enough to wrap: the test proves nothing";
    window_->setPresenting(false);
    settle();
    EXPECT_EQ(sci(QsciScintillaBase::SCI_GETWRAPMODE), 0);
}

// A #> note hidden on a code line takes no room: wrapped, its text made lesson 14's line 72
// ("time.sleep(2)  #> [when loop blocks] ...") four rows high, and on the running line's
// highlight the hidden words showed, white on blue.
TEST_F(ZoomedPresentationTest, AHiddenNoteTakesNoRoomOnItsLine) {
    const QString lesson14 = QStringLiteral(LOOPLAB_LESSONS "/14_blocking_trap.py");
    ASSERT_NO_FATAL_FAILURE(open(lesson14, QSize(1280, 720)));
    window_->setPresenting(true, false);
    settle();
    const Lesson lesson = loadLesson(lesson14.toStdString());
    int checked = 0;
    for (const LessonNote& note : lesson.notes) {
        if (!code()->isLineShown(note.commentLine))
            continue; // a note on a line of its own: the line is hidden
        const auto doc = static_cast<unsigned long>(note.commentLine - 1);
        const long start = sci(QsciScintillaBase::SCI_POSITIONFROMLINE, doc) + note.commentColumn;
        const long end = sci(QsciScintillaBase::SCI_GETLINEENDPOSITION, doc);
        ASSERT_TRUE(code()->isHiddenText(note.commentLine, note.commentColumn + 2));
        EXPECT_EQ(sci(QsciScintillaBase::SCI_POINTXFROMPOSITION, 0, end),
                  sci(QsciScintillaBase::SCI_POINTXFROMPOSITION, 0, start))
            << "line " << note.commentLine;
        EXPECT_EQ(sci(QsciScintillaBase::SCI_POINTYFROMPOSITION, 0, end),
                  sci(QsciScintillaBase::SCI_POINTYFROMPOSITION, 0, start))
            << "line " << note.commentLine;
        ++checked;
    }
    EXPECT_GT(checked, 0);

    // An edit above them (the lexer styles the lines below again) keeps them out of sight.
    code()->insertAt(QStringLiteral("x = 1\n"), 44, 0);
    sci(QsciScintillaBase::SCI_COLOURISE, 0, -1);
    for (const LessonNote& note : lesson.notes)
        if (note.commentLine > 45 && code()->isLineShown(note.commentLine + 1)) {
            EXPECT_TRUE(code()->isHiddenText(note.commentLine + 1, note.commentColumn + 2))
                << "line " << note.commentLine + 1;
        }
}

// The line that stands for the folded lesson text points to the Lesson panel only where the
// panel is: presenting hides it, and the room was told to look in a panel it cannot see.
TEST_F(ZoomedPresentationTest, TheFoldedLessonTextPointsToThePanelOnlyWhenItIsThere) {
    ASSERT_NO_FATAL_FAILURE(open(kLesson4, QSize(1280, 720)));
    window_->controller().goToStop(3);
    settle();
    EXPECT_TRUE(code()->annotationAt(1).contains(QStringLiteral("in the Lesson panel")))
        << code()->annotationAt(1).toStdString();
    window_->setPresenting(true, false); // no step: the window says it at once
    settle();
    const QString presenting = code()->annotationAt(1).replace(QStringLiteral("\n    "), " ");
    EXPECT_FALSE(presenting.contains(QStringLiteral("Lesson panel"))) << presenting.toStdString();
    EXPECT_TRUE(presenting.contains(QStringLiteral("the lesson's text, folded")))
        << presenting.toStdString();
}

// Presenting, a note the step reveals is seen: lesson 4's "lima is done: nobody was awaiting
// it" (line 69) fires when lima finishes (step 55), where no line runs; the code stayed at
// lima's return (line 55), the note out of view. At the run's end, the last line that printed
// is shown (it was the file's top in a window opened there).
TEST_F(ZoomedPresentationTest, TheNoteAStepRevealsAndTheRunsLastLineAreInView) {
    ASSERT_NO_FATAL_FAILURE(open(kLesson4, QSize(1280, 720)));
    window_->setPresenting(true, false);
    StepController& c = window_->controller();
    c.goToStop(55);
    settle();
    ASSERT_TRUE(window_->narrationLabel()->text().startsWith(QStringLiteral("lima finished")));
    const QString note = code()->annotationAt(69);
    ASSERT_TRUE(note.contains(QStringLiteral("Note: lima is done"))) << note.toStdString();
    const int noteRows = int(sci(QsciScintillaBase::SCI_ANNOTATIONGETLINES, 68));
    expectRowsInView(69, 1 + noteRows);
    // Resized, it stays.
    window_->resize(1281, 721);
    settle();
    expectRowsInView(69, 1 + noteRows);

    ASSERT_NO_FATAL_FAILURE(open(kLesson12, QSize(1280, 720)));
    window_->setPresenting(true, false);
    window_->controller().goToStop(window_->controller().stopCount() - 1);
    settle();
    EXPECT_EQ(code()->keptLine(), 81) << "the last print: the backup block ran out of time";
    expectRowsInView(81, 1);
}

// A step about one task that runs no line (lesson 4's "Task-1's wait is over (woken by its
// timer)") shows that task's line: a window opened at that step showed the file's first lines,
// with no task in view.
TEST_F(ZoomedPresentationTest, AStepAboutATaskShowsItsLine) {
    ASSERT_NO_FATAL_FAILURE(open(kLesson4, QSize(1280, 720)));
    window_->setPresenting(true, false);
    StepController& c = window_->controller();
    c.goToStop(40);
    settle();
    ASSERT_EQ(window_->narrationLabel()->text().left(20), QStringLiteral("Task-1's wait is ove"));
    const auto main = c.state().tasks.find(1);
    ASSERT_NE(main, c.state().tasks.end());
    ASSERT_GT(main->second.line, 0);
    EXPECT_EQ(code()->keptLine(), int(main->second.line));
    expectRowsInView(int(main->second.line), 1);
}

TEST_F(ZoomedPresentationTest, EscGivesBackTheDeskExactlyAsItWas) {
    for (double deskScale : {1.0, 2.0, 3.0}) {
        ASSERT_NO_FATAL_FAILURE(open(kLesson8, QSize(1280, 720)));
        window_->zoom()->setScale(deskScale);
        settle();
        // A desk arranged by hand: the tasks pane pulled up, the output tab in front.
        auto splitters = window_->findChildren<QSplitter*>();
        ASSERT_GE(splitters.size(), 3);
        for (QSplitter* s : splitters) {
            QList<int> sizes = s->sizes();
            if (sizes.size() == 2 && sizes[0] > 120) {
                sizes[1] += 40;
                sizes[0] -= 40;
                s->setSizes(sizes);
            }
        }
        window_->bottomTabs()->setCurrentIndex(2);
        settle();
        std::vector<QList<int>> before;
        for (QSplitter* s : splitters)
            before.push_back(s->sizes());
        const int dockWidth = window_->lessonDock()->width();
        const bool dockShown = window_->lessonDock()->isVisible();
        QWidget* tab = window_->bottomTabs()->currentWidget();

        window_->setPresenting(true, false);
        settle();
        // Out and back (the narration's height, above the panes, follows the step).
        for (int i = 0; i < 5; ++i)
            QTest::keyClick(code(), Qt::Key_PageDown);
        settle();
        for (int i = 0; i < 5; ++i)
            QTest::keyClick(code(), Qt::Key_PageUp);
        settle();
        QTest::keyClick(code(), Qt::Key_Escape);
        settle();
        ASSERT_FALSE(window_->isPresenting());
        for (size_t i = 0; i < before.size(); ++i)
            EXPECT_EQ(splitters[int(i)]->sizes(), before[i])
                << "splitter " << i << " at " << deskScale * 100 << "%";
        EXPECT_EQ(window_->lessonDock()->isVisible(), dockShown);
        EXPECT_EQ(window_->lessonDock()->width(), dockWidth) << deskScale * 100 << "%";
        EXPECT_EQ(window_->bottomTabs()->currentWidget(), tab);
        EXPECT_EQ(window_->zoom()->scale(), deskScale);
        window_.reset();
    }
}

// The loop panel on a 1280x720 projector wraps what is longer than it is wide (it elided
// "Ready queue (1) — runs first in, fi…" and "lima · weather() — sleep until 1.00…"): every
// entry's row is as tall as its text wrapped at the width it has, and narrows back when wider.
TEST_F(ZoomedPresentationTest, TheLoopPanelWrapsInsteadOfCuttingEntries) {
    ASSERT_NO_FATAL_FAILURE(open(kLesson4, QSize(1280, 720)));
    window_->setPresenting(true, false);
    settle();
    LoopView* loop = window_->loopView();
    const int margin = loop->style()->pixelMetric(QStyle::PM_FocusFrameHMargin) + 1;
    // Rows of two lines or more; every row tall enough for its text.
    const auto wrappedRows = [&] {
        int wrapped = 0;
        for (QTreeWidgetItemIterator it(loop); *it; ++it) {
            int depth = 0;
            for (QTreeWidgetItem* up = (*it)->parent(); up; up = up->parent())
                ++depth;
            const int width = loop->viewport()->width() - loop->indentation() * depth - 2 * margin;
            const QFontMetrics metrics((*it)->font(0));
            const int needed =
                metrics.boundingRect(QRect(0, 0, width, 1 << 20), Qt::TextWordWrap, (*it)->text(0))
                    .height();
            EXPECT_GE(loop->visualItemRect(*it).height(), needed) << (*it)->text(0).toStdString();
            wrapped += needed >= 2 * metrics.height();
        }
        return wrapped;
    };
    StepController& c = window_->controller();
    int most = 0;
    for (int stop = 0; stop < c.stopCount(); stop += 5) {
        c.goToStop(stop);
        settle();
        most = std::max(most, wrappedRows());
    }
    EXPECT_GT(most, 0) << "nothing long enough to wrap: the test proves nothing";
    // Wider: fewer rows wrap (the headings fit on one line at 1920 px).
    c.goToStop(40);
    settle();
    const int narrow = wrappedRows();
    window_->resize(1920, 1080);
    settle();
    EXPECT_LT(wrappedRows(), narrow);
}

// Lesson 12 on a 1280x720 projector after its timeouts: the timeline shows every row of the
// run (it was one row under its legend at 200%) while the code keeps nine rows.
TEST_F(ZoomedPresentationTest, Lesson12ShowsItsTasksOnASmallProjector) {
    ASSERT_NO_FATAL_FAILURE(open(kLesson12, QSize(1280, 720)));
    window_->setPresenting(true, false);
    StepController& c = window_->controller();
    c.goToStop(c.stopCount() - 1);
    settle();
    TimelineView* timeline = window_->timelineView();
    ASSERT_EQ(window_->bottomTabs()->currentWidget(), timeline);
    EXPECT_EQ(timeline->scale(), 2.0);
    // Every row of the run: the loop's, main, fast-server and slow-server (the backups run
    // inside main).
    ASSERT_EQ(timeline->shownModel()->drawnRowCount(), 4u);
    EXPECT_GE(timeline->rowsInView(), 4)
        << "drawn at " << timeline->drawnScale() << ", " << timeline->viewport()->height()
        << " px high, row " << timeline->rowHeight() << ", header " << timeline->headerHeight();
    EXPECT_GE(timeline->drawnScale(), 1.0);
    EXPECT_GE(code()->viewport()->height() / rowHeight(), 9);
}

// A long lesson note under its line wraps at the code pane's width, not at a few words, and
// wraps again when the pane widens.
TEST_F(ZoomedPresentationTest, ANoteWrapsToThePanesWidth) {
    ASSERT_NO_FATAL_FAILURE(open(kLesson12, QSize(1920, 1080)));
    window_->setPresenting(true, false);
    StepController& c = window_->controller();
    int noteLines = 0;
    int noteLine = 0;
    for (int stop = 0; stop < c.stopCount() && noteLines < 2; ++stop) {
        c.goToStop(stop);
        settle();
        for (int line = 1; line <= code()->lines(); ++line) {
            const QString text = code()->annotationAt(line);
            const qsizetype note = text.indexOf(QStringLiteral("Note: "));
            if (note >= 0) {
                noteLines = int(text.mid(note).count('\n')) + 1;
                noteLine = line;
            }
        }
    }
    ASSERT_GE(noteLines, 2) << "a stop of lesson 12 with a note of two lines or more";
    // The boxed note starts at its line's indentation and ends inside the pane, at most a few
    // characters short of its edge.
    const auto right = [&] {
        const long indent = sci(QsciScintillaBase::SCI_GETLINEINDENTPOSITION,
                                static_cast<unsigned long>(noteLine - 1));
        return static_cast<int>(sci(QsciScintillaBase::SCI_POINTXFROMPOSITION, 0, indent)) +
               code()->noteTextWidth();
    };
    const int pane = code()->viewport()->width();
    const int em = code()->gutterTextWidth(QStringLiteral("9"));
    EXPECT_LE(right(), pane);
    EXPECT_GE(right(), pane - 12 * em) << "pane " << pane;
    const int before = code()->noteTextWidth();
    window_->resize(1280, 720);
    settle();
    EXPECT_LT(code()->noteTextWidth(), before);
    EXPECT_LE(right(), code()->viewport()->width());
}

// What waits under a line wraps inside the pane as the lesson note does: lesson 8's waits
// ("pay-alice: waits for lock 'lock_bob' (held by pay-bob)") are longer than the code pane is
// wide when presenting at 1280x720. Its lines go on indented, and wrap again on resize.
TEST_F(ZoomedPresentationTest, EveryTaskNoteWrapsInsideThePane) {
    ASSERT_NO_FATAL_FAILURE(open(kLesson8, QSize(1280, 720)));
    window_->setPresenting(true, false);
    settle();
    StepController& c = window_->controller();
    const auto right = [&](int line) {
        const long indent =
            sci(QsciScintillaBase::SCI_GETLINEINDENTPOSITION, static_cast<unsigned long>(line - 1));
        return static_cast<int>(sci(QsciScintillaBase::SCI_POINTXFROMPOSITION, 0, indent)) +
               code()->annotationWidth(line);
    };
    int wrappedNotes = 0;
    for (int stop = 0; stop < c.stopCount(); ++stop) {
        c.goToStop(stop);
        settle();
        for (int line = 1; line <= code()->lines(); ++line) {
            const QString text = code()->annotationAt(line);
            if (text.isEmpty())
                continue;
            EXPECT_LE(right(line), code()->viewport()->width())
                << "step " << stop << ", line " << line << ": " << text.toStdString();
            wrappedNotes += text.contains(QStringLiteral("\n    "));
        }
    }
    EXPECT_GT(wrappedNotes, 0) << "no wait was long enough to wrap: the test proves nothing";
    // Wider again: a wait that wrapped at 1280 px fits on one line at 1920 px.
    c.goToStop(c.deadlockStop());
    settle();
    int lineAt = 0;
    for (int line = 1; line <= code()->lines() && !lineAt; ++line)
        if (code()->annotationAt(line).contains(QStringLiteral("\n    ")))
            lineAt = line;
    ASSERT_GT(lineAt, 0);
    const int lines = int(code()->annotationAt(lineAt).count('\n'));
    window_->resize(1920, 1080);
    settle();
    EXPECT_LT(int(code()->annotationAt(lineAt).count('\n')), lines);
    EXPECT_LE(right(lineAt), code()->viewport()->width());
}

// 300% at the desk in a 1280x720 window (a 427x240 window at 100%): at the deadlock the graph's
// tab grows, but not over the code's last six rows (the stuck line and context above it).
TEST_F(ZoomedPresentationTest, TheDeadlockLeavesTheCodeItsRowsAt300PercentOnTheDesk) {
    ASSERT_NO_FATAL_FAILURE(open(kLesson8, QSize(1280, 720)));
    window_->zoom()->setScale(3.0);
    settle();
    StepController& c = window_->controller();
    c.goToStop(c.deadlockStop() - 1);
    settle();
    const int before = code()->viewport()->height() / rowHeight();
    c.goToStop(c.deadlockStop());
    settle();
    ASSERT_EQ(window_->bottomTabs()->currentWidget(), window_->deadlockView());
    const int rows = code()->viewport()->height() / rowHeight();
    EXPECT_GE(rows, std::min(before, 6)) << "before the deadlock " << before;
    EXPECT_EQ(code()->keptLine(), 60);
    EXPECT_GE(lineTop(60), 0);
    EXPECT_LE(lineTop(60) + rowHeight(), code()->viewport()->height());
}

} // namespace
