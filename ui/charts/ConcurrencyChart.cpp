#include "ConcurrencyChart.h"

#include "ChartLegend.h"
#include "ChartText.h"

#include <QAreaSeries>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace looplab {

namespace {

// Layer slots in stacking order: the three task states, then one per wait kind.
constexpr int kRunningSlot = 0;
constexpr int kReadySlot = 1;
constexpr int kBlockedSlot = 2;
constexpr int kFirstWaitSlot = 3;

int slotCount(const RunStatistics& stats) {
    return kFirstWaitSlot + int(stats.waitKinds().size());
}

int countIn(const ConcurrencyStep& step, int slot) {
    switch (slot) {
    case kRunningSlot:
        return step.running;
    case kReadySlot:
        return step.ready;
    case kBlockedSlot:
        return step.blocked;
    default:
        break;
    }
    const size_t wait = size_t(slot - kFirstWaitSlot);
    return wait < step.waiting.size() ? step.waiting[wait] : 0;
}

// One column of the stack: [startNs, endNs) with a (possibly averaged) count per used slot.
struct Column {
    qint64 startNs = 0;
    qint64 endNs = 0;
    std::vector<double> counts;
};

qint64 stepEnd(const RunStatistics& stats, size_t index) {
    const auto& steps = stats.concurrency();
    return index + 1 < steps.size() ? steps[index + 1].startNs : stats.endNs();
}

// The index of the first step still holding at `ns`.
size_t firstStepAt(const RunStatistics& stats, qint64 ns) {
    const auto& steps = stats.concurrency();
    auto it = std::upper_bound(steps.begin(), steps.end(), ns,
                               [](qint64 t, const ConcurrencyStep& s) { return t < s.startNs; });
    return it == steps.begin() ? 0 : size_t(it - steps.begin()) - 1;
}

std::vector<Column> exactColumns(const RunStatistics& stats, const std::vector<int>& layerSlots,
                                 size_t first, size_t last, qint64 from, qint64 to) {
    std::vector<Column> columns;
    columns.reserve(last - first);
    for (size_t i = first; i < last; ++i) {
        const qint64 start = std::max<qint64>(stats.concurrency()[i].startNs, from);
        const qint64 end = std::min<qint64>(stepEnd(stats, i), to);
        if (start >= end)
            continue;
        Column c{start, end, {}};
        for (int slot : layerSlots)
            c.counts.push_back(countIn(stats.concurrency()[i], slot));
        columns.push_back(std::move(c));
    }
    return columns;
}

// Equal bins over [from, to); each bin holds every slot's count weighted by how long it held
// inside the bin, divided by the bin's length. The area under each layer is unchanged, so the
// averaged chart answers "how much task-time went where" exactly, only less sharply.
std::vector<Column> averagedColumns(const RunStatistics& stats, const std::vector<int>& layerSlots,
                                    size_t first, size_t last, qint64 from, qint64 to) {
    const qint64 range = to - from;
    const int binCount = int(std::min<qint64>(ConcurrencyChart::kMaxBins, range));
    std::vector<Column> columns(static_cast<size_t>(binCount));
    for (int b = 0; b < binCount; ++b) {
        columns[size_t(b)].startNs = from + range * b / binCount;
        columns[size_t(b)].endNs = from + range * (b + 1) / binCount;
        columns[size_t(b)].counts.assign(layerSlots.size(), 0.0);
    }
    size_t bin = 0;
    for (size_t i = first; i < last && bin < columns.size(); ++i) {
        const qint64 start = std::max<qint64>(stats.concurrency()[i].startNs, from);
        const qint64 end = std::min<qint64>(stepEnd(stats, i), to);
        while (bin < columns.size() && columns[bin].endNs <= start)
            ++bin;
        for (size_t b = bin; b < columns.size() && columns[b].startNs < end; ++b) {
            const double overlap =
                double(std::min(end, columns[b].endNs) - std::max(start, columns[b].startNs));
            if (overlap <= 0)
                continue;
            for (size_t s = 0; s < layerSlots.size(); ++s)
                columns[b].counts[s] += overlap * countIn(stats.concurrency()[i], layerSlots[s]);
        }
    }
    for (Column& c : columns)
        for (double& v : c.counts)
            v /= double(c.endNs - c.startNs);
    return columns;
}

double toSeconds(qint64 ns) {
    return double(ns) / 1e9;
}

// The y of a step-shaped series (pairs of points at a column's start and end) at x.
double stepValueAt(const QLineSeries* series, double x) {
    if (!series)
        return 0.0;
    const QList<QPointF> points = series->points();
    for (qsizetype i = 0; i + 1 < points.size(); i += 2)
        if (points[i].x() <= x && x < points[i + 1].x())
            return points[i].y();
    return 0.0;
}

} // namespace

ConcurrencyChart* ConcurrencyChart::build(const RunStatistics& stats, const ChartStyle& style,
                                          qint64 fromNs, qint64 toNs) {
    auto* chart = new ConcurrencyChart;
    if (toNs <= fromNs) {
        fromNs = 0;
        toNs = stats.endNs();
    }
    chart->fromNs_ = fromNs;
    chart->toNs_ = toNs;
    const bool empty = stats.concurrency().empty() || toNs <= fromNs || fromNs >= stats.endNs();
    if (empty)
        chart->setTitle(tr("No tasks ran in this time range"));
    else
        chart->addLayers(stats, style);
    style.apply(chart);
    std::vector<ChartLegend::Entry> entries;
    for (const Layer& layer : chart->layers_) {
        // Swatches keep their outline even when averaged areas drop theirs.
        const QColor fill = layer.kind == SegmentKind::Waiting
                                ? ChartStyle::waitFill(stats.waitKinds()[size_t(layer.waitIndex)])
                                : ChartStyle::fill(layer.kind);
        entries.push_back({layer.series->name(), layer.series->brush(), style.outline(fill)});
    }
    chart->legend_ = new ChartLegend(chart, style, std::move(entries));
    return chart;
}

void ConcurrencyChart::addLayers(const RunStatistics& stats, const ChartStyle& style) {
    // A layer for every state some task was in at some point of the run (not only of the
    // window), so the legend does not change while the window moves.
    std::vector<int> layerSlots;
    for (int slot = 0; slot < slotCount(stats); ++slot) {
        const bool used =
            std::any_of(stats.concurrency().begin(), stats.concurrency().end(),
                        [slot](const ConcurrencyStep& s) { return countIn(s, slot); });
        if (used)
            layerSlots.push_back(slot);
    }
    if (layerSlots.empty()) { // rows whose segments all take no time
        setTitle(tr("No tasks ran in this time range"));
        return;
    }
    const size_t first = firstStepAt(stats, fromNs_);
    const size_t last = firstStepAt(stats, toNs_ - 1) + 1;
    const bool averaged = last - first > size_t(kExactStepLimit);
    const std::vector<Column> columns =
        averaged ? averagedColumns(stats, layerSlots, first, last, fromNs_, toNs_)
                 : exactColumns(stats, layerSlots, first, last, fromNs_, toNs_);
    if (averaged && !columns.empty())
        binNs_ = columns.front().endNs - columns.front().startNs;

    // Each layer's top line, stacked: layer s sits on the sum of the layers below it.
    double peak = 0.0;
    std::vector<QList<QPointF>> tops(layerSlots.size());
    std::vector<double> stacked(columns.size(), 0.0);
    for (size_t s = 0; s < layerSlots.size(); ++s) {
        tops[s].reserve(qsizetype(columns.size() * 2));
        for (size_t c = 0; c < columns.size(); ++c) {
            stacked[c] += columns[c].counts[s];
            tops[s].append(QPointF(toSeconds(columns[c].startNs), stacked[c]));
            tops[s].append(QPointF(toSeconds(columns[c].endNs), stacked[c]));
            peak = std::max(peak, stacked[c]);
        }
    }

    QString title = tr("Tasks by state over virtual time");
    if (averaged)
        title += tr(" (averaged per bin of %1)").arg(ChartText::duration(binNs_));
    setTitle(title);
    addAxes(peak);

    for (size_t s = 0; s < layerSlots.size(); ++s) {
        auto* upper = new QLineSeries;
        QLineSeries* lower = s > 0 ? new QLineSeries : nullptr;
        auto* area = new QAreaSeries(upper, lower);
        Layer layer;
        QColor outlineColor;
        const int slot = layerSlots[s];
        if (slot >= kFirstWaitSlot) {
            layer.waitIndex = slot - kFirstWaitSlot;
            area->setName(
                QObject::tr("waiting: %1")
                    .arg(ChartStyle::waitLabel(stats.waitKinds()[size_t(layer.waitIndex)])));
            const std::string& kind = stats.waitKinds()[size_t(layer.waitIndex)];
            area->setBrush(style.waitBrush(kind));
            outlineColor = ChartStyle::waitFill(kind);
        } else {
            layer.kind = slot == kRunningSlot ? SegmentKind::Running
                         : slot == kReadySlot ? SegmentKind::Ready
                                              : SegmentKind::Blocked;
            area->setName(QString::fromLatin1(segmentKindName(layer.kind)));
            area->setBrush(style.brush(layer.kind));
            outlineColor = ChartStyle::fill(layer.kind);
        }
        // Averaged bins change at every bin: outlines there would draw a comb of vertical
        // lines over the shape, so averaged layers are told apart by fill and pattern only.
        area->setPen(averaged ? QPen(Qt::NoPen) : style.outline(outlineColor));
        addSeries(area);
        // QAreaSeries does not own its lines; tie them to it so they go with the chart.
        upper->setParent(area);
        if (lower)
            lower->setParent(area);
        area->attachAxis(timeAxis_);
        area->attachAxis(countAxis_);
        // Points last: every attach above recomputes the series' geometry, which is cheap
        // while the lines are still empty.
        upper->replace(tops[s]);
        if (lower)
            lower->replace(tops[s - 1]);
        layer.series = area;
        layers_.push_back(layer);
    }
    addCursor(style);
}

void ConcurrencyChart::addAxes(double peak) {
    timeAxis_ = new QValueAxis;
    timeAxis_->setTitleText(tr("virtual time (s)"));
    const double from = toSeconds(fromNs_);
    const double to = toSeconds(toNs_);
    timeAxis_->setRange(from, to);
    const double timeStep = ChartText::niceStep((to - from) / 8.0);
    timeAxis_->setTickType(QValueAxis::TicksDynamic);
    timeAxis_->setTickAnchor(0.0);
    timeAxis_->setTickInterval(timeStep);
    timeAxis_->setLabelFormat(QStringLiteral("%.%1f").arg(ChartText::decimalsFor(timeStep)));
    addAxis(timeAxis_, Qt::AlignBottom);

    // Whole tasks on the y axis (averaged counts can be fractional, the ticks stay whole).
    countAxis_ = new QValueAxis;
    countAxis_->setTitleText(tr("tasks"));
    const double countStep = std::max(1.0, std::round(ChartText::niceStep(peak / 6.0)));
    yTop_ = std::max(1.0, std::ceil(peak / countStep) * countStep);
    countAxis_->setRange(0.0, yTop_);
    countAxis_->setTickType(QValueAxis::TicksDynamic);
    countAxis_->setTickAnchor(0.0);
    countAxis_->setTickInterval(countStep);
    countAxis_->setLabelFormat(QStringLiteral("%d"));
    addAxis(countAxis_, Qt::AlignLeft);
}

void ConcurrencyChart::addCursor(const ChartStyle& style) {
    // The "now" line in the text colour over a wider band of the background colour: it must
    // stand out on the background and on every state fill (a white line on the pale waiting
    // blue of a dark chart would vanish otherwise). The line explains itself, so the legend
    // lists only the states.
    cursorHalo_ = new QLineSeries;
    cursorHalo_->setPen(QPen(style.background(), style.lineWidth(5.0)));
    cursor_ = new QLineSeries;
    cursor_->setName(tr("now"));
    cursor_->setPen(QPen(style.cursor(), style.lineWidth(2.0)));
    for (QLineSeries* line : {cursorHalo_, cursor_}) {
        addSeries(line);
        line->attachAxis(timeAxis_);
        line->attachAxis(countAxis_);
    }
}

void ConcurrencyChart::setCurrentTime(qint64 ns) {
    currentNs_ = ns;
    if (!cursor_)
        return;
    if (ns < fromNs_ || ns > toNs_) {
        cursorHalo_->clear();
        cursor_->clear();
        return;
    }
    const double x = toSeconds(ns);
    const QList<QPointF> line{QPointF(x, 0.0), QPointF(x, yTop_)};
    cursorHalo_->replace(line);
    cursor_->replace(line);
}

double ConcurrencyChart::layerValueAt(int index, qint64 ns) const {
    const QAreaSeries* area = layer(index);
    const double x = toSeconds(ns);
    return stepValueAt(area->upperSeries(), x) - stepValueAt(area->lowerSeries(), x);
}

} // namespace looplab
