// The widget rendered offscreen: it draws something, the cursor sits where the current time is,
// and clicks and the wheel map pixels to virtual time through the same maths as the model.

#include "TimelineView.h"
#include "TimelineMath.h"
#include "TimelinePalette.h"

#include <QApplication>
#include <QHelpEvent>
#include <QImage>
#include <QPainter>
#include <QScrollBar>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>
#include <QWheelEvent>

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

namespace looplab {
namespace {

std::shared_ptr<const TimelineModel> sampleModel() {
    TimelineRow task{TimelineRow::Kind::Task, 1, "Task-1", {}};
    task.segments = {{0, 100, SegmentKind::Ready, ""},
                     {100, 400, SegmentKind::Running, ""},
                     {400, 900, SegmentKind::Waiting, "sleep"},
                     {900, 1000, SegmentKind::Running, ""}};
    TimelineRow worker{TimelineRow::Kind::Worker, -1, "default worker 0", {}};
    worker.segments = {{200, 300, SegmentKind::Busy, "io"},
                       {300, 800, SegmentKind::Blocked, "line 3"}};
    return std::make_shared<TimelineModel>(std::vector<TimelineRow>{task, worker}, 1000);
}

class TimelineViewTest : public ::testing::Test {
  protected:
    void SetUp() override {
        view.resize(640, 240);
        view.setModel(sampleModel());
        view.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    }

    // The grabbed image is of the whole scroll area; rows are painted on its viewport.
    QColor viewportPixel(const QImage& image, int x, int y) const {
        const QPoint offset = view.viewport()->geometry().topLeft();
        return image.pixelColor(x + offset.x(), y + offset.y());
    }

    int firstRowMiddle() const { return view.headerHeight() + view.rowHeight() / 2; }

    TimelineView view;
};

TEST_F(TimelineViewTest, WhatLiesAheadOfTheCursorIsVeiledAndARevealLimitHidesIt) {
    const int runningX = view.gutterWidth() + static_cast<int>(view.zoom().nsToX(150));
    view.setCurrentTime(100); // the running segment at 150 ns lies ahead: veiled, still there
    QColor veiled = viewportPixel(view.grab().toImage(), runningX, firstRowMiddle());
    EXPECT_NE(veiled, TimelinePalette::fill(SegmentKind::Running));
    EXPECT_NE(veiled, view.palette().color(QPalette::Base));
    view.setRevealLimit(100, {1, 2, 3}); // not yet predicted: nothing after 100 ns is drawn
    EXPECT_EQ(view.shownModel()->endNs(), 100);
    EXPECT_EQ(view.zoom().runEndNs(), 1'000'000'000); // the axis does not tell the run's length
    view.setRevealLimit(-1);
    EXPECT_EQ(view.shownModel(), view.model());
}

TEST_F(TimelineViewTest, PaintsSomethingOtherThanBackground) {
    view.setCurrentTime(view.model()->endNs()); // nothing ahead of the cursor to veil
    const QImage image = view.grab().toImage();
    ASSERT_FALSE(image.isNull());
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            colours.insert(image.pixel(x, y));
    EXPECT_GT(colours.size(), 6); // background, text, and several state colours
    const int runningX = view.gutterWidth() + static_cast<int>(view.zoom().nsToX(150));
    EXPECT_EQ(viewportPixel(image, runningX, firstRowMiddle()),
              TimelinePalette::fill(SegmentKind::Running));
}

TEST_F(TimelineViewTest, CursorIsDrawnAtTheCurrentTime) {
    view.setCurrentTime(600);
    const QImage image = view.grab().toImage();
    const int x = view.gutterWidth() + static_cast<int>(std::lround(view.zoom().nsToX(600)));
    for (int y : {firstRowMiddle(), view.headerHeight() + view.rowHeight() + 3})
        EXPECT_EQ(viewportPixel(image, x, y), TimelinePalette::cursor()) << y;
    // The column next to it shows the row again, not the cursor.
    EXPECT_NE(viewportPixel(image, x + 6, firstRowMiddle()), TimelinePalette::cursor());
}

TEST_F(TimelineViewTest, ClickReportsTheTimeUnderTheMouse) {
    QSignalSpy spy(&view, &TimelineView::timeClicked);
    const int x = view.gutterWidth() + 123;
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(x, firstRowMiddle()));
    ASSERT_EQ(spy.count(), 1);
    const qint64 expected = xToNs(123, view.zoom().startNs(), view.zoom().nsPerPx());
    EXPECT_EQ(spy.at(0).at(0).toLongLong(), expected);
}

TEST_F(TimelineViewTest, ClickInTheGutterReportsNothing) {
    QSignalSpy spy(&view, &TimelineView::timeClicked);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(3, firstRowMiddle()));
    EXPECT_EQ(spy.count(), 0);
}

TEST_F(TimelineViewTest, WheelZoomsAroundTheMouse) {
    const int x = view.gutterWidth() + 200;
    const qint64 before = view.timeAtX(x);
    const QPointF pos(x, firstRowMiddle());
    QWheelEvent wheel(pos, view.viewport()->mapToGlobal(pos), QPoint(), QPoint(0, 240),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view.viewport(), &wheel);
    // Half as long, unless that would be finer than one ns per pixel.
    EXPECT_EQ(view.zoom().durationNs(), std::max<int64_t>(500, view.zoom().widthPx()));
    EXPECT_NEAR(static_cast<double>(view.timeAtX(x)), static_cast<double>(before), 1.0);
}

TEST_F(TimelineViewTest, DragPansTheVisibleWindow) {
    view.setVisibleRange(400, 200);
    const int y = firstRowMiddle();
    const int x = view.gutterWidth() + 100;
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, QPoint(x, y));
    QMouseEvent move(QEvent::MouseMove, QPointF(x + 50, y),
                     view.viewport()->mapToGlobal(QPointF(x + 50, y)), Qt::NoButton, Qt::LeftButton,
                     Qt::NoModifier);
    QApplication::sendEvent(view.viewport(), &move);
    QSignalSpy spy(&view, &TimelineView::timeClicked);
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, QPoint(x + 50, y));
    EXPECT_LT(view.zoom().startNs(), 400); // dragged right: earlier times come into view
    EXPECT_EQ(spy.count(), 0);             // a drag is not a click
}

TEST_F(TimelineViewTest, ScaleEnlargesRows) {
    const int before = view.rowHeight();
    view.setScale(2.0);
    EXPECT_GT(view.rowHeight(), before * 3 / 2);
    EXPECT_FALSE(view.grab().toImage().isNull());
}

// Rows are filled in batches, one brush per state for all visible rows, from at most one
// rectangle per pixel column. The picture must still be exactly the one that filling every
// rectangle on its own (colour, then pattern, later ones over earlier ones) paints.
TEST(TimelineViewDenseTest, BatchedFillsPaintWhatPerRectangleFillsWould) {
    const SegmentKind kinds[] = {SegmentKind::Ready, SegmentKind::Running, SegmentKind::Waiting,
                                 SegmentKind::Blocked, SegmentKind::Busy};
    std::vector<TimelineRow> rows;
    int64_t end = 0;
    for (int r = 0; r < 4; ++r) {
        TimelineRow row{TimelineRow::Kind::Task, r + 1, "Task-" + std::to_string(r + 1), {}};
        int64_t t = r * 37;
        for (int64_t i = 0; i < 1500; ++i) {
            // Mostly sub-pixel, some one to eight pixels wide: too narrow for any caption.
            const int64_t length = i % 50 == 0 ? 2000 : i % 10 == 0 ? 500 : (i * 7919 + r) % 100;
            row.segments.push_back({t, t + length, kinds[(i / (1 + i % 4) + r) % 5], ""});
            t += length;
        }
        end = std::max(end, t);
        rows.push_back(std::move(row));
    }
    TimelineView view;
    view.resize(640, 240);
    view.setModel(std::make_shared<TimelineModel>(std::move(rows), end));
    view.setCurrentTime(end); // nothing lies ahead of the cursor, so nothing is veiled
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    view.clearFocus(); // the focus frame (AccessibilityTest) is not what this compares
    const QImage image = view.grab().toImage();

    // Paint the old way over a copy: where nothing changes, both agree.
    QImage reference = image.copy();
    const QPoint offset = view.viewport()->geometry().topLeft();
    const int gutter = view.gutterWidth(), rh = view.rowHeight(), top = view.headerHeight();
    const int width = view.viewport()->width();
    const double areaWidth = width - gutter;
    {
        QPainter p(&reference);
        p.translate(offset);
        p.setClipRect(QRect(0, top, width, view.viewport()->height() - top));
        const int pad = std::max(2, rh / 8);
        for (size_t row = 0; row < view.model()->rowCount(); ++row) {
            const int y = top + static_cast<int>(row) * rh;
            const auto range =
                view.model()->visibleRange(row, view.zoom().startNs(), view.zoom().endNs() + 1);
            const std::vector<DrawRect> rects =
                mergeSubPixel(view.model()->segments(row), range.first, range.second,
                              view.zoom().startNs(), view.zoom().nsPerPx());
            for (const DrawRect& r : rects) {
                const PixelSpan columns = pixelBox(r, areaWidth);
                if (columns.x1 <= columns.x0)
                    continue;
                const QRect box(gutter + columns.x0, y + pad, columns.x1 - columns.x0,
                                rh - 2 * pad);
                p.fillRect(box, TimelinePalette::fill(r.kind));
                p.setBrushOrigin(gutter, 0);
                p.fillRect(box, TimelinePalette::pattern(r.kind));
            }
            // Then the edges between looks, as the row's background showing through.
            std::vector<PixelSpan> spans, separated;
            snapToPixels(rects, areaWidth, spans);
            separated = spans;
            separateLooks(separated, 1);
            const QColor stripe = row % 2 == 1 ? view.palette().color(QPalette::AlternateBase)
                                               : view.palette().color(QPalette::Base);
            for (size_t i = 0; i < spans.size(); ++i)
                for (int x = spans[i].x0; x < spans[i].x1; ++x)
                    if (x < separated[i].x0 || x >= separated[i].x1)
                        p.fillRect(QRect(gutter + x, y + pad, 1, rh - 2 * pad), stripe);
        }
    }
    // The cursor (at the end) is painted over the rows; leave its columns out.
    const int cursorX = offset.x() + gutter + static_cast<int>(std::lround(view.zoom().nsToX(end)));
    int differing = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (std::abs(x - cursorX) > 2 && image.pixel(x, y) != reference.pixel(x, y))
                ++differing;
    EXPECT_EQ(differing, 0);

    // Sub-pixel runs of several states still read as "mixed".
    bool mixed = false;
    for (int x = gutter + 3; x < width && !mixed; ++x)
        for (int y = top; y < top + 4 * rh && !mixed; ++y)
            mixed = QColor(image.pixel(x + offset.x(), y + offset.y())) ==
                    TimelinePalette::fill(SegmentKind::Mixed);
    EXPECT_TRUE(mixed);
}

// The loop's row is drawn first but is no task: clicks on it select nothing, and the task
// rows below keep their model indices. A tooltip names what the task holds and its marks.
TEST(TimelineViewLoopRowTest, LoopRowComesFirstAndTooltipsTellHoldsAndMarks) {
    TimelineRow task{TimelineRow::Kind::Task, 1, "Task-1", {}};
    task.segments = {{0, 1000, SegmentKind::Waiting, "sleep", WaitKind::Sleep}};
    task.holds = {{0, 1000, false, "db"}};
    task.marks = {{1000, MarkKind::Finished, ""}};
    TimelineRow loop{TimelineRow::Kind::Loop, -1, "event loop", {}};
    loop.segments = {{0, 1000, SegmentKind::Waiting, "idle", WaitKind::Sleep}};
    TimelineView view;
    view.resize(640, 240);
    view.setModel(std::make_shared<TimelineModel>(std::vector<TimelineRow>{task}, loop, 1000));
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    const int loopY = view.headerHeight() + view.rowHeight() / 2;
    const int taskY = loopY + view.rowHeight();
    EXPECT_EQ(view.drawnRowAt(loopY), 0);
    EXPECT_EQ(view.rowAt(loopY), -1);
    EXPECT_EQ(view.drawnRowAt(taskY), 1);
    EXPECT_EQ(view.rowAt(taskY), 0);

    const int x = view.gutterWidth() + static_cast<int>(view.zoom().nsToX(995));
    const QPoint local(x, taskY);
    QHelpEvent help(QEvent::ToolTip, local, view.viewport()->mapToGlobal(local));
    QApplication::sendEvent(view.viewport(), &help);
    const QString text = QToolTip::text();
    EXPECT_TRUE(text.contains(QStringLiteral("Task-1: waiting (sleep)"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("holds lock 'db'"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("finished at 0.000001000 s"))) << text.toStdString();
}

} // namespace
} // namespace looplab
