#pragma once
// Parses LoopLab's command line into plain data; main() acts on it. Kept free of I/O so the
// parser is unit-tested with tables of argument lists.

#include "RunOptions.h"

#include <string>
#include <vector>

namespace looplab {

struct WindowOptions {
    std::string program;     // "" = the first lesson
    int step = -1;           // open at this step
    double timeSeconds = -1; // or at this virtual time
    std::string screenshot;  // render the window to this PNG and exit
    int width = 1600;
    int height = 1000;
    std::string theme = "light";
};

struct Command {
    enum class Kind { Run, Help, Version, Window, Lessons, CheckLesson, UsageError };
    Kind kind = Kind::Help;
    RunOptions run;
    WindowOptions window;
    std::vector<std::string> lessonPaths; // check-lesson
    std::string error;                    // one line, for UsageError
};

Command parseCommandLine(const std::vector<std::string>& args);
std::string usageText();

} // namespace looplab
