#pragma once
// Whether runs on this machine can be confined, asked before a run so that the app and the
// command line can say so once, plainly, and ask before running a program from outside the
// built-in course when they cannot.

#include <string>

namespace looplab {

struct ConfinementSupport {
    int landlockAbi = 0;    // 0: no Landlock (files and network are not confined)
    bool seccomp = false;   // false: system calls are not filtered
    bool turnedOff = false; // the user set LOOPLAB_UNCONFINED=1

    // Both layers are there and nobody turned them off.
    bool complete() const { return !turnedOff && landlockAbi > 0 && seccomp; }
    // One plain sentence for a user when !complete(), "" otherwise.
    std::string notice() const;
};

// Asks the kernel (cheap: two system calls). LOOPLAB_UNCONFINED=1 in the environment turns
// confinement off on purpose (for programs that must read the user's files); it is reported
// like a missing kernel feature.
ConfinementSupport confinementSupport();

} // namespace looplab
