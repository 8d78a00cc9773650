#include "ProgramRun.h"

#include "TraceReader.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

namespace looplab {

QString ProgramRun::endSummary() const {
    switch (exitStatus) {
    case 0:
        return QStringLiteral("finished");
    case 1:
        return QStringLiteral("uncaught exception");
    case 2:
        return QStringLiteral("could not run");
    case 3:
        return QStringLiteral("deadlock");
    case 4:
        return QStringLiteral("budget exceeded");
    default:
        return QStringLiteral("exit status %1").arg(exitStatus);
    }
}

ProgramRun recordProgram(const QString& looplabExecutable, const QString& programPath) {
    ProgramRun run;
    run.programPath = programPath;
    QFile file(programPath);
    if (!file.open(QIODevice::ReadOnly)) {
        run.problem = QStringLiteral("Cannot read %1: %2").arg(programPath, file.errorString());
        return run;
    }
    run.source = QString::fromUtf8(file.readAll());

    QTemporaryDir folder;
    const QString tracePath = folder.filePath(QStringLiteral("trace.json"));
    QProcess process;
    process.start(looplabExecutable,
                  {QStringLiteral("run"), programPath, QStringLiteral("--trace"), tracePath});
    if (!process.waitForStarted(10'000)) {
        run.problem =
            QStringLiteral("Cannot start the LoopLab engine (%1).").arg(looplabExecutable);
        return run;
    }
    process.waitForFinished(-1);
    run.exitStatus = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.standardError = QString::fromUtf8(process.readAllStandardError());

    const TraceReadResult read = readTraceFile(tracePath.toStdString());
    if (!read.ok) {
        run.problem = QStringLiteral("The run left no readable trace: %1")
                          .arg(QString::fromStdString(read.error));
        return run;
    }
    run.replay = std::make_shared<const TraceReplay>(read.trace.events);
    run.loops = read.trace.header.loops;
    return run;
}

} // namespace looplab
