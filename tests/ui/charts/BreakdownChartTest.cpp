// "Where the time went" against RunStatistics::breakdown(): each bar's seconds per state, the
// row order, and the top-N cut for runs with thousands of tasks.

#include "BreakdownChart.h"
#include "ChartTestModels.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QValueAxis>

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

namespace looplab {
namespace {

using charts_test::manyTasksModel;
using charts_test::sampleModel;
using charts_test::seg;
using charts_test::taskRow;

TEST(BreakdownChart, EveryRowsBarsEqualTheBreakdownInSeconds) {
    const TimelineModel model = sampleModel();
    const RunStatistics stats(model);
    std::unique_ptr<BreakdownChart> chart(BreakdownChart::build(stats, ChartStyle()));
    EXPECT_EQ(chart->title(), "Where the time went");
    EXPECT_FALSE(chart->isTruncated());
    EXPECT_EQ(chart->labels(), (QStringList{"main", "fetcher", "consumer", "default worker 0"}));
    ASSERT_EQ(chart->rows().size(), 4u);
    EXPECT_EQ(chart->timeAxis()->titleText(), "virtual time (s)");
    // The category axis lists bottom-up: the first row is the top bar.
    EXPECT_EQ(chart->rowAxis()->categories().constLast(), "main");

    for (size_t r = 0; r < chart->rows().size(); ++r) {
        const RowBreakdown& b = stats.breakdown()[chart->rows()[r]];
        SCOPED_TRACE(b.label);
        EXPECT_DOUBLE_EQ(chart->valueAt(r, SegmentKind::Running), double(b.runningNs) / 1e9);
        EXPECT_DOUBLE_EQ(chart->valueAt(r, SegmentKind::Ready), double(b.readyNs) / 1e9);
        EXPECT_DOUBLE_EQ(chart->valueAt(r, SegmentKind::Blocked), double(b.blockedNs) / 1e9);
        EXPECT_DOUBLE_EQ(chart->valueAt(r, SegmentKind::Busy), double(b.busyNs) / 1e9);
        for (size_t w = 0; w < stats.waitKinds().size(); ++w)
            EXPECT_DOUBLE_EQ(chart->valueAt(r, SegmentKind::Waiting, int(w)),
                             double(b.waitingNs[w]) / 1e9);
    }
    // Hand-checked numbers: main ran 0.1 + 0.2 + 0.5 s, the worker was busy 1 s.
    EXPECT_DOUBLE_EQ(chart->valueAt(0, SegmentKind::Running), 0.8);
    EXPECT_DOUBLE_EQ(chart->valueAt(3, SegmentKind::Busy), 1.0);
    EXPECT_DOUBLE_EQ(chart->valueAt(1, SegmentKind::Waiting, 0), 1.2); // fetcher's sleep
    // Sets: running, ready, blocked, busy, then the wait kinds.
    ASSERT_EQ(chart->setCount(), 7);
    EXPECT_EQ(chart->set(0)->label(), "running");
    EXPECT_EQ(chart->set(3)->label(), "busy");
    EXPECT_EQ(chart->set(4)->label(), "waiting: sleep");
}

TEST(BreakdownChart, ManyTasksShowTheTopNByTotalTime) {
    const TimelineModel model = manyTasksModel(10000);
    const RunStatistics stats(model);
    std::unique_ptr<BreakdownChart> chart(BreakdownChart::build(stats, ChartStyle()));
    ASSERT_TRUE(chart->isTruncated());
    EXPECT_EQ(chart->rows().size(), size_t(BreakdownChart::kDefaultTopN));
    EXPECT_TRUE(chart->title().contains("top 40 of 10,000 tasks")) << chart->title().toStdString();

    // No row left out has more time than a row shown.
    int64_t smallestShown = INT64_MAX;
    for (size_t index : chart->rows())
        smallestShown = std::min(smallestShown, stats.breakdown()[index].totalNs());
    for (size_t i = 0; i < stats.breakdown().size(); ++i) {
        if (std::find(chart->rows().begin(), chart->rows().end(), i) == chart->rows().end()) {
            EXPECT_LE(stats.breakdown()[i].totalNs(), smallestShown) << i;
        }
    }
    // Shown in timeline order.
    EXPECT_TRUE(std::is_sorted(chart->rows().begin(), chart->rows().end()));
    const size_t top = chart->rows().front();
    EXPECT_DOUBLE_EQ(chart->valueAt(0, SegmentKind::Running),
                     double(stats.breakdown()[top].runningNs) / 1e9);

    std::unique_ptr<BreakdownChart> five(BreakdownChart::build(stats, ChartStyle(), 5));
    EXPECT_EQ(five->rows().size(), 5u);
    EXPECT_TRUE(five->title().contains("top 5 of 10,000 tasks"));
}

TEST(BreakdownChart, LongAndRepeatedNamesStayReadableAndApart) {
    using K = SegmentKind;
    std::vector<TimelineRow> rows;
    const std::string longName = "download_everything_from(https://example.com/a/very/long/path)";
    rows.push_back(taskRow(1, longName, {seg(0, 100, K::Running)}));
    rows.push_back(taskRow(2, "worker", {seg(0, 200, K::Waiting, "sleep")}));
    rows.push_back(taskRow(3, "worker", {seg(0, 300, K::Ready)}));
    const TimelineModel model(std::move(rows), charts_test::ms(300));
    const RunStatistics stats(model);
    std::unique_ptr<BreakdownChart> chart(BreakdownChart::build(stats, ChartStyle()));
    const QStringList labels = chart->labels();
    ASSERT_EQ(labels.size(), 3);
    EXPECT_EQ(labels[0].size(), BreakdownChart::kLabelChars);
    EXPECT_TRUE(labels[0].endsWith(QChar(0x2026)));
    EXPECT_TRUE(labels[0].startsWith("download_everything"));
    EXPECT_EQ(labels[1], "worker");
    EXPECT_EQ(labels[2], "worker (2)");
    EXPECT_EQ(chart->rowAxis()->count(), 3);
    // Only states that occur get a set (no blocked, no busy here).
    EXPECT_EQ(chart->setCount(), 3);
    EXPECT_DOUBLE_EQ(chart->valueAt(0, SegmentKind::Blocked), -1.0);
}

TEST(BreakdownChart, EmptyRunGivesATitleOnlyChart) {
    std::unique_ptr<BreakdownChart> chart(BreakdownChart::build(RunStatistics(), ChartStyle()));
    EXPECT_TRUE(chart->isEmpty());
    EXPECT_TRUE(chart->series().isEmpty());
    EXPECT_TRUE(chart->axes().isEmpty());
    EXPECT_FALSE(chart->title().isEmpty());
}

} // namespace
} // namespace looplab
