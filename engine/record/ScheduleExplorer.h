#pragma once
// Runs one program under many perturbed schedules (`looplab explore`), a few runs at a time so
// that every core works. Each run is `looplab run PROGRAM --schedule-seed SEED` in a child
// process of its own (which starts its confined worker as usual); only its stdout and exit
// status are kept, because that is what an outcome is (OutcomeTally.h).

#include "OutcomeTally.h"
#include "RunOptions.h"

#include <functional>

namespace looplab {

struct ExploreRequest {
    RunOptions run; // the program and its settings; scheduleSeed is set per run
    int runs = 100; // seeds firstSeed, firstSeed + 1, ...
    int64_t firstSeed = 1;
    int parallel = 2; // runs at a time
};

// Called after each run, in the order the runs end, with how many have ended so far.
using ExploredRunObserver = std::function<void(const ExploredRun&, int done)>;

// Blocks until every run has ended. The runs' stderr is discarded.
void exploreSchedules(const ExploreRequest& request, const ExploredRunObserver& observer);

// The number of runs to keep going at once on this machine: its cores, at least 1.
int coresForExploring();

} // namespace looplab
