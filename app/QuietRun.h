#pragma once
// Runs a program on the engine with its output thrown away and reads back its trace: what the
// commands that need a run but show no window (check-lesson, export) start with.

#include "TraceReader.h"

#include <string>

namespace looplab {

// The run happens in a child process, so a program that crashes or loops forever cannot take
// the command down; a failed, deadlocked or over-budget run still gives its trace.
TraceReadResult recordQuietly(const std::string& program, const std::string& pythonDir);

} // namespace looplab
