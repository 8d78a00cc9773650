#include "ScheduleExplorer.h"

#include "QuietStreams.h"
#include "WorkerProcess.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace looplab {

namespace {

struct RunningChild {
    pid_t pid = -1;
    int output = -1; // read end of the pipe on the child's stdout
    ExploredRun run;
};

// In the forked child: stdout into the pipe, stderr nowhere, then `looplab run`'s own path.
[[noreturn]] void runChild(const RunOptions& options, int outputFd) {
    // An explorer that dies takes its runs with it, instead of leaving them to finish unseen.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    dup2(outputFd, STDOUT_FILENO);
    if (const int discard = openDiscardingOutput(); discard >= 0)
        dup2(discard, STDERR_FILENO);
    if (const int nothing = openEmptyInput(); nothing >= 0)
        dup2(nothing, STDIN_FILENO);
    _exit(runInWorkerProcess(options));
}

bool startChild(const ExploreRequest& request, int64_t seed, RunningChild& child) {
    int ends[2];
    if (pipe2(ends, O_CLOEXEC) != 0)
        return false;
    RunOptions options = request.run;
    options.scheduleSeed = seed;
    options.traceOut.clear();
    options.progress = false;
    std::fflush(nullptr);
    const pid_t pid = fork();
    if (pid < 0) {
        close(ends[0]);
        close(ends[1]);
        return false;
    }
    if (pid == 0) {
        close(ends[0]);
        runChild(options, ends[1]);
    }
    close(ends[1]);
    fcntl(ends[0], F_SETFL, O_NONBLOCK); // one quiet run must not hold up reading the other
    child = RunningChild{pid, ends[0], ExploredRun{seed, -1, {}}};
    return true;
}

// Reads what is there; false at end of file (the child closed its stdout: it is ending).
bool drain(RunningChild& child) {
    char buffer[1 << 14];
    for (;;) {
        const ssize_t n = read(child.output, buffer, sizeof buffer);
        if (n > 0) {
            child.run.output.append(buffer, static_cast<size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        return n < 0 && errno == EAGAIN;
    }
}

void finish(RunningChild& child) {
    close(child.output);
    int status = 0;
    while (waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {
    }
    child.run.exitStatus = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace

void exploreSchedules(const ExploreRequest& request, const ExploredRunObserver& observer) {
    std::vector<RunningChild> running;
    int started = 0;
    int done = 0;
    while (done < request.runs) {
        while (started < request.runs && static_cast<int>(running.size()) < request.parallel) {
            RunningChild child;
            const int64_t seed = request.firstSeed + started;
            ++started;
            if (!startChild(request, seed, child)) {
                ++done; // could not fork: counted as a run that crashed
                if (observer)
                    observer(ExploredRun{seed, -1, {}}, done);
                continue;
            }
            running.push_back(std::move(child));
        }
        if (running.empty())
            continue;
        std::vector<pollfd> watched;
        for (const RunningChild& child : running)
            watched.push_back({child.output, POLLIN, 0});
        if (poll(watched.data(), watched.size(), -1) < 0 && errno != EINTR)
            break;
        for (size_t i = running.size(); i-- > 0;) {
            if (watched[i].revents == 0)
                continue;
            if (drain(running[i]))
                continue;
            finish(running[i]);
            ++done;
            if (observer)
                observer(running[i].run, done);
            running.erase(running.begin() + static_cast<std::ptrdiff_t>(i));
        }
    }
}

int coresForExploring() {
    const unsigned cores = std::thread::hardware_concurrency();
    return cores == 0 ? 1 : static_cast<int>(cores);
}

} // namespace looplab
