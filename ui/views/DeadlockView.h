#pragma once
// The wait-for graph of a deadlocked run, drawn from the `end` event's info JSON: a rounded box
// per stuck task, a shape per object a task waits on (circle for a lock or semaphore, hexagon for
// a queue, diamond for an event or future), arrows "waits for" (task -> object or task -> task)
// and "held by" (object -> the task holding it). The cycle that makes the deadlock permanent is
// drawn on a circle with thick #D55E00 arrows, dashed outlines and a "deadlock cycle" caption, so
// it never depends on colour alone. Below the graph: a one-line summary in plain English and one
// explanation sentence per stuck task.

#include <QPointF>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

class QPainter;
class QPainterPath;

namespace looplab {

class DeadlockView : public QWidget {
    Q_OBJECT
  public:
    explicit DeadlockView(QWidget* parent = nullptr);

    // The `info` JSON of a trace's end event. Empty text, bad JSON or a run that did not end in a
    // deadlock shows "No deadlock in this run."
    void setDeadlock(const QString& endInfoJson);
    bool hasDeadlock() const { return !tasks_.empty(); }

    // For tests. Every node's label ("Task-2", "lock lock_b"): tasks in the report's order, then
    // objects in the order they are first waited on.
    QStringList nodeLabels() const;
    // The cycle's nodes in the order its arrows go, tasks and the objects between them, without
    // repeating the first: {"Task-2", "lock lock_b", "Task-3", "lock lock_a"}.
    QStringList cycleLabels() const;
    // The one-line explanation, e.g. "Task-2 holds lock_a and waits for lock_b; Task-3 holds
    // lock_b and waits for lock_a: neither can ever continue."
    QString summary() const { return summary_; }

    // Zoom for projectors: 1.0 is the widget font's size. The graph also shrinks (never grows
    // past this) to fit the widget.
    void setScale(double scale);
    double scale() const { return scale_; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

  private:
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
        QPointF center; // in graph coordinates, set by layoutGraph()
        QSizeF size;
    };
    struct Edge {
        int from = 0;
        int to = 0;
        EdgeKind kind = EdgeKind::WaitsFor;
        bool inCycle = false;
    };
    struct StuckTask {
        int node = 0;          // index into nodes_
        int waitsOn = -1;      // object node, or -1 when it awaits tasks directly (or nothing)
        std::vector<int> next; // node indexes of the tasks that could free it
        QString explanation;
        int line = 0;
    };

    void clear();
    int objectNode(const QString& kind, long long id, const QString& name);
    void addEdge(int from, int to, EdgeKind kind);
    Edge* findEdge(int from, int to);
    void markCycle(const std::vector<long long>& cycleTasks);
    QString buildSummary() const;
    QString waitPhrase(const StuckTask& task) const;

    void layoutGraph();
    QStringList textLines() const;
    double textHeight(double width) const;
    QPainterPath shapePath(const Node& node, double grow) const;
    QPointF edgeControl(const Edge& edge) const;
    void paintEdge(QPainter& p, const Edge& edge) const;
    void paintNode(QPainter& p, const Node& node) const;

    std::vector<Node> nodes_;
    std::vector<Edge> edges_;
    std::vector<StuckTask> tasks_;
    std::vector<int> cycle_; // node indexes around the cycle, first not repeated
    QString summary_;
    double scale_ = 1.0;
    QSizeF graphSize_;
    QPointF cycleCenter_;
    double cycleRadius_ = 0;
};

} // namespace looplab
