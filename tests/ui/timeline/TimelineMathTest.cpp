// Tables of inputs and expected outputs for the pixel maths.

#include "TimelineMath.h"
#include "TimelineModel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>

namespace looplab {

void PrintTo(const DrawRect& r, std::ostream* os) {
    *os << segmentKindName(r.kind) << " x[" << r.x0 << ", " << r.x1 << ") segs[" << r.firstSegment
        << ", " << r.lastSegment << ")" << (r.merged ? " merged" : "");
}

void PrintTo(const PixelSpan& s, std::ostream* os) {
    *os << segmentKindName(s.kind) << " px[" << s.x0 << ", " << s.x1 << ")";
}

namespace {

constexpr auto R = SegmentKind::Running;
constexpr auto Q = SegmentKind::Ready;
constexpr auto W = SegmentKind::Waiting;
constexpr auto M = SegmentKind::Mixed;

TEST(TimelineMath, NsToX) {
    struct Case {
        int64_t ns, startNs;
        double nsPerPx, x;
    };
    const std::vector<Case> cases = {
        {0, 0, 1, 0},
        {150, 100, 10, 5},
        {100, 200, 10, -10},
        {5, 0, 0.5, 10},
        {3000000000, 1000000000, 1e7, 200},
    };
    for (const Case& c : cases)
        EXPECT_DOUBLE_EQ(nsToX(c.ns, c.startNs, c.nsPerPx), c.x) << c.ns << " from " << c.startNs;
}

TEST(TimelineMath, XToNsRoundsToNearestNs) {
    struct Case {
        double x;
        int64_t startNs;
        double nsPerPx;
        int64_t ns;
    };
    const std::vector<Case> cases = {
        {2.5, 0, 10, 25},     {0.04, 0, 10, 0},  {0.06, 0, 10, 1},
        {3, 1000, 0.5, 1002}, {-1, 100, 10, 90}, {200, 1000000000, 1e7, 3000000000},
    };
    for (const Case& c : cases)
        EXPECT_EQ(xToNs(c.x, c.startNs, c.nsPerPx), c.ns) << c.x;
}

TEST(TimelineMath, MergeSubPixel) {
    struct Case {
        const char* name;
        std::vector<Segment> segments;
        size_t first, last;
        int64_t startNs;
        double nsPerPx;
        std::vector<DrawRect> expected;
    };
    const std::vector<Case> cases = {
        {"wide segments keep their own rectangles",
         {{0, 100, R, ""}, {100, 250, W, "sleep"}},
         0,
         2,
         0,
         10,
         {{0, 10, R, 0, 1, false}, {10, 25, W, 1, 2, false}}},
        {"a pixel mostly running is drawn running",
         {{0, 3, R, ""}, {3, 5, Q, ""}, {5, 10, R, ""}},
         0,
         3,
         0,
         10,
         {{0, 1, R, 0, 3, true}}},
        {"an even split is mixed",
         {{0, 5, R, ""}, {5, 10, Q, ""}},
         0,
         2,
         0,
         10,
         {{0, 1, M, 0, 2, true}}},
        {"neighbouring pixels of one kind join",
         {{0, 6, R, ""}, {6, 10, W, ""}, {10, 16, R, ""}, {16, 20, W, ""}},
         0,
         4,
         0,
         10,
         {{0, 2, R, 0, 4, true}}},
        {"neighbouring pixels of different kinds stay apart",
         {{0, 6, R, ""}, {6, 10, W, ""}, {10, 13, R, ""}, {13, 20, W, ""}},
         0,
         4,
         0,
         10,
         {{0, 1, R, 0, 2, true}, {1, 2, W, 2, 4, true}}},
        {"a lone narrow segment is widened to a pixel",
         {{0, 4, W, ""}, {4, 30, R, ""}},
         0,
         2,
         0,
         10,
         {{0, 1, W, 0, 1, true}, {0.4, 3, R, 1, 2, false}}},
        {"the visible start shifts x",
         {{100, 200, R, ""}},
         0,
         1,
         100,
         10,
         {{0, 10, R, 0, 1, false}}},
        {"only the requested index range",
         {{0, 100, R, ""}, {100, 250, W, ""}, {250, 400, R, ""}},
         1,
         2,
         0,
         10,
         {{10, 25, W, 1, 2, false}}},
        {"an empty range gives nothing", {{0, 100, R, ""}}, 1, 1, 0, 10, {}},
        {"empty segments keep their kind", {{0, 0, Q, ""}}, 0, 1, 0, 10, {{0, 1, Q, 0, 1, true}}},
    };
    for (const Case& c : cases)
        EXPECT_EQ(mergeSubPixel(c.segments, c.first, c.last, c.startNs, c.nsPerPx), c.expected)
            << c.name;
}

TEST(TimelineMath, MergeBoundsRectanglesByPixels) {
    // 100,000 alternating segments of 10 ns over 1000 px: at most about one rectangle per px.
    std::vector<Segment> segments;
    for (int64_t i = 0; i < 100000; ++i)
        segments.push_back({i * 10, i * 10 + 10, i % 3 == 0 ? W : R, ""});
    const auto rects = mergeSubPixel(segments, 0, segments.size(), 0, 1000.0);
    EXPECT_LE(rects.size(), 1001u);
    EXPECT_EQ(rects.front().firstSegment, 0u);
    EXPECT_EQ(rects.back().lastSegment, segments.size());
}

TEST(TimelineMath, SnapToPixels) {
    constexpr auto B = SegmentKind::Blocked;
    struct Case {
        const char* name;
        std::vector<DrawRect> rects;
        double areaWidth;
        std::vector<PixelSpan> expected;
    };
    const std::vector<Case> cases = {
        {"boxes run from floor(x0) to ceil(x1)", {{0.5, 3.2, R, 0, 1, false}}, 100, {{0, 4, R}}},
        {"a later box paints over the shared column",
         {{0, 2.5, R, 0, 1, false}, {2.5, 6, W, 1, 2, false}},
         100,
         {{0, 2, R}, {2, 6, W}}},
        {"touching boxes of one kind become one span",
         {{0, 2, R, 0, 1, false}, {2, 3, R, 1, 4, true}, {3, 7.5, R, 4, 5, false}},
         100,
         {{0, 8, R}}},
        {"a box covered completely disappears",
         {{3.1, 4.1, M, 0, 2, true}, {3.9, 9, W, 2, 3, false}},
         100,
         {{3, 9, W}}},
        {"an older span reaching past a narrow box keeps its tail",
         {{0, 6, R, 0, 1, false}, {2, 3, B, 1, 2, false}},
         100,
         {{0, 2, R}, {2, 3, B}, {3, 6, R}}},
        {"clipped to the time area, at least a pixel",
         {{-50, 0.2, W, 0, 1, false}, {0.2, 99.5, R, 1, 2, false}, {99.5, 500, Q, 2, 3, false}},
         100,
         {{0, 99, R}, {99, 100, Q}}},
        {"boxes outside the area vanish",
         {{-5, -1, R, 0, 1, false}, {120, 130, W, 1, 2, false}},
         100,
         {}},
    };
    std::vector<PixelSpan> spans;
    for (const Case& c : cases) {
        snapToPixels(c.rects, c.areaWidth, spans);
        EXPECT_EQ(spans, c.expected) << c.name;
    }
}

// The batched painting of a dense row: each pixel column is filled at most once, by the state
// that per-rectangle painting (later rectangles over earlier ones) would have left there.
TEST(TimelineMath, DenseRowFillsEachPixelColumnAtMostOnce) {
    const SegmentKind kinds[] = {Q, R, W, SegmentKind::Blocked, SegmentKind::Busy};
    for (const double nsPerPx : {3.0, 40.0, 500.0, 100000.0}) {
        std::vector<Segment> segments;
        int64_t t = 0;
        for (int64_t i = 0; i < 100000; ++i) {
            // Irregular lengths from nothing to many pixels, runs of one kind now and then.
            const int64_t length = (i * 7919) % 1500;
            segments.push_back({t, t + length, kinds[(i / (1 + i % 3)) % 5], ""});
            t += length;
        }
        const int areaWidth = 1700;
        const int64_t startNs = t / 3;
        const auto range =
            TimelineModel(std::vector<TimelineRow>{{TimelineRow::Kind::Task, 1, "t", segments}}, t)
                .visibleRange(0, startNs, startNs + static_cast<int64_t>(areaWidth * nsPerPx) + 1);
        std::vector<DrawRect> rects;
        mergeSubPixel(segments, range.first, range.second, startNs, nsPerPx, rects);
        std::vector<PixelSpan> spans;
        snapToPixels(rects, areaWidth, spans);

        // Reference: paint every rectangle's box into a column array, later over earlier.
        std::vector<int> owner(areaWidth, -1);
        for (const DrawRect& r : rects) {
            const PixelSpan box = pixelBox(r, areaWidth);
            for (int x = box.x0; x < box.x1; ++x)
                owner[static_cast<size_t>(x)] = static_cast<int>(r.kind);
        }
        std::vector<int> painted(areaWidth, -1);
        int fills = 0;
        for (size_t i = 0; i < spans.size(); ++i) {
            const PixelSpan& s = spans[i];
            ASSERT_LT(s.x0, s.x1) << nsPerPx;
            ASSERT_GE(s.x0, 0);
            ASSERT_LE(s.x1, areaWidth);
            if (i > 0) {
                ASSERT_LE(spans[i - 1].x1, s.x0) << "spans overlap at " << s.x0;
                if (spans[i - 1].x1 == s.x0) {
                    EXPECT_NE(spans[i - 1].kind, s.kind) << "unjoined neighbours at " << s.x0;
                }
            }
            for (int x = s.x0; x < s.x1; ++x) {
                ASSERT_EQ(painted[static_cast<size_t>(x)], -1) << "column " << x << " twice";
                painted[static_cast<size_t>(x)] = static_cast<int>(s.kind);
                ++fills;
            }
        }
        EXPECT_EQ(painted, owner) << nsPerPx;
        EXPECT_LE(spans.size(), static_cast<size_t>(areaWidth));
        EXPECT_LE(fills, areaWidth);
        if (nsPerPx >= 500) {
            EXPECT_GT(rects.size(), spans.size()) << "dense rows must batch: " << nsPerPx;
        }
        // Sub-pixel runs of several kinds are still shown as mixed.
        if (nsPerPx >= 100000) {
            EXPECT_TRUE(std::any_of(spans.begin(), spans.end(),
                                    [](const PixelSpan& s) { return s.kind == M; }));
        }
    }
}

TEST(AxisLabels, EachOverItsTickInsideTheAreaAndNeverRunTogether) {
    struct Row {
        std::vector<int> centres, widths;
        int left, right, gap;
        std::vector<int> lefts;
    };
    const Row rows[] = {
        // room for all: centred on their ticks
        {{100, 200, 300}, {40, 40, 40}, 50, 400, 5, {80, 180, 280}},
        // the first would start left of the area: left out
        {{60, 160}, {40, 40}, 50, 400, 5, {-1, 140}},
        // the last pushed in from the right edge stays clear of the one before: drawn there
        {{100, 200, 290}, {40, 40, 40}, 50, 300, 5, {80, 180, 260}},
        // ... but pushed onto the one before ("0.95 1.00"): left out
        {{100, 200, 240}, {40, 40, 40}, 50, 245, 5, {80, 180, -1}},
        // a gap of its own between every two
        {{100, 142}, {40, 40}, 0, 1000, 5, {80, -1}},
        {{100, 145}, {40, 40}, 0, 1000, 5, {80, 125}},
    };
    for (const Row& r : rows)
        EXPECT_EQ(axisLabelLefts(r.centres, r.widths, r.left, r.right, r.gap), r.lefts);
}

} // namespace
// Neighbouring spans of different looks get an edge; the same look, a gap already there or a
// sliver too thin to give up a column keep their columns.
TEST(SeparateLooks, DifferentLooksThatTouchGetAGapOfBackground) {
    using S = SegmentKind;
    using W = WaitKind;
    std::vector<PixelSpan> spans = {{0, 10, S::Waiting, W::Lock},   {10, 20, S::Waiting, W::Sleep},
                                    {20, 30, S::Waiting, W::Sleep}, {30, 32, S::Running, W::None},
                                    {32, 40, S::Ready, W::None},    {45, 50, S::Busy, W::None},
                                    {50, 52, S::Running, W::None},  {52, 54, S::Ready, W::None}};
    separateLooks(spans, 1);
    const std::vector<PixelSpan> expected = {
        {0, 10, S::Waiting, W::Lock},   {11, 20, S::Waiting, W::Sleep},
        {20, 29, S::Waiting, W::Sleep}, {30, 32, S::Running, W::None},
        {33, 40, S::Ready, W::None},    {45, 49, S::Busy, W::None},
        {50, 52, S::Running, W::None},  {52, 54, S::Ready, W::None}};
    EXPECT_EQ(spans, expected);
}

// A column of sub-pixel waits takes the look of the wait kind that lasted longest in it.
TEST(MergeSubPixel, AMergedWaitingColumnKeepsItsLongestWaitKind) {
    std::vector<Segment> segments = {{0, 30, SegmentKind::Waiting, "lock", WaitKind::Lock},
                                     {30, 40, SegmentKind::Running, ""},
                                     {40, 100, SegmentKind::Waiting, "sleep", WaitKind::Sleep}};
    const std::vector<DrawRect> rects = mergeSubPixel(segments, 0, 3, 0, 1000.0);
    ASSERT_EQ(rects.size(), 1u);
    EXPECT_EQ(rects[0].kind, SegmentKind::Waiting);
    EXPECT_EQ(rects[0].wait, WaitKind::Sleep);
}

} // namespace looplab
