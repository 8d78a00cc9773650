#include "DeadlockView.h"

#include "FocusFrame.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QPainterPath>
#include <QtMath>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace looplab {

namespace {

// Okabe–Ito vermilion: stays distinct for the common colour-vision deficiencies.
const QColor kCycleColor(0xD5, 0x5E, 0x00);
const QColor kTaskTint(0x56, 0xB4, 0xE9);

constexpr double kMargin = 16;    // around the graph and the text, logical pixels
constexpr double kCycleGap = 84;  // free space between neighbours on the cycle (arrow + label)
constexpr double kRowGap = 64;    // vertical space between rows below the cycle
constexpr double kColumnGap = 36; // horizontal space between nodes of one row
constexpr double kBoxPadX = 12;
constexpr double kBoxPadY = 7;

QFont boldOf(QFont font) {
    font.setBold(true);
    return font;
}

QFont smallOf(QFont font) {
    font.setPointSizeF(font.pointSizeF() > 0 ? font.pointSizeF() * 0.88 : 8.0);
    return font;
}

// "A", "A and B", "A, B and C".
QString joinAnd(const QStringList& items) {
    if (items.size() <= 1)
        return items.join(QString());
    return QStringList(items.mid(0, items.size() - 1)).join(QStringLiteral(", ")) +
           QStringLiteral(" and ") + items.last();
}

QPointF quadAt(const QPointF& a, const QPointF& c, const QPointF& b, double t) {
    const double u = 1 - t;
    return u * u * a + 2 * u * t * c + t * t * b;
}

double length(const QPointF& v) {
    return std::hypot(v.x(), v.y());
}

} // namespace

DeadlockView::DeadlockView(QWidget* parent) : QWidget(parent) {
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    // Focusable, so keyboard and screen-reader users reach the explanation (its description).
    setFocusPolicy(Qt::StrongFocus);
    setToolTip(tr("Who waits for whom: the cycle of waits that can never end is drawn thick "
                  "and dashed"));
}

void DeadlockView::clear() {
    nodes_.clear();
    edges_.clear();
    tasks_.clear();
    cycle_.clear();
    summary_.clear();
    graphSize_ = QSizeF();
    setAccessibleDescription(tr("No deadlock in this run."));
}

void DeadlockView::setDeadlock(const QString& endInfoJson) {
    clear();
    QJsonObject info = QJsonDocument::fromJson(endInfoJson.toUtf8()).object();
    if (info.contains(QStringLiteral("info"))) // a whole end event is accepted too
        info = info.value(QStringLiteral("info")).toObject();
    const QJsonObject report = info.value(QStringLiteral("deadlock")).toObject();
    const QJsonArray stuck = report.value(QStringLiteral("tasks")).toArray();
    if (info.value(QStringLiteral("status")).toString() != QLatin1String("deadlock") ||
        stuck.isEmpty()) {
        updateGeometry();
        update();
        return;
    }

    // Tasks first, so that any task can be the target of another's arrow.
    std::map<long long, int> taskNode; // task id -> node index
    for (const QJsonValue& value : stuck) {
        const QJsonObject entry = value.toObject();
        const long long id = entry.value(QStringLiteral("task")).toVariant().toLongLong();
        QString name = entry.value(QStringLiteral("name")).toString();
        if (name.isEmpty())
            name = QStringLiteral("Task #%1").arg(id);
        const int line = entry.value(QStringLiteral("line")).toInt();
        Node node;
        node.label = name;
        node.top = name;
        node.bottom = line > 0 ? tr("line %1").arg(line) : tr("no program line");
        node.phrase = name;
        node.shape = Shape::Box;
        taskNode[id] = int(nodes_.size());
        nodes_.push_back(node);
        StuckTask task;
        task.node = taskNode[id];
        task.line = line;
        task.explanation = entry.value(QStringLiteral("explanation")).toString();
        tasks_.push_back(task);
    }

    for (size_t i = 0; i < tasks_.size(); ++i) {
        const QJsonObject entry = stuck.at(int(i)).toObject();
        const QJsonObject wait = entry.value(QStringLiteral("wait")).toObject();
        StuckTask& task = tasks_[i];
        for (const QJsonValue& by : entry.value(QStringLiteral("blocked_by")).toArray()) {
            const auto found = taskNode.find(by.toVariant().toLongLong());
            if (found != taskNode.end())
                task.next.push_back(found->second);
        }
        if (wait.contains(QStringLiteral("obj"))) {
            // "queue get" and "queue join" both wait on the queue object.
            const QString kind =
                wait.value(QStringLiteral("kind")).toString().section(QLatin1Char(' '), 0, 0);
            task.waitsOn =
                objectNode(kind, wait.value(QStringLiteral("obj")).toVariant().toLongLong(),
                           wait.value(QStringLiteral("name")).toString());
            addEdge(task.node, task.waitsOn, EdgeKind::WaitsFor);
            for (int holder : task.next)
                addEdge(task.waitsOn, holder, EdgeKind::HeldBy);
        } else {
            for (int awaited : task.next) // awaiting tasks directly (gather, await task)
                addEdge(task.node, awaited, EdgeKind::WaitsFor);
        }
    }

    std::vector<long long> cycleIds;
    for (const QJsonValue& id : report.value(QStringLiteral("cycle")).toArray())
        cycleIds.push_back(id.toVariant().toLongLong());
    std::vector<long long> known;
    for (long long id : cycleIds)
        if (taskNode.count(id))
            known.push_back(id);
    if (known.size() == cycleIds.size() && cycleIds.size() >= 2) {
        // Walk the hops: through the object the task waits on when the next task holds it.
        for (size_t i = 0; i + 1 < cycleIds.size(); ++i) {
            const int from = taskNode[cycleIds[i]];
            const int to = taskNode[cycleIds[i + 1]];
            const StuckTask* task = nullptr;
            for (const StuckTask& t : tasks_)
                if (t.node == from)
                    task = &t;
            cycle_.push_back(from);
            if (task && task->waitsOn >= 0 &&
                std::find(task->next.begin(), task->next.end(), to) != task->next.end()) {
                cycle_.push_back(task->waitsOn);
                if (Edge* e = findEdge(from, task->waitsOn))
                    e->inCycle = true;
                if (Edge* e = findEdge(task->waitsOn, to))
                    e->inCycle = true;
            } else if (Edge* e = findEdge(from, to)) {
                e->inCycle = true;
            }
        }
        for (int n : cycle_)
            nodes_[size_t(n)].inCycle = true;
    }

    summary_ = buildSummary();
    setAccessibleDescription(summary_ + QLatin1Char(' ') + textLines().join(QLatin1Char(' ')));
    layoutGraph();
    updateGeometry();
    update();
}

int DeadlockView::objectNode(const QString& kind, long long id, const QString& name) {
    const QString shown = name.isEmpty() ? QStringLiteral("#%1").arg(id) : name;
    const QString label = kind + QLatin1Char(' ') + shown;
    for (size_t i = 0; i < nodes_.size(); ++i)
        if (nodes_[i].label == label && !nodes_[i].kind.isEmpty())
            return int(i);
    Node node;
    node.label = label;
    node.top = kind;
    node.bottom = shown;
    node.kind = kind;
    const bool holdable = kind == QLatin1String("lock") || kind == QLatin1String("semaphore");
    // Something a task holds is named bare ("holds lock_a"); anything else with its kind.
    node.phrase = holdable ? (name.isEmpty() ? label : name)
                           : (name.isEmpty() ? label : kind + QStringLiteral(" '") + name + "'");
    if (holdable || kind == QLatin1String("condition") || kind == QLatin1String("barrier"))
        node.shape = Shape::Circle;
    else if (kind == QLatin1String("queue"))
        node.shape = Shape::Hexagon;
    else
        node.shape = Shape::Diamond;
    nodes_.push_back(node);
    return int(nodes_.size()) - 1;
}

void DeadlockView::addEdge(int from, int to, EdgeKind kind) {
    if (!findEdge(from, to))
        edges_.push_back({from, to, kind, false});
}

DeadlockView::Edge* DeadlockView::findEdge(int from, int to) {
    for (Edge& e : edges_)
        if (e.from == from && e.to == to)
            return &e;
    return nullptr;
}

QStringList DeadlockView::nodeLabels() const {
    QStringList labels;
    for (const Node& n : nodes_)
        labels << n.label;
    return labels;
}

QStringList DeadlockView::cycleLabels() const {
    QStringList labels;
    for (int n : cycle_)
        labels << nodes_[size_t(n)].label;
    return labels;
}

QString DeadlockView::waitPhrase(const StuckTask& task) const {
    if (task.waitsOn >= 0)
        return nodes_[size_t(task.waitsOn)].phrase;
    QStringList names;
    for (int n : task.next)
        names << nodes_[size_t(n)].phrase;
    return names.isEmpty() ? tr("something that will never happen") : joinAnd(names);
}

QString DeadlockView::buildSummary() const {
    // Tasks outside the cycle, grouped by what they wait for: "Task-3 and Task-4 wait for X".
    QStringList groups;
    int outside = 0;
    {
        std::vector<std::pair<QString, QStringList>> byTarget;
        for (const StuckTask& task : tasks_) {
            if (nodes_[size_t(task.node)].inCycle)
                continue;
            ++outside;
            const QString target = waitPhrase(task);
            auto it = std::find_if(byTarget.begin(), byTarget.end(),
                                   [&](const auto& g) { return g.first == target; });
            if (it == byTarget.end())
                byTarget.push_back({target, {nodes_[size_t(task.node)].phrase}});
            else
                it->second << nodes_[size_t(task.node)].phrase;
        }
        for (const auto& [target, who] : byTarget)
            groups << joinAnd(who) + (who.size() == 1 ? tr(" waits for ") : tr(" wait for ")) +
                          target;
    }

    if (cycle_.empty()) {
        return groups.join(QStringLiteral("; ")) +
               (outside == 1 ? tr(": nothing left can wake it, so it can never continue.")
                             : tr(": nothing left can wake them, so none of them can ever "
                                  "continue."));
    }

    // Around the cycle: each task holds what the previous task waits for (if it is an object)
    // and waits for the next node.
    QStringList hops;
    int inCycle = 0;
    const size_t n = cycle_.size();
    for (size_t i = 0; i < n; ++i) {
        const Node& node = nodes_[size_t(cycle_[i])];
        if (!node.kind.isEmpty())
            continue;
        ++inCycle;
        const Node& before = nodes_[size_t(cycle_[(i + n - 1) % n])];
        const Node& after = nodes_[size_t(cycle_[(i + 1) % n])];
        QString hop = node.phrase;
        if (!before.kind.isEmpty() && n > 1)
            hop += tr(" holds ") + before.phrase + tr(" and");
        hop += tr(" waits for ") + after.phrase;
        hops << hop;
    }
    QString text = hops.join(QStringLiteral("; "));
    if (inCycle == 1)
        text += tr(": it can never continue.");
    else if (inCycle == 2)
        text += tr(": neither can ever continue.");
    else
        text += tr(": none of them can ever continue.");
    if (!groups.isEmpty())
        text +=
            QLatin1Char(' ') + groups.join(QStringLiteral("; ")) +
            (outside == 1 ? tr(", so it is stuck as well.") : tr(", so they are stuck as well."));
    return text;
}

void DeadlockView::setScale(double scale) {
    scale_ = std::clamp(scale, 0.25, 4.0);
    updateGeometry();
    update();
}

void DeadlockView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::FontChange && hasDeadlock()) {
        layoutGraph();
        updateGeometry();
    }
    QWidget::changeEvent(event);
}

// Sizes every node from the widget font, puts the cycle on a circle (first node on the left,
// going clockwise) and the other nodes in rows below it, one row per depth of the arrows among
// them. Coordinates are logical (scale 1) and start at (0, 0) with kMargin around.
void DeadlockView::layoutGraph() {
    const QFont base = font();
    const QFontMetricsF bold(boldOf(base));
    const QFontMetricsF small(smallOf(base));
    for (Node& node : nodes_) {
        // Tasks: bold name over a small "line N"; objects: small kind over a bold name.
        const double topW = node.kind.isEmpty() ? bold.horizontalAdvance(node.top)
                                                : small.horizontalAdvance(node.top);
        const double bottomW = node.kind.isEmpty() ? small.horizontalAdvance(node.bottom)
                                                   : bold.horizontalAdvance(node.bottom);
        const double tw = std::max(topW, bottomW) + 4;
        const double th = bold.height() + small.height();
        switch (node.shape) {
        case Shape::Box:
            node.size = QSizeF(std::max(tw + 2 * kBoxPadX, 96.0), th + 2 * kBoxPadY);
            break;
        case Shape::Circle: {
            const double d = std::hypot(tw, th) + 10; // the text block fits inside the circle
            node.size = QSizeF(std::max(d, tw * 1.2 + 12), d);
            break;
        }
        case Shape::Hexagon:
            node.size = QSizeF(tw + th + 20, th + 12);
            break;
        case Shape::Diamond:
            node.size = QSizeF(2 * tw + 8, 2 * th + 4);
            break;
        }
    }

    QRectF bounds;
    auto grow = [&](const Node& node) {
        const QRectF r(node.center - QPointF(node.size.width() / 2, node.size.height() / 2),
                       node.size);
        bounds = bounds.isNull() ? r : bounds.united(r);
    };

    // The cycle on a circle big enough that neighbours keep kCycleGap between them.
    const size_t n = cycle_.size();
    cycleCenter_ = QPointF(0, 0);
    cycleRadius_ = 0;
    if (n > 0) {
        double biggest = 0;
        for (int i : cycle_)
            biggest = std::max(biggest, length(QPointF(nodes_[size_t(i)].size.width(),
                                                       nodes_[size_t(i)].size.height())));
        if (n > 1)
            cycleRadius_ = std::max((biggest + (n > 12 ? kCycleGap * 0.75 : kCycleGap)) /
                                        (2 * std::sin(M_PI / double(n))),
                                    70.0);
        for (size_t i = 0; i < n; ++i) {
            const double angle = M_PI + 2 * M_PI * double(i) / double(n);
            Node& node = nodes_[size_t(cycle_[i])];
            node.center = cycleCenter_ + cycleRadius_ * QPointF(std::cos(angle), std::sin(angle));
            grow(node);
        }
    }

    // Depth of every other node: 0 unless another non-cycle node points at it.
    std::vector<int> depth(nodes_.size(), 0);
    for (size_t round = 0; round < nodes_.size(); ++round) {
        bool changed = false;
        for (const Edge& e : edges_) {
            const Node& from = nodes_[size_t(e.from)];
            const Node& to = nodes_[size_t(e.to)];
            if (from.inCycle || to.inCycle || e.from == e.to)
                continue;
            if (depth[size_t(e.to)] < depth[size_t(e.from)] + 1 &&
                depth[size_t(e.from)] + 1 < int(nodes_.size())) {
                depth[size_t(e.to)] = depth[size_t(e.from)] + 1;
                changed = true;
            }
        }
        if (!changed)
            break;
    }

    std::vector<bool> placed(nodes_.size(), false);
    for (int i : cycle_)
        placed[size_t(i)] = true;
    double rowTop = bounds.isNull() ? 0 : bounds.bottom() + kRowGap;
    const int deepest = nodes_.empty() ? 0 : *std::max_element(depth.begin(), depth.end());
    for (int level = 0; level <= deepest; ++level) {
        std::vector<std::pair<double, int>> row; // (sort key, node)
        for (size_t i = 0; i < nodes_.size(); ++i) {
            if (nodes_[i].inCycle || depth[i] != level)
                continue;
            // Order by the mean x of the neighbours already placed, to keep arrows short and
            // uncrossed; nodes with none keep their report order after the others.
            double sum = 0;
            int count = 0;
            for (const Edge& e : edges_) {
                const int other = e.from == int(i) ? e.to : (e.to == int(i) ? e.from : -1);
                if (other >= 0 && placed[size_t(other)]) {
                    sum += nodes_[size_t(other)].center.x();
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
            width += nodes_[size_t(entry.second)].size.width() + kColumnGap;
            height = std::max(height, nodes_[size_t(entry.second)].size.height());
        }
        double x = cycleCenter_.x() - width / 2;
        for (const auto& entry : row) {
            Node& node = nodes_[size_t(entry.second)];
            node.center = QPointF(x + node.size.width() / 2, rowTop + height / 2);
            x += node.size.width() + kColumnGap;
            placed[size_t(entry.second)] = true;
            grow(node);
        }
        rowTop += height + kRowGap;
    }

    // Arrows that swing around the cycle must stay inside the picture too.
    for (const Edge& e : edges_) {
        const QPointF a = nodes_[size_t(e.from)].center;
        const QPointF b = nodes_[size_t(e.to)].center;
        const QPointF control = edgeControl(e);
        for (int i = 0; i <= 20; ++i) {
            const QPointF pt = quadAt(a, control, b, i / 20.0);
            bounds = bounds.united(QRectF(pt - QPointF(30, 12), QSizeF(60, 24))); // + label
        }
    }

    const QPointF shift = QPointF(kMargin, kMargin) - bounds.topLeft();
    for (Node& node : nodes_)
        node.center += shift;
    cycleCenter_ += shift;
    graphSize_ = QSizeF(bounds.width() + 2 * kMargin, bounds.height() + 2 * kMargin);
}

QPainterPath DeadlockView::shapePath(const Node& node, double grow) const {
    const double w = node.size.width() / 2 + grow;
    const double h = node.size.height() / 2 + grow;
    const QPointF c = node.center;
    QPainterPath path;
    switch (node.shape) {
    case Shape::Box:
        path.addRoundedRect(QRectF(c.x() - w, c.y() - h, 2 * w, 2 * h), 9 + grow, 9 + grow);
        break;
    case Shape::Circle:
        path.addEllipse(c, w, h);
        break;
    case Shape::Hexagon: {
        const double tip = h; // pointed ends as deep as half the height
        path.moveTo(c.x() - w, c.y());
        path.lineTo(c.x() - w + tip, c.y() - h);
        path.lineTo(c.x() + w - tip, c.y() - h);
        path.lineTo(c.x() + w, c.y());
        path.lineTo(c.x() + w - tip, c.y() + h);
        path.lineTo(c.x() - w + tip, c.y() + h);
        path.closeSubpath();
        break;
    }
    case Shape::Diamond:
        path.moveTo(c.x() - w, c.y());
        path.lineTo(c.x(), c.y() - h);
        path.lineTo(c.x() + w, c.y());
        path.lineTo(c.x(), c.y() + h);
        path.closeSubpath();
        break;
    }
    return path;
}

// The control point of an arrow's quadratic curve. Cycle arrows bow outwards along the circle,
// so two opposite arrows between the same pair never lie on top of each other. An arrow between
// the cycle and a node outside it comes in (or leaves) from the cycle's outside instead of
// cutting across the cycle's arcs. Everything else is straight.
QPointF DeadlockView::edgeControl(const Edge& edge) const {
    const QPointF a = nodes_[size_t(edge.from)].center;
    const QPointF b = nodes_[size_t(edge.to)].center;
    QPointF control = (a + b) / 2;
    if (cycleRadius_ <= 0)
        return control;
    if (edge.inCycle) {
        QPointF out = control - cycleCenter_;
        if (length(out) < 1) // two nodes: clockwise means over the top from left to right
            out = QPointF(b.y() - a.y(), a.x() - b.x());
        const double bulge = length(b - a) * (cycle_.size() == 2 ? 0.5 : 0.3);
        return control + out / length(out) * bulge;
    }
    const bool fromCycle = nodes_[size_t(edge.from)].inCycle;
    const bool toCycle = nodes_[size_t(edge.to)].inCycle;
    if (fromCycle == toCycle)
        return control;
    const QPointF onCycle = toCycle ? b : a;
    const QPointF out = onCycle - cycleCenter_;
    if (length(out) < 1)
        return control;
    return onCycle + out / length(out) * cycleRadius_ * 1.1;
}

void DeadlockView::paintEdge(QPainter& p, const Edge& edge) const {
    const Node& from = nodes_[size_t(edge.from)];
    const Node& to = nodes_[size_t(edge.to)];
    const QPointF a = from.center;
    const QPointF b = to.center;
    const QPointF control = edgeControl(edge);

    // Keep the part of the curve outside both shapes (with a little air before the arrowhead).
    const QPainterPath fromShape = shapePath(from, 3);
    const QPainterPath toShape = shapePath(to, 4);
    constexpr int kSteps = 160;
    QPolygonF curve;
    for (int i = 0; i <= kSteps; ++i) {
        const QPointF pt = quadAt(a, control, b, double(i) / kSteps);
        if (!fromShape.contains(pt) && !toShape.contains(pt))
            curve << pt;
    }
    if (curve.size() < 2)
        return;

    const QColor ink = edge.inCycle ? kCycleColor : palette().color(QPalette::WindowText);
    const double thick = lineFactor(paletteKind(palette()));
    const double width = (edge.inCycle ? 3.5 : 1.6) * thick;
    p.setPen(QPen(ink, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(Qt::NoBrush);
    const QPointF tip = curve.last();
    QPointF dir = tip - curve.at(std::max(0, int(curve.size()) - 4));
    dir /= std::max(length(dir), 1e-6);
    const double head = edge.inCycle ? 15 : 11;
    QPolygonF line = curve;
    line.last() = tip - dir * head * 0.7; // the line stops inside the arrowhead
    p.drawPolyline(line);
    const QPointF side(-dir.y(), dir.x());
    p.setPen(Qt::NoPen);
    p.setBrush(ink);
    p.drawPolygon(QPolygonF{tip, tip - dir * head + side * head * 0.45,
                            tip - dir * head - side * head * 0.45});

    // The arrow's meaning at its middle, on a small plate so that it reads over other lines.
    const QString text = edge.kind == EdgeKind::HeldBy ? tr("held by") : tr("waits for");
    const QFont labelFont = edge.inCycle ? boldOf(smallOf(font())) : smallOf(font());
    const QFontMetricsF fm(labelFont);
    const QPointF mid = curve.at(curve.size() / 2);
    const QRectF plate(mid.x() - fm.horizontalAdvance(text) / 2 - 4, mid.y() - fm.height() / 2,
                       fm.horizontalAdvance(text) + 8, fm.height());
    QColor back = palette().color(QPalette::Base);
    back.setAlpha(225);
    p.setBrush(back);
    p.drawRoundedRect(plate, 4, 4);
    p.setFont(labelFont);
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(plate, Qt::AlignCenter, text);
}

void DeadlockView::paintNode(QPainter& p, const Node& node) const {
    const QColor base = palette().color(QPalette::Base);
    const QColor ink = palette().color(QPalette::WindowText);
    QColor tint = node.inCycle ? kCycleColor : (node.kind.isEmpty() ? kTaskTint : ink);
    tint.setAlpha(node.inCycle ? 40 : (node.kind.isEmpty() ? 55 : 22));
    const QPainterPath path = shapePath(node, 0);
    p.setPen(Qt::NoPen);
    p.setBrush(base);
    p.drawPath(path);
    p.setBrush(tint);
    if (node.inCycle) // dashed as well as coloured: the cycle does not rely on colour alone
        p.setPen(QPen(kCycleColor, 3.2 * lineFactor(paletteKind(palette())), Qt::DashLine,
                      Qt::FlatCap, Qt::MiterJoin));
    else
        p.setPen(QPen(ink, 1.5 * lineFactor(paletteKind(palette()))));
    p.drawPath(path);

    const QFont strong = boldOf(font());
    const QFont weak = smallOf(font());
    const bool task = node.kind.isEmpty();
    const QFontMetricsF topFm(task ? strong : weak);
    const QFontMetricsF bottomFm(task ? weak : strong);
    const double total = topFm.height() + bottomFm.height();
    const double y = node.center.y() - total / 2;
    const double x = node.center.x() - node.size.width() / 2;
    p.setPen(ink);
    p.setFont(task ? strong : weak);
    p.drawText(QRectF(x, y, node.size.width(), topFm.height()), Qt::AlignCenter, node.top);
    p.setFont(task ? weak : strong);
    p.drawText(QRectF(x, y + topFm.height(), node.size.width(), bottomFm.height()), Qt::AlignCenter,
               node.bottom);
}

QStringList DeadlockView::textLines() const {
    QStringList lines;
    for (const StuckTask& task : tasks_) {
        const QString name = nodes_[size_t(task.node)].label;
        lines << (task.line > 0 ? tr("%1 (line %2): %3").arg(name).arg(task.line)
                                : tr("%1: %3").arg(name))
                     .arg(task.explanation);
    }
    return lines;
}

double DeadlockView::textHeight(double width) const {
    const QFontMetricsF strong(boldOf(font()));
    const QFontMetricsF plain(font());
    const int w = std::max(1, int(width));
    double h = strong.boundingRect(QRectF(0, 0, w, 1e6), Qt::TextWordWrap, summary_).height();
    h += plain.height() * 0.6;
    for (const QString& line : textLines())
        h += plain.boundingRect(QRectF(0, 0, w - 18, 1e6), Qt::TextWordWrap, line).height() + 2;
    return h;
}

QSize DeadlockView::sizeHint() const {
    if (!hasDeadlock())
        return QSize(360, 120);
    const double w = std::max(graphSize_.width(), 480.0);
    const double h = graphSize_.height() + textHeight(w - 2 * kMargin) + 2 * kMargin;
    return QSize(int(std::ceil(w * scale_)), int(std::ceil(h * scale_)));
}

QSize DeadlockView::minimumSizeHint() const {
    return QSize(200, 120);
}

void DeadlockView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.fillRect(rect(), palette().color(QPalette::Base));
    const QColor ink = palette().color(QPalette::WindowText);

    if (!hasDeadlock()) {
        p.scale(scale_, scale_);
        p.setPen(ink);
        p.setFont(font());
        p.drawText(QRectF(0, 0, width() / scale_, height() / scale_),
                   Qt::AlignCenter | Qt::TextWordWrap, tr("No deadlock in this run."));
        return;
    }

    // The text keeps the requested scale; the graph gets the rest and shrinks to fit it.
    const double textWidth = std::max(120.0, width() / scale_ - 2 * kMargin);
    const double textPixels = (textHeight(textWidth) + 2 * kMargin) * scale_;
    const double room = std::max(height() - textPixels, height() * 0.55);
    const double fit = std::clamp(
        std::min({scale_, width() / graphSize_.width(), room / graphSize_.height()}), 0.1, 4.0);
    const double graphPixels = graphSize_.height() * fit;

    p.save();
    p.translate((width() - graphSize_.width() * fit) / 2, 0);
    p.scale(fit, fit);
    for (const Edge& e : edges_) // the cycle's arrows last, on top
        if (!e.inCycle)
            paintEdge(p, e);
    for (const Edge& e : edges_)
        if (e.inCycle)
            paintEdge(p, e);
    for (const Node& node : nodes_)
        paintNode(p, node);
    if (cycle_.size() >= 2) {
        // A caption in the middle of the circle, so the cycle is named and not only coloured.
        const QFont captionFont = boldOf(font());
        const QFontMetricsF fm(captionFont);
        p.setFont(captionFont);
        p.setPen(kCycleColor);
        const QRectF box(cycleCenter_.x() - 60, cycleCenter_.y() - fm.height(), 120,
                         2 * fm.height());
        p.drawText(box, Qt::AlignCenter, tr("deadlock\ncycle"));
    }
    p.restore();

    p.save();
    p.translate(0, graphPixels);
    p.scale(scale_, scale_);
    p.setPen(ink);
    double y = kMargin;
    p.setFont(boldOf(font()));
    QRectF used;
    p.drawText(QRectF(kMargin, y, textWidth, 1e6), Qt::TextWordWrap, summary_, &used);
    y += used.height() + QFontMetricsF(font()).height() * 0.6;
    p.setFont(font());
    for (const QString& line : textLines()) {
        p.drawText(QRectF(kMargin, y, 18, 1e6), Qt::AlignLeft, QStringLiteral("\u2022"));
        p.drawText(QRectF(kMargin + 18, y, textWidth - 18, 1e6), Qt::TextWordWrap, line, &used);
        y += used.height() + 2;
    }
    p.restore();
    if (hasFocus())
        paintFocusFrame(p, rect(), palette());
}

} // namespace looplab
