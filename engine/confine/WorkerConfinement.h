#pragma once
// Everything the worker process does to itself between fork() and starting the interpreter, so
// that the program it runs cannot reach the user's account: its own process group, death with
// its parent, no inherited file descriptors or environment, resource limits, then Landlock and
// seccomp (see docs/security.md).

#include "ConfinementPlan.h"
#include "ConfinementSupport.h"

#include <cstdint>
#include <string>
#include <vector>

namespace looplab {

struct WorkerLimits {
    int64_t memoryBytes = 0;       // RLIMIT_AS; 0 = none (also none under AddressSanitizer)
    int cpuSeconds = 0;            // RLIMIT_CPU; 0 = none
    int64_t fileBytes = 256 << 20; // RLIMIT_FSIZE: largest file the program may write
    int openFiles = 256;           // RLIMIT_NOFILE
};

// Call in the child right after fork(), before anything else runs. `keepFds` are the file
// descriptors to keep besides 0, 1 and 2 (the channels to the parent); all others are closed.
// The environment becomes PATH, LANG and HOME = TMPDIR = the scratch folder. Landlock and
// seccomp are applied only when `support.complete()`. Returns "" when the worker is confined as
// planned, else a sentence saying what is missing (the run goes on, unconfined).
std::string confineWorker(const ConfinementPlan& plan, const ConfinementSupport& support,
                          const WorkerLimits& limits, std::vector<int> keepFds);

} // namespace looplab
