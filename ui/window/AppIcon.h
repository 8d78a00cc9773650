#pragma once
// LoopLab's application icon (resources/icons/looplab.svg, compiled in from looplab.qrc): for
// the window's title bar, the task switcher and the About box.

#include <QIcon>

namespace looplab {

// The icon at every size (drawn from the SVG); makes sure the resource is registered first.
QIcon appIcon();

} // namespace looplab
