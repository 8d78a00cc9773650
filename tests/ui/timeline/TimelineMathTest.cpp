// Tables of inputs and expected outputs for the pixel maths.

#include "TimelineMath.h"

#include <gtest/gtest.h>

#include <ostream>

namespace looplab {

void PrintTo(const DrawRect& r, std::ostream* os) {
    *os << segmentKindName(r.kind) << " x[" << r.x0 << ", " << r.x1 << ") segs[" << r.firstSegment
        << ", " << r.lastSegment << ")" << (r.merged ? " merged" : "");
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

} // namespace
} // namespace looplab
