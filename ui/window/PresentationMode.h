#pragma once
// Presenting to a room (F5): the window goes full screen with only what the audience needs —
// code, event loop, clock, narration and timeline, large — and a presentation remote drives
// it. Remotes send Page Down / Page Up (some also Right/Left, Space, B or period), so while
// presenting those keys step forward and back whatever has focus, and B or period blanks the
// screen to black and back, as slide software does. Esc leaves.
//
// This class owns the switch and the keys; the window decides what "large" means (its zoom per
// mode) when activeChanged() arrives. Leaving gives back the desk exactly as it was before F5:
// docks, toolbars, the front tab and the sizes of every splitter, restored after the window has
// its desk zoom back (zooming widens the lesson dock and moves minimum sizes).

#include "DeskSnapshot.h"

#include <QObject>
#include <QPointer>

#include <utility>
#include <vector>

class QDockWidget;
class QMainWindow;
class QTabWidget;
class QWidget;

namespace looplab {

class PresentationMode : public QObject {
    Q_OBJECT
  public:
    // `hideWhilePresenting`: parts of the layout the audience does not need (the task table,
    // say); `showFirst`: the tab brought to the front of `tabs` (the timeline).
    PresentationMode(QMainWindow* window, std::vector<QWidget*> hideWhilePresenting,
                     QTabWidget* tabs, QWidget* showFirst);
    ~PresentationMode() override;

    bool isActive() const { return active_; }
    // fullScreen = false keeps the window's size (offscreen screenshots and tests).
    void enter(bool fullScreen = true);
    void leave();
    void toggle() { active_ ? leave() : enter(); }

    bool isBlank() const;
    void setBlank(bool blank);

  signals:
    void activeChanged(bool active);
    void stepRequested(int direction); // +1 forward, -1 back

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    // The clicker's keys while presenting; true when `key` was one of them (and acted on).
    bool handleKey(int key);
    void coverWindow();
    void saveDesk();
    void restoreDesk();

    QMainWindow* window_;
    std::vector<QWidget*> hidden_;
    QTabWidget* tabs_;
    QWidget* showFirst_;
    bool active_ = false;

    // What leaving restores.
    DeskSnapshot desk_;
    bool wasFullScreen_ = false;
    bool wasMaximized_ = false;
    std::vector<QPointer<QWidget>> hiddenByUs_;
    // Leaving full screen, the window gets its desk size back only later, from the window
    // manager: the desk is restored once more at that resize.
    bool restoreOnResize_ = false;

    QWidget* blank_ = nullptr; // black, over the whole window
};

} // namespace looplab
