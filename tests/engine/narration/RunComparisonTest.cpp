// Two runs of one lost-update program, by hand: in the kept run alice's reply comes first and
// she writes the balance back before bob reads it; in the current run bob's reply comes first
// and both read the old balance. The comparison names where they part, the shared variable
// and the lock whose holders changed order, and diffs the outputs.
#include "RunComparison.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace looplab;

namespace {

constexpr int64_t kMs = 1'000'000;

const std::vector<std::string> kSource = {
    "import asyncio",                                    // 1
    "balance = 100",                                     // 2
    "async def withdraw(session, amount, url):",         // 3
    "    global balance",                                // 4
    "    await session.get(url)",                        // 5
    "    current = balance",                             // 6
    "    await session.get('https://bank.example/log')", // 7
    "    balance = current - amount",                    // 8
};

std::string network(const std::string& url) {
    return R"({"wait":{"kind":"network","url":")" + url +
           R"(","until":0},"locals":{"amount":"30","current":"100"}})";
}

struct Script {
    std::vector<TraceEvent> events;
    void created(int64_t task, const std::string& name) {
        events.push_back({EventKind::TaskCreated, 0, task, -1, 1, -1, name, "withdraw"});
    }
    void step(int64_t ms, int64_t task) {
        events.push_back({EventKind::StepBegin, ms * kMs, task, 0, 0, 0, {}, {}});
    }
    void line(int64_t ms, int64_t task, int64_t line) {
        events.push_back({EventKind::Line, ms * kMs, task, -1, line, 0, {}, {}});
    }
    void waitFor(int64_t ms, int64_t task, const std::string& url) {
        events.push_back({EventKind::StepYield, ms * kMs, task, -1, 5, 0, {}, network(url)});
    }
    void print(int64_t ms, const std::string& text) {
        events.push_back({EventKind::Print, ms * kMs, 1, -1, 0, 0, text, "loop"});
    }
    void lock(int64_t ms, int64_t holder) {
        events.push_back({EventKind::Sync,
                          ms * kMs,
                          -1,
                          1,
                          0,
                          0,
                          {},
                          R"({"kind":"lock","name":"guard","locked":true,"holder":)" +
                              std::to_string(holder) + "}"});
    }
};

// Both tasks ask for their account; then each reads, logs (a reply) and writes back.
Script start() {
    Script s;
    s.created(2, "alice");
    s.created(3, "bob");
    s.step(0, 2);
    s.line(0, 2, 5);
    s.waitFor(0, 2, "https://bank.example/alice");
    s.step(0, 3);
    s.line(0, 3, 5);
    s.waitFor(0, 3, "https://bank.example/bob");
    return s;
}

void readAndLog(Script& s, int64_t ms, int64_t task) {
    s.step(ms, task);
    s.line(ms, task, 6);
    s.line(ms, task, 7);
    s.waitFor(ms, task, "https://bank.example/log");
}

void writeBack(Script& s, int64_t ms, int64_t task) {
    s.step(ms, task);
    s.line(ms, task, 8);
}

std::vector<TraceEvent> keptRun() {
    Script s = start();
    readAndLog(s, 100, 2); // event 8: alice's reply came first
    writeBack(s, 150, 2);
    readAndLog(s, 200, 3);
    writeBack(s, 250, 3);
    s.print(250, "balance 50");
    return s.events;
}

std::vector<TraceEvent> currentRun() {
    Script s = start();
    readAndLog(s, 90, 3); // event 8: bob's reply came first
    readAndLog(s, 120, 2);
    writeBack(s, 140, 3);
    writeBack(s, 170, 2);
    s.print(170, "balance 70");
    return s.events;
}

TEST(RunComparison, TheSameRunHasNoDifference) {
    const RunDifference same = compareRuns(keptRun(), keptRun(), kSource);
    EXPECT_TRUE(same.same);
    EXPECT_EQ(same.sentence, "");
}

TEST(RunComparison, MarksAndNarratesTheFirstStepThatDiffers) {
    const RunDifference d = compareRuns(keptRun(), currentRun(), kSource);
    ASSERT_FALSE(d.same);
    EXPECT_EQ(d.keptEvent, 8u);
    EXPECT_EQ(d.currentEvent, 8u);
    EXPECT_EQ(d.keptNs, 100 * kMs);
    EXPECT_EQ(d.currentNs, 90 * kMs);
    EXPECT_EQ(d.sentence, "Here the runs part: bob's network reply arrived before alice's, so bob "
                          "ran first (at 0.090 s); in the kept run alice's came first (at "
                          "0.100 s).");
}

TEST(RunComparison, NamesTheSharedVariableReadBeforeTheOtherTasksWrite) {
    const RunDifference d = compareRuns(keptRun(), currentRun(), kSource);
    // `current` and `amount` are the tasks' own locals; `balance` is what they share.
    EXPECT_EQ(d.sharedObject, "`balance`");
    EXPECT_EQ(d.sharedSentence,
              "Shared `balance`: in this run bob ran line 6 (`current = balance`) before alice "
              "ran line 8 (`balance = current - amount`); in the kept run, after.");
}

TEST(RunComparison, WithoutTheSourceNoVariableIsNamed) {
    const RunDifference d = compareRuns(keptRun(), currentRun());
    EXPECT_FALSE(d.same);
    EXPECT_EQ(d.sharedObject, "");
}

TEST(RunComparison, NamesALockTakenInAnotherOrder) {
    std::vector<TraceEvent> kept = keptRun();
    std::vector<TraceEvent> current = currentRun();
    Script k;
    k.lock(100, 2);
    k.lock(200, 3);
    Script c;
    c.lock(90, 3);
    c.lock(120, 2);
    kept.insert(kept.end(), k.events.begin(), k.events.end());
    current.insert(current.end(), c.events.begin(), c.events.end());
    const RunDifference d = compareRuns(kept, current, kSource);
    EXPECT_EQ(d.sharedObject, "the lock `guard`");
    EXPECT_EQ(d.sharedSentence,
              "The lock `guard` was taken by bob then alice in this run, by alice then bob in "
              "the kept run.");
}

TEST(RunComparison, ARunThatStopsEarlierIsWhereTheyPart) {
    std::vector<TraceEvent> shorter = keptRun();
    shorter.resize(11); // alice's first read and log only
    const RunDifference d = compareRuns(keptRun(), shorter);
    EXPECT_EQ(d.currentEvent, shorter.size());
    EXPECT_EQ(d.sentence, "Here the runs part: this run has ended, and the kept run went on: "
                          "alice ran at 0.150 s.");
}

TEST(RunComparison, DiffsTheOutputsLineByLine) {
    const auto diff = diffOutputs({"start", "balance 50", "end"}, {"start", "balance 70", "end"});
    ASSERT_EQ(diff.size(), 4u);
    EXPECT_EQ(diff[0].mark, ' ');
    EXPECT_EQ(diff[1].mark, '-');
    EXPECT_EQ(diff[1].text, "balance 50");
    EXPECT_EQ(diff[2].mark, '+');
    EXPECT_EQ(diff[2].text, "balance 70");
    EXPECT_EQ(diff[3].mark, ' ');
    EXPECT_EQ(printedLines(currentRun()), std::vector<std::string>{"balance 70"});
}

} // namespace
