#include "RecordingProcess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
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

} // namespace

RecordingResult recordInChild(const QString& looplabExecutable, const QString& programPath,
                              const QString& tracePath, QWidget* parent) {
    RecordingResult result;
    QProcess process;
    process.setStandardInputFile(QProcess::nullDevice());
    process.setStandardOutputFile(QProcess::nullDevice());
    // Its own process group, so that Cancel ends the engine's worker too (a worker left
    // behind would go on running the program).
    process.setChildProcessModifier([] { setpgid(0, 0); });
    process.start(looplabExecutable,
                  {QStringLiteral("run"), programPath, QStringLiteral("--trace"), tracePath});
    if (!process.waitForStarted(10'000))
        return result;
    result.started = true;

    bool cut = false;
    const auto drainStandardError = [&] {
        const QByteArray chunk = process.readAllStandardError();
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
        if (progress) {
            progress->setLabelText(QObject::tr("Recording %1… %2 s of real time")
                                       .arg(QFileInfo(programPath).fileName())
                                       .arg(static_cast<int>(clock.elapsed() / 1000)));
            if (clock.elapsed() >= kDialogDelayMs && !progress->isVisible())
                progress->show();
            if (progress->wasCanceled() && process.state() != QProcess::NotRunning) {
                result.cancelled = true;
                if (process.processId() > 0)
                    ::kill(-static_cast<pid_t>(process.processId()), SIGKILL);
                process.kill();
                process.waitForFinished(5'000);
            }
        }
    }
    drainStandardError();
    if (cut)
        result.standardError += QObject::tr("\n… (LoopLab kept the first %1 MB of what the "
                                            "program wrote to stderr)\n")
                                    .arg(kMaxStandardErrorBytes / (1024 * 1024))
                                    .toUtf8();
    result.seconds = static_cast<double>(clock.elapsed()) / 1000.0;
    result.exitStatus =
        !result.cancelled && process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return result;
}

} // namespace looplab
