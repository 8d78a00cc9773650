#pragma once
// The toolbar's icons: the desktop's own icon theme first (so LoopLab looks like the desktop it
// runs on), else the icon bundled in resources/icons/toolbar/ (a desktop without a theme, the
// offscreen screenshots, other platforms).

#include <QIcon>
#include <QString>

namespace looplab {

// `themeName` is a freedesktop icon name ("media-playback-start"); `bundled` names
// resources/icons/toolbar/<bundled>.svg.
QIcon toolbarIcon(const QString& themeName, const QString& bundled);

} // namespace looplab
