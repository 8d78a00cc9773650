#pragma once
// What the timeline draws on a row besides its states: the bands of what a task holds (a lock,
// a semaphore permit) and the marks of moments (cancel requested, CancelledError, timeout
// expired, exception, finished, deadlock). Shapes, not only colours, tell the marks apart: each
// kind has its own glyph, drawn in the page's text colour with a halo of the page's background
// so it reads on every fill.

#include "TimelineMark.h"
#include "TimelineZoom.h"

#include <QColor>
#include <QPointF>
#include <QRect>

#include <vector>

class QPainter;

namespace looplab {

class RowDecorations {
  public:
    // The holds of one row inside `box` (the row's state rectangles' extent): a band along
    // its lower edge, a quarter of its height, per hold.
    static void drawHolds(QPainter& p, const std::vector<RowHold>& holds, const TimelineZoom& zoom,
                          int gutter, const QRect& box, double lineWidth);
    // The marks of one row, centred on the box's upper edge at their time.
    static void drawMarks(QPainter& p, const std::vector<RowMark>& marks, const TimelineZoom& zoom,
                          int gutter, const QRect& box, const QColor& ink, const QColor& halo);
    // One mark's glyph, `size` pixels across, centred on `centre` (also for the legend).
    static void drawMark(QPainter& p, MarkKind kind, QPointF centre, double size, const QColor& ink,
                         const QColor& halo);
    // A hold's swatch (also for the legend).
    static void drawHoldBand(QPainter& p, const QRect& band, bool semaphore, double lineWidth);
};

} // namespace looplab
