#pragma once
// Paints a timeline (legend, time axis, one row per task and worker, the cursor) onto any
// QPainter: the widget's viewport, a PNG, an SVG or a PDF page. TimelineView owns the
// interaction (zoom, pan, scrolling, tooltips); this class owns the picture, so an export
// shows exactly what the window shows.
//
// The event loop's own row (TimelineModel::loopRow) comes first, then tasks and workers. Rows
// too many for the height (a 10,000-task run on one page, under 6 pixels a row) are drawn
// "dense": several rows share one band of pixels and each pixel shows the look most of them
// are in, the way sub-pixel segments are merged along the time axis.

#include "TimelineMath.h"
#include "TimelineModel.h"
#include "TimelineZoom.h"

#include <QColor>
#include <QFont>
#include <QSet>
#include <QSize>
#include <QString>

#include <memory>

class QPainter;

namespace looplab {

// Everything one paint needs besides the model, in the painter's coordinates.
struct TimelineFrame {
    QSize size;                   // the area to fill, from (0, 0)
    QFont font;                   // already scaled
    double scale = 1.0;           // line widths follow the font's scale (presentation mode)
    QColor base;                  // background
    QColor alternate;             // every other row's stripe
    QColor text;                  // labels, axis
    TimelineZoom zoom;            // which virtual time maps to which x, over size.width() - gutter
    int gutter = 0;               // width of the row labels, left of the time area
    int scrollY = 0;              // pixels of rows scrolled out above the top
    int rowHeight = 0;            // 0: rowHeight(font); exports stretch a few rows to fill the page
    int64_t cursorNs = -1;        // -1: no cursor
    bool veilAfterCursor = false; // dim what lies ahead of the cursor ("now" versus "later")
    bool dense = false;           // squeeze every row into the height (exports); see above
    QSet<QString> spotlight;      // row labels to keep bright; the others are dimmed (presenting)
};

class TimelinePainter {
  public:
    TimelinePainter();
    ~TimelinePainter();
    TimelinePainter(const TimelinePainter&) = delete;
    TimelinePainter& operator=(const TimelinePainter&) = delete;

    // Layout measures for a font: one row, and the legend plus axis above the rows.
    static int rowHeight(const QFont& font);
    // The legend (what `model` contains) wraps to more lines when `width` is too narrow.
    static int headerHeight(const QFont& font, int width, const TimelineModel* model = nullptr);
    // Pixels per row when `rows` rows share the height of `size` below the header.
    static int rowsFitting(const QFont& font, const QSize& size, const TimelineModel* model,
                           int rows);
    // Whether an export of `model` in `size` squeezes several rows into one band of pixels.
    static bool drawsDense(const QFont& font, const QSize& size, const TimelineModel* model);
    // Wide enough for the longest row label, but never more than maxWidth.
    static int gutterWidth(const TimelineModel* model, const QFont& font, int maxWidth);

    void paint(QPainter& p, const TimelineModel* model, const TimelineFrame& frame);

    // A row's label fitted into `width` pixels: "Task-1 · main()" whole when it fits; else the
    // name whole and the coroutine part elided ("Task-2 · downl…"); the name itself is elided
    // only when not even it fits.
    static QString fittedLabel(const TimelineRow& row, const QFontMetrics& fm, int width);

  private:
    struct Scratch;
    void drawAxis(QPainter& p, const TimelineFrame& frame, const TimelineModel* model) const;
    void drawRows(QPainter& p, const TimelineModel& model, const TimelineFrame& frame);
    void drawDenseRows(QPainter& p, const TimelineModel& model, const TimelineFrame& frame);
    void collectRow(QPainter& p, const TimelineModel& model, const TimelineRow& row,
                    const TimelineFrame& frame, size_t drawIndex, int y);
    void drawCollected(QPainter& p, const TimelineFrame& frame);
    void drawCursor(QPainter& p, const TimelineFrame& frame, const TimelineModel* model) const;

    std::unique_ptr<Scratch> scratch_; // buffers reused from paint to paint
};

} // namespace looplab
