#pragma once
// View → Theme: Light, Dark and High contrast as exclusive checkable actions. Choosing one
// applies it to the running app at once (every view follows the palette change) and remembers
// it in the settings ("theme"), so the next start uses it too, unless `--theme` says otherwise
// for that session.

#include <QMenu>

class QActionGroup;

namespace looplab {

class ThemeMenu : public QMenu {
    Q_OBJECT
  public:
    explicit ThemeMenu(QWidget* parent = nullptr);

    // The action of a theme name ("light", "dark", "high-contrast"), or nullptr.
    QAction* actionFor(const QString& theme) const;
    // Applies and remembers a theme, as choosing it in the menu does.
    void choose(const QString& theme);

  private:
    // Ticks the theme the app shows now (which may come from --theme, not the settings).
    void syncChecks();

    QActionGroup* group_ = nullptr;
};

} // namespace looplab
