#pragma once
// `looplab lessons` and `looplab check-lesson`: the course from the command line, no window.

#include <string>
#include <vector>

namespace looplab {

// Prints ID<TAB>TITLE<TAB>PATH per built-in lesson; returns the exit status.
int listLessons(const std::string& executablePath);
// Runs each lesson (quietly) and checks it against its run; prints problems or "ok".
int checkLessons(const std::vector<std::string>& paths, const std::string& pythonDir);

} // namespace looplab
