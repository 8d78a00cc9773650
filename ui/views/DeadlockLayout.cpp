#include "DeadlockLayout.h"

#include <QtMath>

#include <algorithm>
#include <cmath>
#include <utility>

namespace looplab {

namespace {

constexpr double kCycleGap = 84;  // free space between neighbours on the cycle (arrow + label)
constexpr double kRowGap = 64;    // vertical space between rows below the cycle
constexpr double kColumnGap = 36; // horizontal space between nodes of one row
constexpr double kBoxPadX = 12;
constexpr double kBoxPadY = 7;
// The row form: the arc over the row clears its nodes by this much (the arrow and its label),
// and the caption left of the row is this wide, this far from the first node.
constexpr double kArchClearance = 16;
constexpr double kCaptionWidth = 70;
constexpr double kCaptionGap = 10;
// Along the row an arrow is straight and its label needs less room than round a curve.
constexpr double kRowCycleGap = 76;

double length(const QPointF& v) {
    return std::hypot(v.x(), v.y());
}

} // namespace

QSizeF DeadlockLayout::outlineSize(DeadlockGraph::Shape shape, const QSizeF& text) {
    const double tw = text.width();
    const double th = text.height();
    switch (shape) {
    case DeadlockGraph::Shape::Box:
        return QSizeF(std::max(tw + 2 * kBoxPadX, 96.0), th + 2 * kBoxPadY);
    case DeadlockGraph::Shape::Circle:
        // An oval as wide and as high as the text block times sqrt(2): the block's corners
        // touch it, and a few pixels keep them inside. A circle around the block would be
        // twice as high, and height is what a short panel lacks.
        return QSizeF(tw * M_SQRT2 + 10, th * M_SQRT2 + 6);
    case DeadlockGraph::Shape::Hexagon:
        return QSizeF(tw + th + 20, th + 12);
    case DeadlockGraph::Shape::Diamond:
        return QSizeF(2 * tw + 8, 2 * th + 4);
    }
    return text;
}

QPointF DeadlockLayout::curvePoint(const QPointF& from, const QPointF& control, const QPointF& to,
                                   double t) {
    const double u = 1 - t;
    return u * u * from + 2 * u * t * control + t * t * to;
}

QRectF DeadlockLayout::rect(int node) const {
    const QSizeF s = sizes_[size_t(node)];
    return QRectF(centers_[size_t(node)] - QPointF(s.width() / 2, s.height() / 2), s);
}

DeadlockLayout::DeadlockLayout(const DeadlockGraph& graph, const std::vector<QSizeF>& sizes,
                               double flat)
    : flat_(std::clamp(flat, 0.1, 1.0)) {
    const std::vector<DeadlockGraph::Node>& nodes = graph.nodes();
    const std::vector<int>& cycle = graph.cycle();
    sizes_ = sizes;
    sizes_.resize(nodes.size(), QSizeF(0, 0));
    centers_.assign(nodes.size(), QPointF());

    QRectF bounds;
    auto grow = [&](int node) {
        const QRectF r = rect(node);
        bounds = bounds.isNull() ? r : bounds.united(r);
    };

    // The cycle on a circle big enough that neighbours keep kCycleGap between them.
    const size_t n = cycle.size();
    cycleCenter_ = QPointF(0, 0);
    cycleRadius_ = 0;
    if (n > 0) {
        double biggest = 0;
        for (int i : cycle)
            biggest = std::max(
                biggest, length(QPointF(sizes_[size_t(i)].width(), sizes_[size_t(i)].height())));
        if (n > 1)
            cycleRadius_ = std::max((biggest + (n > 12 ? kCycleGap * 0.75 : kCycleGap)) /
                                        (2 * std::sin(M_PI / double(n))),
                                    70.0);
        auto onCycle = [&](size_t i) {
            const double angle = M_PI + 2 * M_PI * double(i) / double(n);
            return cycleCenter_ + cycleRadius_ * QPointF(std::cos(angle), flat_ * std::sin(angle));
        };
        if (n > 1 && flat_ < 1.0) {
            // Squashed, nodes come nearer (neighbours, and those across the flat middle):
            // widen until every two keep the gap a neighbour keeps on the circle.
            double closest = 1e18;
            for (size_t i = 0; i < n; ++i)
                for (size_t j = i + 1; j < n; ++j)
                    closest = std::min(closest, length(onCycle(j) - onCycle(i)));
            const double needed = 2 * cycleRadius_ * std::sin(M_PI / double(n));
            if (closest > 0 && closest < needed)
                cycleRadius_ *= needed / closest;
        }
        for (size_t i = 0; i < n; ++i) {
            centers_[size_t(cycle[i])] = onCycle(i);
            grow(cycle[i]);
        }
    }

    caption_ = cycleCenter_;
    const double rowGap = kRowGap * (flat_ < 1.0 ? 0.6 : 1.0);
    placeOutside(graph, bounds, cycleCenter_.x(), rowGap);
    finish(graph, bounds);
}

DeadlockLayout DeadlockLayout::inRow(const DeadlockGraph& graph, const std::vector<QSizeF>& sizes) {
    DeadlockLayout layout;
    layout.row_ = true;
    layout.sizes_ = sizes;
    layout.sizes_.resize(graph.nodes().size(), QSizeF(0, 0));
    layout.centers_.assign(graph.nodes().size(), QPointF());
    const std::vector<int>& cycle = graph.cycle();
    QRectF bounds;
    double x = 0;
    double tallest = 0;
    for (const int node : cycle) {
        const QSizeF size = layout.sizes_[size_t(node)];
        if (!bounds.isNull())
            x += kRowCycleGap;
        layout.centers_[size_t(node)] = QPointF(x + size.width() / 2, 0);
        x += size.width();
        tallest = std::max(tallest, size.height());
        const QRectF r = layout.rect(node);
        bounds = bounds.isNull() ? r : bounds.united(r);
    }
    if (!cycle.empty()) {
        // The arrow back to the first node arcs over the row, its peak (half the control
        // point's height) clear of the tallest node by room for its label.
        layout.arch_ = tallest + 2 * kArchClearance;
        layout.cycleCenter_ = QPointF(x / 2, 0);
    }
    if (cycle.empty()) {
        // No cycle: the depths go left to right, a column each, so that the arrows run along
        // the panel's width rather than down its short height.
        const std::vector<int> depth = depths(graph);
        const int deepest = depth.empty() ? 0 : *std::max_element(depth.begin(), depth.end());
        double left = 0;
        for (int level = 0; level <= deepest; ++level) {
            double widest = 0, height = -kColumnGap;
            for (size_t i = 0; i < depth.size(); ++i)
                if (depth[i] == level) {
                    widest = std::max(widest, layout.sizes_[i].width());
                    height += layout.sizes_[i].height() + kColumnGap;
                }
            if (widest <= 0)
                continue;
            double top = -height / 2;
            for (size_t i = 0; i < depth.size(); ++i)
                if (depth[i] == level) {
                    const QSizeF size = layout.sizes_[i];
                    layout.centers_[i] = QPointF(left + widest / 2, top + size.height() / 2);
                    top += size.height() + kColumnGap;
                    const QRectF r = layout.rect(int(i));
                    bounds = bounds.isNull() ? r : bounds.united(r);
                }
            left += widest + kRowCycleGap;
        }
        layout.finish(graph, bounds);
        return layout;
    }
    layout.placeOutside(graph, bounds, layout.cycleCenter_.x(), kRowGap * 0.5);
    layout.placeRowCaption(graph, bounds);
    layout.finish(graph, bounds);
    return layout;
}

void DeadlockLayout::placeRowCaption(const DeadlockGraph& graph, QRectF& bounds) {
    // Under the row's first node when the nodes outside the cycle make the picture taller than
    // the row anyway and neither they nor any arrow (or its label) are there: the picture is
    // then only as wide as the row, and a wide row is what limits its size in a short panel.
    // Else left of the row, where above is the arc and below the rest.
    const QSizeF caption(kCaptionWidth, 40);
    const QRectF first = rect(graph.cycle().front());
    const QRectF under(
        QPointF(first.center().x() - caption.width() / 2, first.bottom() + kCaptionGap), caption);
    const QRectF clear = under.adjusted(-kCaptionGap, 0, kCaptionGap, kCaptionGap);
    bool outside = false, free = true;
    for (size_t i = 0; i < graph.nodes().size(); ++i)
        if (!graph.nodes()[i].inCycle) {
            outside = true;
            free = free && !rect(int(i)).intersects(clear);
        }
    for (const DeadlockGraph::Edge& e : graph.edges()) {
        const QPointF a = centers_[size_t(e.from)];
        const QPointF b = centers_[size_t(e.to)];
        const QPointF control = controlOf(graph, e);
        for (int i = 0; i <= 40 && free; ++i)
            free = !clear.contains(curvePoint(a, control, b, i / 40.0));
        // The arrow's label, on its plate at the middle.
        const QPointF middle = curvePoint(a, control, b, 0.5);
        free = free && !clear.intersects(QRectF(middle - QPointF(30, 12), QSizeF(60, 24)));
    }
    const QRectF placed =
        outside && free
            ? under
            : QRectF(QPointF(bounds.left() - kCaptionGap - caption.width(), -caption.height() / 2),
                     caption);
    caption_ = placed.center();
    bounds = bounds.united(placed);
}

// Depth of every node outside the cycle: 0 unless another such node points at it, else one
// more than the deepest that does.
std::vector<int> DeadlockLayout::depths(const DeadlockGraph& graph) {
    using Edge = DeadlockGraph::Edge;
    const std::vector<DeadlockGraph::Node>& nodes = graph.nodes();
    const std::vector<Edge>& edges = graph.edges();
    std::vector<int> depth(nodes.size(), 0);
    for (size_t round = 0; round < nodes.size(); ++round) {
        bool changed = false;
        for (const Edge& e : edges) {
            if (nodes[size_t(e.from)].inCycle || nodes[size_t(e.to)].inCycle || e.from == e.to)
                continue;
            if (depth[size_t(e.to)] < depth[size_t(e.from)] + 1 &&
                depth[size_t(e.from)] + 1 < int(nodes.size())) {
                depth[size_t(e.to)] = depth[size_t(e.from)] + 1;
                changed = true;
            }
        }
        if (!changed)
            break;
    }
    return depth;
}

// Every node outside the cycle, in rows below `bounds` (what is placed so far), one row per
// depth of the arrows among them, each row centred on x = `middle`.
void DeadlockLayout::placeOutside(const DeadlockGraph& graph, QRectF& bounds, double middle,
                                  double rowGap) {
    using Edge = DeadlockGraph::Edge;
    const std::vector<DeadlockGraph::Node>& nodes = graph.nodes();
    const std::vector<Edge>& edges = graph.edges();
    const std::vector<int> depth = depths(graph);

    std::vector<bool> placed(nodes.size(), false);
    for (int i : graph.cycle())
        placed[size_t(i)] = true;
    double rowTop = bounds.isNull() ? 0 : bounds.bottom() + rowGap;
    const int deepest = nodes.empty() ? 0 : *std::max_element(depth.begin(), depth.end());
    for (int level = 0; level <= deepest; ++level) {
        std::vector<std::pair<double, int>> row; // (sort key, node)
        for (size_t i = 0; i < nodes.size(); ++i) {
            if (nodes[i].inCycle || depth[i] != level)
                continue;
            // Order by the mean x of the neighbours already placed, to keep arrows short and
            // uncrossed; nodes with none keep their report order after the others.
            double sum = 0;
            int count = 0;
            for (const Edge& e : edges) {
                const int other = e.from == int(i) ? e.to : (e.to == int(i) ? e.from : -1);
                if (other >= 0 && placed[size_t(other)]) {
                    sum += centers_[size_t(other)].x();
                    ++count;
                }
            }
            row.push_back({count ? sum / count : 1e9 + double(i), int(i)});
        }
        if (row.empty())
            continue;
        std::stable_sort(row.begin(), row.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        double width = -kColumnGap;
        double height = 0;
        for (const auto& entry : row) {
            width += sizes_[size_t(entry.second)].width() + kColumnGap;
            height = std::max(height, sizes_[size_t(entry.second)].height());
        }
        double x = middle - width / 2;
        for (const auto& entry : row) {
            const QSizeF size = sizes_[size_t(entry.second)];
            centers_[size_t(entry.second)] = QPointF(x + size.width() / 2, rowTop + height / 2);
            x += size.width() + kColumnGap;
            placed[size_t(entry.second)] = true;
            bounds = bounds.isNull() ? rect(entry.second) : bounds.united(rect(entry.second));
        }
        rowTop += height + rowGap;
    }
}

// The picture's size from `bounds` (with every arrow and its label), the shift that puts it at
// (kMargin, kMargin), and the arrows' control points.
void DeadlockLayout::finish(const DeadlockGraph& graph, QRectF bounds) {
    using Edge = DeadlockGraph::Edge;
    const std::vector<Edge>& edges = graph.edges();
    // Arrows that swing around the cycle must stay inside the picture too.
    for (const Edge& e : edges) {
        const QPointF a = centers_[size_t(e.from)];
        const QPointF b = centers_[size_t(e.to)];
        const QPointF control = controlOf(graph, e);
        for (int i = 0; i <= 20; ++i) {
            const QPointF pt = curvePoint(a, control, b, i / 20.0);
            bounds = bounds.united(QRectF(pt - QPointF(30, 12), QSizeF(60, 24))); // + label
        }
    }

    const QPointF shift = QPointF(kMargin, kMargin) - bounds.topLeft();
    for (QPointF& center : centers_)
        center += shift;
    cycleCenter_ += shift;
    caption_ += shift;
    graphSize_ = QSizeF(bounds.width() + 2 * kMargin, bounds.height() + 2 * kMargin);

    // From the final centres (not shifted afterwards, which could round differently).
    controls_.reserve(edges.size());
    for (const Edge& e : edges)
        controls_.push_back(controlOf(graph, e));
}

QPointF DeadlockLayout::controlOf(const DeadlockGraph& graph,
                                  const DeadlockGraph::Edge& edge) const {
    const QPointF a = centers_[size_t(edge.from)];
    const QPointF b = centers_[size_t(edge.to)];
    QPointF control = (a + b) / 2;
    if (row_) {
        // Along the row, neighbours are joined straight; the arrow back to the first node arcs
        // over the row, and any other arrow between two of the row's nodes goes under it.
        const bool both =
            graph.nodes()[size_t(edge.from)].inCycle && graph.nodes()[size_t(edge.to)].inCycle;
        if (!both || edge.from == edge.to)
            return control;
        const std::vector<int>& cycle = graph.cycle();
        const auto at = [&](int node) {
            return int(std::find(cycle.begin(), cycle.end(), node) - cycle.begin());
        };
        const int from = at(edge.from);
        const int to = at(edge.to);
        const int n = int(cycle.size());
        if (edge.inCycle && to == (from + 1) % n && to != 0)
            return control;
        return control + QPointF(0, edge.inCycle && to == 0 ? -arch_ : arch_);
    }
    if (cycleRadius_ <= 0)
        return control;
    if (edge.inCycle) {
        QPointF out = control - cycleCenter_;
        if (length(out) < 1) // two nodes: clockwise means over the top from left to right
            out = QPointF(b.y() - a.y(), a.x() - b.x());
        const double bulge = length(b - a) * (graph.cycle().size() == 2 ? 0.5 : 0.3);
        return control + out / length(out) * bulge;
    }
    const bool fromCycle = graph.nodes()[size_t(edge.from)].inCycle;
    const bool toCycle = graph.nodes()[size_t(edge.to)].inCycle;
    if (fromCycle == toCycle)
        return control;
    const QPointF onCycle = toCycle ? b : a;
    const QPointF out = onCycle - cycleCenter_;
    if (length(out) < 1)
        return control;
    return onCycle + out / length(out) * cycleRadius_ * 1.1;
}

} // namespace looplab
