// The concurrency chart against RunStatistics: every layer's height at known times, the
// "now" line, the time window, and the averaging of long runs (which must keep the area).

#include "ConcurrencyChart.h"
#include "ChartLegend.h"
#include "ChartTestModels.h"

#include <QAreaSeries>
#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>

#include <gtest/gtest.h>

#include <memory>

namespace looplab {
namespace {

using charts_test::manyTasksModel;
using charts_test::ms;
using charts_test::sampleModel;

// The count RunStatistics gives for the state of `chart`'s layer `index` at `ns`.
int expectedCount(const ConcurrencyChart& chart, int index, const ConcurrencyStep& step) {
    switch (chart.layerKind(index)) {
    case SegmentKind::Running:
        return step.running;
    case SegmentKind::Ready:
        return step.ready;
    case SegmentKind::Blocked:
        return step.blocked;
    default:
        return step.waiting.at(size_t(chart.layerWaitIndex(index)));
    }
}

// The area under a step-shaped series (pairs of points per column), in task-seconds.
double areaUnder(const QLineSeries* series) {
    double area = 0.0;
    const QList<QPointF> points = series->points();
    for (qsizetype i = 0; i + 1 < points.size(); i += 2)
        area += points[i].y() * (points[i + 1].x() - points[i].x());
    return area;
}

TEST(ConcurrencyChart, LayersAreTheStatesInStackOrderWithTitlesAndAxes) {
    const TimelineModel model = sampleModel();
    const RunStatistics stats(model);
    std::unique_ptr<ConcurrencyChart> chart(ConcurrencyChart::build(stats, ChartStyle()));
    ASSERT_FALSE(chart->isEmpty());
    EXPECT_FALSE(chart->isAveraged());
    // Wait kinds by total time: sleep 0.9 + 1.2 s, queue.get 1.5 s, lock 0.8 s.
    ASSERT_EQ(stats.waitKinds(), (std::vector<std::string>{"sleep", "queue.get", "lock"}));
    ASSERT_EQ(chart->layerCount(), 6);
    const QStringList names = {
        "running", "ready", "blocked", "waiting: sleep", "waiting: queue.get", "waiting: lock"};
    for (int i = 0; i < 6; ++i)
        EXPECT_EQ(chart->layer(i)->name(), names[i]);
    EXPECT_EQ(chart->title(), "Tasks by state over virtual time");
    EXPECT_EQ(chart->timeAxis()->titleText(), "virtual time (s)");
    EXPECT_EQ(chart->countAxis()->titleText(), "tasks");
    EXPECT_DOUBLE_EQ(chart->timeAxis()->min(), 0.0);
    EXPECT_DOUBLE_EQ(chart->timeAxis()->max(), 2.5);
    EXPECT_GE(chart->countAxis()->max(), double(stats.peakConcurrency()));
    // Every state has a legend entry with its series' brush; the "now" line has none.
    ASSERT_NE(chart->stateLegend(), nullptr);
    EXPECT_EQ(chart->stateLegend()->labels(), names);
    for (int i = 0; i < 6; ++i)
        EXPECT_EQ(chart->stateLegend()->entries()[size_t(i)].brush, chart->layer(i)->brush());
    EXPECT_FALSE(chart->legend()->isVisible()); // Qt's own legend is replaced
    // The area series do not own their lines; the chart's layers do (no leak, no cycle).
    for (int i = 0; i < chart->layerCount(); ++i) {
        EXPECT_EQ(chart->layer(i)->upperSeries()->parent(), chart->layer(i));
        EXPECT_NE(chart->layer(i)->parent(), chart->layer(i)->upperSeries());
    }
}

TEST(ConcurrencyChart, LayerHeightsEqualConcurrencyAt) {
    const TimelineModel model = sampleModel();
    const RunStatistics stats(model);
    std::unique_ptr<ConcurrencyChart> chart(ConcurrencyChart::build(stats, ChartStyle()));
    for (int64_t t : {ms(0), ms(50), ms(150), ms(500), ms(1100), ms(1250), ms(1550), ms(1700),
                      ms(1900), ms(2100), ms(2400)}) {
        const ConcurrencyStep step = stats.concurrencyAt(t);
        double stacked = 0.0;
        for (int i = 0; i < chart->layerCount(); ++i) {
            SCOPED_TRACE(testing::Message() << "t=" << t << " layer " << i);
            EXPECT_DOUBLE_EQ(chart->layerValueAt(i, t), double(expectedCount(*chart, i, step)));
            stacked += chart->layerValueAt(i, t);
        }
        EXPECT_DOUBLE_EQ(stacked, double(step.total())) << t;
    }
    // Hand-checked: at 1.9 s main waits on the lock, fetcher is blocked, consumer is ready.
    const ConcurrencyStep at1900 = stats.concurrencyAt(ms(1900));
    EXPECT_EQ(at1900.blocked, 1);
    EXPECT_EQ(at1900.ready, 1);
    EXPECT_DOUBLE_EQ(chart->layerValueAt(1, ms(1900)), 1.0); // ready
    EXPECT_DOUBLE_EQ(chart->layerValueAt(2, ms(1900)), 1.0); // blocked
    EXPECT_DOUBLE_EQ(chart->layerValueAt(5, ms(1900)), 1.0); // waiting: lock
}

TEST(ConcurrencyChart, CursorMovesToTheGivenTimeWithoutRebuilding) {
    const TimelineModel model = sampleModel();
    const RunStatistics stats(model);
    std::unique_ptr<ConcurrencyChart> chart(ConcurrencyChart::build(stats, ChartStyle()));
    EXPECT_EQ(chart->cursorSeries()->count(), 0); // no time given yet
    QAreaSeries* firstLayer = chart->layer(0);

    chart->setCurrentTime(ms(1250));
    ASSERT_EQ(chart->cursorSeries()->count(), 2);
    EXPECT_DOUBLE_EQ(chart->cursorSeries()->at(0).x(), 1.25);
    EXPECT_DOUBLE_EQ(chart->cursorSeries()->at(1).x(), 1.25);
    EXPECT_DOUBLE_EQ(chart->cursorSeries()->at(0).y(), 0.0);
    EXPECT_DOUBLE_EQ(chart->cursorSeries()->at(1).y(), chart->countAxis()->max());
    EXPECT_EQ(chart->currentTime(), ms(1250));

    chart->setCurrentTime(ms(2000));
    EXPECT_DOUBLE_EQ(chart->cursorSeries()->at(0).x(), 2.0);
    EXPECT_EQ(chart->layer(0), firstLayer); // same series: nothing rebuilt

    chart->setCurrentTime(ms(9000)); // past the run: not drawn
    EXPECT_EQ(chart->cursorSeries()->count(), 0);
}

TEST(ConcurrencyChart, TimeWindowSetsTheAxisAndClipsTheData) {
    const TimelineModel model = sampleModel();
    const RunStatistics stats(model);
    std::unique_ptr<ConcurrencyChart> chart(
        ConcurrencyChart::build(stats, ChartStyle(), ms(1000), ms(2000)));
    EXPECT_DOUBLE_EQ(chart->timeAxis()->min(), 1.0);
    EXPECT_DOUBLE_EQ(chart->timeAxis()->max(), 2.0);
    // Layers stay those of the whole run (a stable legend), values those of the window.
    EXPECT_EQ(chart->layerCount(), 6);
    const QList<QPointF> top = chart->layer(chart->layerCount() - 1)->upperSeries()->points();
    ASSERT_FALSE(top.isEmpty());
    EXPECT_DOUBLE_EQ(top.constFirst().x(), 1.0);
    EXPECT_DOUBLE_EQ(top.constLast().x(), 2.0);
    EXPECT_DOUBLE_EQ(chart->layerValueAt(0, ms(1100)),
                     double(stats.concurrencyAt(ms(1100)).running));
    chart->setCurrentTime(ms(500)); // before the window
    EXPECT_EQ(chart->cursorSeries()->count(), 0);
}

TEST(ConcurrencyChart, EmptyRunGivesATitleOnlyChart) {
    const RunStatistics none;
    std::unique_ptr<ConcurrencyChart> chart(ConcurrencyChart::build(none, ChartStyle()));
    EXPECT_TRUE(chart->isEmpty());
    EXPECT_TRUE(chart->series().isEmpty());
    EXPECT_TRUE(chart->axes().isEmpty());
    EXPECT_FALSE(chart->title().isEmpty());
    chart->setCurrentTime(ms(1)); // harmless without a cursor
}

TEST(ConcurrencyChart, LongRunsAreAveragedPerBinKeepingTheArea) {
    const TimelineModel model = manyTasksModel(3000);
    const RunStatistics stats(model);
    ASSERT_GT(stats.concurrency().size(), size_t(ConcurrencyChart::kExactStepLimit));
    std::unique_ptr<ConcurrencyChart> chart(ConcurrencyChart::build(stats, ChartStyle()));
    ASSERT_TRUE(chart->isAveraged());
    EXPECT_GT(chart->binNs(), 0);
    EXPECT_TRUE(chart->title().contains("averaged per bin")) << chart->title().toStdString();
    for (int i = 0; i < chart->layerCount(); ++i)
        EXPECT_LE(chart->layer(i)->upperSeries()->count(), 2 * ConcurrencyChart::kMaxBins);

    // Exact area under each state (task-seconds) from the step function.
    std::vector<double> exact(size_t(chart->layerCount()), 0.0);
    const auto& steps = stats.concurrency();
    for (size_t s = 0; s < steps.size(); ++s) {
        const int64_t end = s + 1 < steps.size() ? steps[s + 1].startNs : stats.endNs();
        const double seconds = double(end - steps[s].startNs) / 1e9;
        for (int i = 0; i < chart->layerCount(); ++i)
            exact[size_t(i)] += expectedCount(*chart, i, steps[s]) * seconds;
    }
    for (int i = 0; i < chart->layerCount(); ++i) {
        const QAreaSeries* layer = chart->layer(i);
        double area = areaUnder(layer->upperSeries());
        if (layer->lowerSeries())
            area -= areaUnder(layer->lowerSeries());
        EXPECT_NEAR(area, exact[size_t(i)], 1e-9 + exact[size_t(i)] * 1e-6) << i;
        EXPECT_GT(exact[size_t(i)], 0.0) << i;
    }
}

TEST(ConcurrencyChart, TenThousandTasksAreAveragedIntoBins) {
    // (How long this takes is export_view_bench's BM_ConcurrencyPng, not a test's business.)
    const TimelineModel model = manyTasksModel(10000);
    const RunStatistics stats(model);
    ASSERT_GT(stats.concurrency().size(), size_t(ConcurrencyChart::kExactStepLimit));
    std::unique_ptr<ConcurrencyChart> chart(ConcurrencyChart::build(stats, ChartStyle()));
    EXPECT_TRUE(chart->isAveraged());
    EXPECT_TRUE(chart->title().contains(QStringLiteral("averaged")))
        << chart->title().toStdString();
}

} // namespace
} // namespace looplab
