#include "ToolbarIcon.h"

#include "AppIcon.h"

namespace looplab {

QIcon toolbarIcon(const QString& themeName, const QString& bundled) {
    (void)appIcon(); // registers the compiled-in resources before the first fallback is read
    return QIcon::fromTheme(themeName,
                            QIcon(QStringLiteral(":/icons/toolbar/%1.svg").arg(bundled)));
}

} // namespace looplab
