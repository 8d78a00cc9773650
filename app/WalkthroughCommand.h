#pragma once
// `looplab export PROGRAM.py -o WALK.mp4|.webm|.gif`: opens the window offscreen at the size
// asked (presenting with --present), runs the program as the window does, and films the steps
// asked for with WalkthroughRenderer.

#include "CommandLine.h"

namespace looplab {

// 0 when written; 2 with one line on stderr when the program cannot be run, the steps are not
// in the run or the file cannot be written.
int runWalkthroughExport(int argc, char** argv, const ExportOptions& options);

} // namespace looplab
