#include "ChartLegend.h"

#include <QChart>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QLegend>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace looplab {

namespace {

// Spacing in units of the font's line height, so the legend scales with presentation mode.
constexpr qreal kSwatchWidth = 1.8;
constexpr qreal kSwatchHeight = 0.9;
constexpr qreal kGapAfterSwatch = 0.4;
constexpr qreal kGapBetweenEntries = 1.2;
constexpr qreal kRowHeight = 1.35;

} // namespace

ChartLegend::ChartLegend(QChart* chart, const ChartStyle& style, std::vector<Entry> entries)
    : QGraphicsObject(chart), chart_(chart), font_(style.font()), text_(style.text()),
      entries_(std::move(entries)) {
    chart->legend()->hide();
    baseBottomMargin_ = chart->margins().bottom();
    setZValue(100); // above the plot's grid and series
    connect(chart, &QGraphicsWidget::geometryChanged, this, &ChartLegend::relayout);
    relayout();
}

QStringList ChartLegend::labels() const {
    QStringList out;
    for (const Entry& e : entries_)
        out.append(e.label);
    return out;
}

qreal ChartLegend::swatchWidth() const {
    return QFontMetricsF(font_).height() * kSwatchWidth;
}

void ChartLegend::relayout() {
    // Reserving space changes the chart's margins, which lays the chart out again; the
    // chart's size stays the same, but guard against being called back in the middle.
    if (relayouting_)
        return;
    relayouting_ = true;
    const QFontMetricsF fm(font_);
    const qreal line = fm.height();
    const qreal chartWidth = chart_->size().width();
    const qreal available =
        std::max(line * 10, chartWidth - chart_->margins().left() - chart_->margins().right());

    std::vector<qreal> widths;
    widths.reserve(entries_.size());
    for (const Entry& e : entries_)
        widths.push_back(swatchWidth() + line * kGapAfterSwatch + fm.horizontalAdvance(e.label));

    // Greedy rows: as many entries per row as fit, each row centred.
    boxes_.assign(entries_.size(), QRectF());
    rows_ = 0;
    for (size_t first = 0; first < entries_.size();) {
        size_t last = first + 1;
        qreal rowWidth = widths[first];
        while (last < entries_.size() &&
               rowWidth + line * kGapBetweenEntries + widths[last] <= available) {
            rowWidth += line * kGapBetweenEntries + widths[last];
            ++last;
        }
        qreal x = (chartWidth - rowWidth) / 2;
        for (size_t i = first; i < last; ++i) {
            boxes_[i] = QRectF(x, rows_ * line * kRowHeight, widths[i], line * kRowHeight);
            x += widths[i] + line * kGapBetweenEntries;
        }
        ++rows_;
        first = last;
    }

    const qreal height = rows_ * line * kRowHeight;
    prepareGeometryChange();
    if (height != height_) {
        height_ = height;
        QMargins margins = chart_->margins();
        margins.setBottom(baseBottomMargin_ + int(std::ceil(height_)));
        chart_->setMargins(margins);
        // Lay out now rather than on the next event-loop turn: an exporter renders the chart
        // right after resizing it, without an event loop in between.
        if (QGraphicsLayout* layout = chart_->layout())
            layout->activate();
    }
    setPos(0, chart_->size().height() - baseBottomMargin_ - height_);
    relayouting_ = false;
    update();
}

QRectF ChartLegend::boundingRect() const {
    return QRectF(0, 0, chart_->size().width(), height_);
}

void ChartLegend::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    const QFontMetricsF fm(font_);
    const qreal line = fm.height();
    painter->setFont(font_);
    for (size_t i = 0; i < entries_.size(); ++i) {
        const QRectF box = boxes_[i];
        const QRectF swatch(box.left(), box.center().y() - line * kSwatchHeight / 2, swatchWidth(),
                            line * kSwatchHeight);
        painter->fillRect(swatch, entries_[i].brush);
        painter->setPen(entries_[i].pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(swatch);
        painter->setPen(text_);
        const QRectF textBox(swatch.right() + line * kGapAfterSwatch, box.top(),
                             box.right() - swatch.right(), box.height());
        painter->drawText(textBox, Qt::AlignLeft | Qt::AlignVCenter, entries_[i].label);
    }
}

} // namespace looplab
