#include "ComparisonChart.h"

#include "ChartLegend.h"
#include "ChartText.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QFontMetricsF>
#include <QGraphicsSimpleTextItem>
#include <QHorizontalStackedBarSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace looplab {

namespace {

constexpr int kLabelChars = 36;

// Kept runs are context, the current run is the subject: a quiet grey against the timeline's
// "running" blue, with "(this run)" in the label so colour is not the only difference.
QColor keptColor() {
    return QColor(0x9A, 0x9A, 0x9A);
}
QColor currentColor() {
    return ChartStyle::fill(SegmentKind::Running);
}

} // namespace

ComparisonChart* ComparisonChart::build(const std::vector<ComparedRun>& kept,
                                        const ComparedRun* current, const ChartStyle& style) {
    auto* chart = new ComparisonChart;
    chart->runs_ = kept;
    if (current)
        chart->runs_.push_back(*current);
    if (chart->runs_.empty()) {
        chart->setTitle(tr("No runs to compare yet"));
    } else {
        chart->setTitle(tr("Total virtual time per run"));
        chart->addBars(style, current != nullptr);
    }
    style.apply(chart);
    // A legend of one entry says nothing: only when both kinds of bar are there.
    std::vector<ChartLegend::Entry> entries;
    if (chart->keptSet_ && chart->currentSet_)
        for (QBarSet* set : {chart->keptSet_, chart->currentSet_})
            entries.push_back({set->label(), set->brush(), set->pen()});
    chart->legend_ = new ChartLegend(chart, style, std::move(entries));
    // Bar labels follow the chart's text colour and font.
    for (QGraphicsSimpleTextItem* item : std::as_const(chart->valueLabels_)) {
        QFont font = style.font();
        font.setBold(true);
        item->setFont(font);
        item->setBrush(style.text());
    }
    return chart;
}

void ComparisonChart::addBars(const ChartStyle& style, bool hasCurrent) {
    const int count = int(runs_.size());
    for (int i = 0; i < count; ++i) {
        // Numbered, which also keeps two runs of the same program apart on the category axis.
        QString label = QStringLiteral("%1. %2").arg(i + 1).arg(
            ChartText::elide(runs_[size_t(i)].label, kLabelChars));
        if (hasCurrent && i == count - 1)
            label += tr(" (this run)");
        labels_.append(label);
    }

    auto* series = new QHorizontalStackedBarSeries;
    series->setBarWidth(0.6);
    const bool hasKept = count > (hasCurrent ? 1 : 0);
    if (hasKept) {
        keptSet_ = new QBarSet(tr("kept runs"));
        keptSet_->setBrush(keptColor());
        keptSet_->setPen(style.outline(keptColor()));
    }
    if (hasCurrent) {
        currentSet_ = new QBarSet(tr("this run"));
        currentSet_->setBrush(currentColor());
        currentSet_->setPen(style.outline(currentColor()));
    }
    // Category 0 is the bottom bar: append from the last run up. Each run has its value in
    // exactly one of the two sets (the other holds 0), so stacking never adds two runs.
    double longest = 0.0;
    for (int i = count - 1; i >= 0; --i) {
        const double seconds = double(runs_[size_t(i)].totalNs) / 1e9;
        longest = std::max(longest, seconds);
        const bool isCurrent = hasCurrent && i == count - 1;
        if (keptSet_)
            keptSet_->append(isCurrent ? 0.0 : seconds);
        if (currentSet_)
            currentSet_->append(isCurrent ? seconds : 0.0);
    }
    if (keptSet_)
        series->append(keptSet_);
    if (currentSet_)
        series->append(currentSet_);
    addSeries(series);

    runAxis_ = new QBarCategoryAxis;
    QStringList bottomUp = labels_;
    std::reverse(bottomUp.begin(), bottomUp.end());
    runAxis_->append(bottomUp);
    addAxis(runAxis_, Qt::AlignLeft);
    series->attachAxis(runAxis_);
    runAxis_->setGridLineVisible(false);

    timeAxis_ = new QValueAxis;
    timeAxis_->setTitleText(tr("virtual time (s)"));
    // Head room right of the longest bar for its "3.000 s" label.
    if (longest <= 0.0)
        longest = 1.0; // runs that took no virtual time still get a readable 0-1 s axis
    const double step = ChartText::niceStep(longest * 1.25 / 5.0);
    timeAxis_->setRange(0.0, std::max(step, std::ceil(longest * 1.25 / step) * step));
    timeAxis_->setTickType(QValueAxis::TicksDynamic);
    timeAxis_->setTickAnchor(0.0);
    timeAxis_->setTickInterval(step);
    timeAxis_->setLabelFormat(QStringLiteral("%.%1f").arg(ChartText::decimalsFor(step)));
    addAxis(timeAxis_, Qt::AlignBottom);
    series->attachAxis(timeAxis_);

    for (int i = 0; i < count; ++i) {
        auto* item =
            new QGraphicsSimpleTextItem(ChartText::seconds(runs_[size_t(i)].totalNs), this);
        item->setZValue(100); // above the bars and grid
        valueLabels_.append(item);
    }
    connect(this, &QChart::plotAreaChanged, this, &ComparisonChart::placeValueLabels);
    placeValueLabels();
}

void ComparisonChart::placeValueLabels() {
    const QRectF plot = plotArea();
    const int count = int(runs_.size());
    auto* series = this->series().isEmpty() ? nullptr : this->series().constFirst();
    for (int i = 0; i < count && series; ++i) {
        QGraphicsSimpleTextItem* item = valueLabels_[i];
        const QPointF end = mapToPosition(QPointF(valueAt(i), double(count - 1 - i)), series);
        const QRectF box = item->boundingRect();
        const qreal gap = box.height() * 0.3;
        const qreal x = std::min(end.x() + gap, plot.right() - box.width());
        item->setPos(x, end.y() - box.height() / 2);
        item->setVisible(plot.isValid() && !plot.isEmpty());
    }
}

double ComparisonChart::valueAt(int index) const {
    if (index < 0 || index >= int(runs_.size()))
        return 0.0;
    return double(runs_[size_t(index)].totalNs) / 1e9;
}

QString ComparisonChart::valueLabel(int index) const {
    return valueLabels_.value(index) ? valueLabels_[index]->text() : QString();
}

} // namespace looplab
