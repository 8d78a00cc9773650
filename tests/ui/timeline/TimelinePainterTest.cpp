// The timeline's picture without a widget, as exports paint it: rows too many for the height
// are drawn dense (every row accounted for, each pixel line showing its rows' majority state),
// and a row height given by the caller is used as is.

#include "TimelinePainter.h"
#include "TimelinePalette.h"

#include <QFontMetrics>
#include <QImage>
#include <QPainter>

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace looplab {
namespace {

// `rows` task rows over [0, 1000): the first `running` rows run the whole time, the rest are
// ready the whole time. Running is a flat fill, so its pixels can be compared exactly; ready is
// dotted and only checked to differ.
TimelineModel twoStateModel(int rows, int running, int64_t endNs = 1000) {
    std::vector<TimelineRow> list;
    for (int r = 0; r < rows; ++r) {
        TimelineRow row{TimelineRow::Kind::Task, r + 1, "Task-" + std::to_string(r + 1), {}};
        row.segments = {{0, 1000, r < running ? SegmentKind::Running : SegmentKind::Ready, ""}};
        list.push_back(std::move(row));
    }
    return TimelineModel(std::move(list), endNs);
}

TimelineFrame frameFor(const QSize& size, const TimelineModel& model) {
    TimelineFrame frame;
    frame.size = size;
    frame.font.setPixelSize(12);
    frame.base = Qt::white;
    frame.alternate = QColor(0xF4, 0xF4, 0xF4);
    frame.text = Qt::black;
    frame.gutter = 80;
    frame.zoom = TimelineZoom(model.endNs(), size.width() - frame.gutter);
    return frame;
}

QImage paint(const TimelineModel& model, const TimelineFrame& frame) {
    QImage image(frame.size, QImage::Format_RGB32);
    QPainter p(&image);
    TimelinePainter painter;
    painter.paint(p, &model, frame);
    return image;
}

TEST(TimelinePainter, PixelsKeptFromOnePaintNeverShowAnotherModelOrZoom) {
    // One painter paints on: a run, then another run made in the same place (as a re-run after
    // an edit may be), then a zoom. Each picture equals what a fresh painter paints, and the
    // cursor moving alone (a step) changes nothing but the cursor.
    const QSize size(400, 160);
    std::optional<TimelineModel> model;
    model.emplace(twoStateModel(3, 3));
    const TimelineFrame frame = frameFor(size, *model);
    TimelinePainter kept;
    auto paintKept = [&](const TimelineFrame& f) {
        QImage image(f.size, QImage::Format_RGB32);
        QPainter p(&image);
        kept.paint(p, &*model, f);
        return image;
    };
    EXPECT_EQ(paintKept(frame), paint(*model, frame));
    const uint64_t firstId = model->id();
    model.reset();
    model.emplace(twoStateModel(3, 1)); // same address, other states
    EXPECT_NE(model->id(), firstId);
    const QImage second = paintKept(frame);
    EXPECT_EQ(second, paint(*model, frame));
    EXPECT_NE(second, paint(twoStateModel(3, 3), frame));
    TimelineFrame zoomed = frame;
    zoomed.zoom = TimelineZoom(model->endNs() * 2, size.width() - frame.gutter);
    EXPECT_EQ(paintKept(zoomed), paint(*model, zoomed));
    TimelineFrame stepped = frame;
    stepped.cursorNs = 500;
    EXPECT_EQ(paintKept(stepped), paint(*model, stepped));
}

TEST(TimelinePainter, DenseRowsFillTheHeightWithTheMajorityState) {
    // 3,000 rows in about 200 pixels: 15 rows share a pixel line. The first 2,000 run.
    const TimelineModel model = twoStateModel(3000, 2000);
    TimelineFrame frame = frameFor(QSize(600, 300), model);
    frame.dense = true;
    const QImage image = paint(model, frame);
    const int top = TimelinePainter::headerHeight(frame.font, 600);
    const int x = 300;
    const QColor running = TimelinePalette::fill(SegmentKind::Running);
    EXPECT_EQ(image.pixelColor(x, top + 1), running);
    // Two thirds down is where the ready rows begin; the last line holds the last rows.
    const int boundary = top + (300 - top) * 2 / 3;
    EXPECT_EQ(image.pixelColor(x, boundary - 2), running);
    EXPECT_NE(image.pixelColor(x, boundary + 2), running);
    EXPECT_NE(image.pixelColor(x, 299), frame.base) << "the last rows are drawn too";
    EXPECT_NE(image.pixelColor(x, 299), running);
}

TEST(TimelinePainter, WithoutDenseTheRowsBeyondTheHeightAreCut) {
    const TimelineModel model = twoStateModel(3000, 2000);
    const TimelineFrame frame = frameFor(QSize(600, 300), model);
    const QImage image = paint(model, frame);
    // One row per row height, down to the bottom: only the first (running) rows fit.
    const int top = TimelinePainter::headerHeight(frame.font, 600);
    const int rh = TimelinePainter::rowHeight(frame.font);
    const int lastWhole = (300 - top) / rh - 1;
    for (int k : {0, lastWhole})
        EXPECT_EQ(image.pixelColor(300, top + k * rh + rh / 2),
                  TimelinePalette::fill(SegmentKind::Running))
            << "row " << k;
}

TEST(TimelinePainter, AGivenRowHeightIsUsed) {
    const TimelineModel model = twoStateModel(2, 1);
    TimelineFrame frame = frameFor(QSize(600, 300), model);
    frame.rowHeight = 60;
    const QImage image = paint(model, frame);
    const int top = TimelinePainter::headerHeight(frame.font, 600);
    // Row 0 (running) fills [top, top + 60) less its padding; row 1 (ready) starts at top + 60.
    EXPECT_EQ(image.pixelColor(300, top + 50), TimelinePalette::fill(SegmentKind::Running));
    EXPECT_NE(image.pixelColor(300, top + 60 + 30), TimelinePalette::fill(SegmentKind::Running));
}

// In a narrow gutter the coroutine gives way first: the name stays whole as long as it fits.
TEST(TimelinePainter, ANarrowGutterElidesTheCoroutineBeforeTheName) {
    QFont font;
    font.setPixelSize(12);
    const QFontMetrics fm(font);
    const TimelineRow row(TimelineRow::Kind::Task, 2, "Task-2", {}, "download()");
    const QString whole = QString::fromUtf8("Task-2 \u00b7 download()");
    EXPECT_EQ(TimelinePainter::fittedLabel(row, fm, fm.horizontalAdvance(whole)), whole);
    const QString head = QString::fromUtf8("Task-2 \u00b7 ");
    const QString squeezed = TimelinePainter::fittedLabel(
        row, fm, fm.horizontalAdvance(head) + fm.horizontalAdvance(QStringLiteral("down…")));
    EXPECT_TRUE(squeezed.startsWith(head + "do")) << squeezed.toStdString();
    EXPECT_TRUE(squeezed.endsWith(QChar(0x2026))) << squeezed.toStdString();
    EXPECT_EQ(TimelinePainter::fittedLabel(row, fm, fm.horizontalAdvance(QStringLiteral("Task-2"))),
              QStringLiteral("Task-2"));
    const TimelineRow worker(TimelineRow::Kind::Worker, -1, "default worker 0");
    EXPECT_EQ(TimelinePainter::fittedLabel(worker, fm, 1000), QStringLiteral("default worker 0"));
}

TEST(TimelinePainter, TheLegendWrapsWhenNarrow) {
    QFont font;
    font.setPixelSize(12);
    EXPECT_GT(TimelinePainter::headerHeight(font, 300), TimelinePainter::headerHeight(font, 1600));
}

// A mark at the instant the shown run ends (stepping: now) is drawn whatever pixel that
// instant falls in. It was dropped when the instant lay a fraction of a pixel past the last
// whole one: lesson 12's timeout marks at 2.5 s showed at 1280 px and not at 1920 px.
TEST(TimelinePainter, AMarkAtTheEndIsDrawnAtAnyWidth) {
    for (int width : {333, 400, 517, 1000, 1777}) {
        auto model = [](bool marked) {
            TimelineRow row{TimelineRow::Kind::Task, 1, "Task-1", {}};
            row.segments = {{0, 700, SegmentKind::Running, ""}};
            if (marked)
                row.marks = {{700, MarkKind::TimeoutExpired, ""}};
            return TimelineModel({row}, 700); // cut at 700 ns of a 1000 ns run
        };
        const TimelineModel plain = model(false);
        const TimelineModel marked = model(true);
        TimelineFrame frame = frameFor(QSize(width + 80, 120), plain);
        frame.zoom = TimelineZoom(1000, width);
        // The rows only: the legend lists the kinds of mark the run has.
        const int top = TimelinePainter::headerHeight(frame.font, frame.size.width(), &marked);
        ASSERT_EQ(top, TimelinePainter::headerHeight(frame.font, frame.size.width(), &plain))
            << "the legend must take the same lines for the rows to be compared";
        const QRect rows(0, top, frame.size.width(), frame.size.height() - top);
        EXPECT_NE(paint(marked, frame).copy(rows), paint(plain, frame).copy(rows)) << width;
    }
}

TEST(TimelinePainter, TheCursorNeverCrossesTheAxisLabels) {
    // A cursor on a labelled second ran through its label ("0|1"). It now starts at the tick
    // marks: everything above them is the same with or without it, while the label it stands
    // under is really there.
    const TimelineModel model = twoStateModel(2, 2, 2'000'000'000);
    TimelineFrame frame = frameFor(QSize(600, 200), model);
    const QImage without = paint(model, frame);
    frame.cursorNs = 1'000'000'000;
    const QImage with = paint(model, frame);
    const QFontMetrics fm(frame.font);
    const int rowsTop = TimelinePainter::headerHeight(frame.font, 600, &model);
    const int ticksTop = rowsTop - fm.height() / 2;
    const int cx = frame.gutter + static_cast<int>(frame.zoom.nsToX(frame.cursorNs));
    const int labelsTop = ticksTop - fm.height();
    int labelInk = 0;
    for (int y = labelsTop; y < ticksTop; ++y)
        for (int x = cx - 1; x <= cx + 1; ++x)
            labelInk += without.pixelColor(x, y) != frame.base;
    EXPECT_GT(labelInk, 0) << "no label at the cursor: the test would prove nothing";
    for (int y = 0; y < ticksTop; ++y)
        for (int x = 0; x < 600; ++x)
            ASSERT_EQ(with.pixelColor(x, y), without.pixelColor(x, y)) << x << ", " << y;
    EXPECT_NE(with.pixelColor(cx, rowsTop + 40), without.pixelColor(cx, rowsTop + 40));
    // Its head across the tick band, wider than the line (the tick mark at cx is ink too).
    EXPECT_NE(with.pixelColor(cx + 3, ticksTop + 1), without.pixelColor(cx + 3, ticksTop + 1));
}

} // namespace
} // namespace looplab
