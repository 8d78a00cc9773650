#pragma once
// The desk's layout as the user arranged it: toolbars and docks (QMainWindow::saveState), the
// tab in front and the sizes of every splitter. Taken before the window changes its layout for a
// while (presenting, filming a walkthrough) and put back after, at the same window size, so
// that the desk comes back exactly, not scaled.

#include <QByteArray>
#include <QList>
#include <QPointer>

#include <utility>
#include <vector>

class QMainWindow;
class QSplitter;
class QTabWidget;
class QWidget;

namespace looplab {

class DeskSnapshot {
  public:
    DeskSnapshot() = default;
    // Takes the layout of `window` now; `tabs` (if any) has its front tab kept.
    DeskSnapshot(QMainWindow* window, QTabWidget* tabs);

    bool empty() const { return window_ == nullptr; }
    // Puts it back: docks and toolbars, the front tab (unless it is gone: a deadlock's tab
    // leaves when stepping back before it), then the splitters, outer ones first.
    void restore() const;

  private:
    QMainWindow* window_ = nullptr;
    QPointer<QTabWidget> tabs_;
    QByteArray state_;
    QPointer<QWidget> tab_;
    std::vector<std::pair<QPointer<QSplitter>, QList<int>>> splitters_;
};

} // namespace looplab
