#pragma once
// Pixel maths of the timeline, header-only and free of widgets so it can be tested with tables.
//
// x is measured in pixels from the left edge of the time area; `startNs` is the virtual time
// drawn at x = 0 and `nsPerPx` how much virtual time one pixel covers.

#include "TimelineSegment.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace looplab {

inline double nsToX(int64_t ns, int64_t startNs, double nsPerPx) {
    return static_cast<double>(ns - startNs) / nsPerPx;
}

// Rounds to the nearest ns so that nsToX(xToNs(x)) lands back on x for whole pixels.
inline int64_t xToNs(double x, int64_t startNs, double nsPerPx) {
    return startNs + static_cast<int64_t>(std::llround(x * nsPerPx));
}

// One rectangle to paint: either a single segment at least a pixel wide, or a run of
// consecutive narrower segments squeezed into the pixel column they start in.
struct DrawRect {
    double x0 = 0;
    double x1 = 0;
    SegmentKind kind = SegmentKind::Mixed;
    size_t firstSegment = 0; // the segments it stands for: [firstSegment, lastSegment)
    size_t lastSegment = 0;
    bool merged = false; // stands for sub-pixel segments (drawn without labels or hatching)
    WaitKind wait = WaitKind::None; // Waiting: which family's colour

    bool operator==(const DrawRect& o) const {
        return x0 == o.x0 && x1 == o.x1 && kind == o.kind && firstSegment == o.firstSegment &&
               lastSegment == o.lastSegment && merged == o.merged && wait == o.wait;
    }
};

namespace detail {

// Accumulates sub-pixel segments of one pixel column and decides their colour.
struct PixelGroup {
    bool active = false;
    double x0 = 0;
    double x1 = 0;
    double column = 0; // floor(x0): the group never reaches past the column it started in
    size_t first = 0;
    size_t last = 0;
    std::array<int64_t, 6> nsByKind{};
    std::array<int64_t, kWaitKindCount> nsByWait{}; // the Waiting share, by family
    int64_t totalNs = 0;
    SegmentKind firstKind = SegmentKind::Mixed;
    WaitKind firstWait = WaitKind::None;

    // When Waiting dominates: the family that waited longest in the group.
    WaitKind dominantWait() const {
        if (totalNs == 0)
            return firstWait;
        size_t best = 0;
        for (size_t w = 1; w < nsByWait.size(); ++w)
            if (nsByWait[w] > nsByWait[best])
                best = w;
        return static_cast<WaitKind>(best);
    }

    // The kind covering more than half of the group's time, else Mixed: a tie or a three-way
    // split must not look like any one state.
    SegmentKind dominantKind() const {
        if (totalNs == 0)
            return firstKind; // only empty segments: nothing to weigh
        for (size_t k = 0; k < nsByKind.size(); ++k)
            if (2 * nsByKind[k] > totalNs)
                return static_cast<SegmentKind>(k);
        return SegmentKind::Mixed;
    }
};

inline void flushGroup(PixelGroup& group, std::vector<DrawRect>& out) {
    if (!group.active)
        return;
    group.active = false;
    // At least a pixel wide, or it would vanish; whatever follows paints over the excess.
    const SegmentKind kind = group.dominantKind();
    const DrawRect rect{group.x0,
                        std::max(group.x1, group.x0 + 1.0),
                        kind,
                        group.first,
                        group.last,
                        true,
                        kind == SegmentKind::Waiting ? group.dominantWait() : WaitKind::None};
    // Neighbouring merged columns of the same colour become one rectangle: fewer fills.
    if (!out.empty() && out.back().merged && out.back().kind == rect.kind &&
        out.back().wait == rect.wait && out.back().x1 >= rect.x0 &&
        out.back().lastSegment == rect.firstSegment) {
        out.back().x1 = std::max(out.back().x1, rect.x1);
        out.back().lastSegment = rect.lastSegment;
        return;
    }
    out.push_back(rect);
}

} // namespace detail

// Turns segments[first, last) into rectangles to paint. Segments at least one pixel wide keep
// their own rectangle; consecutive narrower ones starting in the same pixel column are merged
// into one, so a zoomed-out row of 100,000 segments costs at most a few fills per pixel.
// Writes into `out` (cleared first) so a painter can reuse one buffer for every row.
inline void mergeSubPixel(const std::vector<Segment>& segments, size_t first, size_t last,
                          int64_t startNs, double nsPerPx, std::vector<DrawRect>& out) {
    out.clear();
    detail::PixelGroup group;
    for (size_t i = first; i < last && i < segments.size(); ++i) {
        const Segment& s = segments[i];
        const double x0 = nsToX(s.startNs, startNs, nsPerPx);
        const double x1 = nsToX(s.endNs, startNs, nsPerPx);
        if (x1 - x0 >= 1.0) {
            detail::flushGroup(group, out);
            out.push_back({x0, x1, s.kind, i, i + 1, false, s.wait});
            continue;
        }
        if (group.active && std::floor(x0) > group.column)
            detail::flushGroup(group, out);
        if (!group.active) {
            group = detail::PixelGroup();
            group.active = true;
            group.x0 = x0;
            group.column = std::floor(x0);
            group.first = i;
            group.firstKind = s.kind;
            group.firstWait = s.wait;
        }
        group.x1 = x1;
        group.last = i + 1;
        const int64_t ns = s.endNs - s.startNs;
        group.nsByKind[static_cast<size_t>(s.kind)] += ns;
        if (s.kind == SegmentKind::Waiting)
            group.nsByWait[static_cast<size_t>(s.wait)] += ns;
        group.totalNs += ns;
    }
    detail::flushGroup(group, out);
}

inline std::vector<DrawRect> mergeSubPixel(const std::vector<Segment>& segments, size_t first,
                                           size_t last, int64_t startNs, double nsPerPx) {
    std::vector<DrawRect> out;
    mergeSubPixel(segments, first, last, startNs, nsPerPx, out);
    return out;
}

// Whole pixel columns [x0, x1) of the time area: what the view fills for one state.
struct PixelSpan {
    int x0 = 0;
    int x1 = 0;
    SegmentKind kind = SegmentKind::Mixed;
    WaitKind wait = WaitKind::None;

    bool operator==(const PixelSpan& o) const {
        return x0 == o.x0 && x1 == o.x1 && kind == o.kind && wait == o.wait;
    }
    bool sameFill(const PixelSpan& o) const { return kind == o.kind && wait == o.wait; }
};

// The columns a rectangle covers once clipped to the time area [0, areaWidth) and widened to
// whole pixels (at least one): floor(x0) to ceil(x1). Clipping comes before converting to int:
// deep zoom puts far segment ends way off screen. Empty (x1 <= x0) when nothing is visible.
inline PixelSpan pixelBox(const DrawRect& r, double areaWidth) {
    const double x0 = std::max(r.x0, 0.0), x1 = std::min(r.x1, areaWidth);
    if (x1 <= x0)
        return {0, 0, r.kind, r.wait};
    const int left = static_cast<int>(std::floor(x0));
    return {left, left + std::max(1, static_cast<int>(std::ceil(x1) - std::floor(x0))), r.kind,
            r.wait};
}

// What painting the rectangles one after another (mergeSubPixel's order, later ones over
// earlier ones where their pixel boxes overlap) leaves on screen, as sorted, disjoint, non-empty
// spans where neighbours that touch have different kinds: each pixel column of a row belongs to
// at most one span, so a row costs at most one fill per column and usually far fewer.
// Expects the boxes' left edges in ascending order, as mergeSubPixel produces them.
inline void snapToPixels(const std::vector<DrawRect>& rects, double areaWidth,
                         std::vector<PixelSpan>& out) {
    out.clear();
    auto append = [&out](const PixelSpan& span) {
        if (!out.empty() && out.back().sameFill(span) && out.back().x1 == span.x0)
            out.back().x1 = span.x1;
        else
            out.push_back(span);
    };
    for (const DrawRect& r : rects) {
        const PixelSpan box = pixelBox(r, areaWidth);
        if (box.x1 <= box.x0)
            continue;
        // Cut back whatever the new box paints over; an older span reaching past it keeps
        // its tail.
        PixelSpan tail{0, 0, box.kind, box.wait};
        while (!out.empty() && out.back().x1 > box.x0) {
            PixelSpan& previous = out.back();
            if (previous.x1 > box.x1 && tail.x1 <= tail.x0)
                tail = {box.x1, previous.x1, previous.kind, previous.wait};
            if (previous.x0 < box.x0) {
                previous.x1 = box.x0;
                break;
            }
            out.pop_back();
        }
        append(box);
        if (tail.x1 > tail.x0)
            append(tail);
    }
}

// Where two spans of different looks touch, the wider one gives up `gap` columns next to the
// other (the row's background shows through), so consecutive segments of different kinds always
// show an edge, even when their fills are alike in grey or on a washed-out projector. Spans
// narrower than gap + 2 columns keep every column: a thin sliver must not vanish.
inline void separateLooks(std::vector<PixelSpan>& spans, int gap) {
    for (size_t i = 1; i < spans.size(); ++i) {
        PixelSpan& before = spans[i - 1];
        PixelSpan& after = spans[i];
        if (before.x1 != after.x0 || before.sameFill(after))
            continue;
        if (after.x1 - after.x0 >= gap + 2)
            after.x0 += gap;
        else if (before.x1 - before.x0 >= gap + 2)
            before.x1 -= gap;
    }
}

// Where the axis's labels go, left to right: a label is centred on its tick (`centre`, px in
// the widget) and kept inside [left, right] (px); one that would then come within `gap` px of
// the label before it (the last one, pushed in from the right edge) is left out: -1. `width`
// is each label's width, px. Returns each label's left edge, or -1.
inline std::vector<int> axisLabelLefts(const std::vector<int>& centres,
                                       const std::vector<int>& widths, int left, int right,
                                       int gap) {
    std::vector<int> lefts(centres.size(), -1);
    int previousRight = left - gap;
    for (size_t i = 0; i < centres.size() && i < widths.size(); ++i) {
        const int at = std::min(centres[i] - widths[i] / 2, right - widths[i]);
        if (at < left || at < previousRight + gap)
            continue;
        lefts[i] = at;
        previousRight = at + widths[i];
    }
    return lefts;
}

} // namespace looplab
