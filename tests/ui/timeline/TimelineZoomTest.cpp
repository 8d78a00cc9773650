// Zooming and panning of the visible window, including its clamping to the run.

#include "TimelineZoom.h"

#include <gtest/gtest.h>

namespace looplab {
namespace {

TEST(TimelineZoom, StartsShowingTheWholeRun) {
    const TimelineZoom zoom(1000, 100);
    EXPECT_EQ(zoom.startNs(), 0);
    EXPECT_EQ(zoom.durationNs(), 1000);
    EXPECT_DOUBLE_EQ(zoom.nsPerPx(), 10);
    EXPECT_DOUBLE_EQ(zoom.nsToX(500), 50);
    EXPECT_EQ(zoom.xToNs(25), 250);
}

TEST(TimelineZoom, ZoomKeepsTheTimeUnderTheMouse) {
    struct Case {
        double x, factor;
        int64_t start, duration;
    };
    const std::vector<Case> cases = {
        {50, 2, 250, 500},   // in around the middle
        {0, 2, 0, 500},      // in around the left edge
        {100, 4, 750, 250},  // in around the right edge
        {50, 0.1, 0, 1000},  // out past the whole run: clamped
        {50, 1e9, 450, 100}, // in past one ns per pixel: clamped
        {50, 0, 0, 1000},    // nonsense factor: ignored
    };
    for (const Case& c : cases) {
        TimelineZoom zoom(1000, 100);
        const int64_t before = zoom.xToNs(c.x);
        zoom.zoomAround(c.x, c.factor);
        EXPECT_EQ(zoom.startNs(), c.start) << c.x << " x" << c.factor;
        EXPECT_EQ(zoom.durationNs(), c.duration) << c.x << " x" << c.factor;
        if (c.factor >= 1 && c.factor < 100) {
            EXPECT_EQ(zoom.xToNs(c.x), before);
        }
    }
}

TEST(TimelineZoom, PanMovesByPixelsAndStopsAtTheEnds) {
    struct Case {
        double dx;
        int64_t start;
    };
    const std::vector<Case> cases = {{10, 200}, {-10, 300}, {1000, 0}, {-1000, 500}, {0, 250}};
    for (const Case& c : cases) {
        TimelineZoom zoom(1000, 100);
        zoom.zoomAround(50, 2); // [250, 750), 5 ns per px
        zoom.pan(c.dx);
        EXPECT_EQ(zoom.startNs(), c.start) << c.dx;
        EXPECT_EQ(zoom.durationNs(), 500);
    }
}

TEST(TimelineZoom, EnsureVisibleMovesTheLeastNeeded) {
    TimelineZoom zoom(1000, 100);
    zoom.setVisible(200, 100);
    zoom.ensureVisible(250);
    EXPECT_EQ(zoom.startNs(), 200);
    zoom.ensureVisible(900);
    EXPECT_EQ(zoom.startNs(), 800);
    zoom.ensureVisible(10);
    EXPECT_EQ(zoom.startNs(), 10);
}

TEST(TimelineZoom, ResizingAndShorterRunsStayClamped) {
    TimelineZoom zoom(1000, 100);
    zoom.setVisible(900, 100);
    zoom.setRunEnd(500);
    EXPECT_EQ(zoom.startNs(), 400);
    EXPECT_EQ(zoom.durationNs(), 100);
    zoom.setWidth(200);
    EXPECT_EQ(zoom.durationNs(), 200); // one ns per px at least
    EXPECT_EQ(zoom.startNs(), 300);
}

TEST(TimelineZoom, EmptyRunDoesNotDivideByZero) {
    TimelineZoom zoom(0, 0);
    EXPECT_EQ(zoom.widthPx(), 1);
    EXPECT_EQ(zoom.durationNs(), 1);
    zoom.zoomAround(0, 2);
    zoom.pan(5);
    EXPECT_EQ(zoom.startNs(), 0);
}

} // namespace
} // namespace looplab
