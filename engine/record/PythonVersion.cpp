#include "PythonVersion.h"

#include <Python.h>

namespace looplab {

std::string embeddedPythonVersion() {
    // Py_GetVersion() is "3.11.2 (main, ...) [GCC ...]": the first word is the release.
    const std::string full = Py_GetVersion();
    return full.substr(0, full.find(' '));
}

} // namespace looplab
