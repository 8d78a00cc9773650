// "Compare runs" on its own: bar order, "(this run)" last, values and their "3.000 s" labels.

#include "ComparisonChart.h"
#include "ChartLegend.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QLegend>
#include <QValueAxis>

#include <gtest/gtest.h>

#include <memory>

namespace looplab {
namespace {

TEST(ComparisonChart, CurrentRunIsLastAndMarked) {
    const std::vector<ComparedRun> kept = {{"sequential.py", 3000000000},
                                           {"gather.py", 1000000000}};
    const ComparedRun current{"gather.py", 1000500000};
    std::unique_ptr<ComparisonChart> chart(ComparisonChart::build(kept, &current, ChartStyle()));
    EXPECT_EQ(chart->labels(),
              (QStringList{"1. sequential.py", "2. gather.py", "3. gather.py (this run)"}));
    EXPECT_DOUBLE_EQ(chart->valueAt(0), 3.0);
    EXPECT_DOUBLE_EQ(chart->valueAt(2), 1.0005);
    EXPECT_EQ(chart->valueLabel(0), "3.000 s");
    EXPECT_EQ(chart->valueLabel(1), "1.000 s");
    EXPECT_EQ(chart->valueLabel(2), "1.000 s");
    EXPECT_EQ(chart->title(), "Total virtual time per run");
    EXPECT_EQ(chart->timeAxis()->titleText(), "virtual time (s)");
    // Each bar is in exactly one set; the current run's set holds only its value.
    ASSERT_NE(chart->currentSet(), nullptr);
    ASSERT_NE(chart->keptSet(), nullptr);
    EXPECT_DOUBLE_EQ(chart->currentSet()->at(0), 1.0005); // bottom bar = last run
    EXPECT_DOUBLE_EQ(chart->keptSet()->at(0), 0.0);
    EXPECT_DOUBLE_EQ(chart->keptSet()->at(2), 3.0);
    EXPECT_DOUBLE_EQ(chart->currentSet()->at(2), 0.0);
    // Room right of the longest bar for its label.
    EXPECT_GT(chart->timeAxis()->max(), 3.0);
    EXPECT_EQ(chart->runLegend()->labels(), (QStringList{"kept runs", "this run"}));
}

TEST(ComparisonChart, OnlyTheCurrentRunNeedsNoLegend) {
    const ComparedRun current{"demo.py", 2500000000};
    std::unique_ptr<ComparisonChart> chart(ComparisonChart::build({}, &current, ChartStyle()));
    EXPECT_EQ(chart->labels(), QStringList{"1. demo.py (this run)"});
    EXPECT_EQ(chart->valueLabel(0), "2.500 s");
    EXPECT_EQ(chart->keptSet(), nullptr);
    EXPECT_TRUE(chart->runLegend()->entries().empty());
}

TEST(ComparisonChart, NothingToCompareGivesATitleOnlyChart) {
    std::unique_ptr<ComparisonChart> chart(ComparisonChart::build({}, nullptr, ChartStyle()));
    EXPECT_TRUE(chart->isEmpty());
    EXPECT_TRUE(chart->series().isEmpty());
    EXPECT_FALSE(chart->title().isEmpty());
}

} // namespace
} // namespace looplab
