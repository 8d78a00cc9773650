#include "QuietRun.h"

#include "ConfinementNotice.h"
#include "QuietStreams.h"
#include "RunOptions.h"
#include "WorkerProcess.h"

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace looplab {

namespace {

void runInSilentChild(const RunOptions& options) {
    std::fflush(nullptr);
    const pid_t child = fork();
    if (child < 0)
        return;
    if (child == 0) {
        const int discard = openDiscardingOutput();
        dup2(discard, STDOUT_FILENO);
        dup2(discard, STDERR_FILENO);
        _exit(runInWorkerProcess(options));
    }
    int status = 0;
    waitpid(child, &status, 0);
}

} // namespace

TraceReadResult recordQuietly(const std::string& program, const std::string& pythonDir) {
    char traceName[] = "/tmp/looplab-trace-XXXXXX";
    const int fd = mkstemp(traceName);
    if (fd < 0) {
        TraceReadResult failed;
        failed.error = "cannot create a temporary file for the trace";
        return failed;
    }
    close(fd);
    sayOnceIfUnconfined();
    RunOptions options;
    options.program = program;
    options.traceOut = traceName;
    options.pythonDir = pythonDir;
    runInSilentChild(options);
    TraceReadResult read = readTraceFile(traceName);
    std::remove(traceName);
    return read;
}

} // namespace looplab
