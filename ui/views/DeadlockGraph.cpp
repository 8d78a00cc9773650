#include "DeadlockGraph.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QVariant>

#include <algorithm>
#include <map>
#include <utility>

namespace looplab {

namespace {

// "A", "A and B", "A, B and C".
QString joinAnd(const QStringList& items) {
    if (items.size() <= 1)
        return items.join(QString());
    return QStringList(items.mid(0, items.size() - 1)).join(QStringLiteral(", ")) +
           QStringLiteral(" and ") + items.last();
}

} // namespace

DeadlockGraph::DeadlockGraph(const QString& endInfoJson) {
    QJsonObject info = QJsonDocument::fromJson(endInfoJson.toUtf8()).object();
    if (info.contains(QStringLiteral("info"))) // a whole end event is accepted too
        info = info.value(QStringLiteral("info")).toObject();
    const QJsonObject report = info.value(QStringLiteral("deadlock")).toObject();
    const QJsonArray stuck = report.value(QStringLiteral("tasks")).toArray();
    if (info.value(QStringLiteral("status")).toString() != QLatin1String("deadlock") ||
        stuck.isEmpty())
        return;

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
}

int DeadlockGraph::objectNode(const QString& kind, long long id, const QString& name) {
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

void DeadlockGraph::addEdge(int from, int to, EdgeKind kind) {
    if (!findEdge(from, to))
        edges_.push_back({from, to, kind, false});
}

DeadlockGraph::Edge* DeadlockGraph::findEdge(int from, int to) {
    for (Edge& e : edges_)
        if (e.from == from && e.to == to)
            return &e;
    return nullptr;
}

QStringList DeadlockGraph::nodeLabels() const {
    QStringList labels;
    for (const Node& n : nodes_)
        labels << n.label;
    return labels;
}

QStringList DeadlockGraph::cycleLabels() const {
    QStringList labels;
    for (int n : cycle_)
        labels << nodes_[size_t(n)].label;
    return labels;
}

QString DeadlockGraph::waitPhrase(const StuckTask& task) const {
    if (task.waitsOn >= 0)
        return nodes_[size_t(task.waitsOn)].phrase;
    QStringList names;
    for (int n : task.next)
        names << nodes_[size_t(n)].phrase;
    return names.isEmpty() ? tr("something that will never happen") : joinAnd(names);
}

QString DeadlockGraph::buildSummary() const {
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

QStringList DeadlockGraph::explanations() const {
    QStringList lines;
    for (const StuckTask& task : tasks_) {
        const QString name = nodes_[size_t(task.node)].label;
        lines << (task.line > 0 ? tr("%1 (line %2): %3").arg(name).arg(task.line)
                                : tr("%1: %3").arg(name))
                     .arg(task.explanation);
    }
    return lines;
}

} // namespace looplab
