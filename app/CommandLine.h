#pragma once
// Parses LoopLab's command line into plain data; main() acts on it. Kept free of I/O so the
// parser is unit-tested with tables of argument lists.

#include "RunOptions.h"

#include <string>
#include <vector>

namespace looplab {

struct Command {
    enum class Kind { Run, Help, Version, Window, UsageError };
    Kind kind = Kind::Help;
    RunOptions run;
    std::string error; // one line, for UsageError
};

Command parseCommandLine(const std::vector<std::string>& args);
std::string usageText();

} // namespace looplab
