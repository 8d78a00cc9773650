// Where runs cannot be confined, the window asks before running a program from outside the
// built-in course, remembers the answer per folder, and marks an unconfined run on screen.
#include "RunPermission.h"
#include "WindowTest.h"

#include <QDir>
#include <QImage>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>

using namespace looplab;

namespace {

class RunPermissionTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(course_.isValid() && outside_.isValid() && other_.isValid());
        QSettings().remove(QStringLiteral("security"));
    }
    // A permission that counts its questions and answers `answer_`.
    RunPermission permission(bool confined) {
        RunPermission made(course_.path(), confined, QStringLiteral("this kernel has no Landlock"));
        made.setAsker([this](QWidget*, const QString& folder, const QString& why) {
            asked_.append(folder);
            EXPECT_EQ(why, QStringLiteral("this kernel has no Landlock"));
            return answer_;
        });
        return made;
    }
    QTemporaryDir course_, outside_, other_;
    QStringList asked_;
    bool answer_ = false;
};

TEST_F(RunPermissionTest, ConfinedRunsNeverAsk) {
    RunPermission confined = permission(true);
    EXPECT_TRUE(confined.mayRun(nullptr, outside_.filePath("a.py")));
    EXPECT_TRUE(asked_.isEmpty());
}

TEST_F(RunPermissionTest, TheBuiltInCourseRunsWithoutAsking) {
    RunPermission unconfined = permission(false);
    EXPECT_TRUE(unconfined.mayRun(nullptr, course_.filePath("01_lesson.py")));
    EXPECT_TRUE(asked_.isEmpty());
}

TEST_F(RunPermissionTest, ANoIsNotRememberedAYesIsRememberedForTheFolderOnly) {
    RunPermission unconfined = permission(false);
    const QString folder = QDir(outside_.path()).canonicalPath();
    answer_ = false;
    EXPECT_FALSE(unconfined.mayRun(nullptr, outside_.filePath("a.py")));
    EXPECT_FALSE(unconfined.mayRun(nullptr, outside_.filePath("a.py")));
    EXPECT_EQ(asked_, (QStringList{folder, folder})); // asked each time until a yes
    answer_ = true;
    EXPECT_TRUE(unconfined.mayRun(nullptr, outside_.filePath("a.py")));
    EXPECT_TRUE(unconfined.mayRun(nullptr, outside_.filePath("b.py"))); // same folder: trusted
    EXPECT_EQ(asked_.size(), 3);
    // Remembered in the settings, so a new window does not ask either.
    RunPermission later = permission(false);
    EXPECT_TRUE(later.mayRun(nullptr, outside_.filePath("c.py")));
    EXPECT_EQ(asked_.size(), 3);
    // Another folder is another question.
    answer_ = false;
    EXPECT_FALSE(later.mayRun(nullptr, other_.filePath("a.py")));
    EXPECT_EQ(asked_.last(), QDir(other_.path()).canonicalPath());
}

TEST_F(RunPermissionTest, TheQuestionNamesTheFolderAndDefaultsToNotRunning) {
    const auto box = RunPermission::question(nullptr, QStringLiteral("/home/ann/Downloads/course"),
                                             QStringLiteral("this kernel has no Landlock"));
    EXPECT_EQ(box->text(), QStringLiteral("This program comes from /home/ann/Downloads/course."));
    EXPECT_TRUE(box->informativeText().contains("(this kernel has no Landlock)"));
    ASSERT_EQ(box->buttons().size(), 2);
    EXPECT_EQ(box->buttons().first()->text(), QStringLiteral("Run It"));
    EXPECT_EQ(box->defaultButton()->text(), QStringLiteral("Don't Run"));
    box->adjustSize();
    const QImage shot = box->grab().toImage();
    EXPECT_GT(shot.width(), 300);
    if (qEnvironmentVariableIsSet("LOOPLAB_SHOTS")) // for a person to look at
        shot.save(qEnvironmentVariable("LOOPLAB_SHOTS") + "/run-question.png");
}

// The whole window, on a machine told not to confine (LOOPLAB_UNCONFINED=1, which the
// recording child inherits): a "no" shows the code unrun; a "yes" runs it and shows the badge.
TEST_F(RunPermissionTest, TheWindowShowsTheCodeUnrunOnANoAndMarksAnUnconfinedRun) {
    qputenv("LOOPLAB_UNCONFINED", "1");
    const QString program = outside_.filePath(QStringLiteral("two_workers.py"));
    QFile file(program);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(kTwoWorkers);
    file.close();
    MainWindow window(QStringLiteral(LOOPLAB_BINARY));
    window.runPermission()->setAsker([this](QWidget*, const QString&, const QString& why) {
        EXPECT_TRUE(why.contains("LOOPLAB_UNCONFINED is set")) << why.toStdString();
        return answer_;
    });
    answer_ = false;
    EXPECT_FALSE(window.openProgram(program));
    EXPECT_TRUE(window.run().problem.startsWith("Not run: this computer cannot confine"))
        << window.run().problem.toStdString();
    EXPECT_EQ(window.run().source, QString::fromUtf8(kTwoWorkers)); // the code is there to read
    QLabel* badge = nullptr;
    for (QLabel* label : window.statusBar()->findChildren<QLabel*>())
        if (label->text().contains("Not confined"))
            badge = label;
    ASSERT_NE(badge, nullptr);
    EXPECT_TRUE(badge->isHidden());

    answer_ = true;
    EXPECT_TRUE(window.openProgram(program));
    EXPECT_TRUE(window.run().unconfined.contains("LOOPLAB_UNCONFINED is set"));
    EXPECT_FALSE(badge->isHidden());
    EXPECT_TRUE(badge->toolTip().contains("full access"));
    qunsetenv("LOOPLAB_UNCONFINED");
}

} // namespace
