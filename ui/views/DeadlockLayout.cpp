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
    case DeadlockGraph::Shape::Circle: {
        const double d = std::hypot(tw, th) + 10; // the text block fits inside the circle
        return QSizeF(std::max(d, tw * 1.2 + 12), d);
    }
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
    using Edge = DeadlockGraph::Edge;
    const std::vector<DeadlockGraph::Node>& nodes = graph.nodes();
    const std::vector<Edge>& edges = graph.edges();
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

    // Depth of every other node: 0 unless another non-cycle node points at it.
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

    std::vector<bool> placed(nodes.size(), false);
    for (int i : cycle)
        placed[size_t(i)] = true;
    const double rowGap = kRowGap * (flat_ < 1.0 ? 0.6 : 1.0);
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
        double x = cycleCenter_.x() - width / 2;
        for (const auto& entry : row) {
            const QSizeF size = sizes_[size_t(entry.second)];
            centers_[size_t(entry.second)] = QPointF(x + size.width() / 2, rowTop + height / 2);
            x += size.width() + kColumnGap;
            placed[size_t(entry.second)] = true;
            grow(entry.second);
        }
        rowTop += height + rowGap;
    }

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
