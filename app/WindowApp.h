#pragma once
// The desktop window: opens a program (default: the first lesson) at a step or time, or
// renders a screenshot without a display.

#include "CommandLine.h"

#include <string>

namespace looplab {

int runWindow(int argc, char** argv, const WindowOptions& options);

// The program the window opens when none is named: the first lesson of the course, or the
// first example program while the course is being written.
std::string defaultProgram();

} // namespace looplab
