#pragma once
// The command line's one plain sentence when programs cannot run confined on this machine.

namespace looplab {

// Prints "looplab: this run is not confined (…)" on stderr the first time it is called in a
// process where confinementSupport() is incomplete; does nothing otherwise.
void sayOnceIfUnconfined();

} // namespace looplab
