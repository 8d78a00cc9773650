// Lesson 8's wait-for graph at its deadlock step, in the desk window and on a projector: it
// fills its panel, and no label is smaller than the body text around it.
#include "DeadlockView.h"
#include "MainWindow.h"
#include "WindowZoom.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QImage>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTest>
#include <gtest/gtest.h>

using namespace looplab;

namespace {

struct Case {
    QSize size;
    bool presenting;
    const char* lesson = "08_deadlock"; // lesson 8's cycle of four, or lesson 11's one wait
};

class DeadlockReadableTest : public ::testing::TestWithParam<Case> {
  protected:
    void SetUp() override { QSettings().remove(QStringLiteral("zoom")); }
    void TearDown() override { QSettings().remove(QStringLiteral("zoom")); }
};

// The rows and columns of `image` that hold anything but its most common colour (the page).
QRect inkedArea(const QImage& image) {
    const QRgb page = image.pixel(1, 1);
    int left = image.width(), right = -1, top = image.height(), bottom = -1;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (image.pixel(x, y) != page) {
                left = std::min(left, x);
                right = std::max(right, x);
                top = std::min(top, y);
                bottom = std::max(bottom, y);
            }
    return right < 0 ? QRect() : QRect(QPoint(left, top), QPoint(right, bottom));
}

TEST_P(DeadlockReadableTest, LabelsAreAtLeastTheBodyFontAndTheGraphFillsItsPanel) {
    const Case c = GetParam();
    MainWindow window(QStringLiteral(LOOPLAB_BINARY));
    ASSERT_TRUE(window.openProgram(QStringLiteral(LOOPLAB_LESSONS "/%1.py").arg(c.lesson)));
    window.resize(c.size);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    if (c.presenting)
        window.setPresenting(true, false);
    window.controller().goToStop(window.controller().deadlockStop());
    for (int i = 0; i < 3; ++i)
        QApplication::processEvents();
    DeadlockView* graph = window.deadlockView();
    ASSERT_EQ(window.bottomTabs()->currentWidget(), graph);
    ASSERT_TRUE(graph->isVisible());

    // Labels against the body text's height: at the desk at least the body text, presenting at
    // least the body text at the presentation's zoom (what every other view draws at). One
    // exception, measured: on a 1280x720 projector lesson 8's graph beside the code has 210 px
    // of height, where its row (two rows of nodes and the arc back) is drawn at the body size;
    // given the whole height (below), it reaches about the zoom's size.
    const double body = QFontMetricsF(QApplication::font()).height();
    const bool lesson8 = QString::fromLatin1(c.lesson).startsWith(QStringLiteral("08"));
    const bool small = c.size.width() < 1920 && lesson8;
    const double zoom = window.zoom()->scale();
    const double floor = !c.presenting ? 1.0 : small ? 1.0 : zoom;
    EXPECT_GE(graph->smallestLabelHeight(), body * floor)
        << "panel " << graph->width() << "x" << graph->height() << ", fit " << graph->graphFit();
    if (c.presenting) { // the zoom reaches the graph too
        EXPECT_EQ(graph->scale(), window.zoom()->scale());
    }

    // Drawn across most of the panel, not in a corner of it. Lesson 11's two nodes reach their
    // largest (twice the zoom) before they fill a whole panel: they fill its width or its height.
    const QImage shot = graph->grab().toImage();
    const QRect ink = inkedArea(shot);
    const bool tall = ink.height() >= shot.height() * 0.7;
    const bool wide = ink.width() >= shot.width() * 0.6;
    if (lesson8) {
        EXPECT_TRUE(tall) << ink.height() << " of " << shot.height();
        EXPECT_TRUE(wide) << ink.width() << " of " << shot.width();
    } else {
        EXPECT_TRUE(tall || wide) << ink.width() << "x" << ink.height() << " of " << shot.width()
                                  << "x" << shot.height();
    }

    // Double-click: the graph gets the panes' whole height; again: the sizes come back.
    auto* panes = qobject_cast<QSplitter*>(window.bottomTabs()->parentWidget());
    ASSERT_NE(panes, nullptr);
    const QList<int> before = panes->sizes();
    const double label = graph->smallestLabelHeight();
    QTest::mouseDClick(graph, Qt::LeftButton, {}, graph->rect().center());
    for (int i = 0; i < 3; ++i)
        QApplication::processEvents();
    ASSERT_TRUE(window.deadlockFilled());
    // To look at both: LOOPLAB_SHOT_DIR=/tmp ui_tests --gtest_filter='Sizes/DeadlockReadable*'
    if (qEnvironmentVariableIsSet("LOOPLAB_SHOT_DIR")) {
        const QString name = QStringLiteral("%1/deadlock-%2-%3x%4%5")
                                 .arg(qEnvironmentVariable("LOOPLAB_SHOT_DIR"))
                                 .arg(QString::fromLatin1(c.lesson).left(2))
                                 .arg(c.size.width())
                                 .arg(c.size.height())
                                 .arg(c.presenting ? QStringLiteral("-present") : QString());
        shot.save(name + QStringLiteral(".png"));
        window.grab().save(name + QStringLiteral("-filled.png"));
    }
    EXPECT_EQ(panes->sizes().value(0), 0) << "the code and the loop fold away";
    // Larger, unless it was at its largest already (twice the zoom) or at the zoom's size.
    if (label < body * zoom - 1e-6) {
        EXPECT_GT(graph->smallestLabelHeight(), label * 1.15);
    } else {
        EXPECT_GE(graph->smallestLabelHeight(), label - 1e-6);
    }
    // Given the whole height, the graph reaches the zoom's size; lesson 8's row on a 1280x720
    // projector meets the width first, at 1.91 times the body size for a zoom of 2 (it was 1.7
    // with its caption beside the row instead of under it).
    EXPECT_GE(graph->smallestLabelHeight(),
              body * (c.presenting ? (small ? 0.95 : 1.0) * zoom : floor))
        << "panel " << graph->width() << "x" << graph->height() << ", fit " << graph->graphFit();
    QTest::mouseDClick(graph, Qt::LeftButton, {}, graph->rect().center());
    for (int i = 0; i < 3; ++i)
        QApplication::processEvents();
    EXPECT_EQ(panes->sizes(), before);
    EXPECT_FALSE(window.deadlockFilled());
}

// Presenting, the deadlock's step gives the graph room and never takes it: at 1280x720 the
// deadlock's share (45%) is less than the presentation's own (48%), and the pane shrank when
// the stepping reached the deadlock. Starting to present at that step gives the same panes.
TEST(DeadlockRoom, PresentingFromTheDeadlocksStepGivesTheGraphTheSameRoom) {
    QSettings().remove(QStringLiteral("zoom"));
    auto panesAtDeadlock = [](const QSize& size, bool presentFirst) {
        MainWindow window(QStringLiteral(LOOPLAB_BINARY));
        EXPECT_TRUE(window.openProgram(QStringLiteral(LOOPLAB_LESSONS "/08_deadlock.py")));
        window.resize(size);
        window.show();
        EXPECT_TRUE(QTest::qWaitForWindowExposed(&window));
        if (presentFirst)
            window.setPresenting(true, false);
        for (int i = 0; i < 3; ++i)
            QApplication::processEvents();
        window.controller().goToStop(window.controller().deadlockStop());
        if (!presentFirst)
            window.setPresenting(true, false);
        for (int i = 0; i < 3; ++i)
            QApplication::processEvents();
        EXPECT_EQ(window.bottomTabs()->currentWidget(), window.deadlockView());
        auto* panes = qobject_cast<QSplitter*>(window.bottomTabs()->parentWidget());
        return std::make_pair(panes ? panes->sizes() : QList<int>(),
                              window.deadlockView()->smallestLabelHeight());
    };
    for (const QSize size : {QSize(1280, 720), QSize(1920, 1080)}) {
        const auto [steppedSizes, steppedLabel] = panesAtDeadlock(size, true);
        const auto [presentedSizes, presentedLabel] = panesAtDeadlock(size, false);
        ASSERT_EQ(steppedSizes.size(), 2);
        ASSERT_EQ(presentedSizes.size(), 2);
        // Room is given, never taken: the graph keeps at least the presentation's own share
        // (48%). (Before, at 720 lines the deadlock's share, 45%, shrank the pane.)
        EXPECT_GE(steppedSizes[1], (steppedSizes[0] + steppedSizes[1]) * 0.475) << size.width();
        EXPECT_NEAR(presentedSizes[1], steppedSizes[1], 2) << size.width();
        EXPECT_NEAR(presentedLabel, steppedLabel, 0.5) << size.width();
    }
    QSettings().remove(QStringLiteral("zoom"));
}

INSTANTIATE_TEST_SUITE_P(Sizes, DeadlockReadableTest,
                         ::testing::Values(Case{QSize(1280, 720), false},
                                           Case{QSize(1920, 1080), false},
                                           Case{QSize(1280, 720), true},
                                           Case{QSize(1920, 1080), true},
                                           Case{QSize(1280, 720), false, "11_queue_sentinel_bug"},
                                           Case{QSize(1280, 720), true, "11_queue_sentinel_bug"},
                                           Case{QSize(1920, 1080), true, "11_queue_sentinel_bug"}),
                         [](const ::testing::TestParamInfo<Case>& param) {
                             return QStringLiteral("%4_%1x%2%3")
                                 .arg(param.param.size.width())
                                 .arg(param.param.size.height())
                                 .arg(param.param.presenting ? "Presenting" : "Desk")
                                 .arg(QString::fromLatin1(param.param.lesson).left(2))
                                 .toStdString();
                         });

} // namespace
