#pragma once
// The window's commands: the File, Step, View and Help menus (File's editor commands are
// FileActions', Help's HelpMenu's), the Stepping toolbar, every action
// with its shortcut, tooltip and status tip, and the toolbar's go-to-time box and play-speed
// box, and the views' own Export… menus (timeline, charts). The actions call the window's public
// slots and its step controller; the window keeps the go-to-time box, which follows the
// stepping.

#include <QKeySequence>
#include <QList>
#include <QObject>
#include <QString>

class QAction;
class QDockWidget;
class QDoubleSpinBox;
class QMenu;
class QToolBar;

namespace looplab {

class MainWindow;
class WindowLayout;

class WindowActions : public QObject {
    Q_OBJECT
  public:
    // Everything is built at once; the menus, the toolbar, the actions and the boxes are
    // children of `window`.
    WindowActions(MainWindow* window, const WindowLayout& layout);

    // A toolbar icon: the freedesktop theme's name, and the bundled one in
    // resources/icons/toolbar/.
    struct ToolbarIcon {
        const char* theme;
        const char* bundled;
    };

    // "go to t = … s": the window shows the current time in it at every step.
    QDoubleSpinBox* timeBox() const { return timeBox_; }

  private:
    void buildViewMenu(QMenu* view, const WindowLayout& layout);
    void buildFileMenu(QMenu* file, const WindowLayout& layout);
    void buildStepMenu(QMenu* step);
    void buildTimeAndSpeed();
    void buildExportMenus(const WindowLayout& layout);
    // View → Lesson and View → Course: bring the dock to the front, or hide it when it is there.
    QAction* addDockAction(QMenu* view, QDockWidget* dock, const QString& text,
                           const QKeySequence& key, const QString& tip);

    // A View action: its shortcuts work while the menu bar is hidden (presenting).
    template <typename Slot>
    QAction* addViewAction(QMenu* view, const QString& text, const QList<QKeySequence>& keys,
                           const QString& tip, Slot slot);
    // A File or Step action, on the toolbar too (with that icon) when `icon` is not null.
    template <typename Slot>
    QAction* add(QMenu* menu, const QString& text, const QKeySequence& keys, const QString& tip,
                 Slot slot, const ToolbarIcon* icon);

    MainWindow* window_;
    QToolBar* bar_ = nullptr;
    QDoubleSpinBox* timeBox_ = nullptr;
};

} // namespace looplab
