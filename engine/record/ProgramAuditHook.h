#pragma once
// An interpreter audit hook (PEP 578) that refuses, with a plain sentence, what the confined
// worker's kernel rules would refuse anyway: starting programs, sockets, foreign calls through
// ctypes, signals to other processes, and files outside the confinement plan. The kernel
// (LandlockRules.h, SeccompFilter.h) is the guard; this hook is the explanation, raised as a
// PermissionError at the program's line instead of "[Errno 13] Permission denied" or a silent
// -1 from os.system. Audit hooks cannot be removed from Python code.

#include "ConfinementPlan.h"

namespace looplab {

// Installs the hook for the process; call before the interpreter starts (PySys_AddAuditHook).
// The plan is copied. Later calls replace the plan the hook checks against.
void installProgramAuditHook(const ConfinementPlan& plan);

} // namespace looplab
