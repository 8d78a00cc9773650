// The panel: runs in, charts out; kept runs across setRun(); the "now" line; theme and scale
// changes; placeholders; the export hook; tooltips and accessible names.

#include "ChartsPanel.h"
#include "BreakdownChart.h"
#include "ChartTestModels.h"
#include "ConcurrencyChart.h"

#include <QAction>
#include <QChartView>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QTabWidget>

#include <gtest/gtest.h>

#include <memory>

namespace looplab {
namespace {

using charts_test::manyTasksModel;
using charts_test::ms;
using charts_test::sampleModel;
using Kind = ChartsPanel::ChartKind;

std::shared_ptr<const RunStatistics> sampleStats() {
    return std::make_shared<const RunStatistics>(sampleModel());
}

TEST(ChartsPanel, WithoutARunEveryTabShowsAPlaceholder) {
    ChartsPanel panel;
    for (Kind kind : {Kind::Concurrency, Kind::Breakdown, Kind::Comparison}) {
        EXPECT_TRUE(panel.showsPlaceholder(kind)) << int(kind);
        EXPECT_FALSE(panel.placeholder(kind)->text().isEmpty());
    }
    EXPECT_EQ(panel.tabs()->count(), 3);
    EXPECT_EQ(panel.tabs()->tabText(0), "Concurrency");
    EXPECT_EQ(panel.tabs()->tabText(1), "Where the time went");
    EXPECT_EQ(panel.tabs()->tabText(2), "Compare runs");
    EXPECT_FALSE(panel.keepButton()->isEnabled());
    EXPECT_FALSE(panel.clearButton()->isEnabled());
}

TEST(ChartsPanel, ARunFillsEveryChart) {
    ChartsPanel panel;
    panel.setRun(sampleStats(), "sample.py");
    for (Kind kind : {Kind::Concurrency, Kind::Breakdown, Kind::Comparison})
        EXPECT_FALSE(panel.showsPlaceholder(kind)) << int(kind);
    EXPECT_EQ(panel.view(Kind::Concurrency)->chart(), panel.concurrencyChart());
    EXPECT_EQ(panel.view(Kind::Breakdown)->chart(), panel.breakdownChart());
    EXPECT_EQ(panel.view(Kind::Comparison)->chart(), panel.comparisonChart());
    EXPECT_EQ(panel.comparisonChart()->labels(), QStringList{"1. sample.py (this run)"});
    EXPECT_TRUE(panel.view(Kind::Concurrency)->renderHints().testFlag(QPainter::Antialiasing));

    panel.setRun(nullptr, QString());
    EXPECT_TRUE(panel.showsPlaceholder(Kind::Concurrency));
}

TEST(ChartsPanel, KeptRunsSurviveLaterRunsUntilCleared) {
    ChartsPanel panel;
    auto first = sampleStats();
    panel.setRun(first, "sequential.py");
    panel.clearButton()->click(); // nothing kept: harmless
    panel.keepButton()->click();
    EXPECT_TRUE(panel.isCurrentRunKept());
    EXPECT_FALSE(panel.keepButton()->isEnabled());
    panel.keepCurrentRunForComparison(); // the same run is never kept twice
    ASSERT_EQ(panel.keptRuns().size(), 1u);
    // Kept and current are the same run: one bar.
    EXPECT_EQ(panel.comparisonChart()->labels(), QStringList{"1. sequential.py (this run)"});

    const TimelineModel other = manyTasksModel(10);
    panel.setRun(std::make_shared<const RunStatistics>(other), "gather.py");
    EXPECT_FALSE(panel.isCurrentRunKept());
    EXPECT_TRUE(panel.keepButton()->isEnabled());
    EXPECT_EQ(panel.comparisonChart()->labels(),
              (QStringList{"1. sequential.py", "2. gather.py (this run)"}));
    EXPECT_DOUBLE_EQ(panel.comparisonChart()->valueAt(0), 2.5);
    EXPECT_EQ(panel.comparisonChart()->valueLabel(0), "2.500 s");
    EXPECT_DOUBLE_EQ(panel.comparisonChart()->valueAt(1), double(other.endNs()) / 1e9);

    panel.clearButton()->click();
    EXPECT_TRUE(panel.keptRuns().empty());
    EXPECT_FALSE(panel.clearButton()->isEnabled());
    EXPECT_EQ(panel.comparisonChart()->labels(), QStringList{"1. gather.py (this run)"});
}

TEST(ChartsPanel, CurrentTimeMovesTheCursorAndSurvivesRebuilds) {
    ChartsPanel panel;
    panel.setRun(sampleStats(), "sample.py");
    panel.setCurrentTime(ms(1500));
    const QLineSeries* cursor = panel.concurrencyChart()->cursorSeries();
    ASSERT_EQ(cursor->count(), 2);
    EXPECT_DOUBLE_EQ(cursor->at(0).x(), 1.5);

    panel.setScale(2.0); // rebuilds the charts
    ASSERT_EQ(panel.concurrencyChart()->cursorSeries()->count(), 2);
    EXPECT_DOUBLE_EQ(panel.concurrencyChart()->cursorSeries()->at(0).x(), 1.5);
    EXPECT_DOUBLE_EQ(panel.concurrencyChart()->titleFont().pointSizeF(),
                     2.0 * ChartStyle().titleFont().pointSizeF());

    panel.setTimeWindow(ms(1000), ms(2000));
    EXPECT_EQ(panel.concurrencyChart()->fromNs(), ms(1000));
    EXPECT_EQ(panel.concurrencyChart()->cursorSeries()->count(), 2);
}

TEST(ChartsPanel, PaletteChangeRestylesTheCharts) {
    ChartsPanel panel;
    panel.setRun(sampleStats(), "sample.py");
    QPalette dark = panel.palette();
    dark.setColor(QPalette::Base, QColor(0x1E, 0x1E, 0x1E));
    dark.setColor(QPalette::Text, QColor(0xEE, 0xEE, 0xEE));
    panel.setPalette(dark);
    EXPECT_TRUE(panel.style().isDark());
    EXPECT_EQ(panel.concurrencyChart()->backgroundBrush().color(), QColor(0x1E, 0x1E, 0x1E));
    EXPECT_EQ(panel.breakdownChart()->titleBrush().color(), QColor(0xEE, 0xEE, 0xEE));
    EXPECT_EQ(panel.comparisonChart()->backgroundBrush().color(), QColor(0x1E, 0x1E, 0x1E));
}

TEST(ChartsPanel, ContextMenuAsksForAnExport) {
    ChartsPanel panel;
    panel.setRun(sampleStats(), "sample.py");
    std::vector<Kind> requested;
    QObject::connect(&panel, &ChartsPanel::exportRequested,
                     [&requested](Kind kind) { requested.push_back(kind); });
    for (Kind kind : {Kind::Concurrency, Kind::Breakdown, Kind::Comparison}) {
        QChartView* view = panel.view(kind);
        EXPECT_EQ(view->contextMenuPolicy(), Qt::ActionsContextMenu);
        ASSERT_EQ(view->actions().size(), 1);
        EXPECT_TRUE(view->actions()[0]->text().startsWith("Export this chart"));
        view->actions()[0]->trigger();
    }
    EXPECT_EQ(requested, (std::vector<Kind>{Kind::Concurrency, Kind::Breakdown, Kind::Comparison}));
}

TEST(ChartsPanel, BuildChartGivesTheExporterAFreshChart) {
    ChartsPanel panel;
    panel.setRun(sampleStats(), "sample.py");
    panel.setCurrentTime(ms(700));
    for (Kind kind : {Kind::Concurrency, Kind::Breakdown, Kind::Comparison}) {
        std::unique_ptr<QChart> chart(panel.buildChart(kind, panel.style()));
        ASSERT_NE(chart, nullptr);
        EXPECT_NE(chart.get(), panel.view(kind)->chart());
        EXPECT_EQ(chart->scene(), nullptr);
        // On screen the title is in the tooltip (the tab names the chart, the page is short).
        EXPECT_TRUE(panel.view(kind)->toolTip().startsWith(chart->title()));
        EXPECT_TRUE(panel.view(kind)->chart()->title().isEmpty());
    }
    std::unique_ptr<QChart> chart(panel.buildChart(Kind::Concurrency, ChartStyle()));
    auto* concurrency = dynamic_cast<ConcurrencyChart*>(chart.get());
    ASSERT_NE(concurrency, nullptr);
    EXPECT_EQ(concurrency->currentTime(), ms(700));
}

TEST(ChartsPanel, ShortPanelsShowFewerBars) {
    const TimelineModel model = manyTasksModel(200);
    ChartsPanel panel;
    panel.setRun(std::make_shared<const RunStatistics>(model), "many.py");
    panel.show(); // a hidden widget gets its resize events only when shown
    panel.resize(900, 900);
    const size_t tall = panel.breakdownChart()->rows().size();
    panel.resize(900, 350);
    const size_t shortRows = panel.breakdownChart()->rows().size();
    EXPECT_LT(shortRows, tall);
    EXPECT_GE(shortRows, 5u);
    EXPECT_LE(tall, size_t(BreakdownChart::kDefaultTopN));
    EXPECT_TRUE(panel.view(Kind::Breakdown)
                    ->toolTip()
                    .contains(QStringLiteral("top %1 of 200 tasks").arg(shortRows)));
    // An exporter asks for its own picture size.
    std::unique_ptr<QChart> big(panel.buildChart(Kind::Breakdown, panel.style(), QSize(1280, 720)));
    EXPECT_EQ(static_cast<BreakdownChart*>(big.get())->rows().size(),
              size_t(BreakdownChart::rowsThatFit(720, 1.0)));
}

TEST(ChartsPanel, EveryControlHasATooltipAndAnAccessibleName) {
    ChartsPanel panel;
    panel.setRun(sampleStats(), "sample.py");
    std::vector<QWidget*> controls = {panel.tabs(), panel.keepButton(), panel.clearButton()};
    for (Kind kind : {Kind::Concurrency, Kind::Breakdown, Kind::Comparison}) {
        controls.push_back(panel.view(kind));
        controls.push_back(panel.placeholder(kind));
    }
    for (QWidget* w : controls) {
        EXPECT_FALSE(w->toolTip().isEmpty()) << w->metaObject()->className();
        EXPECT_FALSE(w->accessibleName().isEmpty()) << w->metaObject()->className();
    }
    for (int i = 0; i < panel.tabs()->count(); ++i)
        EXPECT_FALSE(panel.tabs()->tabToolTip(i).isEmpty()) << i;
}

} // namespace
} // namespace looplab
