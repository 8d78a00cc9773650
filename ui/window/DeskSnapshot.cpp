#include "DeskSnapshot.h"

#include <QMainWindow>
#include <QSplitter>
#include <QTabWidget>

namespace looplab {

DeskSnapshot::DeskSnapshot(QMainWindow* window, QTabWidget* tabs)
    : window_(window), tabs_(tabs), state_(window->saveState()),
      tab_(tabs ? tabs->currentWidget() : nullptr) {
    // findChildren lists parents before their children: outer splitters come first.
    for (QSplitter* splitter : window->findChildren<QSplitter*>())
        splitters_.emplace_back(splitter, splitter->sizes());
}

void DeskSnapshot::restore() const {
    if (!window_)
        return;
    window_->restoreState(state_);
    if (tabs_ && tab_ && tabs_->indexOf(tab_) >= 0)
        tabs_->setCurrentWidget(tab_);
    // An inner splitter's sizes are shares of the room the outer one gives it.
    for (const auto& [splitter, sizes] : splitters_)
        if (splitter)
            splitter->setSizes(sizes);
}

} // namespace looplab
