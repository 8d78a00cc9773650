// No edit is ever lost or silently dropped: edits are kept when the window closes (even those
// typed in the last half second), a data folder that cannot be written is said in the status
// bar, and Ctrl+R runs exactly the editor's text even when its usual copy cannot be written.

#include "UnsavedEdits.h"
#include "CodeView.h"
#include "FileActions.h"
#include "MainWindow.h"
#include "WindowTest.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QStatusBar>

#include <memory>

namespace looplab {
namespace {

class UnsavedEditsTest : public WindowTest {
  protected:
    void SetUp() override { open(kTwoWorkers, QStringLiteral("two_workers.py")); }
    void TearDown() override {
        // Undo a blocked folder so later tests in this process can write again.
        for (const QString& blocked : blocked_)
            QFile::remove(blocked);
    }

    // Puts a plain file where LoopLab wants a folder, so nothing can be written inside it.
    void blockDataFolder(const QString& name) {
        const QString path =
            QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/" + name;
        QDir(path).removeRecursively();
        QDir().mkpath(QFileInfo(path).path());
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        blocked_ << path;
    }

    QString edited() const { return QString(kTwoWorkers).replace("\"A\", 2", "\"A\", 3"); }
    QStringList blocked_;
};

TEST_F(UnsavedEditsTest, EditsTypedJustBeforeClosingAreKept) {
    window_->codeView()->setText(edited()); // the 500 ms timer has not fired
    // Asked whether to save them, the user cancels (FileActionsTest has the other answers).
    window_->files()->setAskToSave([](const QString&) { return FileActions::Choice::Cancel; });
    window_->close();
    auto again = std::make_unique<MainWindow>(QStringLiteral(LOOPLAB_BINARY));
    ASSERT_TRUE(again->openProgram(path_));
    EXPECT_TRUE(again->restoredEdits());
    EXPECT_EQ(again->codeView()->text(), edited());
}

TEST_F(UnsavedEditsTest, AFolderThatCannotBeWrittenIsSaidNotSwallowed) {
    blockDataFolder(QStringLiteral("unsaved"));
    window_->codeView()->setText(edited());
    EXPECT_FALSE(window_->saveEdits());
    EXPECT_TRUE(window_->editsUnsaved());
    EXPECT_TRUE(window_->statusBar()->currentMessage().contains("could not be kept"))
        << window_->statusBar()->currentMessage().toStdString();
}

TEST_F(UnsavedEditsTest, RunningEditsRunsExactlyTheEditorsTextWhenItsCopyCannotBeWritten) {
    // An earlier run leaves a copy; then the folder of copies becomes unwritable.
    window_->codeView()->setText(QString(kTwoWorkers).replace("\"A\", 2", "\"A\", 4"));
    window_->runEditedCode();
    blockDataFolder(QStringLiteral("autosave"));
    window_->codeView()->setText(edited());
    window_->runEditedCode();
    window_->controller().toEnd();
    EXPECT_TRUE(window_->outputText().endsWith("[3.000 s] Task-2: A done"))
        << window_->outputText().toStdString(); // the editor's text, not the old copy (4 s)
}

} // namespace
} // namespace looplab
