#pragma once
// A walkthrough filmed from the window (File → Export Walkthrough…) in the layout and at the
// size chosen for it: apply() turns presenting on or off and sizes the window; restore() gives
// the window back exactly as it was: its size, maximized or full screen, presenting or not, and
// the desk's docks, tab and splitters (DeskSnapshot), put back at the window's own size.

#include "DeskSnapshot.h"

#include <QByteArray>
#include <QSize>
#include <QString>

namespace looplab {

class MainWindow;

class FilmingLayout {
  public:
    explicit FilmingLayout(MainWindow* window) : window_(window) {}
    ~FilmingLayout() { restore(); }
    FilmingLayout(const FilmingLayout&) = delete;
    FilmingLayout& operator=(const FilmingLayout&) = delete;

    // `present`: the presentation's layout (else the desk's); `size` in px, empty for the
    // window's own. False with a sentence in `problem` when the window cannot take that size
    // (a screen smaller than the film, a layout whose least size is larger); restore() is
    // still due (the destructor calls it).
    bool apply(bool present, QSize size, QString* problem);
    // Idempotent: only what apply() changed is undone.
    void restore();

  private:
    MainWindow* window_;
    bool applied_ = false;
    QByteArray geometry_;
    bool wasMaximized_ = false;
    bool wasPresenting_ = false;
    bool presentedFullScreen_ = false;
    DeskSnapshot desk_; // when the window was at its desk
    bool leftPresenting_ = false;
    bool resized_ = false;
    bool enteredPresenting_ = false;
};

} // namespace looplab
