#pragma once
// The Charts panel: three views of one run in tabs ("Concurrency", "Where the time went",
// "Compare runs"), a "now" line following the stepping, and runs kept for comparison.
//
// The panel only shows charts; it never writes files. "Export this chart..." in a chart's
// context menu emits exportRequested(), and buildChart() gives the exporter a fresh chart of
// the same kind and data, which it owns and can size and render however it likes.

#include "ChartStyle.h"
#include "ComparisonChart.h"
#include "RunStatistics.h"

#include <QSize>
#include <QString>
#include <QWidget>

#include <memory>
#include <vector>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTabWidget;
QT_END_NAMESPACE

namespace looplab {

class BreakdownChart;
class ConcurrencyChart;

class ChartsPanel : public QWidget {
    Q_OBJECT
  public:
    enum class ChartKind { Concurrency, Breakdown, Comparison };
    Q_ENUM(ChartKind)

    explicit ChartsPanel(QWidget* parent = nullptr);
    ~ChartsPanel() override;

    // Shows a new run (null: no run). Kept runs stay until clearComparison().
    void setRun(std::shared_ptr<const RunStatistics> stats, QString runLabel);
    // Moves the concurrency chart's "now" line; cheap enough to call on every step.
    void setCurrentTime(qint64 ns);
    // Fonts and line widths, 1.0 = 100% (presentation mode uses up to 3.0).
    void setScale(double scale);
    // The concurrency chart's time range; toNs <= fromNs shows the whole run.
    void setTimeWindow(qint64 fromNs, qint64 toNs);
    // "Keep this run": the current run stays in "Compare runs" after later setRun() calls.
    void keepCurrentRunForComparison();
    // "Clear": forgets every kept run.
    void clearComparison();

    // A new chart of `kind` as the panel would show it (data, time window, "now" line, kept
    // runs) in `style`; the caller owns it and needs no view to render it. With a valid
    // `size`, "Where the time went" shows as many bars as fit that size (else as many as the
    // panel shows now).
    QChart* buildChart(ChartKind kind, const ChartStyle& style, QSize size = QSize()) const;
    // The style the panel currently draws with (palette and scale).
    ChartStyle style() const;

    std::shared_ptr<const RunStatistics> statistics() const { return stats_; }
    QString runLabel() const { return runLabel_; }
    qint64 currentTime() const { return currentNs_; }
    double scale() const { return scale_; }
    // The kept runs in keep order (the current run included once it is kept).
    const std::vector<ComparedRun>& keptRuns() const { return kept_; }
    bool isCurrentRunKept() const { return stats_ && keptRun_ == runSerial_; }

    QTabWidget* tabs() const { return tabs_; }
    QChartView* view(ChartKind kind) const;
    // True when `kind`'s tab shows its placeholder text instead of a chart.
    bool showsPlaceholder(ChartKind kind) const;
    QLabel* placeholder(ChartKind kind) const;
    ConcurrencyChart* concurrencyChart() const { return concurrency_; }
    BreakdownChart* breakdownChart() const { return breakdown_; }
    ComparisonChart* comparisonChart() const { return comparison_; }
    QPushButton* keepButton() const { return keepButton_; }
    QPushButton* clearButton() const { return clearButton_; }

  signals:
    void exportRequested(ChartsPanel::ChartKind kind);

  protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

  private:
    struct Page {
        QStackedWidget* stack = nullptr;
        QLabel* placeholder = nullptr;
        QString noRunText; // the placeholder's text while there is no run at all
        QChartView* view = nullptr;
    };

    QWidget* makePage(ChartKind kind, const QString& placeholderText);
    const Page& page(ChartKind kind) const { return pages_[int(kind)]; }
    // Rebuilds every chart from the current data and style (a run, palette or scale change).
    void rebuildAll();
    void rebuildConcurrency();
    void rebuildBreakdown();
    void rebuildComparison();
    // Puts `chart` into the kind's view (deleting the previous one) or shows the placeholder.
    void install(ChartKind kind, QChart* chart, bool empty);
    std::vector<ComparedRun> keptForDisplay() const;
    int breakdownRowsThatFit() const;
    void updateButtons();

    std::shared_ptr<const RunStatistics> stats_;
    QString runLabel_;
    qint64 currentNs_ = -1;
    qint64 windowFromNs_ = 0;
    qint64 windowToNs_ = -1;
    double scale_ = 1.0;
    int breakdownRows_ = 0; // bars the breakdown view has room for
    std::vector<ComparedRun> kept_;
    // Which setRun() the last kept entry came from, so one run is never kept twice.
    int runSerial_ = 0;
    int keptRun_ = -1;

    QTabWidget* tabs_ = nullptr;
    Page pages_[3];
    QPushButton* keepButton_ = nullptr;
    QPushButton* clearButton_ = nullptr;
    ConcurrencyChart* concurrency_ = nullptr;
    BreakdownChart* breakdown_ = nullptr;
    ComparisonChart* comparison_ = nullptr;
};

} // namespace looplab
