// File as in every editor: Save and Save As write exactly the editor's text and the window then
// works on the saved file; the title shows unsaved changes; Open Recent keeps the last ten that
// still exist; and whatever the user answers to "Save your changes?", nothing is lost that they
// did not choose to throw away (Cancel leaves the editor, the file and the run as they were).

#include "FileActions.h"
#include "CodeView.h"
#include "MainWindow.h"
#include "RecentFiles.h"
#include "WindowTest.h"

#include <QAction>
#include <QApplication>
#include <QDropEvent>
#include <QFile>
#include <QMenu>
#include <QMimeData>
#include <QSettings>
#include <QUrl>

namespace looplab {
namespace {

using Choice = FileActions::Choice;

QByteArray contentsOf(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

class FileActionsTest : public WindowTest {
  protected:
    void SetUp() override {
        RecentFiles::clear();
        open(kTwoWorkers, QStringLiteral("two_workers.py"));
        files()->setAskToSave([this](const QString& name) {
            asked_ << name;
            return answer_;
        });
        files()->setAskForPath([this](const QString& suggested) {
            suggested_ = suggested;
            return savePath_;
        });
    }

    FileActions* files() const { return window_->files(); }
    QString edited() const { return QString(kTwoWorkers).replace("\"A\", 2", "\"A\", 3"); }
    QString other() {
        const QString path = folder_.filePath(QStringLiteral("other.py"));
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write("import asyncio\nasync def main():\n    print('other')\nasyncio.run(main())\n");
        return path;
    }

    Choice answer_ = Choice::Cancel;
    QString savePath_;
    QString suggested_;
    QStringList asked_;
};

TEST_F(FileActionsTest, TheTitleNamesTheFileAndMarksUnsavedChanges) {
    EXPECT_EQ(window_->windowTitle(), "two_workers.py[*] — LoopLab");
    EXPECT_FALSE(window_->isWindowModified());
    window_->codeView()->setText(edited());
    EXPECT_TRUE(window_->isWindowModified());
    window_->codeView()->setText(QString::fromUtf8(kTwoWorkers)); // typed back: nothing to save
    EXPECT_FALSE(window_->isWindowModified());
}

TEST_F(FileActionsTest, SaveWritesTheEditorsTextToTheFile) {
    window_->codeView()->setText(edited());
    ASSERT_TRUE(files()->save());
    EXPECT_EQ(contentsOf(path_), edited().toUtf8());
    EXPECT_FALSE(window_->isWindowModified());
    EXPECT_TRUE(asked_.isEmpty());
    EXPECT_TRUE(savePath_.isEmpty()); // a named file is saved where it is, without a dialog
}

TEST_F(FileActionsTest, SaveAsMovesTheWindowToTheNewFileAndLeavesTheOldOneAlone) {
    window_->codeView()->setText(edited());
    savePath_ = folder_.filePath(QStringLiteral("mine")); // no extension: .py is added
    ASSERT_TRUE(files()->saveAs());
    const QString saved = folder_.filePath(QStringLiteral("mine.py"));
    EXPECT_EQ(contentsOf(saved), edited().toUtf8());
    EXPECT_EQ(contentsOf(path_), QByteArray(kTwoWorkers));
    EXPECT_EQ(window_->programPath(), saved);
    EXPECT_EQ(window_->windowTitle(), "mine.py[*] — LoopLab");
    EXPECT_FALSE(window_->isWindowModified());
    EXPECT_EQ(RecentFiles::paths().value(0), saved);
    // Revert reloads the saved file, not the one it came from.
    window_->codeView()->setText(QString::fromUtf8(kTwoWorkers));
    files()->setAskToRevert([](const QString&) { return true; });
    files()->revert();
    EXPECT_EQ(window_->codeView()->text(), edited());
    window_->controller().toEnd();
    EXPECT_TRUE(window_->outputText().endsWith("[3.000 s] Task-2: A done"))
        << window_->outputText().toStdString();
}

TEST_F(FileActionsTest, CancelLosesNothing) {
    window_->codeView()->setText(edited());
    answer_ = Choice::Cancel;
    EXPECT_FALSE(files()->openFile(other()));
    EXPECT_FALSE(files()->newProgram());
    window_->show();
    EXPECT_FALSE(window_->close());
    EXPECT_TRUE(window_->isVisible());
    EXPECT_EQ(asked_, QStringList(3, QStringLiteral("two_workers.py")));
    EXPECT_EQ(window_->codeView()->text(), edited());      // the buffer
    EXPECT_EQ(contentsOf(path_), QByteArray(kTwoWorkers)); // the file on disk
    EXPECT_EQ(window_->programPath(), path_);
    EXPECT_TRUE(window_->isWindowModified());
    // And the edits are still kept for the next session, as every edit is.
    MainWindow next{QStringLiteral(LOOPLAB_BINARY)};
    ASSERT_TRUE(next.openProgram(path_));
    EXPECT_EQ(next.codeView()->text(), edited());
}

TEST_F(FileActionsTest, SaveWhenAskedWritesTheFileBeforeOpeningAnother) {
    window_->codeView()->setText(edited());
    answer_ = Choice::Save;
    const QString second = other();
    ASSERT_TRUE(files()->openFile(second));
    EXPECT_EQ(contentsOf(path_), edited().toUtf8());
    EXPECT_EQ(window_->programPath(), second);
    EXPECT_TRUE(window_->codeView()->text().contains("print('other')"));
}

TEST_F(FileActionsTest, DiscardThrowsTheEditsAwayForGood) {
    window_->codeView()->setText(edited());
    answer_ = Choice::Discard;
    ASSERT_TRUE(files()->openFile(other()));
    EXPECT_EQ(contentsOf(path_), QByteArray(kTwoWorkers));
    ASSERT_TRUE(window_->openProgram(path_));
    EXPECT_FALSE(window_->restoredEdits());
    EXPECT_EQ(window_->codeView()->text(), QString::fromUtf8(kTwoWorkers));
}

TEST_F(FileActionsTest, NothingIsAskedWhenNothingChanged) {
    ASSERT_TRUE(files()->openFile(other()));
    window_->show();
    EXPECT_TRUE(window_->close());
    EXPECT_TRUE(asked_.isEmpty());
}

TEST_F(FileActionsTest, AFileThatCannotBeWrittenIsSavedElsewhereNotLost) {
    // Its folder is a plain file: nothing can be written there (even by root).
    QFile blocker(folder_.filePath(QStringLiteral("blocked")));
    ASSERT_TRUE(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    window_->setProgramPath(folder_.filePath(QStringLiteral("blocked/lesson.py")));
    window_->codeView()->setText(edited());
    savePath_ = folder_.filePath(QStringLiteral("rescued.py"));
    ASSERT_TRUE(files()->save());
    EXPECT_EQ(contentsOf(savePath_), edited().toUtf8());
    EXPECT_EQ(window_->programPath(), savePath_);
}

TEST_F(FileActionsTest, RevertAsksFirstAndCancelKeepsTheEdits) {
    window_->codeView()->setText(edited());
    files()->setAskToRevert([](const QString&) { return false; });
    files()->revert();
    EXPECT_EQ(window_->codeView()->text(), edited());
    files()->setAskToRevert([](const QString&) { return true; });
    files()->revert();
    EXPECT_EQ(window_->codeView()->text(), QString::fromUtf8(kTwoWorkers));
    EXPECT_FALSE(window_->isWindowModified());
}

TEST_F(FileActionsTest, NewStartsFromAProgramThatRunsAndSaveAsksWhere) {
    ASSERT_TRUE(files()->newProgram());
    EXPECT_TRUE(files()->isUntitled());
    EXPECT_EQ(window_->windowTitle(), "untitled.py[*] — LoopLab");
    ASSERT_TRUE(window_->run().recorded());
    window_->controller().toEnd();
    EXPECT_TRUE(window_->outputText().contains("hello world"))
        << window_->outputText().toStdString();
    window_->codeView()->setText(edited());
    savePath_ = folder_.filePath(QStringLiteral("first.py"));
    ASSERT_TRUE(files()->save());
    EXPECT_TRUE(suggested_.endsWith("my_program.py")) << suggested_.toStdString();
    EXPECT_EQ(contentsOf(savePath_), edited().toUtf8());
    EXPECT_FALSE(files()->isUntitled());
    // A second New starts from the template again, not from the last untitled program.
    ASSERT_TRUE(files()->newProgram());
    EXPECT_TRUE(window_->codeView()->text().contains("hello"));
    EXPECT_FALSE(window_->isWindowModified());
}

TEST_F(FileActionsTest, OpenRecentKeepsTheTenNewestThatStillExist) {
    QStringList made;
    for (int i = 0; i < 12; ++i) {
        made << folder_.filePath(QStringLiteral("p%1.py").arg(i));
        QFile file(made.last());
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        RecentFiles::add(made.last());
    }
    RecentFiles::add(made[5]); // opened again: first, once
    QStringList expected{made[5]};
    for (int i = 11; i >= 2; --i)
        if (i != 5)
            expected << made[i];
    EXPECT_EQ(RecentFiles::paths(), expected);
    QFile::remove(made[11]);
    expected.removeAll(made[11]);
    EXPECT_EQ(RecentFiles::paths(), expected);
    // The menu offers exactly those, by name.
    QMenu* menu = files()->recentMenu();
    emit menu->aboutToShow();
    QStringList offered;
    for (const QAction* action : menu->actions())
        if (!action->data().toString().isEmpty())
            offered << action->data().toString();
    EXPECT_EQ(offered, expected);
}

TEST_F(FileActionsTest, APythonFileDroppedOnTheWindowOpens) {
    const QString dropped = other();
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(dropped)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(window_.get(), &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(window_.get(), &drop);
    QApplication::processEvents(); // it opens once the drop is over
    EXPECT_EQ(window_->programPath(), dropped);
    EXPECT_EQ(RecentFiles::paths().value(0), dropped);
    // Anything else is not taken.
    QMimeData text;
    text.setUrls({QUrl::fromLocalFile(folder_.filePath(QStringLiteral("notes.txt")))});
    QDragEnterEvent refused(QPoint(10, 10), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    refused.setAccepted(false);
    QApplication::sendEvent(window_.get(), &refused);
    EXPECT_FALSE(refused.isAccepted());
}

TEST_F(FileActionsTest, APythonFileDroppedOnTheEditorOpensInsteadOfPastingItsPath) {
    const QString dropped = other();
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(dropped)});
    mime.setText(QUrl::fromLocalFile(dropped).toString()); // as file managers also offer it
    QWidget* editor = window_->codeView()->viewport();
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(editor, &enter);
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(editor, &drop);
    QApplication::processEvents();
    EXPECT_EQ(window_->programPath(), dropped);
    EXPECT_EQ(window_->codeView()->text(), QString::fromUtf8(contentsOf(dropped)));
    EXPECT_EQ(contentsOf(path_), QByteArray(kTwoWorkers));
}

} // namespace
} // namespace looplab
