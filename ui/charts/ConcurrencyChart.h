#pragma once
// "How many tasks were doing what": stacked areas over virtual time, one layer per state
// (running, ready, blocked, then each wait kind), drawn from RunStatistics' step function,
// plus a vertical line at the current virtual time.
//
// Exact while a run has at most kExactStepLimit steps in view; beyond that the steps are
// averaged into at most kMaxBins bins (the time-weighted mean count of each bin, which keeps
// the area under every layer) so a 10,000-task run builds quickly and still reads as a shape.

#include "ChartStyle.h"
#include "RunStatistics.h"

#include <QChart>
#include <QString>

#include <vector>

QT_BEGIN_NAMESPACE
class QAreaSeries;
class QLineSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace looplab {

class ChartLegend;

class ConcurrencyChart : public QChart {
    Q_OBJECT
  public:
    static constexpr int kExactStepLimit = 2000;
    static constexpr int kMaxBins = 1000;

    // A new chart of `stats` over [fromNs, toNs) (the whole run when toNs <= fromNs); the
    // caller owns it. A run without steps gives a chart with only a title saying so.
    static ConcurrencyChart* build(const RunStatistics& stats, const ChartStyle& style,
                                   qint64 fromNs = 0, qint64 toNs = -1);

    // Moves the "now" line (two points of one series; nothing else is rebuilt). Outside the
    // chart's time range the line is not drawn.
    void setCurrentTime(qint64 ns);
    qint64 currentTime() const { return currentNs_; }

    bool isEmpty() const { return layers_.empty(); }
    bool isAveraged() const { return binNs_ > 0; }
    qint64 binNs() const { return binNs_; } // 0 when exact
    qint64 fromNs() const { return fromNs_; }
    qint64 toNs() const { return toNs_; }

    // Layers bottom to top; a state no task was ever in has no layer.
    int layerCount() const { return int(layers_.size()); }
    QAreaSeries* layer(int index) const { return layers_.at(size_t(index)).series; }
    SegmentKind layerKind(int index) const { return layers_.at(size_t(index)).kind; }
    int layerWaitIndex(int index) const { return layers_.at(size_t(index)).waitIndex; }
    // The height of a layer at `ns` as plotted (its upper minus its lower line).
    double layerValueAt(int index, qint64 ns) const;
    QLineSeries* cursorSeries() const { return cursor_; }
    QValueAxis* timeAxis() const { return timeAxis_; }
    QValueAxis* countAxis() const { return countAxis_; }
    // One entry per layer, bottom layer first (the "now" line has none).
    ChartLegend* stateLegend() const { return legend_; }

  private:
    struct Layer {
        SegmentKind kind = SegmentKind::Waiting;
        int waitIndex = -1; // index in RunStatistics::waitKinds() for wait layers
        QAreaSeries* series = nullptr;
    };

    ConcurrencyChart() = default;
    void addLayers(const RunStatistics& stats, const ChartStyle& style);
    void addAxes(double peak);
    void addCursor(const ChartStyle& style);

    std::vector<Layer> layers_;
    QLineSeries* cursor_ = nullptr;
    QLineSeries* cursorHalo_ = nullptr;
    QValueAxis* timeAxis_ = nullptr;
    QValueAxis* countAxis_ = nullptr;
    ChartLegend* legend_ = nullptr;
    qint64 fromNs_ = 0;
    qint64 toNs_ = 0;
    qint64 binNs_ = 0;
    qint64 currentNs_ = -1;
    double yTop_ = 1.0;
};

} // namespace looplab
