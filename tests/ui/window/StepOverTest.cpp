// Step over in the window, on lesson 14: one press of F10 crosses checksum's 3,000-round loop,
// whether on the line that calls checksum or on the loop's header reached again. The lines of
// the loop's body are never shown, and the step lands after the loop. Lesson 15 says the same
// keys pass its process pool's jobs: they do.
#include "MainWindow.h"

#include <QApplication>
#include <QFile>
#include <QSettings>
#include <QTest>
#include <gtest/gtest.h>

#include <memory>
#include <vector>

namespace looplab {
namespace {

class StepOverLesson : public ::testing::Test {
  protected:
    void open(const char* lesson) {
        QSettings().clear();
        const QString path = QStringLiteral(LOOPLAB_LESSONS "/") + QLatin1String(lesson);
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::ReadOnly));
        source_ = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
        window_ = std::make_unique<MainWindow>(QStringLiteral(LOOPLAB_BINARY));
        window_->resize(1280, 720);
        window_->show();
        window_->activateWindow(); // the Step menu's shortcuts need the active window
        ASSERT_TRUE(QTest::qWaitForWindowActive(window_.get()));
        ASSERT_TRUE(window_->openProgram(path));
        // A recording slow enough (a loaded machine) shows a progress dialog, which takes the
        // activation; the window takes it back (openProgram), and the keys need it back.
        ASSERT_TRUE(QTest::qWaitForWindowActive(window_.get()));
        QObject::connect(&window_->controller(), &StepController::stateChanged, [this] {
            const TraceEvent* last = window_->controller().lastEvent();
            shown_.push_back(last && last->kind == EventKind::Line ? last->line : 0);
        });
    }

    // The number of the last line of the lesson that contains `text`: a line of code, not of
    // the lesson's text above it.
    int64_t lineOf(const char* text) const {
        for (int i = static_cast<int>(source_.size()); i-- > 0;)
            if (source_[i].contains(QLatin1String(text)))
                return i + 1;
        ADD_FAILURE() << "no line contains " << text;
        return -1;
    }

    // Forward by program line until `line` runs (for the `times`-th time from here).
    void forwardToLine(int64_t line, int times = 1) {
        StepController& c = window_->controller();
        while (c.currentStop() < c.stopCount() - 1) {
            c.forward(StepController::Unit::Line);
            if (c.lastEvent() && c.lastEvent()->kind == EventKind::Line &&
                c.lastEvent()->line == line && --times == 0)
                return;
        }
        FAIL() << "line " << line << " never ran";
    }

    // A key press, as the student makes it: to whatever has the focus.
    void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        shown_.clear();
        QWidget* target = QApplication::focusWidget() ? QApplication::focusWidget() : window_.get();
        QTest::keyClick(target, key, modifiers);
    }

    const TraceEvent& now() const { return *window_->controller().lastEvent(); }

    // How many times a line in [first, last] ran between two steps (event counts).
    int64_t linesRunBetween(size_t from, size_t to, int64_t first, int64_t last) const {
        int64_t count = 0;
        const auto& events = window_->controller().replay()->events();
        for (size_t i = from; i < to; ++i)
            count += events[i].kind == EventKind::Line && events[i].line >= first &&
                     events[i].line <= last;
        return count;
    }

    QStringList source_;
    std::unique_ptr<MainWindow> window_;
    std::vector<int64_t> shown_; // the line of each step shown (0: not a line)
};

class StepOverLesson14 : public StepOverLesson {
  protected:
    void SetUp() override { open("14_blocking_trap.py"); }
};

class StepOverLesson15 : public StepOverLesson {
  protected:
    void SetUp() override { open("15_executors.py"); }
};

TEST_F(StepOverLesson14, OneF10OnTheCallOfChecksumRunsTheWholeLoop) {
    const int64_t call = lineOf("result = checksum(3000)");
    const int64_t header = lineOf("for i in range(rounds):");
    forwardToLine(call);
    const size_t before = window_->controller().state().eventsApplied;
    const int64_t task = now().task;
    press(Qt::Key_F10);
    // One step shown: the handler's next line, after checksum has returned.
    EXPECT_EQ(shown_, std::vector<int64_t>{call + 1});
    EXPECT_EQ(now().kind, EventKind::Line);
    EXPECT_EQ(now().task, task);
    EXPECT_EQ(now().line, call + 1);
    // And it did cross the loop: its header and body ran 3,000 times in between.
    const size_t after = window_->controller().state().eventsApplied;
    EXPECT_GE(linesRunBetween(before, after, header, header + 1), 6000);
}

TEST_F(StepOverLesson14, F10AtTheLoopsHeaderReachedAgainRunsTheRestOfTheLoop) {
    const int64_t call = lineOf("result = checksum(3000)");
    const int64_t header = lineOf("for i in range(rounds):");
    const int64_t body = header + 1;
    const int64_t after = lineOf("return total");
    forwardToLine(call);
    press(Qt::Key_F11);                                  // into checksum
    EXPECT_EQ(shown_, std::vector<int64_t>{header - 1}); // total = 0
    press(Qt::Key_F10);
    EXPECT_EQ(shown_, std::vector<int64_t>{header}); // first reached: into the loop
    press(Qt::Key_F10);
    EXPECT_EQ(shown_, std::vector<int64_t>{body});
    press(Qt::Key_F10);
    EXPECT_EQ(shown_, std::vector<int64_t>{header}); // reached again
    const size_t before = window_->controller().state().eventsApplied;
    press(Qt::Key_F10);
    // One step, to the first line after the loop: no line of the body shown.
    EXPECT_EQ(shown_, std::vector<int64_t>{after});
    EXPECT_GT(after, body);
    EXPECT_GE(linesRunBetween(before, window_->controller().state().eventsApplied, body, body),
              2999);
    // Shift+F11 then leaves checksum: the handler's line after the call.
    press(Qt::Key_F11, Qt::ShiftModifier);
    EXPECT_EQ(shown_, std::vector<int64_t>{call + 1});
}

TEST_F(StepOverLesson15, F10PassesAJobAndInsideAJobTheRestOfItsLoop) {
    const int64_t first = lineOf("run_in_executor(pool, checksum, 1000)");
    const int64_t header = lineOf("for i in range(rounds):");
    forwardToLine(first);
    press(Qt::Key_F10);
    EXPECT_EQ(shown_, std::vector<int64_t>{first + 1}) << "main's next line: the job ran";
    // Inside the second job, on a worker: its loop's header reached again.
    forwardToLine(header, 2);
    ASSERT_EQ(now().task, -1);
    const std::string worker = now().text;
    EXPECT_NE(worker.find("worker"), std::string::npos) << worker;
    press(Qt::Key_F10);
    EXPECT_EQ(shown_, std::vector<int64_t>{lineOf("return total")});
    EXPECT_EQ(now().text, worker);
    press(Qt::Key_F11, Qt::ShiftModifier); // out: the job is over
    EXPECT_EQ(shown_, std::vector<int64_t>{0});
    EXPECT_EQ(now().kind, EventKind::Job);
    EXPECT_EQ(now().detail, "checksum");
}

} // namespace
} // namespace looplab
