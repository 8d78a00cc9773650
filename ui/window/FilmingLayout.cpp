#include "FilmingLayout.h"

#include "MainWindow.h"

#include <QApplication>

namespace looplab {

namespace {

// Layout requests, the zoom's fonts and the splitters' minimum sizes catch up from the event
// queue; a few turns of it let the window settle at its new size or mode.
void settle() {
    for (int i = 0; i < 3; ++i)
        QApplication::processEvents();
}

} // namespace

bool FilmingLayout::apply(bool present, QSize size, QString* problem) {
    applied_ = true;
    geometry_ = window_->saveGeometry();
    wasPresenting_ = window_->isPresenting();
    presentedFullScreen_ = wasPresenting_ && window_->isFullScreen();
    wasMaximized_ = !wasPresenting_ && window_->isMaximized();
    if (!wasPresenting_)
        desk_ = DeskSnapshot(window_, window_->bottomTabs());
    const QSize wanted = size.isEmpty() ? window_->size() : size;

    // Presenting gives the desk back first, at the desk's size, when the film is of the desk or
    // of another size (a presentation filmed at its own size is filmed as it is).
    if (wasPresenting_ && (!present || wanted != window_->size())) {
        window_->setPresenting(false);
        leftPresenting_ = true;
        settle();
    }
    if (wanted != window_->size()) {
        if (window_->isMaximized() || window_->isFullScreen())
            window_->showNormal();
        window_->resize(wanted);
        resized_ = true;
        settle();
        if (window_->size() != wanted) {
            if (problem)
                *problem = QObject::tr("The window cannot be made %1×%2 here (it is %3×%4 at "
                                       "most on this screen). Film at the window's size, or "
                                       "use looplab export --size.")
                               .arg(wanted.width())
                               .arg(wanted.height())
                               .arg(window_->width())
                               .arg(window_->height());
            return false;
        }
    }
    if (present && !window_->isPresenting()) {
        window_->setPresenting(true, false); // keeps the size just given
        enteredPresenting_ = true;
        settle();
    }
    return true;
}

void FilmingLayout::restore() {
    if (!applied_)
        return;
    applied_ = false;
    if (enteredPresenting_)
        window_->setPresenting(false);
    if (resized_) {
        window_->restoreGeometry(geometry_);
        if (wasMaximized_)
            window_->showMaximized();
    }
    settle();
    // At the window's own size again: the desk's splitters take their sizes exactly.
    desk_.restore();
    if (leftPresenting_)
        window_->setPresenting(true, presentedFullScreen_);
    settle();
    enteredPresenting_ = resized_ = leftPresenting_ = false;
}

} // namespace looplab
