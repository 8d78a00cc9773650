#pragma once
// The wait-for graph of a deadlocked run, read from the `end` event's info JSON (the model behind
// DeadlockView; Qt Core only, no widgets, no geometry). Nodes are the stuck tasks, in the report's
// order, then the objects they wait on (lock, semaphore, queue, event, ...), in the order they are
// first waited on. Edges are "waits for" (task -> object, or task -> task when it awaits tasks
// directly) and "held by" (object -> a task that could free it). The cycle that makes the deadlock
// permanent is the list of nodes its arrows go through. Alongside: a one-line summary in plain
// English and one explanation line per stuck task.

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <vector>

namespace looplab {

class DeadlockGraph {
    Q_DECLARE_TR_FUNCTIONS(DeadlockGraph)
  public:
    // How a node is drawn: a rounded box for a task, an oval (Circle) for a lock, semaphore,
    // condition or barrier, a hexagon for a queue, a diamond for anything else (event, future).
    enum class Shape { Box, Circle, Hexagon, Diamond };
    enum class EdgeKind { WaitsFor, HeldBy };

    struct Node {
        QString label;  // as nodeLabels() gives it
        QString top;    // first drawn line: task name, or the object's kind
        QString bottom; // second drawn line: "line 19", or the object's name
        QString phrase; // how the summary names it: "Task-2", "lock_b", "event 'start'"
        QString kind;   // object kind ("lock", "queue"); empty for a task
        Shape shape = Shape::Box;
        bool inCycle = false;

        bool isTask() const { return kind.isEmpty(); }
    };
    struct Edge {
        int from = 0; // node indexes
        int to = 0;
        EdgeKind kind = EdgeKind::WaitsFor;
        bool inCycle = false;
    };
    struct StuckTask {
        int node = 0;          // index into nodes()
        int waitsOn = -1;      // object node, or -1 when it awaits tasks directly (or nothing)
        std::vector<int> next; // node indexes of the tasks that could free it
        QString explanation;   // the report's sentence: "waits to acquire lock 'lock_b', ..."
        int line = 0;          // program line it is stuck at; 0 when none
    };

    // No deadlock: no nodes, no edges, empty summary.
    DeadlockGraph() = default;
    // The `info` JSON of a trace's end event (a whole end event is accepted too). Empty text, bad
    // JSON or a run that did not end in a deadlock gives the empty graph.
    explicit DeadlockGraph(const QString& endInfoJson);

    bool empty() const { return tasks_.empty(); }
    const std::vector<Node>& nodes() const { return nodes_; }
    const std::vector<Edge>& edges() const { return edges_; }
    const std::vector<StuckTask>& tasks() const { return tasks_; }
    // Node indexes around the cycle in the order its arrows go, the first not repeated; empty
    // when there is no cycle.
    const std::vector<int>& cycle() const { return cycle_; }

    // Every node's label ("Task-2", "lock lock_b"), in node order.
    QStringList nodeLabels() const;
    // The cycle's labels, tasks and the objects between them, without repeating the first:
    // {"Task-2", "lock lock_b", "Task-3", "lock lock_a"}.
    QStringList cycleLabels() const;
    // The one-line explanation, e.g. "Task-2 holds lock_a and waits for lock_b; Task-3 holds
    // lock_b and waits for lock_a: neither can ever continue."
    QString summary() const { return summary_; }
    // One line per stuck task, in the report's order: "Task-2 (line 19): waits to acquire ...".
    QStringList explanations() const;

  private:
    int objectNode(const QString& kind, long long id, const QString& name);
    void addEdge(int from, int to, EdgeKind kind);
    Edge* findEdge(int from, int to);
    QString buildSummary() const;
    QString waitPhrase(const StuckTask& task) const;

    std::vector<Node> nodes_;
    std::vector<Edge> edges_;
    std::vector<StuckTask> tasks_;
    std::vector<int> cycle_;
    QString summary_;
};

} // namespace looplab
