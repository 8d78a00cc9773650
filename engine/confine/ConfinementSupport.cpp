#include "ConfinementSupport.h"

#include "LandlockRules.h"
#include "SeccompFilter.h"

#include <cstdlib>
#include <cstring>

namespace looplab {

std::string ConfinementSupport::notice() const {
    if (complete())
        return {};
    std::string why;
    if (turnedOff) {
        why = "LOOPLAB_UNCONFINED is set";
    } else {
        if (landlockAbi == 0)
            why = "this kernel has no Landlock";
        if (!seccomp)
            why +=
                std::string(why.empty() ? "" : " and ") + "this kernel cannot filter system calls";
    }
    return "this run is not confined (" + why +
           "): the program can read and change your files and use the network as you can";
}

ConfinementSupport confinementSupport() {
    ConfinementSupport support;
    const char* off = std::getenv("LOOPLAB_UNCONFINED");
    support.turnedOff = off && *off && std::strcmp(off, "0") != 0;
    support.landlockAbi = landlockAbiVersion();
    support.seccomp = seccompAvailable();
    return support;
}

} // namespace looplab
