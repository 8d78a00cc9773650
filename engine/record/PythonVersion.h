#pragma once
// The version of the CPython LoopLab embeds (the library it runs with, which may be a newer
// patch release than the headers it was built against), for `looplab --version` and Help →
// About. Asking needs no running interpreter.

#include <string>

namespace looplab {

// "3.11.2"
std::string embeddedPythonVersion();

} // namespace looplab
