#pragma once
// One recorded run of a program, as the app sees it: the source it ran, what it printed, how it
// ended, and the replayable trace. Produced by running `looplab run --trace` in a child process
// so that nothing the program does can take the window down.

#include "TraceFormat.h"
#include "TraceReplay.h"

#include <QString>

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

    bool recorded() const { return replay != nullptr; }
    QString endSummary() const; // "finished", "uncaught exception", "deadlock", ...
};

// Runs `looplabExecutable run PROGRAM --trace TMP` and loads the trace. Blocks until the run
// ends (runs are short in real time: the clock is virtual).
ProgramRun recordProgram(const QString& looplabExecutable, const QString& programPath);

} // namespace looplab
