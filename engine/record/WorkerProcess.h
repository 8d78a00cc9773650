#pragma once
// Runs a program in a child process so that nothing the program does (a crash, a hang, eating
// all memory) can take the caller down, and every run gets a fresh interpreter.

#include "RunOptions.h"

namespace looplab {

// Forks, runs runProgramHere() in the child under memory and time limits, and returns its exit
// status. A child killed by a signal or by the wall-clock limit yields kExitBudget with a
// message on stderr.
int runInWorkerProcess(const RunOptions& options);

} // namespace looplab
