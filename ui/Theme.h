#pragma once
// The app's colour themes by name ("light", "dark"), so the window, the exports and the tests
// all get the same palette from one place.

#include <QPalette>
#include <QString>

class QApplication;

namespace looplab {

bool isKnownTheme(const QString& name);
// The palette of a theme; the Fusion style's own palette for "light" (and unknown names).
QPalette themePalette(const QString& name);
// Fusion style (the same look on every desktop) with the theme's palette.
void applyTheme(QApplication& app, const QString& name);

} // namespace looplab
