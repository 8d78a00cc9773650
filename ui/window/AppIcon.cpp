#include "AppIcon.h"

// Q_INIT_RESOURCE must name the resource from the global namespace; calling it also keeps the
// linker from dropping the static resource library.
static void registerLooplabResources() {
    Q_INIT_RESOURCE(looplab);
}

namespace looplab {

QIcon appIcon() {
    static const bool registered = (registerLooplabResources(), true);
    (void)registered;
    return QIcon(QStringLiteral(":/icons/looplab.svg"));
}

} // namespace looplab
