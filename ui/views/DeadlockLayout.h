#pragma once
// Where DeadlockView draws each part of a wait-for graph: pure geometry (Qt Core only, no fonts,
// no widgets, no painter), so that it can be tested with made-up node sizes.
//
// All lengths are logical pixels in graph coordinates: scale 1, origin at the top left of the
// graph's picture, y growing downwards. The cycle's nodes sit on a circle, the first on the left
// (angle pi) and the rest following it clockwise on screen, equally spaced, the circle big enough
// that neighbours keep a gap for an arrow and its label between their outlines. Every other node
// goes in rows below the circle, one row per depth of the arrows among those nodes, each row
// centred under the circle. The picture is shifted so that nodes and arrows (with room for their
// labels) start at (kMargin, kMargin) and end kMargin before graphSize(). A short, wide panel
// has a second form, inRow().

#include "DeadlockGraph.h"

#include <QPointF>
#include <QRectF>
#include <QSizeF>

#include <vector>

namespace looplab {

class DeadlockLayout {
  public:
    // The empty border around the graph's nodes and arrows, px.
    static constexpr double kMargin = 16;

    // The outline size (px) of a node of `shape` whose two text lines together need a block of
    // `text` px (widest line + a little air, both lines' heights): a padded box at least 96 px
    // wide, an oval around the block, a hexagon with pointed ends, a diamond twice the block.
    static QSizeF outlineSize(DeadlockGraph::Shape shape, const QSizeF& text);

    // The point at `t` in [0, 1] on the quadratic curve from `from` to `to` bent towards
    // `control` (how DeadlockView draws every arrow).
    static QPointF curvePoint(const QPointF& from, const QPointF& control, const QPointF& to,
                              double t);

    // No graph: no nodes, no edges, an empty graph size.
    DeadlockLayout() = default;
    // Lays out `graph` given each node's outline size (px, one per node in node order; missing
    // sizes count as 0 x 0). The same graph and sizes always give the same layout. `flat` in
    // (0, 1]: the cycle on an ellipse that many times as high as it is wide (1: the circle),
    // still with kCycleGap between neighbours, and the rows below it closer, for a short and
    // wide panel.
    DeadlockLayout(const DeadlockGraph& graph, const std::vector<QSizeF>& sizes, double flat = 1.0);
    // The row form, for a short and wide panel: the cycle's nodes in one row, left to right in
    // the order its arrows go, kCycleGap apart and joined by straight arrows; the arrow back to
    // the first node arcs over the row; every other node goes in rows below it, centred under
    // it; the "deadlock cycle" caption stands under the first node when there are such rows and
    // nothing else is there (the picture stays the row's width), else left of the row. Without
    // a cycle, the nodes go in columns left to right, one per depth of the arrows among them.
    static DeadlockLayout inRow(const DeadlockGraph& graph, const std::vector<QSizeF>& sizes);
    bool isRow() const { return row_; }

    int nodeCount() const { return int(centers_.size()); }
    // The centre of node `node` (an index into graph.nodes()), px.
    QPointF center(int node) const { return centers_[size_t(node)]; }
    // The node's outline size as given, px.
    QSizeF size(int node) const { return sizes_[size_t(node)]; }
    // The node's bounding rectangle: size() centred on center(), px.
    QRectF rect(int node) const;

    // The centre and radius of the circle the cycle's nodes sit on, px; radius 0 (and centre
    // undefined) without a cycle of two nodes or more. Flattened, the radius is the ellipse's
    // horizontal one.
    QPointF cycleCenter() const { return cycleCenter_; }
    double cycleRadius() const { return cycleRadius_; }

    // Where the "deadlock cycle" caption is centred, px: the middle of the circle, or under the
    // row's first node or left of the row.
    QPointF captionCenter() const { return caption_; }

    // The whole picture, nodes and arrows with kMargin around them, px.
    QSizeF graphSize() const { return graphSize_; }

    // The control point of edge `edge`'s (an index into graph.edges()) quadratic curve from its
    // source's centre to its target's centre, px. Cycle arrows bow outwards from the circle (so
    // the two arrows between one pair never lie on each other); an arrow between the cycle and a
    // node outside it reaches the cycle from its outside; any other arrow is straight (the
    // control point is the middle).
    QPointF edgeControl(int edge) const { return controls_[size_t(edge)]; }

  private:
    QPointF controlOf(const DeadlockGraph& graph, const DeadlockGraph::Edge& edge) const;
    static std::vector<int> depths(const DeadlockGraph& graph);
    void placeOutside(const DeadlockGraph& graph, QRectF& bounds, double middle, double rowGap);
    void placeRowCaption(const DeadlockGraph& graph, QRectF& bounds); // see inRow()
    void finish(const DeadlockGraph& graph, QRectF bounds);

    std::vector<QPointF> centers_;  // per node, px
    std::vector<QSizeF> sizes_;     // per node, px
    std::vector<QPointF> controls_; // per edge, px
    QPointF cycleCenter_;
    double cycleRadius_ = 0;
    double flat_ = 1.0;
    bool row_ = false;
    double arch_ = 0; // row form: how far above the row the arc's control point is, px
    QPointF caption_; // see captionCenter()
    QSizeF graphSize_;
};

} // namespace looplab
