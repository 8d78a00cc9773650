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

TEST(ChartStyle, WaitKindsLookAsOnTheTimeline) {
    const ChartStyle style;
    // asyncio's words and the families' own names land on the timeline's look of the family.
    const std::vector<std::pair<std::string, WaitKind>> table = {
        {"sleep", WaitKind::Sleep},         {"lock", WaitKind::Lock},
        {"semaphore", WaitKind::Semaphore}, {"queue get", WaitKind::Queue},
        {"queue", WaitKind::Queue},         {"condition", WaitKind::Event},
        {"event", WaitKind::Event},         {"network", WaitKind::Network},
        {"executor", WaitKind::Executor},   {"gather", WaitKind::Await},
        {"await", WaitKind::Await},         {"wait_for", WaitKind::Await},
        {"late timer", WaitKind::Late}};
    for (const auto& [name, kind] : table) {
        EXPECT_EQ(ChartStyle::waitFill(name), TimelinePalette::waitFill(kind)) << name;
        EXPECT_EQ(ChartStyle::waitPattern(name).style(), TimelinePalette::waitHatch(kind)) << name;
        QSet<QRgb> expected{TimelinePalette::waitFill(kind).rgb()};
        if (TimelinePalette::waitHatch(kind) != Qt::NoBrush)
            expected.insert(TimelinePalette::waitPattern(kind).color().rgb());
        EXPECT_EQ(colorsOf(style.waitBrush(name)), expected) << name;
    }
}

TEST(ChartStyle, WaitKindsAreNamedInTheTimelinesWords) {
    EXPECT_EQ(ChartStyle::waitLabel("await"), "task / gather / future");
    EXPECT_EQ(ChartStyle::waitLabel("event"), "event / condition");
    EXPECT_EQ(ChartStyle::waitLabel("executor"), "executor / thread");
    // asyncio's own words stay as they are.
    for (const char* word : {"sleep", "lock", "semaphore", "network", "gather", "queue get"})
        EXPECT_EQ(ChartStyle::waitLabel(word), QString::fromLatin1(word));
}

TEST(ChartStyle, WaitKindsDifferInShadeAndPatternAndFromOtherStates) {
    std::set<std::pair<QRgb, int>> looks;
    std::set<QRgb> shades;
    for (int w = 1; w < kWaitKindCount; ++w) {
        const std::string name = waitKindName(static_cast<WaitKind>(w));
        looks.insert(
            {ChartStyle::waitFill(name).rgb(), int(ChartStyle::waitPattern(name).style())});
        shades.insert(ChartStyle::waitFill(name).rgb());
        const Qt::BrushStyle pattern = ChartStyle::waitPattern(name).style();
        // Waiting shades stay in the cool family: blue is the strongest channel.
        const QColor fill = ChartStyle::waitFill(name);
        EXPECT_GE(fill.blue(), fill.red()) << name;
        EXPECT_GE(fill.blue(), fill.green()) << name;
        for (SegmentKind other : {SegmentKind::Ready, SegmentKind::Mixed})
            EXPECT_NE(pattern, TimelinePalette::pattern(other).style()) << name;
    }
    EXPECT_EQ(looks.size(), size_t(kWaitKindCount - 1));
    EXPECT_EQ(shades.size(), size_t(kWaitKindCount - 1));
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
        const QColor expected =
            concurrency->layerKind(i) == SegmentKind::Waiting
                ? ChartStyle::waitFill(stats.waitKinds()[size_t(concurrency->layerWaitIndex(i))])
                : TimelinePalette::fill(concurrency->layerKind(i));
        EXPECT_EQ(concurrency->layer(i)->brush().color(), expected) << i;
    }

    std::unique_ptr<BreakdownChart> breakdown(BreakdownChart::build(stats, style));
    for (int i = 0; i < breakdown->setCount(); ++i) {
        const QColor expected =
            breakdown->setKind(i) == SegmentKind::Waiting
                ? ChartStyle::waitFill(stats.waitKinds()[size_t(breakdown->setWaitIndex(i))])
                : TimelinePalette::fill(breakdown->setKind(i));
        EXPECT_EQ(breakdown->set(i)->brush().color(), expected) << i;
    }
}

} // namespace
} // namespace looplab
