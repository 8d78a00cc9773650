#include "ChartStyle.h"

#include "TimelinePalette.h"

#include <QAbstractAxis>
#include <QChart>
#include <QGraphicsLayout>
#include <QGuiApplication>
#include <QImage>
#include <QLegend>
#include <QPainter>
#include <QPixmap>

#include <algorithm>
#include <cmath>

namespace looplab {

namespace {

// Qt's hatch patterns repeat every 8 device pixels, so an 8x8 tile holds exactly one period
// and tiles seamlessly.
constexpr int kPatternPeriod = 8;

// Chart text at 100%: the application's font size, at least 10 pt.
double bodyPoints() {
    const double app = QGuiApplication::font().pointSizeF();
    return std::max(10.0, app > 0 ? app : 10.0);
}

QColor blend(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

} // namespace

ChartStyle::ChartStyle() : background_(Qt::white), text_(QColor(0x20, 0x20, 0x20)) {}

ChartStyle ChartStyle::fromPalette(const QPalette& palette, double scale) {
    ChartStyle style;
    style.background_ = palette.color(QPalette::Base);
    style.text_ = palette.color(QPalette::Text);
    style.kind_ = paletteKind(style.background_, style.text_);
    style.dark_ = style.kind_ != PaletteKind::Light;
    style.scale_ = std::clamp(scale, 0.5, 4.0);
    return style;
}

QColor ChartStyle::grid() const {
    // High contrast: grid lines a clear grey, not a hint of one.
    return blend(background_, text_,
                 kind_ == PaletteKind::HighContrast ? 0.5 : (dark_ ? 0.25 : 0.15));
}

QColor ChartStyle::fill(SegmentKind kind) {
    return TimelinePalette::fill(kind);
}

QBrush ChartStyle::pattern(SegmentKind kind) {
    return TimelinePalette::pattern(kind);
}

QColor ChartStyle::waitFill(const std::string& kind) {
    return TimelinePalette::waitFill(waitKindOf(kind));
}

QString ChartStyle::waitLabel(const std::string& kind) {
    const WaitKind family = waitKindOf(kind);
    const bool ownWord =
        family == WaitKind::Await || family == WaitKind::Event || family == WaitKind::Executor;
    return ownWord && kind == waitKindName(family) ? QString::fromLatin1(waitKindLegend(family))
                                                   : QString::fromStdString(kind);
}

QBrush ChartStyle::waitPattern(const std::string& kind) {
    return TimelinePalette::waitPattern(waitKindOf(kind));
}

QBrush ChartStyle::brush(SegmentKind kind) const {
    return combined(fill(kind), pattern(kind));
}

QBrush ChartStyle::waitBrush(const std::string& kind) const {
    return combined(waitFill(kind), waitPattern(kind));
}

QBrush ChartStyle::combined(const QColor& fillColor, const QBrush& patternBrush) const {
    if (patternBrush.style() == Qt::NoBrush)
        return QBrush(fillColor);
    QImage tile(kPatternPeriod, kPatternPeriod, QImage::Format_RGB32);
    tile.fill(fillColor);
    {
        QPainter p(&tile);
        p.fillRect(tile.rect(), patternBrush);
    }
    // Scale the 1-pixel hatch up with the fonts (nearest neighbour keeps it crisp), so the
    // pattern stays visible on a projector at 200-300%.
    const int factor = std::max(1, int(std::lround(scale_)));
    if (factor > 1)
        tile = tile.scaled(kPatternPeriod * factor, kPatternPeriod * factor, Qt::IgnoreAspectRatio,
                           Qt::FastTransformation);
    QBrush brush(QPixmap::fromImage(tile));
    // A texture brush's color() is not used for painting; keep the fill there so code asking
    // a series for its colour (legend, tests, exporters) gets the state colour.
    brush.setColor(fillColor);
    return brush;
}

QPen ChartStyle::outline(const QColor& fillColor) const {
    QPen pen(fillColor.darker(dark_ ? 110 : 135));
    pen.setWidthF(lineWidth(1.0));
    return pen;
}

QFont ChartStyle::font() const {
    QFont f = QGuiApplication::font();
    f.setPointSizeF(bodyPoints() * scale_);
    return f;
}

QFont ChartStyle::titleFont() const {
    QFont f = QGuiApplication::font();
    f.setPointSizeF(bodyPoints() * 1.3 * scale_);
    f.setBold(true);
    return f;
}

void ChartStyle::apply(QChart* chart) const {
    // No setTheme(): a theme overwrites every series' brush with its own colours.
    chart->setBackgroundBrush(background_);
    chart->setBackgroundPen(Qt::NoPen);
    chart->setBackgroundRoundness(0);
    chart->setDropShadowEnabled(false);
    chart->setPlotAreaBackgroundVisible(false);
    // The background should reach the picture's edges (an exported PNG has no view behind
    // it); the layout's default contents margins would leave a transparent frame.
    if (QGraphicsLayout* layout = chart->layout())
        layout->setContentsMargins(0, 0, 0, 0);
    const int margin = int(std::lround(12 * scale_));
    chart->setMargins(QMargins(margin, margin, margin, margin));
    chart->setTitleBrush(text_);
    chart->setTitleFont(titleFont());
    QLegend* legend = chart->legend();
    legend->setLabelColor(text_);
    legend->setFont(font());
    legend->setBackgroundVisible(false);
    legend->setBorderColor(Qt::transparent);
    const auto axes = chart->axes();
    for (QAbstractAxis* axis : axes)
        applyToAxis(axis);
}

void ChartStyle::applyToAxis(QAbstractAxis* axis) const {
    axis->setLabelsBrush(text_);
    axis->setLabelsFont(font());
    axis->setTitleBrush(text_);
    QFont title = font();
    title.setBold(true);
    axis->setTitleFont(title);
    axis->setLinePen(QPen(blend(background_, text_, 0.6), lineWidth(1.0)));
    axis->setGridLinePen(QPen(grid(), lineWidth(1.0)));
    axis->setMinorGridLineVisible(false);
    axis->setShadesVisible(false);
}

} // namespace looplab
