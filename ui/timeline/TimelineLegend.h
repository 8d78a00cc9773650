#pragma once
// The timeline's legend: one swatch and name for each look the run contains (states, each wait
// kind, holds, marks), nothing it does not, so a legend on an exported slide explains exactly
// what is on it. Without a model (an empty view) it lists the states.

#include "TimelineMark.h"

#include <QString>

#include <vector>

class QFont;
class QPainter;
class QColor;

namespace looplab {

class TimelineModel;

struct LegendItem {
    enum class Type { Look, Hold, Mark };
    Type type = Type::Look;
    int look = 0;           // TimelinePalette::look() for Type::Look
    bool semaphore = false; // for Type::Hold
    MarkKind mark = MarkKind::Finished;
    QString text;
};

class TimelineLegend {
  public:
    static std::vector<LegendItem> items(const TimelineModel* model);
    // How many lines the legend wraps to in `width` pixels.
    static int lines(const QFont& font, int width, const TimelineModel* model);
    // Draws it from (0, 0), filling its lines with `base` first.
    static void draw(QPainter& p, int width, const TimelineModel* model, const QColor& base,
                     const QColor& text, double lineWidth);
};

} // namespace looplab
