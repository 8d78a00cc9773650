#include "RecordingProcess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLocale>
#include <QProcess>
#include <QProgressDialog>
#include <QWidget>

#include <memory>

#include <csignal>
#include <unistd.h>

namespace looplab {

namespace {

// Shown only when a run takes longer than this: most runs take a fraction of a second.
constexpr int kDialogDelayMs = 400;
// How long `looplab run` gets to stop its worker and close the trace after Cancel (it needs
// about a second: RunOptions.h, kExitStopped) before its whole process group is killed.
constexpr int kStopGraceMs = 4'000;

// Cancel: `looplab run` is asked to stop (SIGTERM), so it stops its worker and keeps the trace
// up to that moment; only if it does not end in time is everything it started killed.
void stopGently(QProcess& process) {
    const auto pid = static_cast<pid_t>(process.processId());
    if (pid <= 0)
        return;
    ::kill(pid, SIGTERM);
    QElapsedTimer waited;
    waited.start();
    while (process.state() != QProcess::NotRunning && waited.elapsed() < kStopGraceMs) {
        QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents, 20);
        process.waitForFinished(20);
        process.readAllStandardOutput(); // read and dropped, as while recording
    }
    if (process.state() != QProcess::NotRunning) {
        ::kill(-pid, SIGKILL);
        process.kill();
        process.waitForFinished(5'000);
    }
}

} // namespace

QByteArray takeProgressLines(const QByteArray& text, RecordingProgress& progress,
                             QByteArray* partialLine) {
    static const QByteArray prefix = QByteArrayLiteral("looplab-progress: ");
    QByteArray kept;
    qsizetype start = 0;
    for (qsizetype end; (end = text.indexOf('\n', start)) >= 0; start = end + 1) {
        const QByteArray line = text.mid(start, end - start + 1);
        if (!line.startsWith(prefix)) {
            kept += line;
            continue;
        }
        const QList<QByteArray> numbers = line.mid(prefix.size()).trimmed().split(' ');
        if (numbers.size() == 2) {
            progress.events = numbers[0].toLongLong();
            progress.virtualNs = numbers[1].toLongLong();
        }
    }
    *partialLine = text.mid(start);
    return kept;
}

QString progressText(const QString& fileName, const RecordingProgress& progress, int realSeconds) {
    if (progress.events == 0)
        return QObject::tr("Recording %1… %2 s of real time").arg(fileName).arg(realSeconds);
    return QObject::tr("Recording %1… %2 events, %3 s of virtual time (%4 s of real time)")
        .arg(fileName, QLocale().toString(progress.events))
        .arg(static_cast<double>(progress.virtualNs) / 1e9, 0, 'f', 3)
        .arg(realSeconds);
}

RecordingResult recordInChild(const QString& looplabExecutable, const QString& programPath,
                              const QString& tracePath, QWidget* parent,
                              const QStringList& runArguments) {
    RecordingResult result;
    QProcess process;
    // Its stdout (the program's output, which the trace holds too) is read and dropped, not
    // sent to /dev/null: on some machines that is an ordinary file others can read
    // (engine/confine/QuietStreams.h).
    process.setProcessChannelMode(QProcess::SeparateChannels);
    // Its own process group, so that Cancel ends the engine's worker too (a worker left
    // behind would go on running the program).
    process.setChildProcessModifier([] { setpgid(0, 0); });
    process.start(looplabExecutable,
                  QStringList{QStringLiteral("run"), programPath, QStringLiteral("--trace"),
                              tracePath, QStringLiteral("--progress")} +
                      runArguments);
    if (!process.waitForStarted(10'000))
        return result;
    result.started = true;
    process.closeWriteChannel(); // an empty stdin (the worker's own is empty anyway)

    bool cut = false;
    RecordingProgress progressSoFar;
    QByteArray partialLine; // stderr is read in chunks; progress lines are taken out whole
    const auto drainStandardError = [&] {
        const QByteArray chunk = takeProgressLines(partialLine + process.readAllStandardError(),
                                                   progressSoFar, &partialLine);
        const qint64 room = kMaxStandardErrorBytes - result.standardError.size();
        if (chunk.size() > room)
            cut = true;
        result.standardError += chunk.left(std::max<qint64>(0, room));
    };

    std::unique_ptr<QProgressDialog> progress;
    if (parent) {
        progress = std::make_unique<QProgressDialog>(
            QObject::tr("Recording %1…").arg(QFileInfo(programPath).fileName()),
            QObject::tr("Cancel"), 0, 0, parent);
        progress->setWindowTitle(QObject::tr("LoopLab"));
        progress->setWindowModality(Qt::WindowModal);
        progress->setMinimumDuration(kDialogDelayMs);
        progress->setAutoReset(false);
        progress->setAutoClose(false);
        progress->setValue(0);
    }
    QElapsedTimer clock;
    clock.start();
    while (process.state() != QProcess::NotRunning) {
        // Until the (window-modal) dialog shows, the user's clicks wait: nothing may start a
        // second run while this one records.
        const bool dialogUp = progress && progress->isVisible();
        QCoreApplication::processEvents(
            dialogUp ? QEventLoop::AllEvents : QEventLoop::ExcludeUserInputEvents, 20);
        process.waitForFinished(20);
        drainStandardError();
        process.readAllStandardOutput();
        if (progress) {
            progress->setLabelText(progressText(QFileInfo(programPath).fileName(), progressSoFar,
                                                static_cast<int>(clock.elapsed() / 1000)));
            if (clock.elapsed() >= kDialogDelayMs && !progress->isVisible())
                progress->show();
            if (progress->wasCanceled() && process.state() != QProcess::NotRunning &&
                !result.cancelled) {
                result.cancelled = true;
                stopGently(process);
            }
        }
    }
    drainStandardError();
    result.standardError += partialLine; // a last line without its newline
    if (cut)
        result.standardError += QObject::tr("\n… (LoopLab kept the first %1 MB of what the "
                                            "program wrote to stderr)\n")
                                    .arg(kMaxStandardErrorBytes / (1024 * 1024))
                                    .toUtf8();
    result.seconds = static_cast<double>(clock.elapsed()) / 1000.0;
    result.exitStatus = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return result;
}

} // namespace looplab
