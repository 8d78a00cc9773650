#pragma once
// The wait-for graph of a deadlocked run, drawn from the `end` event's info JSON: a rounded box
// per stuck task, a shape per object a task waits on (oval for a lock or semaphore, hexagon for
// a queue, diamond for an event or future), arrows "waits for" (task -> object or task -> task)
// and "held by" (object -> the task holding it). The cycle that makes the deadlock permanent is
// drawn on a circle (or, in a short and wide panel, in one row) with thick #D55E00 arrows, dashed
// outlines and a "deadlock cycle" caption, so it never depends on colour alone. Beside or below
// the graph: a one-line summary in plain English and one explanation sentence per stuck task.
// Double-click or F asks the window for all the room it can give (fillRequested).
//
// The graph itself (nodes, edges, cycle, summary) is DeadlockGraph and where everything goes is
// DeadlockLayout; this widget measures the text, asks the layout, paints, and scales.

#include "DeadlockGraph.h"
#include "DeadlockLayout.h"

#include <QRectF>
#include <QSizeF>
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
    bool hasDeadlock() const { return !graph_.empty(); }
    // After the deadlock's step the graph tells how things were then, not now: `moment` (one
    // sentence, e.g. "As at the deadlock, step 52 ...") is drawn first, above the summary.
    // Empty at the deadlock's own step.
    void setMoment(const QString& moment);
    QString moment() const { return moment_; }

    // For tests. Every node's label ("Task-2", "lock lock_b"): tasks in the report's order, then
    // objects in the order they are first waited on.
    QStringList nodeLabels() const { return graph_.nodeLabels(); }
    // The cycle's nodes in the order its arrows go, tasks and the objects between them, without
    // repeating the first: {"Task-2", "lock lock_b", "Task-3", "lock lock_a"}.
    QStringList cycleLabels() const { return graph_.cycleLabels(); }
    // The one-line explanation, e.g. "Task-2 holds lock_a and waits for lock_b; Task-3 holds
    // lock_b and waits for lock_a: neither can ever continue."
    QString summary() const { return graph_.summary(); }

    // Zoom for projectors: 1.0 is the widget font's size. The explanation is drawn at this
    // scale; the graph fills the room the text leaves, from tiny up to twice this scale.
    void setScale(double scale);
    double scale() const { return scale_; }

    // How the graph is drawn at the widget's size: the factor from the graph's own pixels to
    // the screen's, and, for tests, the height in pixels of its smallest label as drawn.
    double graphFit() const { return arrange(QSizeF(size()), false).fit; }
    double smallestLabelHeight() const;
    // For tests: the explanation's scale as drawn at the widget's size, and its rectangle (px).
    double textScale() const { return arrange(QSizeF(size())).textScale; }
    QRectF textRect() const { return arrange(QSizeF(size())).text; }
    // The least panel height (px) at `width` that draws the graph at the zoom's size (at 100%,
    // its labels in the body font): what a window gives the Deadlock tab.
    int readableHeight(int width) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  signals:
    // Double-click or F: the user asks for the graph to have all the room the window can give
    // it (and, asked again, to give it back).
    void fillRequested();

  protected:
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

  private:
    // Where the graph and the explanation go in a panel of `panel` px: the graph's rectangle
    // (its picture times `fit`) and the text's, either beside the graph or below it, whichever
    // lets the graph grow larger with all of the text in view.
    struct Arrangement {
        double fit = 1;
        QRectF graph;
        QRectF text;
        double textScale = 1; // the explanation's scale: the zoom's, or less to stand beside
        const DeadlockLayout* layout = nullptr; // the round, the flat or the row picture
    };
    // `growText` false: the graph's place and size only (the explanation's scale is not
    // searched), for callers that want no more, such as readableHeight()'s search.
    Arrangement arrange(const QSizeF& panel, bool growText = true) const;
    Arrangement arrange(const QSizeF& panel, const DeadlockLayout& layout) const;
    // The largest scale, from `least` up to the zoom's, at which the explanation wrapped to
    // `room`'s width fits its height (px); its height at that scale goes to `height` when it
    // grew.
    double largestTextScale(const QSizeF& room, double least, double* height) const;
    void relayout();
    std::vector<QSizeF> measureNodes() const;
    double textHeight(double width) const;
    QPainterPath shapePath(int node, double grow) const;
    void paintEdge(QPainter& p, int index) const; // index into graph_.edges()
    void paintNode(QPainter& p, int index) const; // index into graph_.nodes()

    DeadlockGraph graph_;
    DeadlockLayout layout_;     // rebuilt on every new graph and font change
    DeadlockLayout flatLayout_; // the same with the cycle on a flat ellipse
    DeadlockLayout rowLayout_;  // the same with the cycle in one row (DeadlockLayout::inRow)
    // The layout being painted (paintEvent chooses; the painting helpers follow it).
    const DeadlockLayout* painting_ = &layout_;
    double scale_ = 1.0;
    QString moment_;
};

} // namespace looplab
