#include "ConfinementNotice.h"

#include "ConfinementSupport.h"

#include <cstdio>

namespace looplab {

void sayOnceIfUnconfined() {
    static bool said = false;
    if (said)
        return;
    said = true;
    const ConfinementSupport support = confinementSupport();
    if (!support.complete())
        std::fprintf(stderr, "looplab: %s\n", support.notice().c_str());
}

} // namespace looplab
