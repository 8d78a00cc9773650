#pragma once
// Building a row's sorted, disjoint list of segments: appending with joins, and laying one list
// over another. Plain C++, shared by the model's builder.

#include "TimelineSegment.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace looplab {

// Appends a segment, joining it to the previous one when they continue each other: repeated
// events for the same state (two ready pushes, say) must not split what the student sees.
inline void appendSegment(std::vector<Segment>& out, int64_t start, int64_t end, SegmentKind kind,
                          const std::string& detail, WaitKind wait = WaitKind::None) {
    if (end <= start)
        return; // nothing to draw: zero virtual time passed in this state
    if (!out.empty() && out.back().endNs == start && out.back().kind == kind &&
        out.back().detail == detail && out.back().wait == wait) {
        out.back().endNs = end;
        return;
    }
    out.push_back({start, end, kind, detail, wait});
}

// `top` drawn over `base` (a worker's jobs over the blocking calls inside them). Both lists
// are cut at every boundary of either, then each piece takes the top-most segment covering it.
inline std::vector<Segment> overlaySegments(std::vector<Segment> base, std::vector<Segment> top) {
    auto byStart = [](const Segment& a, const Segment& b) { return a.startNs < b.startNs; };
    std::sort(base.begin(), base.end(), byStart);
    std::sort(top.begin(), top.end(), byStart);
    std::vector<int64_t> cuts;
    for (const auto* list : {&base, &top})
        for (const Segment& s : *list) {
            cuts.push_back(s.startNs);
            cuts.push_back(s.endNs);
        }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    std::vector<Segment> out;
    size_t b = 0, t = 0;
    for (size_t i = 0; i + 1 < cuts.size(); ++i) {
        const int64_t from = cuts[i], to = cuts[i + 1];
        while (t < top.size() && top[t].endNs <= from)
            ++t;
        while (b < base.size() && base[b].endNs <= from)
            ++b;
        const Segment* cover = nullptr;
        if (t < top.size() && top[t].startNs <= from)
            cover = &top[t];
        else if (b < base.size() && base[b].startNs <= from)
            cover = &base[b];
        if (cover)
            appendSegment(out, from, to, cover->kind, cover->detail, cover->wait);
    }
    return out;
}

} // namespace looplab
