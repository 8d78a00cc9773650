// The Stepping toolbar: every button has an icon that draws (from the desktop's theme, or the
// bundled one where there is no theme, as offscreen), and Play shows which it is: Pause while
// the run plays, Play again once it stops by itself at the end or is paused.

#include "MainWindow.h"
#include "StepPlayer.h"
#include "WindowTest.h"

#include <QAction>
#include <QImage>
#include <QTest>
#include <QToolBar>
#include <QWidgetAction>

namespace looplab {
namespace {

class ToolbarTest : public WindowTest {
  protected:
    void SetUp() override { open(kTwoWorkers, QStringLiteral("two_workers.py")); }

    QAction* play() const {
        for (QAction* action : window_->findChildren<QAction*>())
            if (action->shortcuts().contains(QKeySequence(Qt::Key_Space)))
                return action;
        return nullptr;
    }
};

bool drawsSomething(const QIcon& icon) {
    const QImage image = icon.pixmap(24, 24).toImage();
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (image.pixelColor(x, y).alpha() > 128)
                return true;
    return false;
}

TEST_F(ToolbarTest, EveryButtonHasAnIconThatDraws) {
    int buttons = 0;
    for (const QToolBar* bar : window_->findChildren<QToolBar*>())
        for (const QAction* action : bar->actions()) {
            if (action->isSeparator() || qobject_cast<const QWidgetAction*>(action))
                continue;
            ++buttons;
            EXPECT_TRUE(drawsSomething(action->icon())) << action->text().toStdString();
        }
    EXPECT_GE(buttons, 10);
}

TEST_F(ToolbarTest, PlayShowsPauseWhilePlayingAndPlayOnceItStops) {
    QAction* button = play();
    ASSERT_NE(button, nullptr);
    EXPECT_EQ(button->text(), "&Play");
    const qint64 playIcon = button->icon().cacheKey();
    button->trigger();
    EXPECT_TRUE(window_->player()->isPlaying());
    EXPECT_EQ(button->text(), "&Pause");
    EXPECT_NE(button->icon().cacheKey(), playIcon);
    button->trigger(); // paused by hand
    EXPECT_FALSE(window_->player()->isPlaying());
    EXPECT_EQ(button->text(), "&Play");
    EXPECT_EQ(button->icon().cacheKey(), playIcon);
    // Played to the end, it stops by itself and says so.
    window_->setPlaySpeed(1000);
    button->trigger();
    ASSERT_TRUE(QTest::qWaitFor([this] { return !window_->player()->isPlaying(); }, 10000));
    EXPECT_EQ(window_->controller().currentStop(), window_->controller().stopCount() - 1);
    EXPECT_EQ(button->text(), "&Play");
}

} // namespace
} // namespace looplab
