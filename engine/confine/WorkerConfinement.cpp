#include "WorkerConfinement.h"

#include "LandlockRules.h"
#include "SeccompFilter.h"

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

namespace looplab {

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kUnderAddressSanitizer = true; // ASan reserves terabytes of address space
#else
constexpr bool kUnderAddressSanitizer = false;
#endif

void closeAllBut(std::vector<int> keep) {
    std::sort(keep.begin(), keep.end());
    unsigned first = 3;
    for (const int fd : keep) {
        if (fd < static_cast<int>(first))
            continue;
        if (static_cast<unsigned>(fd) > first)
            close_range(first, static_cast<unsigned>(fd) - 1, 0);
        first = static_cast<unsigned>(fd) + 1;
    }
    close_range(first, ~0U, 0);
}

void cleanEnvironment(const std::string& scratch) {
    clearenv();
    setenv("PATH", "/usr/bin:/bin", 1);
    setenv("LANG", "C.UTF-8", 1);
    setenv("HOME", scratch.c_str(), 1);
    setenv("TMPDIR", scratch.c_str(), 1);
}

void setLimit(int resource, int64_t value) {
    if (value <= 0)
        return;
    const rlimit limit{static_cast<rlim_t>(value), static_cast<rlim_t>(value)};
    setrlimit(resource, &limit);
}

} // namespace

std::string confineWorker(const ConfinementPlan& plan, const ConfinementSupport& support,
                          const WorkerLimits& limits, std::vector<int> keepFds) {
    const pid_t parent = getppid();
    // Its own process group, so the parent can end everything the run made with one kill, and
    // a terminal's Ctrl+C reaches the parent, which then ends the worker.
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) // the parent died before the line above took effect
        _exit(SIGKILL + 128);
    closeAllBut(std::move(keepFds));
    cleanEnvironment(plan.scratchFolder);
    if (!kUnderAddressSanitizer)
        setLimit(RLIMIT_AS, limits.memoryBytes);
    setLimit(RLIMIT_CPU, limits.cpuSeconds);
    setLimit(RLIMIT_FSIZE, limits.fileBytes);
    setLimit(RLIMIT_NOFILE, limits.openFiles);
    const rlimit noCore{0, 0};
    setrlimit(RLIMIT_CORE, &noCore);
    std::signal(SIGXFSZ, SIG_IGN); // a file too big fails with EFBIG instead of killing us

    if (!support.complete())
        return support.notice();
    if (std::string problem = applyLandlockRules(plan); !problem.empty())
        return "this run is not confined: " + problem;
    if (std::string problem = applySeccompFilter(); !problem.empty())
        return "this run's system calls are not filtered: " + problem;
    return {};
}

} // namespace looplab
