// The charts' look: the timeline's state colours and patterns, wait kinds that stay apart,
// and light/dark and scale taken from the palette and the caller.

#include "ChartStyle.h"
#include "BreakdownChart.h"
#include "ChartTestModels.h"
#include "ConcurrencyChart.h"
#include "TimelinePalette.h"

#include <QAreaSeries>
#include <QBarSet>
#include <QImage>
#include <QPixmap>
#include <QSet>

#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <utility>

namespace looplab {
namespace {

using charts_test::sampleModel;

QPalette darkPalette() {
    QPalette p;
    p.setColor(QPalette::Base, QColor(0x1E, 0x1E, 0x1E));
    p.setColor(QPalette::Window, QColor(0x2A, 0x2A, 0x2A));
    p.setColor(QPalette::Text, QColor(0xE8, 0xE8, 0xE8));
    p.setColor(QPalette::WindowText, QColor(0xE8, 0xE8, 0xE8));
    return p;
}

// Every colour a texture brush paints with.
QSet<QRgb> colorsOf(const QBrush& brush) {
    QSet<QRgb> colors;
    if (brush.style() != Qt::TexturePattern) {
        colors.insert(brush.color().rgb());
        return colors;
    }
    const QImage tile = brush.texture().toImage();
    for (int y = 0; y < tile.height(); ++y)
        for (int x = 0; x < tile.width(); ++x)
            colors.insert(tile.pixelColor(x, y).rgb());
    return colors;
}

TEST(ChartStyle, StatesUseTheTimelinesFillAndPattern) {
    const ChartStyle style;
    for (SegmentKind kind : {SegmentKind::Running, SegmentKind::Ready, SegmentKind::Waiting,
                             SegmentKind::Blocked, SegmentKind::Busy}) {
        SCOPED_TRACE(segmentKindName(kind));
        EXPECT_EQ(ChartStyle::fill(kind), TimelinePalette::fill(kind));
        const QBrush brush = style.brush(kind);
        EXPECT_EQ(brush.color(), TimelinePalette::fill(kind));
        QSet<QRgb> expected{TimelinePalette::fill(kind).rgb()};
        if (TimelinePalette::pattern(kind).style() != Qt::NoBrush)
            expected.insert(TimelinePalette::pattern(kind).color().rgb());
        EXPECT_EQ(colorsOf(brush), expected);
    }
}

TEST(ChartStyle, FirstWaitKindLooksLikeTheTimelinesWaiting) {
    const ChartStyle style;
    EXPECT_EQ(ChartStyle::waitFill(0), TimelinePalette::fill(SegmentKind::Waiting));
    EXPECT_EQ(ChartStyle::waitPattern(0).style(),
              TimelinePalette::pattern(SegmentKind::Waiting).style());
    EXPECT_EQ(colorsOf(style.waitBrush(0)), colorsOf(style.brush(SegmentKind::Waiting)));
}

TEST(ChartStyle, WaitKindsDifferInShadeAndPatternAndFromOtherStates) {
    std::set<std::pair<QRgb, int>> looks;
    for (int i = 0; i < 20; ++i)
        looks.insert({ChartStyle::waitFill(i).rgb(), int(ChartStyle::waitPattern(i).style())});
    EXPECT_EQ(looks.size(), 20u);
    for (int i = 0; i < 6; ++i) {
        const Qt::BrushStyle pattern = ChartStyle::waitPattern(i).style();
        EXPECT_NE(pattern, Qt::NoBrush) << i;
        // Waiting shades stay sky blue: blue is the strongest channel.
        const QColor fill = ChartStyle::waitFill(i);
        EXPECT_GT(fill.blue(), fill.red()) << i;
        for (SegmentKind other : {SegmentKind::Ready, SegmentKind::Blocked, SegmentKind::Mixed})
            EXPECT_NE(pattern, TimelinePalette::pattern(other).style()) << i;
    }
    for (int i = 1; i < 5; ++i)
        EXPECT_NE(ChartStyle::waitPattern(i).style(), ChartStyle::waitPattern(i - 1).style());
    EXPECT_NE(ChartStyle::waitFill(1), ChartStyle::waitFill(0));
}

TEST(ChartStyle, FollowsThePaletteAndScale) {
    const ChartStyle light = ChartStyle::fromPalette(QPalette(Qt::white), 1.0);
    EXPECT_FALSE(light.isDark());
    const ChartStyle dark = ChartStyle::fromPalette(darkPalette(), 2.0);
    EXPECT_TRUE(dark.isDark());
    EXPECT_EQ(dark.background(), QColor(0x1E, 0x1E, 0x1E));
    EXPECT_EQ(dark.text(), QColor(0xE8, 0xE8, 0xE8));
    EXPECT_EQ(dark.cursor(), dark.text());
    EXPECT_DOUBLE_EQ(dark.font().pointSizeF(), 2.0 * ChartStyle().font().pointSizeF());
    EXPECT_DOUBLE_EQ(dark.lineWidth(1.5), 3.0);
    // The hatch grows with the scale, so patterns stay visible on a projector.
    EXPECT_EQ(dark.brush(SegmentKind::Ready).texture().width(),
              2 * ChartStyle().brush(SegmentKind::Ready).texture().width());
}

TEST(ChartStyle, ChartsPaintSeriesWithTheStyle) {
    const TimelineModel model = sampleModel();
    const RunStatistics stats(model);
    const ChartStyle style = ChartStyle::fromPalette(darkPalette(), 1.0);

    std::unique_ptr<ConcurrencyChart> concurrency(ConcurrencyChart::build(stats, style));
    EXPECT_EQ(concurrency->backgroundBrush().color(), style.background());
    EXPECT_EQ(concurrency->titleBrush().color(), style.text());
    for (int i = 0; i < concurrency->layerCount(); ++i) {
        const QColor expected = concurrency->layerKind(i) == SegmentKind::Waiting
                                    ? ChartStyle::waitFill(concurrency->layerWaitIndex(i))
                                    : TimelinePalette::fill(concurrency->layerKind(i));
        EXPECT_EQ(concurrency->layer(i)->brush().color(), expected) << i;
    }

    std::unique_ptr<BreakdownChart> breakdown(BreakdownChart::build(stats, style));
    for (int i = 0; i < breakdown->setCount(); ++i) {
        const QColor expected = breakdown->setKind(i) == SegmentKind::Waiting
                                    ? ChartStyle::waitFill(breakdown->setWaitIndex(i))
                                    : TimelinePalette::fill(breakdown->setKind(i));
        EXPECT_EQ(breakdown->set(i)->brush().color(), expected) << i;
    }
}

} // namespace
} // namespace looplab
