// Help: the shortcut sheet lists every command that has a key, as the keys really are, and its
// search narrows it; About names the versions LoopLab runs with; the guides are there without a
// source tree; and View → Course (Ctrl+K) brings the course list to the front on the first press.

#include "HelpMenu.h"
#include "GuideDialog.h"
#include "LessonBrowser.h"
#include "MainWindow.h"
#include "ShortcutSheet.h"
#include "WindowTest.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QLineEdit>
#include <QRegularExpression>
#include <QTabBar>
#include <QTableWidget>
#include <QTextBrowser>

namespace looplab {
namespace {

class HelpMenuTest : public WindowTest {
  protected:
    void SetUp() override { open(kTwoWorkers, QStringLiteral("two_workers.py")); }

    QAction* actionWithKey(const QKeySequence& key) const {
        for (QAction* action : window_->findChildren<QAction*>())
            if (action->shortcuts().contains(key))
                return action;
        return nullptr;
    }

    // The title of the dock in front where Lesson and Course share tabs.
    QString dockInFront() const {
        for (const QTabBar* bar : window_->findChildren<QTabBar*>())
            if (bar->parentWidget() == window_.get() && bar->count() > 1)
                return bar->tabText(bar->currentIndex());
        return {};
    }
};

TEST_F(HelpMenuTest, TheShortcutSheetListsEveryActionWithAKey) {
    ShortcutSheet sheet(window_.get());
    QTableWidget* table = sheet.table();
    int withKeys = 0;
    for (const QAction* action : window_->findChildren<QAction*>()) {
        for (const QKeySequence& key : action->shortcuts()) {
            ++withKeys;
            const QString name = action->text().remove(QRegularExpression("&(?!&)"));
            bool listed = false;
            for (int row = 0; row < table->rowCount() && !listed; ++row)
                listed = table->item(row, ShortcutSheet::Command)->text() == name &&
                         table->item(row, ShortcutSheet::Keys)
                             ->text()
                             .contains(key.toString(QKeySequence::NativeText));
            EXPECT_TRUE(listed) << name.toStdString() << " " << key.toString().toStdString();
        }
    }
    EXPECT_GE(withKeys, 30);
    // Where to find each: "Step" for Forward, "File" for Save.
    for (int row = 0; row < table->rowCount(); ++row)
        if (table->item(row, ShortcutSheet::Command)->text() == "Save") {
            EXPECT_EQ(table->item(row, ShortcutSheet::Menu)->text(), "File");
        }
}

TEST_F(HelpMenuTest, SearchingKeepsOnlyTheMatchingRows) {
    ShortcutSheet sheet(window_.get());
    const int all = sheet.visibleRows();
    sheet.search()->setText(QStringLiteral("breakpoint"));
    EXPECT_GE(sheet.visibleRows(), 1);
    EXPECT_LT(sheet.visibleRows(), all);
    QTableWidget* table = sheet.table();
    for (int row = 0; row < table->rowCount(); ++row) {
        const QString name = table->item(row, ShortcutSheet::Command)->text();
        if (name == "Quit") {
            EXPECT_TRUE(table->isRowHidden(row));
        }
        if (name == "Continue to breakpoint") {
            EXPECT_FALSE(table->isRowHidden(row));
        }
    }
    sheet.search()->setText(QStringLiteral("f5")); // a key, in any case
    ASSERT_EQ(sheet.visibleRows(), 1);
    sheet.search()->clear();
    EXPECT_EQ(sheet.visibleRows(), all);
}

TEST_F(HelpMenuTest, FileCommandsHaveTheKeysOfEveryEditor) {
    const std::vector<std::pair<QKeySequence, QString>> expected{
        {QKeySequence(Qt::CTRL | Qt::Key_N), "&New"},
        {QKeySequence(Qt::CTRL | Qt::Key_O), "&Open…"},
        {QKeySequence(Qt::CTRL | Qt::Key_S), "&Save"},
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), "Save &As…"},
        {QKeySequence(Qt::CTRL | Qt::Key_Q), "&Quit"},
        {QKeySequence(Qt::CTRL | Qt::Key_Slash), "&Keyboard Shortcuts"}};
    for (const auto& [key, text] : expected) {
        const QAction* action = actionWithKey(key);
        ASSERT_NE(action, nullptr) << text.toStdString();
        EXPECT_EQ(action->text(), text);
    }
}

TEST_F(HelpMenuTest, AboutNamesLoopLabsPythonsAndQtsVersionsAndTheLicence) {
    const QString about = HelpMenu::aboutText();
    EXPECT_TRUE(about.contains(QRegularExpression(R"(LoopLab \d+\.\d+\.\d+)")))
        << about.toStdString();
    EXPECT_TRUE(about.contains(QRegularExpression(R"(Python 3\.\d+\.\d+)"))) << about.toStdString();
    EXPECT_TRUE(about.contains(QStringLiteral("Qt ") + qVersion())) << about.toStdString();
    EXPECT_TRUE(about.contains(QStringLiteral("Licence: "))) << about.toStdString();
}

TEST_F(HelpMenuTest, TheGuidesAreCompiledInAndLinkToEachOther) {
    GuideDialog guide(QStringLiteral(":/README.md"), QStringLiteral("Guide"));
    EXPECT_TRUE(guide.browser()->toPlainText().contains("Quick start"));
    guide.browser()->setSource(QUrl(QStringLiteral("docs/lesson-format.md")),
                               QTextDocument::MarkdownResource); // README's own link
    EXPECT_TRUE(guide.browser()->toPlainText().startsWith("Lesson format"))
        << guide.browser()->toPlainText().left(80).toStdString();
}

TEST_F(HelpMenuTest, CtrlKBringsTheCourseToTheFrontOnTheFirstPress) {
    const QString lesson = QDir(QStringLiteral(LOOPLAB_LESSONS))
                               .entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name)
                               .first();
    ASSERT_TRUE(window_->openProgram(QStringLiteral(LOOPLAB_LESSONS "/") + lesson));
    window_->show();
    QApplication::processEvents();
    auto* course = qobject_cast<QDockWidget*>(window_->lessonBrowser()->parentWidget());
    ASSERT_NE(course, nullptr);
    ASSERT_EQ(dockInFront(), "Lesson"); // Course is open, behind it
    QAction* ctrlK = actionWithKey(QKeySequence(Qt::CTRL | Qt::Key_K));
    ASSERT_NE(ctrlK, nullptr);
    ctrlK->trigger();
    QApplication::processEvents();
    EXPECT_TRUE(window_->lessonBrowser()->isVisible());
    EXPECT_FALSE(course->visibleRegion().isEmpty());
    EXPECT_EQ(dockInFront(), "Course");
    ctrlK->trigger(); // in front: the second press hides it
    QApplication::processEvents();
    EXPECT_TRUE(course->isHidden());
}

} // namespace
} // namespace looplab
