#pragma once
// Filesystem, network and signal rules for the worker, enforced by the kernel's Landlock LSM
// (Linux 5.13+; docs.kernel.org/userspace-api/landlock.html). Once applied they hold for the
// process and anything it could start, and cannot be lifted.

#include "ConfinementPlan.h"

#include <string>

namespace looplab {

// The Landlock ABI version the running kernel offers, or 0 when it has none (too old, or
// Landlock not enabled at boot).
int landlockAbiVersion();

// Restricts the calling process to `plan`: read-only access beneath plan.readOnly, read-write
// beneath plan.scratchFolder, nothing else. With ABI 4+ it also refuses every TCP bind and
// connect; with ABI 6+ it refuses signals to processes outside the worker and abstract UNIX
// sockets. Sets no_new_privs (Landlock requires it). Returns "" on success, else why it could
// not (the process is then unchanged, apart from no_new_privs).
std::string applyLandlockRules(const ConfinementPlan& plan);

} // namespace looplab
