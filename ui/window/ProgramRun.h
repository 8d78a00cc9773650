#pragma once
// One recorded run of a program, as the app sees it: the source it ran, what it printed, how it
// ended, and the replayable trace. Produced by running `looplab run --trace` in a child process
// so that nothing the program does can take the window down.

#include "TraceFormat.h"
#include "TraceReplay.h"

#include <QString>
#include <QStringList>

class QWidget;

#include <memory>
#include <vector>

namespace looplab {

struct ProgramRun {
    QString programPath;
    QString source;
    QString standardError;
    int exitStatus = -1;
    QString problem; // a sentence when the run could not be recorded at all
    std::shared_ptr<const TraceReplay> replay;
    std::vector<LoopLines> loops; // the program's loops, from the trace's header
    QString unconfined;       // "" when the program ran confined, else why not (the trace's header)
    qint64 scheduleSeed = -1; // the perturbed schedule it ran under (-1: the unperturbed model)

    bool recorded() const { return replay != nullptr; }
    QString endSummary() const; // "finished", "uncaught exception", "deadlock", ...
    // The program's line a traceback on stderr ends at (Python names it `File "<program>",
    // line N`; the last such line is where it failed), 0 when there is none.
    int failureLine() const;
};

// Runs `looplabExecutable run PROGRAM --trace TMP` in a child (RecordingProcess) and loads the
// trace; a trace file is opened as it is. Returns when the run ends or is cancelled; the event
// loop keeps running meanwhile, and `parent` (if any) shows a progress dialog with Cancel.
// With `permission`, asks it first whether the program that `programPath` is a copy of
// (`origin`, "" = itself) may run; when not, returns the source with a problem, unrun.
// `runArguments` go to `looplab run` too (--schedule-seed S --jitter F).
ProgramRun recordProgram(const QString& looplabExecutable, const QString& programPath,
                         QWidget* parent = nullptr, class RunPermission* permission = nullptr,
                         const QString& origin = QString(), const QStringList& runArguments = {});

} // namespace looplab
