#include "WorkerProcess.h"

#include "ConfinementPlan.h"
#include "ConfinementSupport.h"
#include "OutputRelay.h"
#include "PrintedLines.h"
#include "ProgramAuditHook.h"
#include "ProgramRunner.h"
#include "QuietStreams.h"
#include "ScratchFolder.h"
#include "TraceCopy.h"
#include "WorkerConfinement.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace looplab {

namespace {

// Resident memory of a process in bytes, from /proc (0 if unknown).
int64_t residentBytes(pid_t pid) {
    const std::string path = "/proc/" + std::to_string(pid) + "/statm";
    FILE* file = std::fopen(path.c_str(), "r");
    if (!file)
        return 0;
    long long sizePages = 0;
    long long residentPages = 0;
    const int read = std::fscanf(file, "%lld %lld", &sizePages, &residentPages);
    std::fclose(file);
    return read == 2 ? residentPages * sysconf(_SC_PAGESIZE) : 0;
}

bool makePipe(int ends[2]) {
    // Non-blocking on the parent's side: the parent never waits on a reader or writer.
    return pipe2(ends, O_CLOEXEC) == 0 && fcntl(ends[0], F_SETFL, O_NONBLOCK) == 0;
}

// In the forked child: confine, then run the program. Never returns.
[[noreturn]] void runAsWorker(const RunOptions& options, const ConfinementPlan& plan,
                              const ConfinementSupport& support, OutputRelay& relay, int outcomeFd,
                              int traceFd, int linesFd) {
    relay.attachInWorker();
    // Nothing to read: a program that waits for input gets end-of-file at once instead of
    // waiting for a keyboard that is not there (and never what others wrote to a /dev/null
    // that is an ordinary file, QuietStreams.h).
    if (const int nothing = openEmptyInput(); nothing >= 0) {
        dup2(nothing, STDIN_FILENO);
        close(nothing);
    } else {
        close(STDIN_FILENO);
    }
    WorkerLimits limits;
    limits.memoryBytes = options.memoryLimitBytes;
    limits.cpuSeconds = options.wallClockLimitSeconds + 10; // the parent's clock comes first
    RunOptions run = options;
    run.traceFd = traceFd;
    run.printedLinesFd = linesFd;
    run.traceOut.clear();
    run.unconfined = confineWorker(plan, support, limits, {outcomeFd, traceFd, linesFd});
    // A layer that should have held and did not is news; a machine without one was told once.
    if (!run.unconfined.empty() && support.complete())
        std::fprintf(stderr, "looplab: %s\n", run.unconfined.c_str());
    if (!support.turnedOff)
        installProgramAuditHook(plan);
    const int status = runProgramHere(run);
    std::fflush(stdout);
    std::fflush(stderr);
    const unsigned char outcome = static_cast<unsigned char>(status);
    [[maybe_unused]] const ssize_t written = write(outcomeFd, &outcome, 1);
    _exit(status);
}

// Set by SIGINT, SIGTERM or SIGHUP sent to `looplab run` itself (Ctrl+C, Cancel in the window):
// the run is stopped as for a spent budget, so what was recorded up to then is kept.
volatile std::sig_atomic_t gStopSignal = 0;

void noteStopSignal(int signal) {
    gStopSignal = signal;
}

// Catches the stop signals for as long as the run lasts, then puts the old handlers back.
class StopSignals {
  public:
    StopSignals() {
        gStopSignal = 0;
        struct sigaction action {};
        action.sa_handler = noteStopSignal;
        sigemptyset(&action.sa_mask);
        for (size_t i = 0; i < kSignals.size(); ++i)
            sigaction(kSignals[i], &action, &old_[i]);
    }
    ~StopSignals() {
        for (size_t i = 0; i < kSignals.size(); ++i)
            sigaction(kSignals[i], &old_[i], nullptr);
    }
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

  private:
    static constexpr std::array<int, 3> kSignals = {SIGINT, SIGTERM, SIGHUP};
    std::array<struct sigaction, 3> old_{};
};

void endGroup(pid_t worker) {
    // The worker leads its own process group: anything it left behind goes with it. The
    // worker itself too, by its own id (it cannot leave the group, but say it twice).
    kill(-worker, SIGKILL);
    kill(worker, SIGKILL);
}

// A spent budget: SIGTERM first, so the worker sends the events it has not streamed yet (its
// handler flushes, then dies), while this side keeps draining the pipe; SIGKILL after a second.
void stopForBudget(pid_t worker, int tracePipe, TraceCopy& trace, int& waitStatus) {
    kill(worker, SIGTERM);
    const auto giveUp = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    while (std::chrono::steady_clock::now() < giveUp) {
        if (tracePipe >= 0)
            trace.copyFrom(tracePipe);
        if (waitpid(worker, &waitStatus, WNOHANG) == worker)
            return;
        poll(nullptr, 0, 2);
    }
    endGroup(worker);
    waitpid(worker, &waitStatus, 0);
}

} // namespace

int runInWorkerProcess(const RunOptions& options) {
    std::fflush(stdout);
    std::fflush(stderr);
    const ConfinementSupport support = confinementSupport();
    const ScratchFolder scratch;
    if (scratch.path().empty()) {
        std::fprintf(stderr, "looplab: cannot make a scratch folder for the run: %s\n",
                     std::strerror(errno));
        return kExitBudget;
    }
    const char* home = std::getenv("HOME");
    const ConfinementPlan plan =
        planConfinement(options.program, options.pythonDir, scratch.path(), home ? home : "");
    TraceCopy trace(options.traceOut);
    if (!trace.problem().empty()) {
        std::fprintf(stderr, "looplab: cannot write the trace to %s: %s\n",
                     options.traceOut.c_str(), trace.problem().c_str());
        return kExitUsage;
    }
    // The worker reports LoopLab's outcome on this pipe before it exits. An exit without it is
    // the program's own doing (os._exit(N)), whatever N is: N is never taken for an outcome.
    int outcomePipe[2];
    int tracePipe[2] = {-1, -1};
    // Each stdout line as printed, for a worker that dies before writing its output.
    int linesPipe[2];
    if (!makePipe(outcomePipe) || !makePipe(linesPipe) ||
        (trace.wanted() && !makePipe(tracePipe))) {
        std::fprintf(stderr, "looplab: cannot start a worker process: %s\n", std::strerror(errno));
        return kExitBudget;
    }
    fcntl(tracePipe[1], F_SETPIPE_SZ, 1 << 20); // fewer wake-ups while a big trace streams
    fcntl(linesPipe[1], F_SETPIPE_SZ, 1 << 20);
    PrintedLines printed(2 * options.outputLimitBytes);
    // Room for everything print() may write (its own budget) with stamps, and a traceback.
    OutputRelay relay(4 * options.outputLimitBytes + (1 << 20));
    if (!relay.open()) {
        std::fprintf(stderr, "looplab: cannot start a worker process: %s\n", std::strerror(errno));
        return kExitBudget;
    }
    const pid_t child = fork();
    if (child < 0) {
        std::fprintf(stderr, "looplab: cannot start a worker process: %s\n", std::strerror(errno));
        return kExitBudget;
    }
    if (child == 0) {
        close(outcomePipe[0]);
        close(linesPipe[0]);
        if (tracePipe[0] >= 0)
            close(tracePipe[0]);
        runAsWorker(options, plan, support, relay, outcomePipe[1], tracePipe[1], linesPipe[1]);
    }
    relay.detachInParent();
    const StopSignals stopSignals;
    close(outcomePipe[1]);
    close(linesPipe[1]);
    if (tracePipe[1] >= 0)
        close(tracePipe[1]);

    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(options.wallClockLimitSeconds);
    int waitStatus = 0;
    const char* killedFor = nullptr;
    auto nextReport = std::chrono::steady_clock::now() + std::chrono::milliseconds(250);
    for (;;) {
        // Copy what the worker wrote of its trace and output; wait at most 2 ms for more.
        pollfd ready[] = {{tracePipe[0], POLLIN, 0},
                          {relay.outputFd(), POLLIN, 0},
                          {relay.errorFd(), POLLIN, 0},
                          {linesPipe[0], POLLIN, 0}};
        poll(ready, 4, 2);
        if (tracePipe[0] >= 0)
            trace.copyFrom(tracePipe[0]);
        relay.pump();
        printed.readFrom(linesPipe[0]);
        if (options.progress && relay.errorAtLineStart() &&
            std::chrono::steady_clock::now() >= nextReport) {
            std::fprintf(stderr, "looplab-progress: %lld %lld\n",
                         static_cast<long long>(trace.eventsCopied()),
                         static_cast<long long>(trace.lastTimeNs()));
            nextReport = std::chrono::steady_clock::now() + std::chrono::milliseconds(250);
        }
        const pid_t done = waitpid(child, &waitStatus, WNOHANG);
        if (done == child)
            break;
        if (done < 0 && errno != EINTR) {
            std::fprintf(stderr, "looplab: lost the worker process: %s\n", std::strerror(errno));
            endGroup(child);
            return kExitBudget;
        }
        // The address-space limit makes Python raise MemoryError at the guilty line; this
        // watchdog also covers builds where that limit cannot be used (AddressSanitizer).
        if (options.memoryLimitBytes > 0 && residentBytes(child) > options.memoryLimitBytes)
            killedFor = "memory";
        else if (std::chrono::steady_clock::now() > deadline)
            killedFor = "time";
        else if (relay.flooded())
            killedFor = "output";
        else if (gStopSignal != 0)
            killedFor = "stop";
        if (killedFor) {
            stopForBudget(child, tracePipe[0], trace, waitStatus);
            break;
        }
    }
    endGroup(child);
    if (tracePipe[0] >= 0) {
        trace.copyFrom(tracePipe[0]); // what was left in the pipe
        close(tracePipe[0]);
    }
    relay.pump();
    printed.readFrom(linesPipe[0]);
    close(linesPipe[0]);
    unsigned char outcome = 0;
    const bool reported = read(outcomePipe[0], &outcome, 1) == 1;
    close(outcomePipe[0]);
    if (WIFEXITED(waitStatus) && reported && !killedFor) {
        if (!trace.commit() && outcome == kExitFinished) {
            std::fprintf(stderr, "looplab: cannot write the trace to %s: %s\n",
                         options.traceOut.c_str(), trace.problem().c_str());
            return kExitUsage;
        }
        return outcome;
    }
    // The worker did not end as LoopLab does: say why, and keep the trace up to there.
    nlohmann::json end;
    int status = kExitBudget;
    if (killedFor && std::strcmp(killedFor, "memory") == 0) {
        end = {{"status", "budget"},
               {"message", "looplab: budget exceeded: the program used more than " +
                               std::to_string(options.memoryLimitBytes >> 20) + " MiB of memory"}};
    } else if (killedFor && std::strcmp(killedFor, "output") == 0) {
        end = {{"status", "budget"},
               {"message", "looplab: budget exceeded: the program wrote more than " +
                               std::to_string(relay.limitBytes() >> 20) +
                               " MiB straight to its standard output or error (os.write); the "
                               "rest was dropped"}};
    } else if (killedFor && std::strcmp(killedFor, "stop") == 0) {
        status = kExitStopped;
        end = {{"status", "stopped"},
               {"signal", static_cast<int>(gStopSignal)},
               {"message", std::string("looplab: the run was stopped before it ended (") +
                               (gStopSignal == SIGINT ? "interrupted" : "asked to stop") +
                               "); everything up to that moment was kept"}};
    } else if (killedFor) {
        end = {{"status", "budget"},
               {"message", "looplab: budget exceeded: the program ran for more than " +
                               std::to_string(options.wallClockLimitSeconds) +
                               " seconds of real time"}};
    } else if (WIFEXITED(waitStatus)) {
        status = kExitProgramExit;
        end = {{"status", "exit"},
               {"exit", WEXITSTATUS(waitStatus)},
               {"how", "os._exit"},
               {"message", "looplab: the program ended the worker process itself with status " +
                               std::to_string(WEXITSTATUS(waitStatus)) +
                               " (os._exit); nothing after that point was recorded"}};
    } else {
        end = {{"status", "crashed"},
               {"signal", WTERMSIG(waitStatus)},
               {"message", "looplab: the program crashed the interpreter (signal " +
                               std::to_string(WTERMSIG(waitStatus)) + ")"}};
    }
    // What the program printed before the end, unless the worker wrote it itself (os._exit).
    if (!printed.renderedByWorker()) {
        const std::string output = printed.render(options.stamp);
        std::fwrite(output.data(), 1, output.size(), stdout);
        std::fflush(stdout);
    }
    std::fprintf(stderr, "%s\n", end["message"].get<std::string>().c_str());
    end["exit"] = end.value("exit", status);
    if (trace.closeCutOff(end.dump()))
        trace.commit();
    return status;
}

} // namespace looplab
