#pragma once
// How every chart looks, in one place: light, dark or high contrast (taken from a QPalette; high
// contrast also doubles line widths and draws the "now" line yellow), a scale factor
// for fonts and line widths (presentation mode shows charts at 100-300%), and the task-state
// colours and patterns, which are the timeline's (TimelinePalette) so a chart and the timeline
// next to it always mean the same thing by the same colour.
//
// Waiting is split by wait kind in the charts, and each kind looks exactly as on the timeline
// (TimelinePalette::waitFill and waitPattern by WaitKind): its own shade and hatch, so kinds
// stay apart in greyscale and for colour-blind readers; the legend names them too, so colour
// is never the only cue.

#include "PaletteKind.h"
#include "TimelinePalette.h"
#include "TimelineSegment.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QPalette>
#include <QPen>

#include <string>

QT_BEGIN_NAMESPACE
class QAbstractAxis;
class QChart;
QT_END_NAMESPACE

namespace looplab {

class ChartStyle {
  public:
    // Light palette, 100%.
    ChartStyle();
    // Background = the palette's Base, text = its Text; dark when Base is darker than Text.
    static ChartStyle fromPalette(const QPalette& palette, double scale = 1.0);

    bool isDark() const { return dark_; }
    PaletteKind kind() const { return kind_; }
    double scale() const { return scale_; }
    QColor background() const { return background_; }
    QColor text() const { return text_; }
    QColor grid() const;
    // The "now" line: the text colour, which contrasts with the background in light and dark
    // (the timeline's black cursor would vanish on a dark chart); the timeline's yellow in high
    // contrast, where text is white and the line should stand out from it.
    QColor cursor() const {
        return kind_ == PaletteKind::HighContrast ? TimelinePalette::cursor(kind_) : text_;
    }

    // The timeline's colours and patterns, unchanged.
    static QColor fill(SegmentKind kind);
    static QBrush pattern(SegmentKind kind);
    // A wait kind, by its name in RunStatistics::waitKinds() ("sleep", "lock", "await", or
    // asyncio's own word for it): the timeline's look for its WaitKind.
    static QColor waitFill(const std::string& kind);
    static QBrush waitPattern(const std::string& kind);
    // The words a legend shows for a wait kind: asyncio's own word as it is ("sleep", "lock",
    // "queue get"), a family named for LoopLab ("await", "event", "executor") as the timeline's
    // legend says it ("task / gather / future").
    static QString waitLabel(const std::string& kind);

    // Fill and pattern combined into one brush (a texture tile), because a chart series has a
    // single brush for its area, bars and legend marker. The hatch grows with the scale.
    QBrush brush(SegmentKind kind) const;
    QBrush waitBrush(const std::string& kind) const;
    // Outline of an area or bar: a darker edge of the fill, so neighbouring layers separate.
    QPen outline(const QColor& fill) const;

    // Fonts at the current scale (points), following the application font so a larger system
    // font gives larger charts; never below 10 pt at 100%, as charts are read from further away.
    QFont font() const;
    QFont titleFont() const;
    qreal lineWidth(qreal atScaleOne) const { return atScaleOne * scale_ * lineFactor(kind_); }

    // Background, title, legend and every attached axis in this style.
    void apply(QChart* chart) const;
    void applyToAxis(QAbstractAxis* axis) const;

  private:
    QBrush combined(const QColor& fill, const QBrush& pattern) const;

    bool dark_ = false;
    PaletteKind kind_ = PaletteKind::Light;
    double scale_ = 1.0;
    QColor background_;
    QColor text_;
};

} // namespace looplab
