#pragma once
// The keyboard-focus mark of a custom-painted view. The style draws focus only on the controls
// it paints itself, so a view that paints its own picture and takes focus (the timeline, the
// deadlock graph) draws this: a frame in the palette's highlight colour (yellow in high
// contrast), 2 px, twice that in high contrast.

#include "PaletteKind.h"

#include <QPainter>
#include <QPalette>
#include <QRect>

namespace looplab {

inline void paintFocusFrame(QPainter& p, const QRect& area, const QPalette& palette) {
    const int width = static_cast<int>(2 * lineFactor(paletteKind(palette)));
    const QColor colour = palette.color(QPalette::Active, QPalette::Highlight);
    p.save();
    p.setClipping(false);
    p.fillRect(QRect(area.left(), area.top(), area.width(), width), colour);
    p.fillRect(QRect(area.left(), area.bottom() - width + 1, area.width(), width), colour);
    p.fillRect(QRect(area.left(), area.top(), width, area.height()), colour);
    p.fillRect(QRect(area.right() - width + 1, area.top(), width, area.height()), colour);
    p.restore();
}

} // namespace looplab
