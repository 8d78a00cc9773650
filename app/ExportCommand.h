#pragma once
// `looplab export`: runs a program (or reads a recorded trace) and writes a view or the run's
// data to a file, without a display.

#include "CommandLine.h"

#include <string>

namespace looplab {

// Returns the exit status: 0 written, 2 with one line on stderr when the input cannot be read
// or the output cannot be written.
// Qt without a display, and without warnings on stderr that would break a one-line error.
// Call before the QApplication is made.
void useOffscreenPlatform();

int runExport(int argc, char** argv, const ExportOptions& options, const std::string& pythonDir);

} // namespace looplab
