#pragma once
// What `looplab run` (and later the app) asks the engine to do, and what came of it.

#include <cstdint>
#include <string>

namespace looplab {

// Exit statuses of `looplab run`, shared with the app and the tests.
enum ExitStatus : int {
    kExitFinished = 0,
    kExitException = 1,
    kExitUsage = 2,
    kExitDeadlock = 3,
    kExitBudget = 4,
    // The program ended itself with a status of its own (sys.exit(N) with N != 0, or
    // os._exit): stderr and the trace's end say which N; it is never one of the above.
    kExitProgramExit = 5,
    // Stopped from outside before it ended (Ctrl+C, SIGTERM, Cancel in the window): the
    // trace and the output keep everything up to that moment.
    kExitStopped = 6,
};

struct RunOptions {
    std::string program;  // path as the user gave it; tracebacks and the tracer use it as is
    bool stamp = false;   // prefix stdout lines with [S.mmm]
    std::string traceOut; // write the JSON trace here ("" = do not)
    // Report how far the recording has got on stderr, every 0.25 s of real time, as lines
    // "looplab-progress: EVENTS VIRTUAL_NS" (the window's progress dialog reads them).
    bool progress = false;
    int64_t lineCostNs = 100;
    int64_t seed = 0;
    // Another legal schedule (docs/simulation-model.md, "Other schedules"): -1 = the
    // unperturbed model; else durations are scaled by seeded factors in [1-jitter, 1+jitter].
    int64_t scheduleSeed = -1;
    double jitter = 0.5;
    int64_t maxSteps = 2'000'000;
    int64_t maxEvents = 6'500'000; // RunBudget::maxEvents
    int64_t maxLinesPerStep = 5'000'000;
    int64_t outputLimitBytes = 8 * 1024 * 1024;
    int64_t memoryLimitBytes = int64_t(2) * 1024 * 1024 * 1024;
    int wallClockLimitSeconds = 120; // backstop for code that burns real time without lines
    std::string pythonDir;           // where looplab_sim and looplab_engine live ("" = find it)

    // Set by the worker process (WorkerProcess.cpp), not by users:
    int traceFd = -1;        // write the trace to this descriptor (the pipe to the parent)
    int printedLinesFd = -1; // send each completed stdout line here as well (PrintedLines.h)
    std::string unconfined;  // "" when the run is confined, else why not (goes into the trace)
};

} // namespace looplab
