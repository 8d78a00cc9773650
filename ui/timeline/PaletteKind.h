#pragma once
// Which kind of theme a palette belongs to. Views and exports are only handed a QPalette (the
// window's, or the one an export was asked for), so they recognise the theme by its colours:
// high contrast is the one with a pure black page and pure white text (ui/theme/Theme.cpp makes it
// so; no other theme uses both extremes), dark is any page darker than its text.

#include <QColor>
#include <QPalette>

namespace looplab {

enum class PaletteKind { Light, Dark, HighContrast };

inline PaletteKind paletteKind(const QColor& base, const QColor& text) {
    if (base.rgb() == qRgb(0, 0, 0) && text.rgb() == qRgb(255, 255, 255))
        return PaletteKind::HighContrast;
    return base.lightness() < text.lightness() ? PaletteKind::Dark : PaletteKind::Light;
}

inline PaletteKind paletteKind(const QPalette& palette) {
    return paletteKind(palette.color(QPalette::Base), palette.color(QPalette::Text));
}

// Lines that carry meaning (cursor, axes, outlines, arrows) are drawn this much thicker: high
// contrast doubles them, for low vision and washed-out projectors.
inline double lineFactor(PaletteKind kind) {
    return kind == PaletteKind::HighContrast ? 2.0 : 1.0;
}

} // namespace looplab
