#include "VirtualClock.h"

#include <gtest/gtest.h>

#include <tuple>
#include <vector>

using looplab::VirtualClock;

TEST(VirtualClock, StartsAtZeroOnTheLoopThread) {
    VirtualClock clock;
    EXPECT_EQ(clock.nowNs(), 0);
    EXPECT_DOUBLE_EQ(clock.loopSeconds(), 0.0);
    EXPECT_FALSE(clock.onWorker());
    EXPECT_EQ(clock.threadLabel(), "loop");
}

TEST(VirtualClock, LineCostsAccumulateWithoutDrift) {
    VirtualClock clock;
    for (int i = 0; i < 10'000'000; ++i)
        clock.spend(100);
    EXPECT_EQ(clock.nowNs(), 1'000'000'000);
    EXPECT_EQ(clock.loopSeconds(), 1.0);
}

TEST(VirtualClock, WorkerHasItsOwnClockAndLeavesTheLoopClockAlone) {
    VirtualClock clock;
    clock.spend(500);
    clock.enterWorker("default worker 0", 2'000);
    EXPECT_TRUE(clock.onWorker());
    EXPECT_EQ(clock.threadLabel(), "default worker 0");
    EXPECT_EQ(clock.nowNs(), 2'000);
    clock.block(3'000'000'000);
    EXPECT_EQ(clock.nowNs(), 3'000'002'000);
    EXPECT_EQ(clock.loopNs(), 500);
    EXPECT_EQ(clock.leaveWorker(), 3'000'002'000);
    EXPECT_EQ(clock.nowNs(), 500);
    EXPECT_THROW(clock.leaveWorker(), std::logic_error);
}

TEST(VirtualClock, BlockingIsReportedWithThreadStartAndDuration) {
    VirtualClock clock;
    std::vector<std::tuple<std::string, int64_t, int64_t>> blocks;
    clock.setBlockListener([&](const std::string& thread, int64_t start, int64_t duration) {
        blocks.emplace_back(thread, start, duration);
    });
    clock.spend(100);
    clock.block(2'000'000'000);
    clock.block(0); // nothing to report
    clock.enterWorker("w", 10);
    clock.block(5);
    clock.leaveWorker();
    ASSERT_EQ(blocks.size(), 2u);
    EXPECT_EQ(blocks[0],
              std::make_tuple(std::string("loop"), int64_t(100), int64_t(2'000'000'000)));
    EXPECT_EQ(blocks[1], std::make_tuple(std::string("w"), int64_t(10), int64_t(5)));
    EXPECT_EQ(clock.loopNs(), 2'000'000'100);
}
