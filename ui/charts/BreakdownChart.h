#pragma once
// "Where the time went": one horizontal bar per timeline row (tasks, then executor workers),
// split into the virtual seconds the row spent running, ready, blocked, busy and waiting on
// each kind of thing, in the timeline's colours.
//
// A run with thousands of tasks would give bars a pixel high, so only the rows with the most
// total time are shown (kDefaultTopN) and the title says how many of how many.

#include "ChartStyle.h"
#include "RunStatistics.h"

#include <QChart>
#include <QFont>
#include <QString>
#include <QStringList>

#include <vector>

QT_BEGIN_NAMESPACE
class QBarCategoryAxis;
class QBarSet;
class QValueAxis;
QT_END_NAMESPACE

namespace looplab {

class ChartLegend;

class BreakdownChart : public QChart {
    Q_OBJECT
  public:
    static constexpr int kDefaultTopN = 40;
    static constexpr int kLabelChars = 28;
    // Row labels shrink to fit their bar's height, down to this size (points).
    static constexpr double kMinLabelPoints = 6.0;

    // A new chart of `stats` (the caller owns it). A run with no rows gives a chart with only a
    // title saying so.
    static BreakdownChart* build(const RunStatistics& stats, const ChartStyle& style,
                                 int topN = kDefaultTopN);
    // How many bars stay readable in a chart `heightPx` high at `scale` (between 5 and
    // kDefaultTopN): a docked panel a few hundred pixels high cannot show 40 bars.
    static int rowsThatFit(double heightPx, double scale);

    bool isEmpty() const { return rows_.empty(); }
    bool isTruncated() const { return truncated_; }
    // Indices into RunStatistics::breakdown() of the rows shown, top bar first.
    const std::vector<size_t>& rows() const { return rows_; }
    // The category labels, top bar first (elided, made unique).
    QStringList labels() const { return labels_; }
    // One bar set per state some shown row spent time in.
    int setCount() const { return int(sets_.size()); }
    QBarSet* set(int index) const { return sets_.at(size_t(index)).set; }
    SegmentKind setKind(int index) const { return sets_.at(size_t(index)).kind; }
    int setWaitIndex(int index) const { return sets_.at(size_t(index)).waitIndex; }
    // Seconds of `state` in shown row `row` (0 = top bar), as plotted; -1 when the chart has
    // no set for that state.
    double valueAt(size_t row, SegmentKind kind, int waitIndex = -1) const;
    QValueAxis* timeAxis() const { return timeAxis_; }
    QBarCategoryAxis* rowAxis() const { return rowAxis_; }
    ChartLegend* stateLegend() const { return legend_; }

  private:
    struct StateSet {
        SegmentKind kind = SegmentKind::Running;
        int waitIndex = -1;
        QBarSet* set = nullptr;
    };

    BreakdownChart() = default;
    void chooseRows(const RunStatistics& stats, int topN);
    void addSets(const RunStatistics& stats, const ChartStyle& style);
    void setTitleFor(const RunStatistics& stats);
    // Shrinks the row labels until one fits the height a bar gets at the chart's current size
    // (Qt would replace labels that are too tall with "..."); called whenever the plot moves.
    void fitRowLabels();

    std::vector<size_t> rows_;
    QStringList labels_;
    std::vector<StateSet> sets_;
    bool truncated_ = false;
    QValueAxis* timeAxis_ = nullptr;
    QBarCategoryAxis* rowAxis_ = nullptr;
    ChartLegend* legend_ = nullptr;
    QFont labelFont_;
    bool fitting_ = false;
};

} // namespace looplab
