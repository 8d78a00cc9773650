#include "WorkerProcess.h"

#include "ProgramRunner.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace looplab {

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kUnderAddressSanitizer = true; // ASan reserves terabytes of address space
#else
constexpr bool kUnderAddressSanitizer = false;
#endif

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

void limitMemory(int64_t bytes) {
    if (bytes <= 0 || kUnderAddressSanitizer)
        return;
    rlimit limit{static_cast<rlim_t>(bytes), static_cast<rlim_t>(bytes)};
    setrlimit(RLIMIT_AS, &limit);
}

} // namespace

int runInWorkerProcess(const RunOptions& options) {
    std::fflush(stdout);
    std::fflush(stderr);
    // The worker reports LoopLab's outcome on this pipe before it exits. An exit without it is
    // the program's own doing (os._exit(N)), whatever N is: N is never taken for an outcome.
    int outcomePipe[2];
    if (pipe2(outcomePipe, O_CLOEXEC | O_NONBLOCK) != 0) { // never wait on a reader or writer
        std::fprintf(stderr, "looplab: cannot start a worker process: %s\n", std::strerror(errno));
        return kExitBudget;
    }
    const pid_t child = fork();
    if (child < 0) {
        std::fprintf(stderr, "looplab: cannot start a worker process: %s\n", std::strerror(errno));
        close(outcomePipe[0]);
        close(outcomePipe[1]);
        return kExitBudget;
    }
    if (child == 0) {
        close(outcomePipe[0]);
        // Nothing to read: a program that waits for input gets end-of-file at once instead of
        // waiting for a keyboard that is not there.
        if (const int nothing = open("/dev/null", O_RDONLY); nothing >= 0) {
            dup2(nothing, STDIN_FILENO);
            close(nothing);
        }
        limitMemory(options.memoryLimitBytes);
        const int status = runProgramHere(options);
        std::fflush(stdout);
        std::fflush(stderr);
        const unsigned char outcome = static_cast<unsigned char>(status);
        [[maybe_unused]] const ssize_t written = write(outcomePipe[1], &outcome, 1);
        _exit(status);
    }
    close(outcomePipe[1]);

    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(options.wallClockLimitSeconds);
    int waitStatus = 0;
    for (;;) {
        const pid_t done = waitpid(child, &waitStatus, WNOHANG);
        if (done == child)
            break;
        if (done < 0 && errno != EINTR) {
            std::fprintf(stderr, "looplab: lost the worker process: %s\n", std::strerror(errno));
            close(outcomePipe[0]);
            return kExitBudget;
        }
        // The address-space limit makes Python raise MemoryError at the guilty line; this
        // watchdog also covers builds where that limit cannot be used (AddressSanitizer).
        if (options.memoryLimitBytes > 0 && residentBytes(child) > options.memoryLimitBytes) {
            kill(child, SIGKILL);
            waitpid(child, &waitStatus, 0);
            std::fprintf(stderr,
                         "looplab: budget exceeded: the program used more than %lld MiB of "
                         "memory\n",
                         static_cast<long long>(options.memoryLimitBytes >> 20));
            close(outcomePipe[0]);
            return kExitBudget;
        }
        if (std::chrono::steady_clock::now() > deadline) {
            kill(child, SIGKILL);
            waitpid(child, &waitStatus, 0);
            std::fprintf(stderr,
                         "looplab: budget exceeded: the program ran for more than %d seconds of "
                         "real time\n",
                         options.wallClockLimitSeconds);
            close(outcomePipe[0]);
            return kExitBudget;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    unsigned char outcome = 0;
    const bool reported = read(outcomePipe[0], &outcome, 1) == 1;
    close(outcomePipe[0]);
    if (WIFEXITED(waitStatus) && reported)
        return outcome;
    if (WIFEXITED(waitStatus)) {
        std::fprintf(stderr,
                     "looplab: the program ended the worker process itself with status %d "
                     "(os._exit); nothing after that point was recorded\n",
                     WEXITSTATUS(waitStatus));
        return kExitProgramExit;
    }
    std::fprintf(stderr, "looplab: the program crashed the interpreter (signal %d)\n",
                 WTERMSIG(waitStatus));
    return kExitBudget;
}

} // namespace looplab
