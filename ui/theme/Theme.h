#pragma once
// The app's colour themes by name ("light", "dark", "high-contrast"), so the window, the
// exports and the tests all get the same palette from one place.

#include <QPalette>
#include <QString>
#include <QStringList>

class QApplication;

namespace looplab {

// Every theme name, in the order menus list them.
QStringList themeNames();
bool isKnownTheme(const QString& name);
// The palette of a theme; the Fusion style's own palette for "light" (and unknown names).
QPalette themePalette(const QString& name);
// The theme a palette was made from (by its colours, see PaletteKind.h).
QString themeNameOf(const QPalette& palette);
// Fusion style (the same look on every desktop) with the theme's palette. Safe to call again
// on a running app: every widget gets the new palette and a PaletteChange.
void applyTheme(QApplication& app, const QString& name);

} // namespace looplab
