#include "FileActions.h"

#include "CodeView.h"
#include "MainWindow.h"
#include "RecentFiles.h"
#include "UnsavedEdits.h"

#include <QAction>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QStandardPaths>
#include <QStatusBar>
#include <QUrl>

namespace looplab {

namespace {

// File → New: short enough to read at a glance, and it already has something to step through
// (two tasks that overlap while they sleep).
const char* const kNewProgram =
    R"(# A new asyncio program. Ctrl+R runs it; then step through it with the arrow keys.
import asyncio


async def greet(name, delay):
    await asyncio.sleep(delay)
    print("hello", name)


async def main():
    await asyncio.gather(greet("world", 1), greet("asyncio", 2))


asyncio.run(main())
)";

// The first file a drop carries that LoopLab opens (a program or a recorded trace), or "".
QString droppedFile(const QMimeData* mime) {
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl& url : mime->urls()) {
        const QString suffix = QFileInfo(url.toLocalFile()).suffix().toLower();
        if (url.isLocalFile() && (suffix == QLatin1String("py") || suffix == QLatin1String("json")))
            return url.toLocalFile();
    }
    return {};
}

} // namespace

FileActions::FileActions(MainWindow* window, CodeView* editor, UnsavedEdits* edits)
    : QObject(window), window_(window), editor_(editor), edits_(edits) {
    askToSave_ = [window](const QString& name) {
        QMessageBox box(QMessageBox::Warning, tr("Unsaved changes"),
                        tr("Save your changes to %1?").arg(name),
                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, window);
        box.setInformativeText(tr("If you don't save them, your changes are lost."));
        box.setDefaultButton(QMessageBox::Save);
        const int answer = box.exec();
        return answer == QMessageBox::Save      ? Choice::Save
               : answer == QMessageBox::Discard ? Choice::Discard
                                                : Choice::Cancel;
    };
    askForPath_ = [window](const QString& suggested) {
        return QFileDialog::getSaveFileName(window, tr("Save the program as"), suggested,
                                            tr("Python programs (*.py)"));
    };
    askToRevert_ = [window](const QString& name) {
        return QMessageBox::question(
                   window, tr("Revert to saved"),
                   tr("Throw away your changes to %1 and reload it from the disk?").arg(name),
                   QMessageBox::Discard | QMessageBox::Cancel,
                   QMessageBox::Cancel) == QMessageBox::Discard;
    };
    connect(editor_, &QsciScintilla::textChanged, this,
            [this] { window_->setWindowModified(isModified()); });
    connect(window_, &MainWindow::programOpened, this, &FileActions::showTitle);
    window_->setAcceptDrops(true);
    window_->installEventFilter(this);
    // The editor would paste a dropped file's path as text; a program file opens instead.
    editor_->viewport()->installEventFilter(this);
}

QAction* FileActions::add(QMenu* menu, const QString& text, const QKeySequence& keys,
                          const QString& tip) {
    auto* action = new QAction(text, window_);
    action->setShortcut(keys);
    action->setToolTip(keys.isEmpty() ? tip : QStringLiteral("%1 (%2)").arg(tip, keys.toString()));
    action->setStatusTip(tip);
    menu->addAction(action);
    window_->addAction(action); // shortcuts work while the menu bar is hidden (presenting)
    return action;
}

void FileActions::addTo(QMenu* file) {
    connect(add(file, tr("&New"), QKeySequence::New, tr("Start a new asyncio program")),
            &QAction::triggered, this, &FileActions::newProgram);
    connect(add(file, tr("&Open…"), QKeySequence::Open, tr("Open a Python program")),
            &QAction::triggered, this, [this] {
                const QString path = QFileDialog::getOpenFileName(
                    window_, tr("Open a program"), QString(), tr("Python programs (*.py)"));
                if (!path.isEmpty())
                    openFile(path);
            });
    recent_ = file->addMenu(tr("Open &Recent"));
    recent_->setToolTipsVisible(true);
    recent_->menuAction()->setStatusTip(tr("Open one of the last ten programs you opened"));
    connect(recent_, &QMenu::aboutToShow, this, &FileActions::fillRecentMenu);
    fillRecentMenu();
    connect(add(file, tr("&Save"), QKeySequence::Save, tr("Save the program in the editor")),
            &QAction::triggered, this, &FileActions::save);
    // Spelled out: some platforms' standard Save As key is none at all.
    connect(add(file, tr("Save &As…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
                tr("Save the program under a new name; LoopLab then works on that file")),
            &QAction::triggered, this, &FileActions::saveAs);
    connect(add(file, tr("Re&vert to Saved"), QKeySequence(),
                tr("Throw away your changes and reload the file")),
            &QAction::triggered, this, &FileActions::revert);
}

void FileActions::fillRecentMenu() {
    recent_->clear();
    const QStringList paths = RecentFiles::paths();
    for (const QString& path : paths) {
        QAction* entry = recent_->addAction(QFileInfo(path).fileName());
        entry->setToolTip(QDir::toNativeSeparators(path));
        entry->setStatusTip(tr("Open %1").arg(QDir::toNativeSeparators(path)));
        entry->setData(path);
        connect(entry, &QAction::triggered, this, [this, path] { openFile(path); });
    }
    if (paths.isEmpty()) {
        QAction* none = recent_->addAction(tr("No recent files"));
        none->setStatusTip(tr("Programs you open or save are listed here"));
        none->setEnabled(false);
    }
    recent_->addSeparator();
    QAction* clear = recent_->addAction(tr("&Clear Recent"));
    clear->setStatusTip(tr("Forget the programs listed here (the files stay)"));
    clear->setEnabled(!paths.isEmpty());
    connect(clear, &QAction::triggered, this, [] { RecentFiles::clear(); });
}

QString FileActions::untitledPath() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/new/untitled.py");
}

bool FileActions::isUntitled() const {
    return QFileInfo(window_->programPath()) == QFileInfo(untitledPath());
}

bool FileActions::isModified() const {
    return edits_->edited();
}

QString FileActions::fileName() const {
    return QFileInfo(window_->programPath()).fileName();
}

void FileActions::showTitle() {
    // "[*]" is where Qt puts the `*` while the window is modified.
    window_->setWindowTitle(tr("%1[*] — LoopLab").arg(fileName()));
    window_->setWindowModified(isModified());
}

bool FileActions::confirmLeave() {
    edits_->save(); // whatever happens next, the last keystrokes are on disk first
    if (!isModified())
        return true;
    switch (askToSave_(fileName())) {
    case Choice::Save:
        return save();
    case Choice::Discard:
        edits_->discard();
        return true;
    case Choice::Cancel:
        break;
    }
    return false;
}

bool FileActions::newProgram() {
    if (!confirmLeave())
        return false;
    const QString path = untitledPath();
    QDir().mkpath(QFileInfo(path).path());
    // A fresh start: neither an older untitled program nor its kept edits come back.
    QFile::remove(UnsavedEdits::editsPathFor(path));
    if (!UnsavedEdits::writeWhole(path, kNewProgram)) {
        window_->statusBar()->showMessage(tr("Cannot start a new program: %1 cannot be written.")
                                              .arg(QDir::toNativeSeparators(path)));
        return false;
    }
    window_->openProgram(path);
    return true;
}

bool FileActions::openFile(const QString& path) {
    if (!confirmLeave())
        return false;
    RecentFiles::add(path);
    return window_->openProgram(path);
}

bool FileActions::writeTo(const QString& path) {
    if (!UnsavedEdits::writeWhole(path, editor_->text().toUtf8())) {
        window_->statusBar()->showMessage(
            tr("Cannot write %1: nothing was saved.").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    edits_->saved(path);
    window_->setProgramPath(path); // Run, Revert and Export follow the saved file
    RecentFiles::add(path);
    showTitle();
    window_->statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

bool FileActions::save() {
    // A recorded trace is not the program's source, and File → New's program has no name yet.
    const QString path = window_->programPath();
    if (path.isEmpty() || isUntitled() || QFileInfo(path).suffix() != QLatin1String("py"))
        return saveAs();
    // A file that cannot be written (a built-in lesson installed read-only) is saved elsewhere.
    return writeTo(path) || saveAs();
}

bool FileActions::saveAs() {
    const QString current = window_->programPath();
    const QString suggested =
        isUntitled() || current.isEmpty()
            ? QDir::home().filePath(QStringLiteral("my_program.py"))
            : QFileInfo(current).dir().filePath(QFileInfo(current).completeBaseName() + ".py");
    QString path = askForPath_(suggested);
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".py");
    return writeTo(path);
}

void FileActions::revert() {
    if (isModified() && !askToRevert_(fileName()))
        return;
    window_->revertEdits();
}

bool FileActions::eventFilter(QObject* watched, QEvent* event) {
    const QEvent::Type type = event->type();
    if (type == QEvent::DragEnter || type == QEvent::DragMove) {
        auto* drag = static_cast<QDragMoveEvent*>(event);
        if (!droppedFile(drag->mimeData()).isEmpty()) {
            drag->acceptProposedAction();
            return true;
        }
    } else if (type == QEvent::Drop) {
        auto* drop = static_cast<QDropEvent*>(event);
        const QString path = droppedFile(drop->mimeData());
        if (!path.isEmpty()) {
            drop->acceptProposedAction();
            // After the drop has finished: the question about unsaved edits is a dialog of its
            // own, which must not run inside the drag and drop's event loop.
            QMetaObject::invokeMethod(
                this, [this, path] { openFile(path); }, Qt::QueuedConnection);
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace looplab
