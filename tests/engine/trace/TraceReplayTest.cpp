// Replaying a trace rebuilds exactly what the loop looked like after any event, and a jump
// through a checkpoint gives the same state as stepping there one event at a time.
#include "TraceReplay.h"
#include "TaskLabel.h"
#include "TraceReader.h"
#include "TraceRecorder.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

using namespace looplab;

namespace {

std::vector<int64_t> readyTasks(const LoopState& state) {
    std::vector<int64_t> tasks;
    for (const auto& callback : state.ready)
        tasks.push_back(callback.task);
    return tasks;
}

// main (1) creates B (2) and C (3), yields on gather; B and C run; C sleeps 1 s, B 2 s.
std::vector<TraceEvent> gatherScenario() {
    const std::string sleepC =
        R"({"wait":{"kind":"sleep","delay":"1","until":1000000300},"chain":["c"]})";
    const std::string sleepB =
        R"({"wait":{"kind":"sleep","delay":"2","until":2000000200},"chain":["b"]})";
    const std::string gather = R"({"wait":{"kind":"gather","tasks":[2,3]},"chain":["main"]})";
    return {
        {EventKind::TaskCreated, 0, 1, -1, 9, -1, "Task-1", "main"},   // 1
        {EventKind::ReadyPush, 0, 1, 1, -1, 0, "step", {}},            // 2
        {EventKind::Iteration, 0, -1, -1, 1, 1, {}, {}},               // 3
        {EventKind::HandleRun, 0, 1, 1, 0, 0, {}, {}},                 // 4
        {EventKind::StepBegin, 0, 1, 1, 0, 0, {}, {}},                 // 5
        {EventKind::TaskCreated, 100, 2, -1, 6, 1, "Task-2", "b"},     // 6
        {EventKind::ReadyPush, 100, 2, 2, 1, 0, "step", {}},           // 7
        {EventKind::TaskCreated, 100, 3, -1, 6, 1, "Task-3", "c"},     // 8
        {EventKind::ReadyPush, 100, 3, 3, 1, 0, "step", {}},           // 9
        {EventKind::StepYield, 100, 1, -1, 6, 0, {}, gather},          // 10
        {EventKind::Iteration, 100, -1, -1, 2, 2, {}, {}},             // 11
        {EventKind::HandleRun, 100, 2, 2, 0, 0, {}, {}},               // 12
        {EventKind::StepBegin, 100, 2, 2, 0, 0, {}, {}},               // 13
        {EventKind::TimerPush, 200, 2, 4, 2, 2000000200, "sleep", {}}, // 14
        {EventKind::StepYield, 200, 2, -1, 3, 0, {}, sleepB},          // 15
        {EventKind::HandleRun, 200, 3, 3, 0, 0, {}, {}},               // 16
        {EventKind::StepBegin, 200, 3, 3, 0, 0, {}, {}},               // 17
        {EventKind::TimerPush, 300, 3, 5, 3, 1000000300, "sleep", {}}, // 18
        {EventKind::StepYield, 300, 3, -1, 3, 0, {}, sleepC},          // 19
        {EventKind::Poll, 300, -1, -1, 0, 1000000000, {}, {}},         // 20
        {EventKind::TimerDue, 1000000300, -1, 5, 0, 0, {}, {}},        // 21
    };
}

TEST(TraceReplay, ReadyQueueTimersAndTaskStatesAfterKnownEvents) {
    const TraceReplay replay(gatherScenario());

    const LoopState start = replay.stateAfter(0);
    EXPECT_TRUE(start.tasks.empty());
    EXPECT_TRUE(start.ready.empty());

    // After main's step has created B and C and yielded on the gather:
    const LoopState afterMain = replay.stateAfter(10);
    EXPECT_EQ(readyTasks(afterMain), (std::vector<int64_t>{2, 3}));
    EXPECT_EQ(afterMain.ready[0].cause, 1); // main's step scheduled them
    EXPECT_EQ(afterMain.tasks.at(1).state, TaskState::Waiting);
    EXPECT_EQ(afterMain.tasks.at(2).state, TaskState::Ready);
    EXPECT_EQ(afterMain.runningTask, -1);

    // B is running: it has left the ready queue.
    const LoopState bRunning = replay.stateAfter(13);
    EXPECT_EQ(bRunning.runningTask, 2);
    EXPECT_EQ(readyTasks(bRunning), (std::vector<int64_t>{3}));
    EXPECT_EQ(bRunning.tasks.at(2).state, TaskState::Running);

    // Both asleep: the heap fires C (1 s) before B (2 s) although B's timer came first.
    const LoopState asleep = replay.stateAfter(19);
    ASSERT_EQ(asleep.timers.size(), 2u);
    EXPECT_EQ(asleep.timers[0].task, 3);
    EXPECT_EQ(asleep.timers[1].task, 2);
    EXPECT_TRUE(asleep.ready.empty());
    EXPECT_EQ(asleep.timeNs, 300);

    // The loop slept a second; C's timer moved to the ready queue.
    const LoopState woke = replay.stateAfter(21);
    EXPECT_EQ(woke.timeNs, 1000000300);
    ASSERT_EQ(woke.ready.size(), 1u);
    EXPECT_EQ(woke.ready[0].handle, 5);
    ASSERT_EQ(woke.timers.size(), 1u);
    EXPECT_EQ(woke.timers[0].handle, 4);
}

TEST(TraceReplay, SurvivesAWriteAndReadRoundTrip) {
    TraceRecorder recorder;
    for (auto& event : gatherScenario())
        recorder.add(event);
    std::stringstream file;
    recorder.writeJson(file, {"prog.py", 100, 0});
    const TraceReadResult read = readTrace(file);
    ASSERT_TRUE(read.ok) << read.error;
    EXPECT_EQ(read.trace.header.program, "prog.py");
    const TraceReplay fromFile(read.trace.events);
    const TraceReplay inMemory(gatherScenario());
    for (size_t n = 0; n <= inMemory.eventCount(); ++n) {
        const LoopState a = fromFile.stateAfter(n);
        const LoopState b = inMemory.stateAfter(n);
        EXPECT_EQ(readyTasks(a), readyTasks(b)) << n;
        EXPECT_EQ(a.timers.size(), b.timers.size()) << n;
        EXPECT_EQ(a.timeNs, b.timeNs) << n;
    }
}

TEST(TraceReplay, JumpingThroughCheckpointsEqualsSteppingOneByOne) {
    // 3,000 round-robin steps of two tasks: crosses two checkpoints.
    std::vector<TraceEvent> events = {{EventKind::TaskCreated, 0, 1, -1, 1, -1, "A", "a"},
                                      {EventKind::TaskCreated, 0, 2, -1, 1, -1, "B", "b"}};
    int64_t handle = 1;
    for (int i = 0; i < 1500; ++i) {
        const int64_t task = 1 + i % 2;
        events.push_back({EventKind::ReadyPush, i, task, handle, -1, 0, "step", {}});
        events.push_back({EventKind::HandleRun, i, task, handle, 0, 0, {}, {}});
        events.push_back({EventKind::StepBegin, i, task, handle, 0, 0, {}, {}});
        ++handle;
    }
    const TraceReplay replay(events);
    LoopState stepped;
    for (size_t n = 0; n < events.size(); ++n) {
        TraceReplay::apply(stepped, events[n]);
        if (n % 97 == 0 || n + 1 == events.size()) {
            const LoopState jumped = replay.stateAfter(n + 1);
            ASSERT_EQ(jumped.eventsApplied, stepped.eventsApplied);
            ASSERT_EQ(jumped.runningTask, stepped.runningTask) << n;
            ASSERT_EQ(jumped.timeNs, stepped.timeNs) << n;
            ASSERT_EQ(readyTasks(jumped), readyTasks(stepped)) << n;
        }
    }
}

TEST(TraceReplay, SemaphoreHoldersAreReplayedFromAcquireAndRelease) {
    const TraceReplay replay({
        {EventKind::Sync, 0, -1, 7, 0, 0, {}, R"({"kind":"semaphore","value":1,"acquired":2})"},
        {EventKind::Sync, 0, -1, 7, 0, 0, {}, R"({"kind":"semaphore","value":0,"acquired":3})"},
        {EventKind::Sync, 5, -1, 7, 0, 0, {}, R"({"kind":"semaphore","value":1,"released":2})"},
    });
    EXPECT_EQ(replay.stateAfter(2).sync.at(7).holders, (std::vector<int64_t>{2, 3}));
    EXPECT_EQ(replay.stateAfter(3).sync.at(7).holders, (std::vector<int64_t>{3}));
}

// A task made after asyncio.run began its clean-up, outside any task or by another such task,
// is asyncio's own; one that a program's task makes while it is being cancelled is the
// program's. The replayed state records which is which once, for every view.
TEST(TraceReplay, TasksMadeByTheCleanUpAreMarkedAsAsyncios) {
    const TraceReplay replay({
        {EventKind::TaskCreated, 0, 1, -1, 9, -1, "Task-1", "main"},
        {EventKind::TaskCreated, 0, 2, -1, 5, 1, "saver", "save"},
        {EventKind::Phase, 0, -1, -1, 0, 0, "cleanup", R"({"after":"main","tasks":[2]})"},
        {EventKind::TaskCreated, 0, 3, -1, 7, 2, "flush", "flush"}, // saver's finally block
        {EventKind::TaskCreated, 0, 4, -1, 9, -1, "Task-4", "BaseEventLoop.shutdown_asyncgens"},
        {EventKind::TaskCreated, 0, 5, -1, 0, 4, "Task-5", "aclose"},
    });
    const LoopState end = replay.stateAfter(replay.eventCount());
    EXPECT_FALSE(end.tasks.at(1).asyncioCleanup);
    EXPECT_FALSE(end.tasks.at(2).asyncioCleanup);
    EXPECT_FALSE(end.tasks.at(3).asyncioCleanup);
    EXPECT_TRUE(end.tasks.at(4).asyncioCleanup);
    EXPECT_TRUE(end.tasks.at(5).asyncioCleanup);
    EXPECT_EQ(taskLabel(end.tasks.at(1)), "Task-1 \u00b7 main()");
    EXPECT_EQ(taskLabel(end.tasks.at(3)), "flush \u00b7 flush()");
    EXPECT_EQ(taskLabel(end.tasks.at(4)),
              "Task-4 \u00b7 asyncio.run's clean-up (shutdown_asyncgens)");
}

// `await asyncio.sleep(0)`: the task queues its own next step while it runs, then yields. It
// runs until the yield and is ready (not waiting) after it; only while it is paused do its await
// chain and locals describe it.
TEST(TraceReplay, ATaskQueuingItsOwnStepRunsUntilItYieldsAndIsReadyAfter) {
    const std::string sleep0 =
        R"({"wait":{"kind":"sleep","delay":"0","until":300},"chain":["player","sleep"]})";
    const TraceReplay replay({
        {EventKind::TaskCreated, 0, 2, -1, 64, 1, "red", "player"},
        {EventKind::ReadyPush, 0, 2, 3, -1, 0, "step", {}},
        {EventKind::HandleRun, 100, -1, 3, 0, 0, {}, {}},
        {EventKind::StepBegin, 100, 2, 3, 0, 0, {}, {}},
        {EventKind::Line, 200, 2, -1, 53, 0, {}, {}},
        {EventKind::ReadyPush, 300, 2, 6, 3, 0, "step", {}}, // 5: its own next step
        {EventKind::StepYield, 300, 2, -1, 53, 0, {}, sleep0},
        {EventKind::HandleRun, 300, -1, 6, 0, 0, {}, {}},
        {EventKind::StepBegin, 300, 2, 6, 0, 0, {}, {}},
    });
    EXPECT_EQ(replay.stateAfter(4).tasks.at(2).state, TaskState::Running);
    EXPECT_FALSE(pausedAtAwait(replay.stateAfter(4).tasks.at(2))); // not started: no wait yet
    const LoopState queuedItself = replay.stateAfter(6);
    EXPECT_EQ(queuedItself.tasks.at(2).state, TaskState::Running);
    EXPECT_EQ(queuedItself.runningTask, 2);
    const LoopState yielded = replay.stateAfter(7);
    EXPECT_EQ(yielded.tasks.at(2).state, TaskState::Ready);
    EXPECT_TRUE(pausedAtAwait(yielded.tasks.at(2)));
    const LoopState resumed = replay.stateAfter(9);
    EXPECT_EQ(resumed.tasks.at(2).state, TaskState::Running);
    EXPECT_FALSE(pausedAtAwait(resumed.tasks.at(2))); // moved on from the sleep
}

// Which line a task is at. Created at line 73 by the code of the task that made it; at the
// start of its first step no line of its own has run (it starts from the top), so it is at no
// line, and the step's line is none; then the lines it runs. A line in a function it called
// (another frame, one deeper) is where it runs, but its coroutine stays at the line that made the
// call, and that is where it ends.
TEST(TraceReplay, ATasksLineIsItsOwnFromItsFirstStepToItsEnd) {
    const TraceReplay replay({
        {EventKind::TaskCreated, 0, 3, -1, 75, 1, "handler", "handler"},
        {EventKind::ReadyPush, 0, 3, 4, -1, 0, "step", {}},
        {EventKind::HandleRun, 0, -1, 4, 0, 0, {}, {}},
        {EventKind::StepBegin, 0, 3, 4, 0, 0, {}, {}},
        {EventKind::Line, 100, 3, -1, 70, 0, {}, {}, 1, 2},
        {EventKind::Line, 200, 3, -1, 48, 0, {}, {}, 2, 3}, // 5: elapsed(), from 70
        {EventKind::TaskDone, 200, 3, -1, 0, 0, {}, R"({"state":"finished","result":"None"})"},
    });
    const LoopState created = replay.stateAfter(1);
    EXPECT_EQ(created.tasks.at(3).line, 75);
    EXPECT_FALSE(created.tasks.at(3).started);
    const LoopState starting = replay.stateAfter(4);
    EXPECT_EQ(starting.tasks.at(3).line, 0);
    EXPECT_EQ(TraceReplay::currentLine(starting, &replay.events()[3]), 0);
    const LoopState own = replay.stateAfter(5);
    EXPECT_EQ(own.tasks.at(3).line, 70);
    EXPECT_FALSE(inCall(own.tasks.at(3)));
    EXPECT_EQ(TraceReplay::currentLine(own, &replay.events()[4]), 70);
    const LoopState called = replay.stateAfter(6);
    EXPECT_EQ(called.tasks.at(3).line, 48);
    EXPECT_EQ(called.tasks.at(3).coroutineLine, 70);
    EXPECT_TRUE(inCall(called.tasks.at(3)));
    EXPECT_EQ(TraceReplay::currentLine(called, &replay.events()[5]), 48);
    const LoopState done = replay.stateAfter(7);
    EXPECT_EQ(done.tasks.at(3).line, 70);
    EXPECT_FALSE(inCall(done.tasks.at(3)));
    EXPECT_EQ(TraceReplay::currentLine(done, &replay.events()[6]), 0);
}

#ifdef LOOPLAB_BINARY
// The recorder says how deep in calls each of a task's lines runs: a list comprehension, an
// awaited coroutine and its resumption are below the task's coroutine (depth 1); the
// coroutine's own lines have no depth.
TEST(TraceReplay, RecordedLinesSayHowDeepInCallsTheyRun) {
    const std::string program = ::testing::TempDir() + "depth_program.py";
    std::ofstream(program) << "import asyncio\n"
                              "async def helper(n):\n"
                              "    await asyncio.sleep(n)\n"
                              "    return n\n"
                              "async def main():\n"
                              "    x = [i for i in range(2)]\n"
                              "    r = await helper(1)\n"
                              "    print(r)\n"
                              "asyncio.run(main())\n";
    const std::string trace = ::testing::TempDir() + "depth_trace.json";
    const std::string command =
        std::string(LOOPLAB_BINARY) + " run " + program + " --trace " + trace + " > /dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0);
    const TraceReadResult read = readTraceFile(trace);
    ASSERT_TRUE(read.ok) << read.error;
    std::vector<std::pair<int64_t, int64_t>> lines; // (line, depth below main's frame) of Task-1
    int64_t own = -1;
    for (const TraceEvent& e : read.trace.events)
        if (e.kind == EventKind::Line && e.task == 1) {
            if (own < 0)
                own = e.depth; // main's first line runs in main's own frame
            lines.emplace_back(e.line, e.depth - own);
        }
    EXPECT_EQ(lines, (std::vector<std::pair<int64_t, int64_t>>{
                         {6, 0}, {6, 1}, {6, 1}, {6, 1}, {7, 0}, {3, 1}, {4, 1}, {8, 0}}));
    const TraceReplay replay(read.trace.events);
    // At the end of main its line is its own last one, not helper's.
    EXPECT_EQ(replay.stateAfter(replay.eventCount()).tasks.at(1).line, 8);
    std::remove(program.c_str());
    std::remove(trace.c_str());
}
#endif

TEST(TraceReader, BadFilesGiveOneClearSentence) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"not json at all", "not valid JSON"},
        {R"({"format":"something-else","version":1,"events":[]})", "not a LoopLab trace"},
        {R"({"format":"looplab-trace","version":99,"events":[]})", "format version 99"},
        {R"({"format":"looplab-trace","version":1})", "no \"events\""},
    };
    for (const auto& [content, expected] : cases) {
        std::istringstream in(content);
        const TraceReadResult result = readTrace(in);
        EXPECT_FALSE(result.ok);
        EXPECT_NE(result.error.find(expected), std::string::npos) << result.error;
    }
    const TraceReadResult missing = readTraceFile("/no/such/trace.json");
    EXPECT_FALSE(missing.ok);
    EXPECT_NE(missing.error.find("cannot open"), std::string::npos);
}

#ifdef LOOPLAB_BINARY
// A real run: replaying its trace to the end shows every task finished and nothing queued.
TEST(TraceReplay, RealRunEndsWithEveryTaskFinished) {
    const std::string program = ::testing::TempDir() + "replay_prog.py";
    const std::string trace = ::testing::TempDir() + "replay_trace.json";
    std::ofstream(program) << "import asyncio\n"
                              "async def nap(n):\n"
                              "    await asyncio.sleep(n)\n"
                              "    return n\n"
                              "async def main():\n"
                              "    print(await asyncio.gather(nap(2), nap(1)))\n"
                              "asyncio.run(main())\n";
    const std::string command =
        std::string(LOOPLAB_BINARY) + " run " + program + " --trace " + trace + " > /dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0);
    const TraceReadResult read = readTraceFile(trace);
    ASSERT_TRUE(read.ok) << read.error;
    const TraceReplay replay(read.trace.events);
    const LoopState end = replay.stateAfter(replay.eventCount());
    EXPECT_TRUE(end.ready.empty());
    EXPECT_TRUE(end.timers.empty());
    EXPECT_EQ(end.linesPrinted, 1u);
    EXPECT_GE(end.timeNs, 2'000'000'000);
    ASSERT_GE(end.tasks.size(), 3u);
    EXPECT_EQ(end.tasks.at(1).coroutine, "main");
    for (const auto& [id, task] : end.tasks)
        EXPECT_EQ(task.state, TaskState::Finished) << task.name;
    std::remove(program.c_str());
    std::remove(trace.c_str());
}
#endif

} // namespace

namespace {

// A trace is replayed as recorded: one whose events were shuffled or whose tasks appear from
// nowhere is refused with one sentence, not shown as a run that never happened.
TEST(TraceReader, EventsOutOfOrderOrUnknownTasksAreRefused) {
    const std::string head = R"({"format":"looplab-trace","version":1,"events":[)";
    const std::string created = R"({"e":"task","t":0,"task":1,"name":"main"},)";
    struct Case {
        std::string events;
        std::string error; // empty: accepted
    };
    const Case cases[] = {
        {created + R"({"e":"step","t":5,"task":1,"h":1},{"e":"iter","t":9,"n":1}]})", ""},
        {created + R"({"e":"step","t":90,"task":1,"h":1},{"e":"iter","t":5,"n":1}]})",
         "the trace's event 3 (iter) goes back in time (t=5 ns after t=90 ns): its events are "
         "out of order"},
        {created + R"({"e":"step","t":5,"task":2,"h":1}]})",
         "the trace's event 2 (step) names task 2, which no earlier event created"},
        // A worker's line runs ahead on the worker's own clock: not the loop going back.
        {created + R"({"e":"line","t":900,"line":3,"thread":"default worker 0"},)"
                   R"({"e":"step","t":5,"task":1,"h":1}]})",
         ""},
    };
    for (const Case& c : cases) {
        std::istringstream file(head + c.events);
        const TraceReadResult read = readTrace(file);
        EXPECT_EQ(read.ok, c.error.empty()) << c.events;
        EXPECT_EQ(read.error, c.error) << c.events;
    }
}

} // namespace
