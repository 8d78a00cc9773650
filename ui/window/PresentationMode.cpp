#include "PresentationMode.h"

#include <QApplication>
#include <QDockWidget>
#include <QEvent>
#include <QKeyEvent>
#include <QMainWindow>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>

namespace looplab {

PresentationMode::PresentationMode(QMainWindow* window, std::vector<QWidget*> hideWhilePresenting,
                                   QTabWidget* tabs, QWidget* showFirst)
    : QObject(window), window_(window), hidden_(std::move(hideWhilePresenting)), tabs_(tabs),
      showFirst_(showFirst) {
    blank_ = new QWidget(window_);
    blank_->setObjectName(QStringLiteral("presentationBlank"));
    blank_->setAutoFillBackground(true);
    QPalette black = blank_->palette();
    black.setColor(QPalette::Window, Qt::black);
    blank_->setPalette(black);
    blank_->setAccessibleName(tr("Blank screen (press B or period to show LoopLab again)"));
    blank_->hide();
    window_->installEventFilter(this); // keeps the black cover the window's size
}

PresentationMode::~PresentationMode() {
    if (active_)
        qApp->removeEventFilter(this);
}

void PresentationMode::enter(bool fullScreen) {
    if (active_)
        return;
    active_ = true;
    restoreOnResize_ = false;
    saveDesk(); // before anything is hidden: hiding a pane hands its height to its neighbours
    wasFullScreen_ = window_->isFullScreen();
    wasMaximized_ = window_->isMaximized();
    hiddenByUs_.clear();
    std::vector<QWidget*> chrome = hidden_;
    chrome.push_back(window_->menuBar());
    chrome.push_back(window_->statusBar());
    for (QToolBar* bar : window_->findChildren<QToolBar*>(QString(), Qt::FindDirectChildrenOnly))
        chrome.push_back(bar);
    for (QDockWidget* dock :
         window_->findChildren<QDockWidget*>(QString(), Qt::FindDirectChildrenOnly))
        chrome.push_back(dock);
    for (QWidget* w : chrome)
        if (w && w->isVisibleTo(window_)) {
            w->hide();
            hiddenByUs_.push_back(w);
        }
    // The timeline comes to the front, unless a moment's own tab is there (a deadlock's tab is
    // put first, in front, at its step): that one is what the room must see.
    if (tabs_ && showFirst_ && tabs_->currentIndex() != 0)
        tabs_->setCurrentWidget(showFirst_);
    // The keys must reach us before any focused widget or shortcut takes them.
    qApp->installEventFilter(this);
    if (fullScreen)
        window_->showFullScreen();
    emit activeChanged(true);
}

void PresentationMode::leave() {
    if (!active_)
        return;
    active_ = false;
    setBlank(false);
    qApp->removeEventFilter(this);
    for (const QPointer<QWidget>& w : hiddenByUs_)
        if (w)
            w->show();
    hiddenByUs_.clear();
    if (!wasFullScreen_ && window_->isFullScreen()) {
        wasMaximized_ ? window_->showMaximized() : window_->showNormal();
        restoreOnResize_ = true;
    }
    emit activeChanged(false); // the desk's zoom comes back first
    restoreDesk();
    // Once more when the layouts have caught up with the desk's fonts and the panes shown
    // again (their minimum sizes change only then, and a splitter obeys them).
    QTimer::singleShot(0, this, [this] {
        if (!active_)
            restoreDesk();
    });
}

void PresentationMode::saveDesk() {
    desk_ = DeskSnapshot(window_, tabs_);
}

void PresentationMode::restoreDesk() {
    desk_.restore();
}

bool PresentationMode::isBlank() const {
    return blank_->isVisible();
}

void PresentationMode::setBlank(bool blank) {
    if (blank) {
        coverWindow();
        blank_->show();
        blank_->raise();
    } else {
        blank_->hide();
    }
}

void PresentationMode::coverWindow() {
    blank_->setGeometry(window_->rect());
}

bool PresentationMode::handleKey(int key) {
    switch (key) {
    case Qt::Key_PageDown:
    case Qt::Key_Right:
    case Qt::Key_Space:
        if (!isBlank())
            emit stepRequested(+1);
        return true;
    case Qt::Key_PageUp:
    case Qt::Key_Left:
        if (!isBlank())
            emit stepRequested(-1);
        return true;
    case Qt::Key_B:
    case Qt::Key_Period:
        setBlank(!isBlank());
        return true;
    case Qt::Key_Escape:
        leave();
        return true;
    default:
        return false;
    }
}

bool PresentationMode::eventFilter(QObject* watched, QEvent* event) {
    if (watched == window_ && event->type() == QEvent::Resize && isBlank())
        coverWindow();
    if (watched == window_ && event->type() == QEvent::Resize && restoreOnResize_ && !active_) {
        restoreOnResize_ = false;
        // After the children have their new sizes: the splitters then take the saved ones.
        QTimer::singleShot(0, this, &PresentationMode::restoreDesk);
    }
    if (!active_)
        return QObject::eventFilter(watched, event);
    // Only keys meant for this window: a dialog opened while presenting keeps its keys.
    auto* widget = qobject_cast<QWidget*>(watched);
    if (!widget || widget->window() != window_)
        return QObject::eventFilter(watched, event);
    if (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
            return QObject::eventFilter(watched, event); // zoom and other shortcuts still work
        if (event->type() == QEvent::ShortcutOverride) {
            // Claim the clicker's keys so the window's own shortcuts (Space = play) stay out.
            switch (key->key()) {
            case Qt::Key_PageDown:
            case Qt::Key_PageUp:
            case Qt::Key_Right:
            case Qt::Key_Left:
            case Qt::Key_Space:
            case Qt::Key_B:
            case Qt::Key_Period:
            case Qt::Key_Escape:
                event->accept();
                return true;
            default:
                return false;
            }
        }
        if (handleKey(key->key()))
            return true;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace looplab
