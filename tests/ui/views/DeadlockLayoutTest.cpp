// Where the deadlock view puts things, without a window or fonts: a table of wait-for graphs
// (from the engine's end reports) laid out with made-up node sizes, each checked for the facts
// the picture relies on: nodes never overlap, the cycle sits on its circle in its own order, the
// rest stays outside the circle, everything fits the graph size, and the same input always gives
// the same layout.
#include "DeadlockLayout.h"
#include "DeadlockGraph.h"

#include <gtest/gtest.h>

#include <QtMath>

#include <algorithm>
#include <cmath>
#include <ostream>
#include <string>
#include <vector>

using namespace looplab;

namespace {

// The end reports below are the engine's (`looplab run PROGRAM --trace`), trimmed to `tasks`
// and `cycle`.

// Two tasks taking two locks in opposite order (program 39 without main's gather).
const char* kTwoTaskCycle = R"({"status": "deadlock", "deadlock": {"tasks": [
    {"task": 2, "name": "Task-2", "line": 19, "wait": {"kind": "lock", "obj": 2, "name": "lock_b"},
     "blocked_by": [3], "explanation": "waits to acquire lock 'lock_b', held by Task-3"},
    {"task": 3, "name": "Task-3", "line": 19, "wait": {"kind": "lock", "obj": 1, "name": "lock_a"},
     "blocked_by": [2], "explanation": "waits to acquire lock 'lock_a', held by Task-2"}],
  "cycle": [2, 3, 2]}})";

// Three workers each holding one lock and wanting the next (a -> b -> c -> a).
const char* kThreeTaskCycle = R"({"status": "deadlock", "deadlock": {"tasks": [
    {"task": 2, "name": "Task-2", "line": 6, "wait": {"kind": "lock", "obj": 2, "name": "b"},
     "blocked_by": [3], "explanation": "waits to acquire lock 'b', held by Task-3"},
    {"task": 3, "name": "Task-3", "line": 6, "wait": {"kind": "lock", "obj": 3, "name": "c"},
     "blocked_by": [4], "explanation": "waits to acquire lock 'c', held by Task-4"},
    {"task": 4, "name": "Task-4", "line": 6, "wait": {"kind": "lock", "obj": 1, "name": "a"},
     "blocked_by": [2], "explanation": "waits to acquire lock 'a', held by Task-2"}],
  "cycle": [2, 3, 4, 2]}})";

// The two-lock cycle, plus main gathering everyone and a late task wanting lock_a from outside.
const char* kCycleAndOutsider = R"({"status": "deadlock", "deadlock": {"tasks": [
    {"task": 1, "name": "Task-1", "line": 17, "wait": {"kind": "gather", "tasks": [2, 3, 4]},
     "blocked_by": [2, 3, 4], "explanation": "waits for gather of Task-2, Task-3, Task-4"},
    {"task": 2, "name": "Task-2", "line": 6, "wait": {"kind": "lock", "obj": 2, "name": "lock_b"},
     "blocked_by": [3], "explanation": "waits to acquire lock 'lock_b', held by Task-3"},
    {"task": 3, "name": "Task-3", "line": 6, "wait": {"kind": "lock", "obj": 1, "name": "lock_a"},
     "blocked_by": [2], "explanation": "waits to acquire lock 'lock_a', held by Task-2"},
    {"task": 4, "name": "Task-4", "line": 11, "wait": {"kind": "lock", "obj": 1, "name": "lock_a"},
     "blocked_by": [2], "explanation": "waits to acquire lock 'lock_a', held by Task-2"}],
  "cycle": [2, 3, 2]}})";

// Two consumers on a queue nobody fills, gathered by main: no cycle.
const char* kEmptyQueue = R"({"status": "deadlock", "deadlock": {"tasks": [
    {"task": 1, "name": "Task-1", "line": 9, "wait": {"kind": "gather", "tasks": [2, 3]},
     "blocked_by": [2, 3], "explanation": "waits for gather of Task-2, Task-3"},
    {"task": 2, "name": "Task-2", "line": 4, "wait": {"kind": "queue get", "obj": 2, "name": "q"},
     "blocked_by": [], "explanation": "waits to get from queue 'q', which is empty"},
    {"task": 3, "name": "Task-3", "line": 4, "wait": {"kind": "queue get", "obj": 2, "name": "q"},
     "blocked_by": [], "explanation": "waits to get from queue 'q', which is empty"}],
  "cycle": []}})";

// One task taking a lock it already holds.
const char* kOwnLock = R"({"status": "deadlock", "deadlock": {"tasks": [
    {"task": 1, "name": "Task-1", "line": 6, "wait": {"kind": "lock", "obj": 1, "name": "lock"},
     "blocked_by": [1], "explanation": "waits to acquire lock 'lock', held by Task-1"}],
  "cycle": [1, 1]}})";

// Task k holds lock k and wants lock k+1, round a ring of `count` tasks (more than 12 nodes on
// the circle lay out with a tighter gap).
std::string ringOf(int count) {
    std::string tasks;
    std::string cycle;
    for (int k = 1; k <= count; ++k) {
        const int next = k % count + 1;
        tasks += (k > 1 ? "," : "") + std::string(R"({"task": )") + std::to_string(k) +
                 R"(, "name": "Task-)" + std::to_string(k) +
                 R"(", "line": 5, "wait": {"kind": "lock", "obj": )" + std::to_string(next) +
                 R"(, "name": "l)" + std::to_string(next) + R"("}, "blocked_by": [)" +
                 std::to_string(next) + R"(], "explanation": "waits"})";
        cycle += std::to_string(k) + ",";
    }
    return R"({"status": "deadlock", "deadlock": {"tasks": [)" + tasks + R"(], "cycle": [)" +
           cycle + "1]}}";
}

struct Case {
    const char* name;
    std::string info;
    QStringList cycle; // the graph the layout is given (so a wrong fixture cannot pass quietly)
    int nodes;
};

void PrintTo(const Case& c, std::ostream* os) {
    *os << c.name;
}

std::vector<Case> cases() {
    QStringList ring;
    for (int k = 1; k <= 8; ++k)
        ring << QStringLiteral("Task-%1").arg(k) << QStringLiteral("lock l%1").arg(k % 8 + 1);
    return {
        {"TwoTaskLockCycle", kTwoTaskCycle, {"Task-2", "lock lock_b", "Task-3", "lock lock_a"}, 4},
        {"ThreeTaskLockCycle",
         kThreeTaskCycle,
         {"Task-2", "lock b", "Task-3", "lock c", "Task-4", "lock a"},
         6},
        {"CycleAndTasksWaitingOutsideIt",
         kCycleAndOutsider,
         {"Task-2", "lock lock_b", "Task-3", "lock lock_a"},
         6},
        {"QueueNobodyFillsNoCycle", kEmptyQueue, {}, 4},
        {"TaskRetakesItsOwnLock", kOwnLock, {"Task-1", "lock lock"}, 2},
        {"SixteenNodeRing", ringOf(8), ring, 16},
    };
}

// A font-free stand-in for measuring the two text lines: 7 px per character, 30 px tall, times
// `zoom` (a projector font is bigger).
std::vector<QSizeF> fakeSizes(const DeadlockGraph& graph, double zoom) {
    std::vector<QSizeF> sizes;
    for (const DeadlockGraph::Node& node : graph.nodes()) {
        const double chars = double(std::max(node.top.size(), node.bottom.size()));
        sizes.push_back(
            DeadlockLayout::outlineSize(node.shape, QSizeF((7 * chars + 4) * zoom, 30 * zoom)));
    }
    return sizes;
}

double distance(const QPointF& a, const QPointF& b) {
    return std::hypot(a.x() - b.x(), a.y() - b.y());
}

// The point of `rect` nearest to `p`.
QPointF nearestPoint(const QRectF& rect, const QPointF& p) {
    return QPointF(std::clamp(p.x(), rect.left(), rect.right()),
                   std::clamp(p.y(), rect.top(), rect.bottom()));
}

class DeadlockLayoutTable : public ::testing::TestWithParam<std::tuple<Case, double>> {
  protected:
    void SetUp() override {
        graph_ = DeadlockGraph(QString::fromStdString(std::get<0>(GetParam()).info));
        layout_ = DeadlockLayout(graph_, fakeSizes(graph_, std::get<1>(GetParam())));
        ASSERT_FALSE(graph_.empty());
        ASSERT_EQ(graph_.cycleLabels(), std::get<0>(GetParam()).cycle);
        ASSERT_EQ(int(graph_.nodes().size()), std::get<0>(GetParam()).nodes);
        ASSERT_EQ(layout_.nodeCount(), std::get<0>(GetParam()).nodes);
    }

    bool inCycle(int node) const { return graph_.nodes()[size_t(node)].inCycle; }

    DeadlockGraph graph_;
    DeadlockLayout layout_;
};

TEST_P(DeadlockLayoutTable, NoTwoNodesOverlap) {
    for (int i = 0; i < layout_.nodeCount(); ++i)
        for (int j = i + 1; j < layout_.nodeCount(); ++j)
            EXPECT_FALSE(layout_.rect(i).intersects(layout_.rect(j)))
                << graph_.nodes()[size_t(i)].label.toStdString() << " overlaps "
                << graph_.nodes()[size_t(j)].label.toStdString();
}

TEST_P(DeadlockLayoutTable, CycleNodesSitOnTheCircleInCycleOrder) {
    const std::vector<int>& cycle = graph_.cycle();
    if (cycle.empty()) {
        EXPECT_EQ(layout_.cycleRadius(), 0.0);
        return;
    }
    ASSERT_GT(layout_.cycleRadius(), 0.0);
    const size_t n = cycle.size();
    for (size_t i = 0; i < n; ++i)
        EXPECT_NEAR(distance(layout_.center(cycle[i]), layout_.cycleCenter()),
                    layout_.cycleRadius(), 0.5)
            << "cycle node " << i;
    // Equally spaced, each the next step clockwise on screen (y grows downwards, so the angle
    // from atan2 grows): the arrows go round the circle in the cycle's order.
    auto angle = [&](size_t i) {
        const QPointF v = layout_.center(cycle[i % n]) - layout_.cycleCenter();
        return std::atan2(v.y(), v.x());
    };
    for (size_t i = 0; i < n; ++i) {
        const double step =
            std::remainder(angle(i + 1) - angle(i) - 2 * M_PI / double(n), 2 * M_PI);
        EXPECT_NEAR(step, 0.0, 1e-6) << "from cycle node " << i;
    }
    // The first node of the cycle is the leftmost.
    for (size_t i = 1; i < n; ++i)
        EXPECT_LT(layout_.center(cycle[0]).x(), layout_.center(cycle[i]).x());
}

TEST_P(DeadlockLayoutTable, NodesOutsideTheCycleAreOutsideItsCircleAndBelowIt) {
    for (int i = 0; i < layout_.nodeCount(); ++i) {
        if (inCycle(i) || graph_.cycle().empty())
            continue;
        const QRectF r = layout_.rect(i);
        EXPECT_GT(distance(nearestPoint(r, layout_.cycleCenter()), layout_.cycleCenter()),
                  layout_.cycleRadius())
            << graph_.nodes()[size_t(i)].label.toStdString();
        EXPECT_GT(r.top(), layout_.cycleCenter().y() + layout_.cycleRadius());
    }
}

TEST_P(DeadlockLayoutTable, NodesAndArrowsFitTheGraphSize) {
    const QRectF inner = QRectF(QPointF(0, 0), layout_.graphSize())
                             .adjusted(DeadlockLayout::kMargin, DeadlockLayout::kMargin,
                                       -DeadlockLayout::kMargin, -DeadlockLayout::kMargin);
    for (int i = 0; i < layout_.nodeCount(); ++i) {
        const QRectF r = layout_.rect(i);
        EXPECT_GE(r.left(), inner.left() - 1e-9);
        EXPECT_GE(r.top(), inner.top() - 1e-9);
        EXPECT_LE(r.right(), inner.right() + 1e-9);
        EXPECT_LE(r.bottom(), inner.bottom() + 1e-9);
    }
    const QRectF whole(QPointF(0, 0), layout_.graphSize());
    const std::vector<DeadlockGraph::Edge>& edges = graph_.edges();
    ASSERT_FALSE(edges.empty());
    for (size_t e = 0; e < edges.size(); ++e)
        for (int k = 0; k <= 40; ++k) {
            const QPointF pt = DeadlockLayout::curvePoint(layout_.center(edges[e].from),
                                                          layout_.edgeControl(int(e)),
                                                          layout_.center(edges[e].to), k / 40.0);
            EXPECT_TRUE(whole.contains(pt)) << "edge " << e << " at t=" << k / 40.0;
        }
}

TEST_P(DeadlockLayoutTable, ArrowsBendAwayFromTheCycle) {
    const std::vector<DeadlockGraph::Edge>& edges = graph_.edges();
    const QPointF middle = layout_.cycleCenter();
    for (size_t e = 0; e < edges.size(); ++e) {
        const QPointF a = layout_.center(edges[e].from);
        const QPointF b = layout_.center(edges[e].to);
        const QPointF control = layout_.edgeControl(int(e));
        if (edges[e].inCycle) { // bows outwards from the circle's centre
            EXPECT_GT(distance(control, middle), distance((a + b) / 2, middle) + 1) << e;
        } else if (inCycle(edges[e].from) != inCycle(edges[e].to)) {
            // Meets its cycle node from outside the circle instead of cutting across the arcs:
            // the fifth of the curve next to that node (leaving its centre) stays outside.
            const bool toCycle = inCycle(edges[e].to);
            for (double k = 0.05; k < 0.21; k += 0.05) {
                const double t = toCycle ? 1 - k : k;
                EXPECT_GT(distance(DeadlockLayout::curvePoint(a, control, b, t), middle),
                          layout_.cycleRadius())
                    << "edge " << e << " at t=" << t;
            }
        } else { // straight
            EXPECT_LT(distance(control, (a + b) / 2), 1e-9) << e;
        }
    }
    // The two arrows between one pair (there and back) never lie on each other.
    for (size_t e = 0; e < edges.size(); ++e) {
        for (size_t f = e + 1; f < edges.size(); ++f) {
            if (edges[e].from == edges[f].to && edges[e].to == edges[f].from) {
                EXPECT_GT(distance(layout_.edgeControl(int(e)), layout_.edgeControl(int(f))), 10);
            }
        }
    }
}

TEST_P(DeadlockLayoutTable, SameInputGivesTheSameLayout) {
    const DeadlockGraph again(QString::fromStdString(std::get<0>(GetParam()).info));
    const DeadlockLayout other(again, fakeSizes(again, std::get<1>(GetParam())));
    ASSERT_EQ(other.nodeCount(), layout_.nodeCount());
    // Bit for bit (Qt's == on points and sizes is fuzzy).
    auto same = [](const QPointF& a, const QPointF& b) { return a.x() == b.x() && a.y() == b.y(); };
    for (int i = 0; i < layout_.nodeCount(); ++i) {
        EXPECT_TRUE(same(other.center(i), layout_.center(i))) << i;
        EXPECT_EQ(other.size(i).width(), layout_.size(i).width()) << i;
        EXPECT_EQ(other.size(i).height(), layout_.size(i).height()) << i;
    }
    for (size_t e = 0; e < graph_.edges().size(); ++e)
        EXPECT_TRUE(same(other.edgeControl(int(e)), layout_.edgeControl(int(e)))) << e;
    EXPECT_TRUE(same(other.cycleCenter(), layout_.cycleCenter()));
    EXPECT_EQ(other.cycleRadius(), layout_.cycleRadius());
    EXPECT_EQ(other.graphSize().width(), layout_.graphSize().width());
    EXPECT_EQ(other.graphSize().height(), layout_.graphSize().height());
}

// The row form (for a short, wide panel): the cycle left to right in its order on one line,
// neighbours apart by room for an arrow and its label, the arrow back to the first node over
// the row, the caption before it, every other node below it, all inside the picture.
TEST_P(DeadlockLayoutTable, TheRowFormKeepsTheCycleOnOneLineInItsOrder) {
    const DeadlockLayout row =
        DeadlockLayout::inRow(graph_, fakeSizes(graph_, std::get<1>(GetParam())));
    ASSERT_TRUE(row.isRow());
    ASSERT_EQ(row.nodeCount(), layout_.nodeCount());
    const std::vector<int>& cycle = graph_.cycle();
    double rowBottom = -1e9;
    for (size_t i = 0; i < cycle.size(); ++i) {
        EXPECT_DOUBLE_EQ(row.center(cycle[i]).y(), row.center(cycle[0]).y());
        if (i > 0) {
            EXPECT_GE(row.rect(cycle[i]).left() - row.rect(cycle[i - 1]).right(), 70) << i;
        }
        rowBottom = std::max(rowBottom, row.rect(cycle[i]).bottom());
    }
    const QRectF picture(QPointF(0, 0), row.graphSize());
    for (int node = 0; node < row.nodeCount(); ++node) {
        EXPECT_TRUE(picture.contains(row.rect(node))) << node;
        if (!cycle.empty() && !inCycle(node)) {
            EXPECT_GT(row.rect(node).top(), rowBottom) << node;
        }
    }
    if (cycle.size() < 2)
        return;
    // The caption ("deadlock cycle", 70 x 40 px) left of the row, or under its first node when
    // nodes outside the cycle are below the row anyway; on no node, inside the picture.
    const QRectF caption(row.captionCenter() - QPointF(35, 20), QSizeF(70, 40));
    const bool outsiders = int(cycle.size()) < row.nodeCount();
    if (outsiders && caption.top() > row.rect(cycle[0]).bottom()) {
        EXPECT_NEAR(caption.center().x(), row.center(cycle[0]).x(), 1e-9);
    } else {
        EXPECT_LT(caption.right(), row.rect(cycle[0]).left());
        EXPECT_NEAR(caption.center().y(), row.center(cycle[0]).y(), 1e-9);
    }
    EXPECT_TRUE(picture.contains(caption));
    for (int node = 0; node < row.nodeCount(); ++node)
        EXPECT_FALSE(caption.intersects(row.rect(node))) << node;
    const auto& edges = graph_.edges();
    int back = 0;
    for (size_t e = 0; e < edges.size(); ++e)
        if (edges[e].inCycle && edges[e].from == cycle.back() && edges[e].to == cycle[0]) {
            ++back;
            // The curve's peak (half way to the control point) clears every node of the row.
            const double peak = (row.center(cycle[0]).y() + row.edgeControl(int(e)).y()) / 2;
            for (int node : cycle)
                EXPECT_LT(peak, row.rect(node).top()) << node;
        }
    EXPECT_EQ(back, 1);
}

// Lesson 8's shape (a cycle of four, main gathering both tasks below it): the caption goes
// under the first node, so the picture is no wider than the row and its arrows. Without the
// tasks below, the row alone is as short as it can be: the caption stands left of it.
TEST(DeadlockLayout, TheRowsCaptionGoesUnderItWhenTheRowsBelowLeaveRoom) {
    const DeadlockGraph outsider(QString::fromUtf8(kCycleAndOutsider));
    const DeadlockLayout row = DeadlockLayout::inRow(outsider, fakeSizes(outsider, 1.0));
    const std::vector<int>& cycle = outsider.cycle();
    EXPECT_GT(row.captionCenter().y(), row.rect(cycle[0]).bottom());
    EXPECT_LE(row.graphSize().width(),
              row.rect(cycle.back()).right() - row.rect(cycle.front()).left() + 2 * 16 + 60 + 1);
    const DeadlockGraph alone(QString::fromUtf8(kTwoTaskCycle));
    const DeadlockLayout bare = DeadlockLayout::inRow(alone, fakeSizes(alone, 1.0));
    EXPECT_LT(bare.captionCenter().x(), bare.rect(alone.cycle()[0]).left());
}

INSTANTIATE_TEST_SUITE_P(Graphs, DeadlockLayoutTable,
                         ::testing::Combine(::testing::ValuesIn(cases()),
                                            ::testing::Values(1.0, 2.5)),
                         [](const ::testing::TestParamInfo<std::tuple<Case, double>>& test) {
                             return std::string(std::get<0>(test.param).name) +
                                    (std::get<1>(test.param) > 1 ? "_Projector" : "_Normal");
                         });

// Every outline holds its text block: the block's corners lie inside the drawn shape.
TEST(DeadlockLayout, EveryShapeHoldsItsText) {
    using Shape = DeadlockGraph::Shape;
    for (const QSizeF text : {QSizeF(20, 30), QSizeF(60, 30), QSizeF(200, 34), QSizeF(500, 75)}) {
        const double tw = text.width() / 2; // the block's corner, from the centre
        const double th = text.height() / 2;
        const QSizeF box = DeadlockLayout::outlineSize(Shape::Box, text);
        EXPECT_GE(box.width() / 2, tw);
        EXPECT_GE(box.height() / 2, th);
        EXPECT_GE(box.width(), 96);
        const QSizeF circle = DeadlockLayout::outlineSize(Shape::Circle, text);
        EXPECT_LE(std::pow(tw / (circle.width() / 2), 2) + std::pow(th / (circle.height() / 2), 2),
                  1.0);
        const QSizeF diamond = DeadlockLayout::outlineSize(Shape::Diamond, text);
        EXPECT_LE(tw / (diamond.width() / 2) + th / (diamond.height() / 2), 1.0);
        // A hexagon's pointed ends are as deep as half its height: the flat part holds the block.
        const QSizeF hexagon = DeadlockLayout::outlineSize(Shape::Hexagon, text);
        EXPECT_GE(hexagon.width() / 2 - hexagon.height() / 2, tw);
        EXPECT_GE(hexagon.height() / 2, th);
    }
}

TEST(DeadlockLayout, AnEmptyGraphHasNoNodes) {
    const DeadlockLayout layout(DeadlockGraph(QString()), {});
    EXPECT_EQ(layout.nodeCount(), 0);
    EXPECT_EQ(layout.cycleRadius(), 0.0);
}

} // namespace
