#include "StepController.h"

#include <gtest/gtest.h>

using namespace looplab;

namespace {

// main (1) runs, creates A (2), yields; iteration 2 runs A, which finishes.
std::shared_ptr<const TraceReplay> smallRun() {
    return std::make_shared<const TraceReplay>(std::vector<TraceEvent>{
        {EventKind::TaskCreated, 0, 1, -1, 5, -1, "Task-1", "main"}, // 1
        {EventKind::ReadyPush, 0, 1, 1, -1, 0, "step", {}},          // 2
        {EventKind::Iteration, 0, -1, -1, 1, 1, {}, {}},             // 3 (hidden)
        {EventKind::HandleRun, 0, 1, 1, 0, 0, {}, {}},               // 4 (hidden)
        {EventKind::StepBegin, 0, 1, 1, 0, 0, {}, {}},               // 5
        {EventKind::Line, 100, 1, -1, 3, 0, {}, {}},                 // 6
        {EventKind::TaskCreated, 100, 2, -1, 3, 1, "A", "job"},      // 7
        {EventKind::ReadyPush, 100, 2, 2, 1, 0, "step", {}},         // 8
        {EventKind::StepYield, 100, 1, -1, 3, 0, {}, R"({"wait":{"kind":"task","task":2}})"},
        {EventKind::Iteration, 100, -1, -1, 1, 2, {}, {}}, // 10 (hidden)
        {EventKind::HandleRun, 100, 2, 2, 0, 0, {}, {}},   // 11 (hidden)
        {EventKind::StepBegin, 100, 2, 2, 0, 0, {}, {}},   // 12
        {EventKind::TaskDone, 200, 2, -1, 0, 0, {}, R"({"state":"finished","result":"1"})"},
    });
}

TEST(StepController, EventStopsSkipBookkeepingEvents) {
    StepController controller;
    controller.setReplay(smallRun());
    // start + 9 visible events (13 minus iter/run twice)
    EXPECT_EQ(controller.stopCount(), 10);
    controller.forward();
    EXPECT_EQ(controller.lastEvent()->kind, EventKind::TaskCreated);
    controller.forward();
    controller.forward(); // skips iter and run: lands on main's step
    EXPECT_EQ(controller.lastEvent()->kind, EventKind::StepBegin);
    EXPECT_EQ(controller.state().runningTask, 1);
}

TEST(StepController, TaskStepAndIterationUnits) {
    StepController controller;
    controller.setReplay(smallRun());
    controller.forward(StepController::Unit::TaskStep);
    EXPECT_EQ(controller.lastEvent()->kind, EventKind::StepYield);
    EXPECT_EQ(controller.state().tasks.at(1).state, TaskState::Waiting);
    controller.forward(StepController::Unit::TaskStep);
    EXPECT_EQ(controller.lastEvent()->kind, EventKind::TaskDone);
    controller.back(StepController::Unit::Iteration);
    EXPECT_EQ(controller.lastEvent()->kind, EventKind::StepBegin);
    EXPECT_EQ(controller.state().runningTask, 2);
}

TEST(StepController, LineUnitStopsOnlyAtProgramLines) {
    StepController controller;
    controller.setReplay(smallRun());
    controller.forward(StepController::Unit::Line);
    EXPECT_EQ(controller.lastEvent()->kind, EventKind::Line);
    EXPECT_EQ(controller.lastEvent()->line, 3);
    controller.forward(StepController::Unit::Line); // no more lines: the end
    EXPECT_EQ(controller.currentStop(), controller.stopCount() - 1);
    controller.back(StepController::Unit::Line);
    EXPECT_EQ(controller.lastEvent()->line, 3);
}

TEST(StepController, ForwardThenBackReturnsTheSameState) {
    StepController controller;
    controller.setReplay(smallRun());
    controller.goToStop(4);
    const LoopState before = controller.state();
    controller.forward();
    controller.forward();
    controller.back();
    controller.back();
    EXPECT_EQ(controller.state().eventsApplied, before.eventsApplied);
    EXPECT_EQ(controller.state().ready.size(), before.ready.size());
    EXPECT_EQ(controller.state().runningTask, before.runningTask);
}

TEST(StepController, ClampsAndJumpsToTime) {
    StepController controller;
    controller.setReplay(smallRun());
    controller.goToStop(99);
    EXPECT_EQ(controller.currentStop(), controller.stopCount() - 1);
    controller.goToTime(150); // the state at 150 ns: the last step at or before it
    EXPECT_EQ(controller.lastEvent()->kind, EventKind::StepBegin);
    EXPECT_EQ(controller.lastEvent()->task, 2);
    EXPECT_EQ(controller.state().timeNs, 100);
    controller.goToTime(200);
    EXPECT_EQ(controller.lastEvent()->kind, EventKind::TaskDone);
    controller.goToTime(99); // nothing happened after 0 before 100 ns: the last step at 0
    EXPECT_EQ(controller.lastEvent()->kind, EventKind::StepBegin);
    EXPECT_EQ(controller.lastEvent()->task, 1);
    controller.goToStop(-5);
    EXPECT_EQ(controller.lastEvent(), nullptr);
}

} // namespace

namespace {

// The loop hands a 2 s job to a worker at t=0; the worker's lines carry the worker's clock
// (up to 2 s) long before the loop's clock gets there.
TEST(StepController, GoToTimeFollowsTheLoopClockNotAWorkersClock) {
    StepController controller;
    controller.setReplay(std::make_shared<const TraceReplay>(std::vector<TraceEvent>{
        {EventKind::TaskCreated, 0, 1, -1, 5, -1, "Task-1", "main"},                     // 1
        {EventKind::StepBegin, 0, 1, 1, 0, 0, {}, {}},                                   // 2
        {EventKind::Line, 100, -1, -1, 7, 0, "default worker 0", {}},                    // 3
        {EventKind::Block, 100, -1, -1, 7, 2'000'000'000, "default worker 0", {}},       // 4
        {EventKind::Line, 2'000'000'100, -1, -1, 8, 0, "default worker 0", {}},          // 5
        {EventKind::StepYield, 200, 1, -1, 3, 0, {}, R"({"wait":{"kind":"executor"}})"}, // 6
        {EventKind::Iteration, 500'000'000, -1, -1, 1, 2, {}, {}},                       // 7
        {EventKind::StepBegin, 2'000'000'200, 1, 1, 0, 0, {}, {}},                       // 8
    }));
    // At 1 s the loop waits for the job (its yield at 200 ns is the last loop step by then),
    // although the worker's clock has passed 2 s.
    controller.goToTime(1'000'000'000);
    ASSERT_NE(controller.lastEvent(), nullptr);
    EXPECT_EQ(controller.lastEvent()->kind, EventKind::StepYield);
    EXPECT_EQ(controller.state().timeNs, 200);
    controller.goToTime(2'000'000'200);
    EXPECT_EQ(controller.lastEvent()->kind, EventKind::StepBegin);
}

} // namespace

namespace {

// Re-running edited code keeps the moment, not the step number: an edit that adds steps
// before it still lands at the same virtual time, as many steps into it as before.
TEST(StepController, AMomentSurvivesARunWithMoreStepsBeforeIt) {
    // main sleeps 1 s, then runs two lines and ends; the edited run prints first.
    const auto run = [](bool printsFirst) {
        std::vector<TraceEvent> events{
            {EventKind::TaskCreated, 0, 1, -1, 5, -1, "Task-1", "main"},
            {EventKind::StepBegin, 0, 1, 1, 0, 0, {}, {}},
            {EventKind::StepYield, 100, 1, -1, 3, 0, {}, R"({"wait":{"kind":"sleep"}})"},
            {EventKind::Poll, 100, -1, -1, 0, 999'999'900, {}, {}},
            {EventKind::StepBegin, 1'000'000'000, 1, 2, 0, 0, {}, {}},
            {EventKind::Line, 1'000'000'100, 1, -1, 4, 0, {}, {}},
            {EventKind::Line, 1'000'000'200, 1, -1, 5, 0, {}, {}},
            {EventKind::TaskDone, 1'000'000'300, 1, -1, 0, 0, {}, R"({"state":"finished"})"},
        };
        if (printsFirst) {
            events.insert(events.begin() + 2, {EventKind::Print, 0, 1, -1, 0, 0, "hi", "loop"});
            events.insert(events.begin() + 2, {EventKind::Line, 0, 1, -1, 2, 0, {}, {}});
            for (TraceEvent& e : events) // two more lines: everything after them is 200 ns later
                if (e.t >= 100)
                    e.t += 200;
        }
        return std::make_shared<const TraceReplay>(std::move(events));
    };
    StepController before;
    before.setReplay(run(false));
    before.goToTime(1'000'000'150); // after the first line at 1 s
    ASSERT_EQ(before.lastEvent()->line, 4);
    const StepController::Moment moment = before.moment();
    EXPECT_EQ(moment.timeNs, 1'000'000'000); // the millisecond it falls in
    EXPECT_EQ(moment.stepsIntoTime, 2);      // the poll that ends at 1 s, main's step, the line

    StepController after;
    after.setReplay(run(true));
    after.goToMoment(moment);
    EXPECT_EQ(after.currentStop(), before.currentStop() + 2);
    EXPECT_EQ(after.lastEvent()->kind, EventKind::Line);
    EXPECT_EQ(after.lastEvent()->line, 4);
    // A moment past the run's end lands on its last step.
    after.goToMoment({5'000'000'000, 0});
    EXPECT_EQ(after.currentStop(), after.stopCount() - 1);
}

} // namespace

namespace {

// Debugger stepping on a hand-made run. The program, as the lines say:
//    2      x = helper()           main (task 1), frame 2, depth 2
//    3      for i in range(3):     a loop of lines 3-4
//    4          x += 1
//    5      await asyncio.sleep(1)
//    6      return x
//    8      y = 1                  helper, called from line 2: frame 3, depth 3
//    9      return y
//   11      print("other")         other (task 2), frame 4, depth 2: it runs while main sleeps
// A worker thread runs a job of two lines (frame 5) inside main's first step.
TraceEvent line(int64_t task, int64_t lineNo, int32_t frame, int32_t depth) {
    return {EventKind::Line, 0, task, -1, lineNo, 0, {}, {}, frame, depth};
}

TraceEvent workerLine(int64_t lineNo) {
    return {EventKind::Line, 0, -1, -1, lineNo, 0, "pool worker 0", {}, 5, 3};
}

std::vector<TraceEvent> debuggedRun() {
    return {
        {EventKind::TaskCreated, 0, 1, -1, 20, -1, "Task-1", "main"},                         // 0
        {EventKind::TaskCreated, 0, 2, -1, 20, 1, "Task-2", "other"},                         // 1
        {EventKind::StepBegin, 0, 1, 1, 0, 0, {}, {}},                                        // 2
        line(1, 2, 2, 2),                                                                     // 3
        line(1, 8, 3, 3),                                                                     // 4
        line(1, 9, 3, 3),                                                                     // 5
        line(1, 3, 2, 2),                                                                     // 6
        line(1, 4, 2, 2),                                                                     // 7
        line(1, 3, 2, 2),                                                                     // 8
        workerLine(14),                                                                       // 9
        workerLine(15),                                                                       // 10
        {EventKind::Job, 0, 1, -1, 0, 100, "pool", "job"},                                    // 11
        line(1, 4, 2, 2),                                                                     // 12
        line(1, 3, 2, 2),                                                                     // 13
        line(1, 4, 2, 2),                                                                     // 14
        line(1, 3, 2, 2),                                                                     // 15
        line(1, 5, 2, 2),                                                                     // 16
        {EventKind::StepYield, 0, 1, -1, 5, 0, {}, R"({"wait":{"kind":"sleep"}})"},           // 17
        {EventKind::StepBegin, 0, 2, 2, 0, 0, {}, {}},                                        // 18
        line(2, 11, 4, 2),                                                                    // 19
        {EventKind::Print, 0, 2, -1, 0, 0, "other", "loop"},                                  // 20
        {EventKind::TaskDone, 0, 2, -1, 0, 0, {}, R"({"state":"finished","result":"None"})"}, // 21
        {EventKind::StepBegin, 1000, 1, 3, 0, 0, {}, {}},                                     // 22
        line(1, 6, 2, 2),                                                                     // 23
        {EventKind::TaskDone, 1000, 1, -1, 0, 0, {}, R"({"state":"finished","result":"4"})"}, // 24
        {EventKind::End, 1000, -1, -1, 0, 0, {}, R"({"status":"finished"})"},                 // 25
    };
}

class DebugStepping : public ::testing::Test {
  protected:
    void SetUp() override {
        controller_.setReplay(std::make_shared<const TraceReplay>(debuggedRun()));
        controller_.setLoops({{3, 4}});
        QObject::connect(&controller_, &StepController::stateChanged,
                         [this] { visited_.push_back(controller_.lastEventIndex()); });
    }
    // Goes to the step that shows event `index`.
    void at(size_t index) {
        for (int stop = 0; stop < controller_.stopCount(); ++stop) {
            controller_.goToStop(stop);
            if (controller_.lastEvent() && controller_.lastEventIndex() == index) {
                visited_.clear();
                return;
            }
        }
        FAIL() << "no step shows event " << index;
    }
    size_t now() const { return controller_.lastEventIndex(); }

    StepController controller_;
    std::vector<size_t> visited_; // the steps shown, by their last event
};

TEST_F(DebugStepping, StepOverRunsACalledFunctionInOneStep) {
    at(3); // x = helper()
    controller_.stepOver();
    EXPECT_EQ(now(), 6u) << "the next line of main, not helper's lines 8 and 9";
    EXPECT_EQ(visited_, std::vector<size_t>{6u});
    at(3);
    controller_.stepInto();
    EXPECT_EQ(now(), 4u) << "step into goes into helper";
}

TEST_F(DebugStepping, StepOutLandsInTheCaller) {
    at(4); // helper's first line
    controller_.stepOut();
    EXPECT_EQ(now(), 6u);
    EXPECT_EQ(controller_.lastEvent()->frame, 2);
    // From helper's last line, step over also leaves it for the caller's next line.
    at(5);
    controller_.stepOver();
    EXPECT_EQ(now(), 6u);
}

TEST_F(DebugStepping, StepOverAtALoopsHeaderReachedAgainRunsTheRestOfTheLoop) {
    at(6); // the header, first reached: step over enters the loop
    controller_.stepOver();
    EXPECT_EQ(now(), 7u);
    controller_.stepOver(); // x += 1: back to the header
    EXPECT_EQ(now(), 8u);
    controller_.stepOver(); // the header reached again: the rest of the loop
    EXPECT_EQ(now(), 16u);
    EXPECT_EQ(controller_.lastEvent()->line, 5);
    EXPECT_EQ(visited_, (std::vector<size_t>{7u, 8u, 16u})) << "no line of the loop's body shown";
    // Step into does not cross the loop.
    at(8);
    controller_.stepInto();
    EXPECT_EQ(now(), 12u) << "the worker's lines belong to the worker, not to main";
}

TEST_F(DebugStepping, AnAwaitThatSuspendsStopsAtTheYieldAndOtherTasksAreNotStops) {
    at(16); // await asyncio.sleep(1)
    controller_.stepOver();
    EXPECT_EQ(now(), 17u);
    EXPECT_EQ(controller_.lastEvent()->kind, EventKind::StepYield);
    // From the yield, main's next line: task 2's step, line, print and end are not stops.
    controller_.stepOver();
    EXPECT_EQ(now(), 23u);
    EXPECT_EQ(controller_.lastEvent()->line, 6);
    EXPECT_EQ(visited_, (std::vector<size_t>{17u, 23u}));
}

TEST_F(DebugStepping, AtACoroutinesLastLineStepsGoToItsEnd) {
    at(23); // return x
    controller_.stepOver();
    EXPECT_EQ(now(), 24u);
    EXPECT_EQ(controller_.lastEvent()->kind, EventKind::TaskDone);
    at(23);
    controller_.stepOut();
    EXPECT_EQ(now(), 24u);
    // Out of the coroutine's own frame from its first line: it has no caller in the program,
    // so the step ends where the task gives the loop back.
    at(3);
    controller_.stepOut();
    EXPECT_EQ(now(), 17u);
    EXPECT_EQ(controller_.lastEvent()->kind, EventKind::StepYield);
}

TEST_F(DebugStepping, AWorkersStepsFollowTheWorkerUntilItsJobEnds) {
    at(9);
    controller_.stepOver();
    EXPECT_EQ(now(), 10u);
    controller_.stepOver(); // the job's last line: its end is the next stop
    EXPECT_EQ(now(), 11u);
    EXPECT_EQ(controller_.lastEvent()->kind, EventKind::Job);
}

TEST_F(DebugStepping, ABreakpointOnTheWayStopsAStepAsInADebugger) {
    controller_.setBreakpoints({9, 11}); // helper's return, and task 2's line
    at(3);
    controller_.stepOver();
    EXPECT_EQ(now(), 5u) << "helper's lines are skipped, but not its breakpoint";
    at(16);
    controller_.stepOver(); // to main's yield: the breakpoint is later
    controller_.stepOver();
    EXPECT_EQ(now(), 19u) << "task 2's line has a breakpoint";
    controller_.setBreakpoints({});
    controller_.stepOver(); // on from there: task 2's end comes next
    EXPECT_EQ(now(), 21u);
}

TEST_F(DebugStepping, AStepInAnotherTasksStepFollowsThatTask) {
    at(18); // task 2's step begins: it has run no line yet
    controller_.stepOver();
    EXPECT_EQ(now(), 19u);
    controller_.stepOver(); // its last line: the print is passed, the end of task 2 is next
    EXPECT_EQ(now(), 21u);
    // With no task running (the start), stepping goes to the next program line.
    controller_.toStart();
    controller_.stepOver();
    EXPECT_EQ(now(), 3u);
}

} // namespace
