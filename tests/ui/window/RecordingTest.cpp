// Recording a run never freezes the window or fills its memory: the event loop keeps running
// while the child records, a long run can be cancelled from its progress dialog, and a flood
// of stderr is kept only up to a bound.

#include "MainWindow.h"
#include "RecordingProcess.h"
#include "RunOptions.h"
#include "WindowTest.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLocale>
#include <QProcess>
#include <QProgressDialog>
#include <QRegularExpression>
#include <QTimer>

namespace looplab {
namespace {

class RecordingTest : public WindowTest {
  protected:
    void SetUp() override { open("print('ready')\n", QStringLiteral("first.py")); }

    // Writes `source` as a second program and opens it, timing the call.
    bool openOther(const char* source, double* seconds) {
        path_ = folder_.filePath(QStringLiteral("other.py"));
        write(source);
        QElapsedTimer clock;
        clock.start();
        const bool opened = window_->openProgram(path_);
        *seconds = static_cast<double>(clock.elapsed()) / 1000.0;
        return opened;
    }
};

TEST_F(RecordingTest, TheWindowKeepsItsEventLoopWhileARunTakesRealTime) {
    int beats = 0;
    QTimer heartbeat;
    heartbeat.setInterval(50);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] { ++beats; });
    heartbeat.start();
    double seconds = 0;
    // select() with a timeout waits in real time (nothing to simulate): 1.5 s.
    ASSERT_TRUE(
        openOther("import select\nselect.select([], [], [], 1.5)\nprint('done')\n", &seconds));
    EXPECT_GE(seconds, 1.4);
    EXPECT_GE(beats, 10) << "the event loop stood still for " << seconds << " s";
    window_->controller().toEnd();
    EXPECT_TRUE(window_->outputText().endsWith("done"));
}

TEST_F(RecordingTest, CancelStopsTheRunAndOpensWhatWasRecordedUpToThen) {
    window_->show();
    QTimer::singleShot(1500, window_.get(), [this] {
        if (auto* progress = window_->findChild<QProgressDialog*>())
            progress->cancel();
    });
    double seconds = 0;
    // Three ticks, then a real wait that would last a minute.
    ASSERT_TRUE(openOther("import asyncio, select\nasync def main():\n"
                          "    for i in range(3):\n        await asyncio.sleep(0.5)\n"
                          "        print('tick', i)\n"
                          "    select.select([], [], [], 60)\nasyncio.run(main())\n",
                          &seconds))
        << window_->run().problem.toStdString();
    EXPECT_LT(seconds, 10.0); // not the 60 s the program asked for
    EXPECT_EQ(window_->run().exitStatus, kExitStopped);
    EXPECT_EQ(window_->run().endSummary(), "stopped before the end (you cancelled it)");
    // Everything up to the moment of Cancel can be stepped through, and the last step says
    // that LoopLab stopped it, at the user's request.
    window_->controller().toEnd();
    EXPECT_TRUE(window_->outputText().endsWith("tick 2")) << window_->outputText().toStdString();
    EXPECT_TRUE(window_->narration().contains("LoopLab stopped the run here because you asked"))
        << window_->narration().toStdString();
    // Nothing of it is left running: no process still runs the program.
    QProcess ps;
    ps.start(QStringLiteral("pgrep"), {QStringLiteral("-f"), path_});
    ps.waitForFinished(5'000);
    EXPECT_EQ(ps.readAllStandardOutput().trimmed(), QByteArray()) << "a worker survived Cancel";
}

TEST_F(RecordingTest, AFloodOfStandardErrorIsKeptOnlyUpToItsBound) {
    double seconds = 0;
    ASSERT_TRUE(openOther("import sys\nfor i in range(6000):\n"
                          "    sys.stderr.write('x' * 1000 + '\\n')\nprint('end')\n",
                          &seconds));
    const QByteArray kept = window_->run().standardError.toUtf8();
    EXPECT_LE(kept.size(), kMaxStandardErrorBytes + 200);
    EXPECT_GE(kept.size(), kMaxStandardErrorBytes);
    EXPECT_TRUE(window_->run().standardError.contains("kept the first 1 MB"));
    window_->controller().toEnd();
    EXPECT_TRUE(window_->outputText().endsWith("end")); // the run itself is whole
}

TEST_F(RecordingTest, TheProgressDialogSaysHowFarTheRecordingHasGot) {
    window_->show();
    QString seen;
    QTimer::singleShot(1800, window_.get(), [&] {
        if (auto* progress = window_->findChild<QProgressDialog*>())
            seen = progress->labelText();
    });
    double seconds = 0;
    // 20,000 sleeps stream their events, then a real wait keeps the dialog up.
    ASSERT_TRUE(openOther("import asyncio, select\nasync def main():\n"
                          "    for i in range(20000):\n        await asyncio.sleep(0.001)\n"
                          "    select.select([], [], [], 3)\nasyncio.run(main())\n",
                          &seconds));
    const QRegularExpression said(
        QStringLiteral("Recording other.py… ([0-9,]+) events, ([0-9.]+) s of virtual time"));
    const QRegularExpressionMatch match = said.match(seen);
    ASSERT_TRUE(match.hasMatch()) << seen.toStdString();
    EXPECT_GT(QLocale().toLongLong(match.captured(1)), 10'000);
    EXPECT_GT(match.captured(2).toDouble(), 1.0);
    EXPECT_LE(match.captured(2).toDouble(), 60.0); // 20,000 sleeps of 1 ms and their steps
    // The progress lines are LoopLab's, not the program's: none is left in its stderr.
    EXPECT_FALSE(window_->run().standardError.contains("looplab-progress"));
}

TEST(RecordingProgressLines, AreTakenOutWholeAndTheRestIsKept) {
    RecordingProgress progress;
    QByteArray partial;
    QByteArray kept =
        takeProgressLines("Traceback\nlooplab-progress: 120 5000\nlooplab-pro", progress, &partial);
    EXPECT_EQ(kept, "Traceback\n");
    EXPECT_EQ(progress.events, 120);
    EXPECT_EQ(progress.virtualNs, 5000);
    EXPECT_EQ(partial, "looplab-pro");
    kept = takeProgressLines(partial + "gress: 300 7000\nValueError: x\n", progress, &partial);
    EXPECT_EQ(kept, "ValueError: x\n");
    EXPECT_EQ(progress.events, 300);
    EXPECT_EQ(progress.virtualNs, 7000);
    EXPECT_TRUE(partial.isEmpty());
    EXPECT_EQ(progressText("a.py", progress, 2),
              QStringLiteral("Recording a.py… 300 events, 0.000 s of virtual time (2 s of real "
                             "time)"));
    EXPECT_EQ(progressText("a.py", RecordingProgress{}, 2),
              QStringLiteral("Recording a.py… 2 s of real time"));
}

} // namespace
} // namespace looplab
