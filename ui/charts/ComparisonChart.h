#pragma once
// "Compare runs": the total virtual time of runs the user kept, side by side with the current
// run, one horizontal bar each with its value written on it ("3.000 s"). Made for the classic
// lesson contrast (sequential awaits against gather) where the number is the point.
//
// Kept runs are listed top to bottom in the order they were kept; the current run is always
// the last bar, marked "(this run)" and drawn in its own colour.

#include "ChartStyle.h"

#include <QChart>
#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

QT_BEGIN_NAMESPACE
class QBarCategoryAxis;
class QBarSet;
class QGraphicsSimpleTextItem;
class QValueAxis;
QT_END_NAMESPACE

namespace looplab {

class ChartLegend;

struct ComparedRun {
    QString label;
    qint64 totalNs = 0;
};

class ComparisonChart : public QChart {
    Q_OBJECT
  public:
    // A new chart (the caller owns it). `current` may be null when no run is loaded; with no
    // runs at all the chart has only a title saying what to do.
    static ComparisonChart* build(const std::vector<ComparedRun>& kept, const ComparedRun* current,
                                  const ChartStyle& style);

    bool isEmpty() const { return runs_.empty(); }
    // The bars' category labels, top bar first ("1. lesson.py", ..., "3. x.py (this run)").
    QStringList labels() const { return labels_; }
    // Seconds of bar `index` (0 = top) as plotted.
    double valueAt(int index) const;
    // The text written on bar `index` ("3.000 s").
    QString valueLabel(int index) const;
    QBarSet* keptSet() const { return keptSet_; }
    QBarSet* currentSet() const { return currentSet_; }
    QValueAxis* timeAxis() const { return timeAxis_; }
    // "kept runs" and "this run" when both are shown; empty otherwise.
    ChartLegend* runLegend() const { return legend_; }

  private:
    ComparisonChart() = default;
    void addBars(const ChartStyle& style, bool hasCurrent);
    // Puts each value label just right of its bar's end; called whenever the plot area moves.
    void placeValueLabels();

    std::vector<ComparedRun> runs_; // top to bottom
    QStringList labels_;
    QBarSet* keptSet_ = nullptr;
    QBarSet* currentSet_ = nullptr;
    QValueAxis* timeAxis_ = nullptr;
    QBarCategoryAxis* runAxis_ = nullptr;
    ChartLegend* legend_ = nullptr;
    QList<QGraphicsSimpleTextItem*> valueLabels_;
};

} // namespace looplab
