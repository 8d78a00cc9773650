#include "BreakdownChart.h"

#include "ChartLegend.h"
#include "ChartText.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QHorizontalStackedBarSeries>
#include <QSet>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace looplab {

namespace {

double toSeconds(int64_t ns) {
    return double(ns) / 1e9;
}

int64_t nsIn(const RowBreakdown& row, SegmentKind kind, int waitIndex) {
    switch (kind) {
    case SegmentKind::Running:
        return row.runningNs;
    case SegmentKind::Ready:
        return row.readyNs;
    case SegmentKind::Blocked:
        return row.blockedNs;
    case SegmentKind::Busy:
        return row.busyNs;
    case SegmentKind::Waiting:
        return waitIndex >= 0 && size_t(waitIndex) < row.waitingNs.size()
                   ? row.waitingNs[size_t(waitIndex)]
                   : 0;
    case SegmentKind::Mixed:
        break;
    }
    return 0;
}

} // namespace

BreakdownChart* BreakdownChart::build(const RunStatistics& stats, const ChartStyle& style,
                                      int topN) {
    auto* chart = new BreakdownChart;
    chart->chooseRows(stats, std::max(1, topN));
    if (chart->rows_.empty()) {
        chart->setTitle(tr("No tasks ran in this run"));
    } else {
        chart->addSets(stats, style);
        chart->setTitleFor(stats);
    }
    style.apply(chart);
    chart->labelFont_ = style.font();
    std::vector<ChartLegend::Entry> entries;
    for (const StateSet& s : chart->sets_)
        entries.push_back({s.set->label(), s.set->brush(), s.set->pen()});
    chart->legend_ = new ChartLegend(chart, style, std::move(entries));
    return chart;
}

int BreakdownChart::rowsThatFit(double heightPx, double scale) {
    // Title, axis and legend take about 160 px at 100%; a bar with a readable label about 16.
    const double rows = (heightPx - 160.0 * scale) / (16.0 * scale);
    return int(std::clamp(rows, 5.0, double(kDefaultTopN)));
}

void BreakdownChart::chooseRows(const RunStatistics& stats, int topN) {
    const auto& all = stats.breakdown();
    rows_.resize(all.size());
    std::iota(rows_.begin(), rows_.end(), size_t(0));
    if (rows_.size() > size_t(topN)) {
        truncated_ = true;
        // The rows with the most time; ties keep timeline order so the choice is stable.
        std::stable_sort(rows_.begin(), rows_.end(), [&all](size_t a, size_t b) {
            return all[a].totalNs() > all[b].totalNs();
        });
        rows_.resize(size_t(topN));
    }
    // Shown in the timeline's order either way, so the bars line up with the timeline rows
    // a reader has just looked at.
    std::sort(rows_.begin(), rows_.end());

    QSet<QString> seen;
    for (size_t index : rows_) {
        const QString base =
            ChartText::elide(QString::fromStdString(all[index].label), kLabelChars);
        // A bar category axis merges equal labels, and two tasks may share a name.
        QString label = base;
        for (int n = 2; seen.contains(label); ++n)
            label = QStringLiteral("%1 (%2)").arg(base).arg(n);
        seen.insert(label);
        labels_.append(label);
    }
}

void BreakdownChart::addSets(const RunStatistics& stats, const ChartStyle& style) {
    const auto& all = stats.breakdown();
    std::vector<StateSet> candidates = {{SegmentKind::Running, -1, nullptr},
                                        {SegmentKind::Ready, -1, nullptr},
                                        {SegmentKind::Blocked, -1, nullptr},
                                        {SegmentKind::Busy, -1, nullptr}};
    for (size_t w = 0; w < stats.waitKinds().size(); ++w)
        candidates.push_back({SegmentKind::Waiting, int(w), nullptr});

    auto* series = new QHorizontalStackedBarSeries;
    series->setBarWidth(0.7);
    double longest = 0.0;
    for (size_t index : rows_)
        longest = std::max(longest, toSeconds(all[index].totalNs()));

    for (StateSet candidate : candidates) {
        const bool used = std::any_of(rows_.begin(), rows_.end(), [&](size_t index) {
            return nsIn(all[index], candidate.kind, candidate.waitIndex) > 0;
        });
        if (!used)
            continue;
        QString name;
        QColor fill;
        QBrush brush;
        if (candidate.kind == SegmentKind::Waiting) {
            name = tr("waiting: %1")
                       .arg(ChartStyle::waitLabel(stats.waitKinds()[size_t(candidate.waitIndex)]));
            const std::string& kind = stats.waitKinds()[size_t(candidate.waitIndex)];
            fill = ChartStyle::waitFill(kind);
            brush = style.waitBrush(kind);
        } else {
            name = QString::fromLatin1(segmentKindName(candidate.kind));
            fill = ChartStyle::fill(candidate.kind);
            brush = style.brush(candidate.kind);
        }
        auto* set = new QBarSet(name);
        set->setBrush(brush);
        set->setPen(style.outline(fill));
        // Category 0 is drawn at the bottom: append bottom-up so the first row is on top.
        QList<qreal> values;
        for (auto it = rows_.rbegin(); it != rows_.rend(); ++it)
            values.append(toSeconds(nsIn(all[*it], candidate.kind, candidate.waitIndex)));
        set->append(values);
        series->append(set);
        candidate.set = set;
        sets_.push_back(candidate);
    }
    addSeries(series);

    rowAxis_ = new QBarCategoryAxis;
    QStringList bottomUp = labels_;
    std::reverse(bottomUp.begin(), bottomUp.end());
    rowAxis_->append(bottomUp);
    addAxis(rowAxis_, Qt::AlignLeft);
    series->attachAxis(rowAxis_);

    timeAxis_ = new QValueAxis;
    timeAxis_->setTitleText(tr("virtual time (s)"));
    // A run where nothing took virtual time still gets a readable 0-1 s axis.
    if (longest <= 0.0)
        longest = 1.0;
    const double step = ChartText::niceStep(longest / 6.0);
    timeAxis_->setRange(0.0, std::max(step, std::ceil(longest / step) * step));
    timeAxis_->setTickType(QValueAxis::TicksDynamic);
    timeAxis_->setTickAnchor(0.0);
    timeAxis_->setTickInterval(step);
    timeAxis_->setLabelFormat(QStringLiteral("%.%1f").arg(ChartText::decimalsFor(step)));
    addAxis(timeAxis_, Qt::AlignBottom);
    series->attachAxis(timeAxis_);
    // Rows are read across, so horizontal grid lines would only add noise.
    rowAxis_->setGridLineVisible(false);
    // Labels are already elided to kLabelChars and sized to fit by fitRowLabels(); Qt's own
    // truncation would turn a label a pixel too tall into "...".
    rowAxis_->setTruncateLabels(false);
    connect(this, &QChart::plotAreaChanged, this, &BreakdownChart::fitRowLabels);
}

void BreakdownChart::fitRowLabels() {
    if (!rowAxis_ || fitting_ || rows_.empty())
        return;
    const qreal rowHeight = plotArea().height() / qreal(rows_.size());
    if (rowHeight <= 0)
        return;
    // Qt hides a label whose box (the line plus a few pixels of text-item margin) reaches
    // into the previous label's, so leave that margin inside the row.
    constexpr qreal kLabelBoxExtra = 3.0;
    QFont font = labelFont_;
    while (font.pointSizeF() > kMinLabelPoints &&
           QFontMetricsF(font).height() + kLabelBoxExtra > rowHeight)
        font.setPointSizeF(std::max(kMinLabelPoints, font.pointSizeF() - 0.5));
    if (font == rowAxis_->labelsFont())
        return;
    fitting_ = true;
    rowAxis_->setLabelsFont(font);
    // Now, not on the next event-loop turn: an exporter renders right after resizing.
    if (QGraphicsLayout* chartLayout = layout())
        chartLayout->activate();
    fitting_ = false;
}

void BreakdownChart::setTitleFor(const RunStatistics& stats) {
    QString title = tr("Where the time went");
    if (!truncated_) {
        setTitle(title);
        return;
    }
    size_t tasks = 0;
    for (const RowBreakdown& row : stats.breakdown())
        tasks += row.isWorker ? 0 : 1;
    const size_t workers = stats.breakdown().size() - tasks;
    QString of = tr("top %1 of %2 tasks")
                     .arg(ChartText::count(qint64(rows_.size())), ChartText::count(qint64(tasks)));
    if (workers > 0)
        of += tr(" and %1 workers").arg(ChartText::count(qint64(workers)));
    setTitle(title + QStringLiteral(": ") + of + tr(" by total time"));
}

double BreakdownChart::valueAt(size_t row, SegmentKind kind, int waitIndex) const {
    for (const StateSet& s : sets_) {
        if (s.kind == kind && (kind != SegmentKind::Waiting || s.waitIndex == waitIndex))
            return s.set->at(qsizetype(rows_.size() - 1 - row));
    }
    return -1.0;
}

} // namespace looplab
