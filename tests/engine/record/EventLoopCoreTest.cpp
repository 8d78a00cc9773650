// The loop core's semantics, with real asyncio Handle/TimerHandle objects whose callbacks append
// their name to a Python list. Each test asserts the exact order and the exact virtual time.
#include "EngineSession.h"

#include <gtest/gtest.h>
#include <pybind11/embed.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

namespace py = pybind11;
using looplab::EngineSession;
using looplab::EventKind;
using Outcome = looplab::EventLoopCore::Outcome;

namespace {

class EventLoopCoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        scope_ = py::dict();
        py::exec(R"(
import asyncio.events as events
log = []
class FakeLoop:
    def get_debug(self): return False
    def call_exception_handler(self, context): log.append("error: " + context["message"])
    def _timer_handle_cancelled(self, handle): pass
fake = FakeLoop()
def handle(name, then=None):
    def callback():
        log.append(name)
        if then: then()
    return events.Handle(callback, (), fake, None)
def timer(when, name):
    return events.TimerHandle(when, lambda: log.append(name), (), fake, None)
)",
                 scope_);
        session_ = std::make_unique<EngineSession>();
    }
    void TearDown() override { session_.reset(); }

    py::object handle(const std::string& name) { return scope_["handle"](name); }
    py::object timer(double when, const std::string& name) { return scope_["timer"](when, name); }
    std::vector<std::string> log() { return scope_["log"].cast<std::vector<std::string>>(); }

    py::dict scope_;
    std::unique_ptr<EngineSession> session_;
};

TEST_F(EventLoopCoreTest, ReadyCallbacksRunFirstInFirstOut) {
    auto& loop = session_->loop;
    loop.callSoon(handle("A"), -1, "A");
    loop.callSoon(handle("B"), -1, "B");
    loop.callSoon(handle("C"), -1, "C");
    EXPECT_EQ(loop.runOnce(false), Outcome::Ran);
    EXPECT_EQ(log(), (std::vector<std::string>{"A", "B", "C"}));
    EXPECT_EQ(session_->clock.loopNs(), 0);
}

TEST_F(EventLoopCoreTest, CallbacksScheduledDuringAnIterationWaitForTheNext) {
    auto& loop = session_->loop;
    py::object later = handle("D");
    py::cpp_function scheduleD([&] { session_->loop.callSoon(later, -1, "D"); });
    loop.callSoon(scope_["handle"]("A", scheduleD), -1, "A");
    loop.callSoon(handle("B"), -1, "B");
    loop.runOnce(false);
    EXPECT_EQ(log(), (std::vector<std::string>{"A", "B"}));
    EXPECT_EQ(loop.readyCount(), 1u);
    loop.runOnce(false);
    EXPECT_EQ(log(), (std::vector<std::string>{"A", "B", "D"}));
}

TEST_F(EventLoopCoreTest, ClockJumpsToTheNextTimerAndEqualDeadlinesKeepSchedulingOrder) {
    auto& loop = session_->loop;
    loop.callAt(timer(2.0, "late"), 2.0, -1, "late");
    loop.callAt(timer(1.0, "first"), 1.0, -1, "first");
    loop.callAt(timer(1.0, "second"), 1.0, -1, "second");
    loop.callAt(timer(1.0, "third"), 1.0, -1, "third");
    loop.runOnce(false);
    EXPECT_EQ(log(), (std::vector<std::string>{"first", "second", "third"}));
    EXPECT_EQ(session_->clock.loopNs(), 1'000'000'000);
    loop.runOnce(false);
    EXPECT_EQ(log().back(), "late");
    EXPECT_EQ(session_->clock.loopNs(), 2'000'000'000);
}

// A perturbed run (the schedule explorer) gives each timer a seeded tie key: equal deadlines
// fire in key order, equal keys in scheduling order; an earlier deadline still comes first.
TEST_F(EventLoopCoreTest, EqualDeadlinesFireInTieOrderThenSchedulingOrder) {
    auto& loop = session_->loop;
    loop.callAt(timer(1.0, "tie 7"), 1.0, -1, "a", looplab::EventLoopCore::kFirstLoop, 7);
    loop.callAt(timer(1.0, "tie 2"), 1.0, -1, "b", looplab::EventLoopCore::kFirstLoop, 2);
    loop.callAt(timer(1.0, "tie 7 again"), 1.0, -1, "c", looplab::EventLoopCore::kFirstLoop, 7);
    loop.callAt(timer(0.5, "earlier"), 0.5, -1, "d", looplab::EventLoopCore::kFirstLoop, 9);
    loop.runOnce(false);
    EXPECT_EQ(log(), (std::vector<std::string>{"earlier"}));
    loop.runOnce(false);
    EXPECT_EQ(log(), (std::vector<std::string>{"earlier", "tie 2", "tie 7", "tie 7 again"}));
}

TEST_F(EventLoopCoreTest, APositiveWaitIsRoundedUpToAWholeMillisecondLikeEpoll) {
    auto& loop = session_->loop;
    loop.callAt(timer(0.0002, "soon"), 0.0002, -1, "soon");
    loop.runOnce(false);
    EXPECT_EQ(session_->clock.loopNs(), 1'000'000);
    EXPECT_EQ(log(), (std::vector<std::string>{"soon"}));
}

TEST_F(EventLoopCoreTest, ReadyCallbacksMeanNoWaitEvenWithTimersPending) {
    auto& loop = session_->loop;
    loop.callAt(timer(5.0, "timer"), 5.0, -1, "timer");
    loop.callSoon(handle("now"), -1, "now");
    loop.runOnce(false);
    EXPECT_EQ(log(), (std::vector<std::string>{"now"}));
    EXPECT_EQ(session_->clock.loopNs(), 0);
    EXPECT_EQ(loop.timerDeadlines(), (std::vector<double>{5.0}));
}

TEST_F(EventLoopCoreTest, NothingReadyAndNoTimerIsADeadlock) {
    EXPECT_EQ(session_->loop.runOnce(false), Outcome::Deadlock);
}

TEST_F(EventLoopCoreTest, CancelledTimersAreSkippedAndCannotKeepTheLoopAlive) {
    auto& loop = session_->loop;
    py::object t = timer(1.0, "cancelled");
    loop.callAt(t, 1.0, -1, "cancelled");
    t.attr("cancel")();
    EXPECT_EQ(loop.runOnce(false), Outcome::Deadlock);
    EXPECT_TRUE(log().empty());
    EXPECT_TRUE(loop.timerDeadlines().empty());
}

TEST_F(EventLoopCoreTest, StoppingLoopDoesNotWaitForTimers) {
    auto& loop = session_->loop;
    loop.callAt(timer(3.0, "t"), 3.0, -1, "t");
    EXPECT_EQ(loop.runOnce(true), Outcome::Ran);
    EXPECT_EQ(session_->clock.loopNs(), 0);
    EXPECT_TRUE(log().empty());
}

TEST_F(EventLoopCoreTest, StepBudgetStopsTheRun) {
    session_->budget.maxSteps = 2;
    auto& loop = session_->loop;
    for (const char* name : {"1", "2", "3"})
        loop.callSoon(handle(name), -1, name);
    EXPECT_EQ(loop.runOnce(false), Outcome::BudgetExceeded);
    EXPECT_EQ(log(), (std::vector<std::string>{"1", "2"}));
    EXPECT_NE(session_->budget.exceeded.find("--max-steps"), std::string::npos);
}

TEST_F(EventLoopCoreTest, EventBudgetStopsTheRunBetweenCallbacks) {
    auto& loop = session_->loop;
    for (const char* name : {"1", "2", "3"})
        loop.callSoon(handle(name), -1, name);
    // Whatever was recorded so far, plus the iteration's own event, is the limit: no callback
    // runs, and each stays queued for the trace to show.
    session_->budget.maxEvents = static_cast<int64_t>(session_->recorder.size()) + 1;
    EXPECT_EQ(loop.runOnce(false), Outcome::BudgetExceeded);
    EXPECT_TRUE(log().empty());
    EXPECT_NE(session_->budget.exceeded.find("trace events (raise it with --max-events)"),
              std::string::npos);
}

TEST_F(EventLoopCoreTest, CallbackExceptionsGoToTheLoopsExceptionHandler) {
    py::exec("def boom(): raise ValueError('x')\nbad = events.Handle(boom, (), fake, None)\n",
             scope_);
    session_->loop.callSoon(scope_["bad"], -1, "boom");
    session_->loop.callSoon(handle("after"), -1, "after");
    EXPECT_EQ(session_->loop.runOnce(false), Outcome::Ran);
    const auto entries = log();
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].rfind("error: Exception in callback", 0), 0u);
    EXPECT_EQ(entries[1], "after");
}

TEST_F(EventLoopCoreTest, RecordsQueueMovesInOrder) {
    auto& loop = session_->loop;
    loop.callSoon(handle("A"), 4, "step Task-4");
    loop.callAt(timer(0.5, "T"), 0.5, -1, "sleep");
    loop.runOnce(false); // runs A
    loop.runOnce(false); // waits 0.5 s, T due, runs T
    std::vector<std::string> kinds;
    for (const auto& e : session_->recorder.events())
        kinds.push_back(looplab::eventKindName(e.kind));
    EXPECT_EQ(kinds, (std::vector<std::string>{"ready", "timer", "iter", "run", "step", "poll",
                                               "due", "iter", "run"}));
    const auto& events = session_->recorder.events();
    EXPECT_EQ(events[0].text, "step Task-4");
    EXPECT_EQ(events[1].num, 500'000'000);
    EXPECT_EQ(events[5].num, 500'000'000); // the poll waited half a second
    EXPECT_EQ(events[6].handle, events[1].handle);
}

TEST_F(EventLoopCoreTest, EachLoopRunsOnlyItsOwnCallbacksAndTimers) {
    auto& loop = session_->loop;
    const auto second = loop.newLoop();
    loop.callSoon(handle("first-loop"), -1, "first-loop");
    loop.callSoon(handle("second-loop"), -1, "second-loop", false, second);
    loop.callAt(timer(1.0, "second-timer"), 1.0, -1, "second-timer", second);
    EXPECT_EQ(loop.runOnce(false, second), Outcome::Ran);
    EXPECT_EQ(log(), (std::vector<std::string>{"second-loop"}));
    EXPECT_EQ(loop.readyCount(), 1u);           // the first loop's callback waits for its loop
    EXPECT_TRUE(loop.timerDeadlines().empty()); // the timer is the second loop's
    EXPECT_EQ(loop.timerDeadlines(second), (std::vector<double>{1.0}));
    EXPECT_EQ(loop.runOnce(false, second), Outcome::Ran);
    EXPECT_EQ(log(), (std::vector<std::string>{"second-loop", "second-timer"}));
    EXPECT_EQ(session_->clock.loopNs(), 1'000'000'000); // one clock for every loop
}

TEST_F(EventLoopCoreTest, ClosingALoopDropsWhatItHoldsUnrunAndRecordsIt) {
    auto& loop = session_->loop;
    const auto closing = loop.newLoop();
    loop.callSoon(handle("queued"), -1, "queued", false, closing);
    loop.callAt(timer(5.0, "timer"), 5.0, -1, "timer", closing);
    py::object cancelled = timer(6.0, "cancelled");
    loop.callAt(cancelled, 6.0, -1, "cancelled", closing);
    cancelled.attr("cancel")();
    const size_t before = session_->recorder.events().size();
    EXPECT_EQ(loop.closeLoop(closing), 2u); // the cancelled timer was already told
    EXPECT_EQ(loop.readyCount(closing), 0u);
    EXPECT_EQ(loop.timerCount(closing), 0u);
    const auto& events = session_->recorder.events();
    ASSERT_EQ(events.size(), before + 2);
    for (size_t i = before; i < events.size(); ++i) {
        EXPECT_EQ(events[i].kind, EventKind::HandleCancel);
        EXPECT_EQ(events[i].num, 1); // dropped because the loop closed
    }
    // The first loop knows nothing of it: nothing ready, no timer.
    EXPECT_EQ(loop.runOnce(false), Outcome::Deadlock);
    EXPECT_TRUE(log().empty());
}

} // namespace
