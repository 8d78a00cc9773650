#pragma once
// Runs one program in *this* process: starts a fresh embedded CPython, installs the simulation
// model and LoopLab's loop, executes the program, prints its output and writes the trace.
// Call it in a child process (WorkerProcess): the interpreter is started once per process.

#include "RunOptions.h"

#include <string>

namespace looplab {

// Returns the exit status (see ExitStatus).
int runProgramHere(const RunOptions& options);

// The folder that holds the engine's Python packages, found next to the executable
// (../share/looplab/python) or in the source tree this binary was built from.
std::string findPythonDir(const std::string& executablePath);

} // namespace looplab
