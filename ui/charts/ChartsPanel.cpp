#include "ChartsPanel.h"

#include "BreakdownChart.h"
#include "ConcurrencyChart.h"

#include <QAction>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QResizeEvent>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace looplab {

ChartsPanel::ChartsPanel(QWidget* parent) : QWidget(parent) {
    setAccessibleName(tr("Charts"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    tabs_ = new QTabWidget(this);
    tabs_->setAccessibleName(tr("Chart tabs"));
    tabs_->setToolTip(tr("Charts of the whole run: pick a chart"));
    layout->addWidget(tabs_);

    tabs_->addTab(makePage(ChartKind::Concurrency,
                           tr("Run a program to see how many tasks were running, ready, "
                              "blocked and waiting at each moment of virtual time.")),
                  tr("Concurrency"));
    tabs_->setTabToolTip(0, tr("How many tasks were in each state over virtual time"));

    tabs_->addTab(makePage(ChartKind::Breakdown,
                           tr("Run a program to see how each task spent its virtual time.")),
                  tr("Where the time went"));
    tabs_->setTabToolTip(1, tr("Per task: virtual seconds running, ready, blocked and waiting"));

    // The comparison tab has its own buttons above the chart.
    auto* compare = new QWidget;
    auto* compareLayout = new QVBoxLayout(compare);
    compareLayout->setContentsMargins(0, 0, 0, 0);
    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(6, 6, 6, 0);
    keepButton_ = new QPushButton(tr("Keep this run"), compare);
    keepButton_->setToolTip(tr("Keep this run's total time to compare it with later runs"));
    keepButton_->setAccessibleName(tr("Keep this run for comparison"));
    clearButton_ = new QPushButton(tr("Clear"), compare);
    clearButton_->setToolTip(tr("Forget every kept run"));
    clearButton_->setAccessibleName(tr("Clear kept runs"));
    buttons->addWidget(keepButton_);
    buttons->addWidget(clearButton_);
    buttons->addStretch(1);
    compareLayout->addLayout(buttons);
    compareLayout->addWidget(makePage(
        ChartKind::Comparison,
        tr("No runs to compare yet. Press \u201cKeep this run\u201d, edit the program and run it "
           "again (Ctrl+R): the runs' total virtual times appear here side by side.")));
    tabs_->addTab(compare, tr("Compare runs"));
    tabs_->setTabToolTip(2, tr("Total virtual time of kept runs next to this run"));

    connect(keepButton_, &QPushButton::clicked, this, &ChartsPanel::keepCurrentRunForComparison);
    connect(clearButton_, &QPushButton::clicked, this, &ChartsPanel::clearComparison);

    rebuildAll();
}

ChartsPanel::~ChartsPanel() = default;

QWidget* ChartsPanel::makePage(ChartKind kind, const QString& placeholderText) {
    Page& p = pages_[int(kind)];
    p.stack = new QStackedWidget;

    p.noRunText = placeholderText;
    p.placeholder = new QLabel(placeholderText);
    p.placeholder->setAlignment(Qt::AlignCenter);
    p.placeholder->setWordWrap(true);
    p.placeholder->setMargin(24);
    p.placeholder->setAccessibleName(tr("No chart"));
    p.placeholder->setToolTip(tr("This chart appears once there is a run to show"));
    p.stack->addWidget(p.placeholder);

    p.view = new QChartView;
    p.view->setRenderHint(QPainter::Antialiasing);
    p.view->setFrameShape(QFrame::NoFrame);
    static const char* const names[] = {QT_TR_NOOP("Concurrency chart"),
                                        QT_TR_NOOP("Where the time went chart"),
                                        QT_TR_NOOP("Compare runs chart")};
    p.view->setAccessibleName(tr(names[int(kind)]));
    p.view->setToolTip(tr("Right-click to export this chart"));
    // The context menu is the view's actions; an exporter reacts to exportRequested().
    auto* exportAction = new QAction(tr("Export this chart\u2026"), p.view);
    exportAction->setToolTip(tr("Save this chart as PNG, SVG or PDF"));
    connect(exportAction, &QAction::triggered, this, [this, kind] { emit exportRequested(kind); });
    p.view->addAction(exportAction);
    p.view->setContextMenuPolicy(Qt::ActionsContextMenu);
    p.stack->addWidget(p.view);
    return p.stack;
}

void ChartsPanel::setRun(std::shared_ptr<const RunStatistics> stats, QString runLabel) {
    stats_ = std::move(stats);
    runLabel_ = std::move(runLabel);
    ++runSerial_;
    rebuildAll();
}

void ChartsPanel::setCurrentTime(qint64 ns) {
    currentNs_ = ns;
    if (concurrency_)
        concurrency_->setCurrentTime(ns);
}

void ChartsPanel::setScale(double scale) {
    if (scale == scale_)
        return;
    scale_ = scale;
    breakdownRows_ = breakdownRowsThatFit();
    rebuildAll();
}

void ChartsPanel::setTimeWindow(qint64 fromNs, qint64 toNs) {
    windowFromNs_ = fromNs;
    windowToNs_ = toNs;
    rebuildConcurrency();
}

void ChartsPanel::keepCurrentRunForComparison() {
    if (!stats_ || isCurrentRunKept())
        return;
    kept_.push_back({runLabel_, stats_->endNs()});
    keptRun_ = runSerial_;
    rebuildComparison();
}

void ChartsPanel::clearComparison() {
    kept_.clear();
    keptRun_ = -1;
    rebuildComparison();
}

ChartStyle ChartsPanel::style() const {
    return ChartStyle::fromPalette(palette(), scale_);
}

QChart* ChartsPanel::buildChart(ChartKind kind, const ChartStyle& chartStyle, QSize size) const {
    static const RunStatistics noRun;
    const RunStatistics& stats = stats_ ? *stats_ : noRun;
    switch (kind) {
    case ChartKind::Concurrency: {
        ConcurrencyChart* chart =
            ConcurrencyChart::build(stats, chartStyle, windowFromNs_, windowToNs_);
        chart->setCurrentTime(currentNs_);
        return chart;
    }
    case ChartKind::Breakdown: {
        const int rows = size.isValid()
                             ? BreakdownChart::rowsThatFit(size.height(), chartStyle.scale())
                             : breakdownRows_;
        return BreakdownChart::build(stats, chartStyle,
                                     rows > 0 ? rows : BreakdownChart::kDefaultTopN);
    }
    case ChartKind::Comparison: {
        const ComparedRun current{runLabel_, stats.endNs()};
        return ComparisonChart::build(keptForDisplay(), stats_ ? &current : nullptr, chartStyle);
    }
    }
    return nullptr;
}

std::vector<ComparedRun> ChartsPanel::keptForDisplay() const {
    // Once kept, the current run is the last kept entry; it is drawn once, as "(this run)".
    std::vector<ComparedRun> kept = kept_;
    if (isCurrentRunKept() && !kept.empty())
        kept.pop_back();
    return kept;
}

QChartView* ChartsPanel::view(ChartKind kind) const {
    return page(kind).view;
}

QLabel* ChartsPanel::placeholder(ChartKind kind) const {
    return page(kind).placeholder;
}

bool ChartsPanel::showsPlaceholder(ChartKind kind) const {
    return page(kind).stack->currentWidget() == page(kind).placeholder;
}

void ChartsPanel::rebuildAll() {
    rebuildConcurrency();
    rebuildBreakdown();
    rebuildComparison();
}

void ChartsPanel::rebuildConcurrency() {
    auto* chart = static_cast<ConcurrencyChart*>(buildChart(ChartKind::Concurrency, style()));
    concurrency_ = chart;
    install(ChartKind::Concurrency, chart, !stats_ || chart->isEmpty());
}

void ChartsPanel::rebuildBreakdown() {
    auto* chart = static_cast<BreakdownChart*>(buildChart(ChartKind::Breakdown, style()));
    breakdown_ = chart;
    install(ChartKind::Breakdown, chart, !stats_ || chart->isEmpty());
}

void ChartsPanel::rebuildComparison() {
    auto* chart = static_cast<ComparisonChart*>(buildChart(ChartKind::Comparison, style()));
    comparison_ = chart;
    install(ChartKind::Comparison, chart, chart->isEmpty());
    updateButtons();
}

void ChartsPanel::install(ChartKind kind, QChart* chart, bool empty) {
    const Page& p = page(kind);
    QChart* previous = p.view->chart();
    // On screen the tab already names the chart and its page is short (about 170 pixels in a
    // 1280×720 window): the title, with its details ("top 12 of 40 tasks"), moves to the
    // tooltip, so the plot keeps room for its axis labels.
    p.view->setToolTip(chart->title() + QLatin1Char('\n') + tr("Right-click to export this chart"));
    p.view->setAccessibleDescription(chart->title());
    chart->setTitle(QString());
    p.view->setChart(chart);
    // QChartView gives the previous chart back to us instead of deleting it.
    delete previous;
    p.view->setBackgroundBrush(chart->backgroundBrush());
    p.placeholder->setText(stats_ ? tr("Nothing to chart: no task took any virtual time in "
                                       "this run.")
                                  : p.noRunText);
    p.stack->setCurrentWidget(empty ? static_cast<QWidget*>(p.placeholder) : p.view);
}

void ChartsPanel::updateButtons() {
    keepButton_->setEnabled(stats_ && !isCurrentRunKept());
    keepButton_->setToolTip(isCurrentRunKept()
                                ? tr("This run is kept; it stays here after the next run")
                                : tr("Keep this run's total time to compare it with later runs"));
    clearButton_->setEnabled(!kept_.empty());
}

int ChartsPanel::breakdownRowsThatFit() const {
    // Measured on the tab widget: a tab that is not showing keeps its old size.
    const int pageHeight = tabs_->height() - tabs_->tabBar()->sizeHint().height();
    return BreakdownChart::rowsThatFit(pageHeight, scale_);
}

void ChartsPanel::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    // Fewer bars in a short panel, more when it grows; only rebuilt when the count changes.
    const int rows = breakdownRowsThatFit();
    if (rows != breakdownRows_) {
        breakdownRows_ = rows;
        rebuildBreakdown();
    }
}

void ChartsPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    // Charts paint with explicit colours taken from the palette, so a theme switch needs new
    // charts (they are rebuilt from the statistics, which is cheap).
    if (event->type() == QEvent::PaletteChange)
        rebuildAll();
}

} // namespace looplab
