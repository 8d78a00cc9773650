#pragma once
// `looplab explore`: the program under many perturbed schedules, its outcomes with counts.

#include "CommandLine.h"

#include <string>

namespace looplab {

// Prints each outcome (count, how it ended, an example seed, its output) and last
// "outcomes: K distinct in N runs". Returns 0 when K is 1, kExitProgramExit (5) when not.
int runExplore(const ExploreOptions& options, const std::string& pythonDir);

} // namespace looplab
