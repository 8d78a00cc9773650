#include "ProgramRun.h"

#include "InputFile.h"
#include "RecordingProcess.h"
#include "RunOptions.h"
#include "RunPermission.h"
#include "TraceReader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
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
    case 5:
        return QStringLiteral("exited with a status of its own (see Errors and reports)");
    case 6:
        return QStringLiteral("stopped before the end (you cancelled it)");
    default:
        return QStringLiteral("exit status %1").arg(exitStatus);
    }
}

namespace {

// LoopLab's exit status for a trace's end status (see RunOptions.h).
int exitStatusOf(const std::string& status) {
    return status == "finished"    ? kExitFinished
           : status == "exception" ? kExitException
           : status == "deadlock"  ? kExitDeadlock
           : status == "budget"    ? kExitBudget
           : status == "crashed"   ? kExitBudget
           : status == "exit"      ? kExitProgramExit
           : status == "stopped"   ? kExitStopped
                                   : -1;
}

// A recorded trace opened as it is: nothing runs. The code shown is the program the trace
// names, if it is still there.
ProgramRun openTrace(const QString& tracePath) {
    ProgramRun run;
    run.programPath = tracePath;
    TraceReadResult read = readTraceFile(tracePath.toStdString());
    if (!read.ok) {
        run.problem = QStringLiteral("Cannot open the trace %1: %2")
                          .arg(tracePath, QString::fromStdString(read.error));
        return run;
    }
    const QString program = QString::fromStdString(read.trace.header.program);
    QFile source(QFileInfo(program).isAbsolute() ? program
                                                 : QFileInfo(tracePath).dir().filePath(program));
    if (QFileInfo(source.fileName()).isFile() && source.size() <= kMaxProgramBytes &&
        source.open(QIODevice::ReadOnly))
        run.source = QString::fromUtf8(source.readAll());
    else
        run.source = QStringLiteral("# A recorded trace of %1 (the program itself is not here).\n")
                         .arg(program);
    if (!read.trace.events.empty() && read.trace.events.back().kind == EventKind::End) {
        const QJsonObject end =
            QJsonDocument::fromJson(QByteArray::fromStdString(read.trace.events.back().detail))
                .object();
        run.exitStatus = exitStatusOf(end.value("status").toString().toStdString());
        run.standardError = end.value("message").toString();
    }
    run.replay = std::make_shared<const TraceReplay>(std::move(read.trace.events));
    run.unconfined = QString::fromStdString(read.trace.header.unconfined);
    run.scheduleSeed = read.trace.header.scheduleSeed;
    return run;
}

} // namespace

int ProgramRun::failureLine() const {
    static const QRegularExpression where(QStringLiteral("File \"([^\"]+)\", line (\\d+)"));
    int line = 0;
    auto matches = where.globalMatch(standardError);
    while (matches.hasNext()) {
        const auto match = matches.next();
        if (QFileInfo(match.captured(1)).fileName() == QFileInfo(programPath).fileName())
            line = match.captured(2).toInt();
    }
    return line;
}

ProgramRun recordProgram(const QString& looplabExecutable, const QString& programPath,
                         QWidget* parent, RunPermission* permission, const QString& origin,
                         const QStringList& runArguments) {
    // Whatever was opened (a folder, a FIFO, a binary, a huge file) is checked before it is
    // read; a trace is shown as it was recorded instead of being run as Python.
    const std::string problem =
        inputFileProblem(programPath.toStdString(), InputKind::ProgramOrTrace);
    if (!problem.empty()) {
        ProgramRun refused;
        refused.programPath = programPath;
        refused.problem = QStringLiteral("Cannot open %1.").arg(QString::fromStdString(problem));
        return refused;
    }
    if (isTraceFile(programPath.toStdString()))
        return openTrace(programPath);
    ProgramRun run;
    run.programPath = programPath;
    QFile file(programPath);
    if (!file.open(QIODevice::ReadOnly)) {
        run.problem = QStringLiteral("Cannot read %1: %2").arg(programPath, file.errorString());
        return run;
    }
    run.source = QString::fromUtf8(file.readAll());
    if (permission && !permission->mayRun(parent, origin.isEmpty() ? programPath : origin)) {
        run.problem = QStringLiteral("Not run: this computer cannot confine programs (%1), and "
                                     "you chose not to run one from %2 with your account's full "
                                     "access. Open it again to be asked again.")
                          .arg(permission->whyNot(),
                               QFileInfo(origin.isEmpty() ? programPath : origin).absolutePath());
        return run;
    }

    QTemporaryDir folder;
    const QString tracePath = folder.filePath(QStringLiteral("trace.json"));
    const RecordingResult recorded =
        recordInChild(looplabExecutable, programPath, tracePath, parent, runArguments);
    if (!recorded.started) {
        run.problem =
            QStringLiteral("Cannot start the LoopLab engine (%1).").arg(looplabExecutable);
        return run;
    }
    run.exitStatus = recorded.exitStatus;
    run.standardError = QString::fromUtf8(recorded.standardError);
    // A cancelled run stops with what it recorded up to then (its trace ends "stopped"): that is
    // opened like any other run, and stepping shows how far it got.
    TraceReadResult read = readTraceFile(tracePath.toStdString());
    if (!read.ok && recorded.cancelled) {
        run.problem = QStringLiteral("The run was cancelled after %1 s of real time; nothing "
                                     "was recorded.")
                          .arg(recorded.seconds, 0, 'f', 1);
        return run;
    }
    if (!read.ok) {
        // The engine's own last word says why (a time limit, a crash), not the missing file.
        const QStringList lines = run.standardError.split('\n', Qt::SkipEmptyParts);
        QString reason;
        for (const QString& line : lines)
            if (line.startsWith(QStringLiteral("looplab: ")))
                reason = line.mid(9);
        run.problem = reason.isEmpty()
                          ? QStringLiteral("The run left no readable trace: %1")
                                .arg(QString::fromStdString(read.error))
                          : QStringLiteral("The run ended without a trace: %1").arg(reason);
        return run;
    }
    run.replay = std::make_shared<const TraceReplay>(std::move(read.trace.events));
    run.loops = read.trace.header.loops;
    run.unconfined = QString::fromStdString(read.trace.header.unconfined);
    run.scheduleSeed = read.trace.header.scheduleSeed;
    return run;
}

} // namespace looplab
