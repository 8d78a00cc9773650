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
