// The schedule explorer in the window: Run → Explore Schedules… lists the outcomes of a lost
// update with their counts and opens one of them for stepping; Keep This Run and Compare with
// Kept Run put the default run and the broken one side by side, on one time axis, with the
// first difference marked and narrated and the outputs diffed.
#include "ComparisonDialog.h"
#include "ExploreDialog.h"
#include "ScheduleActions.h"
#include "TimelineModel.h"
#include "TimelineView.h"
#include "WindowTest.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTreeWidget>

namespace looplab {
namespace {

// Correct in the default schedule; seed 3 brings the second reply before the first update is
// written back (tests/fidelity/test_schedule.py finds the same with the reference runner).
const char* const kLostUpdate = R"(import asyncio
import aiohttp

balance = 100

async def withdraw(session, amount, delay):
    global balance
    await session.get(f"https://bank.example/delay/{delay}")
    current = balance
    await session.get("https://bank.example/log/delay/0.05")
    balance = current - amount

async def main():
    async with aiohttp.ClientSession() as session:
        await asyncio.gather(withdraw(session, 30, 0.1), withdraw(session, 20, 0.2))
    print("balance", balance)

asyncio.run(main())
)";

class ScheduleExplorerTest : public WindowTest {
  protected:
    ScheduleActions* actions() const { return window_->findChild<ScheduleActions*>(); }
};

TEST(ExploreOutput, ParsesOutcomesCountsSeedsAndLines) {
    const auto outcomes = parseExploreOutput(
        QStringLiteral("outcome 1: 71 of 100 runs, finished (e.g. --schedule-seed 1)\n"
                       "  | balance 50\n"
                       "outcome 2: 29 of 100 runs, deadlock (e.g. --schedule-seed 3)\n"
                       "  | a\n"
                       "  | b\n"
                       "outcomes: 2 distinct in 100 runs\n"));
    ASSERT_EQ(outcomes.size(), 2);
    EXPECT_EQ(outcomes[0].count, 71);
    EXPECT_EQ(outcomes[0].status, QStringLiteral("finished"));
    EXPECT_EQ(outcomes[0].seed, 1);
    EXPECT_EQ(outcomes[0].lines, QStringList{QStringLiteral("balance 50")});
    EXPECT_EQ(outcomes[1].status, QStringLiteral("deadlock"));
    EXPECT_EQ(outcomes[1].seed, 3);
    EXPECT_EQ(outcomes[1].lines, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
}

TEST_F(ScheduleExplorerTest, ExploresWithoutFreezingAndOpensAnOutcomesRun) {
    open(kLostUpdate, QStringLiteral("lost_update.py"));
    actions()->explore();
    ExploreDialog* dialog = actions()->exploreDialog();
    ASSERT_NE(dialog, nullptr);
    EXPECT_TRUE(dialog->isRunning());
    // The window's event loop goes on while the runs do: count the turns it takes.
    int turns = 0;
    QElapsedTimer clock;
    clock.start();
    while (dialog->isRunning() && clock.elapsed() < 120'000) {
        QApplication::processEvents(QEventLoop::AllEvents, 20);
        ++turns;
    }
    EXPECT_GT(turns, 10);
    ASSERT_FALSE(dialog->isRunning());
    const auto& outcomes = dialog->outcomes();
    ASSERT_GE(outcomes.size(), 2);
    int runs = 0;
    for (const ExploredOutcome& outcome : outcomes)
        runs += outcome.count;
    EXPECT_EQ(runs, 100);
    EXPECT_EQ(dialog->outcomeList()->topLevelItemCount(), outcomes.size());
    EXPECT_EQ(dialog->outcomeList()->topLevelItem(0)->text(0), QString::number(outcomes[0].count));

    // Open the outcome that is not "balance 50": the window now shows that run.
    int broken = 0;
    while (outcomes[broken].lines == QStringList{QStringLiteral("balance 50")})
        ++broken;
    dialog->openOutcome(broken);
    EXPECT_EQ(window_->run().scheduleSeed, outcomes[broken].seed);
    window_->controller().toEnd();
    EXPECT_TRUE(window_->outputText().trimmed().endsWith(outcomes[broken].lines.last()))
        << window_->outputText().toStdString();
}

TEST_F(ScheduleExplorerTest, ComparesTheKeptRunWithTheBrokenOne) {
    open(kLostUpdate, QStringLiteral("lost_update.py"));
    EXPECT_EQ(actions()->scheduleNote(), QString()); // the default schedule: no note
    actions()->keepRun();
    ASSERT_TRUE(actions()->hasKeptRun());
    actions()->openSchedule(3, 0.5);
    ASSERT_EQ(window_->run().scheduleSeed, 3);
    EXPECT_EQ(actions()->scheduleNote(), QStringLiteral("Schedule seed 3"));
    actions()->compare();
    ComparisonDialog* dialog = actions()->comparisonDialog();
    ASSERT_NE(dialog, nullptr);
    const RunDifference& difference = dialog->difference();
    ASSERT_FALSE(difference.same);
    // Both timelines share one axis, and each cursor stands where its run parts.
    EXPECT_EQ(dialog->keptTimeline()->zoom().durationNs(),
              dialog->currentTimeline()->zoom().durationNs());
    EXPECT_EQ(dialog->keptTimeline()->currentTime(), difference.keptNs);
    EXPECT_EQ(dialog->currentTimeline()->currentTime(), difference.currentNs);
    EXPECT_TRUE(dialog->narration().startsWith(QStringLiteral("Here the runs part: ")))
        << dialog->narration().toStdString();
    EXPECT_EQ(difference.sharedObject, "`balance`");
    EXPECT_EQ(dialog->keptCaption(),
              QStringLiteral("Kept run (the default schedule): the runs part "
                             "at the black line, 0.100 s"));
    EXPECT_EQ(dialog->outputDiff(), QStringLiteral("--- kept run (the default schedule)\n"
                                                   "+++ this run (schedule seed 3)\n"
                                                   "- balance 50\n"
                                                   "+ balance 80"));
}

} // namespace
} // namespace looplab
