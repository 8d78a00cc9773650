// The narrator gives every event one exact sentence, naming tasks and the program's variables
// from the replayed state around the event.
#include "Narrator.h"
#include "TraceReader.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace looplab;

namespace {

constexpr int64_t kSecond = 1'000'000'000;

// main (1) creates worker (2) and awaits it; worker sleeps 3 s, prints, returns 'A'.
std::vector<TraceEvent> sleepScenario() {
    const std::string awaitTask = R"({"wait":{"kind":"task","task":2,"name":"Task-2"}})";
    const std::string sleep3 = R"({"wait":{"kind":"sleep","delay":"3","until":3000000000}})";
    const std::string returnsA = R"({"state":"finished","result":"'A'"})";
    return {
        {EventKind::TaskCreated, 0, 1, -1, 9, -1, "Task-1", "main"},                           // 0
        {EventKind::ReadyPush, 0, 1, 1, -1, 0, "step", {}},                                    // 1
        {EventKind::Iteration, 0, -1, -1, 1, 1, {}, {}},                                       // 2
        {EventKind::HandleRun, 0, -1, 1, 0, 0, {}, {}},                                        // 3
        {EventKind::StepBegin, 0, 1, 1, 0, 0, {}, {}},                                         // 4
        {EventKind::TaskCreated, 100, 2, -1, 6, 1, "Task-2", "worker"},                        // 5
        {EventKind::ReadyPush, 100, 2, 2, 1, 0, "step", {}},                                   // 6
        {EventKind::StepYield, 100, 1, -1, 7, 0, {}, awaitTask},                               // 7
        {EventKind::Iteration, 100, -1, -1, 1, 2, {}, {}},                                     // 8
        {EventKind::HandleRun, 100, -1, 2, 0, 0, {}, {}},                                      // 9
        {EventKind::StepBegin, 100, 2, 2, 0, 0, {}, {}},                                       // 10
        {EventKind::Line, 200, 2, -1, 3, 0, {}, {}},                                           // 11
        {EventKind::TimerPush, 200, 2, 3, 2, 3 * kSecond, "_set_result_unless_cancelled", {}}, // 12
        {EventKind::StepYield, 200, 2, -1, 3, 0, {}, sleep3},                                  // 13
        {EventKind::Poll, 200, -1, -1, 0, 3 * kSecond - 200, {}, {}},                          // 14
        {EventKind::TimerDue, 3 * kSecond, -1, 3, 0, 0, {}, {}},                               // 15
        {EventKind::Iteration, 3 * kSecond, -1, -1, 1, 3, {}, {}},                             // 16
        {EventKind::HandleRun, 3 * kSecond, -1, 3, 0, 0, {}, {}},                              // 17
        {EventKind::ReadyPush, 3 * kSecond, 2, 4, 3, 0, "wake", {}},                           // 18
        {EventKind::HandleRun, 3 * kSecond, -1, 4, 0, 0, {}, {}},                              // 19
        {EventKind::StepBegin, 3 * kSecond, 2, 4, 0, 0, {}, {}},                               // 20
        {EventKind::Print, 3 * kSecond, 2, -1, 0, 0, "done", "loop"},                          // 21
        {EventKind::TaskDone, 3 * kSecond, 2, -1, 0, 0, {}, returnsA},                         // 22
        {EventKind::ReadyPush, 3 * kSecond, 1, 5, 4, 0, "wake", {}},                           // 23
        {EventKind::End, 3 * kSecond, -1, -1, 0, 0, {}, R"({"status":"finished","exit":0})"},
    };
}

TEST(Narrator, AsynciosReportsOnStandardErrorAreExplained) {
    std::vector<TraceEvent> events = sleepScenario();
    events.pop_back(); // the end
    const auto report = [&](const std::string& text, int64_t task) {
        events.push_back(
            {EventKind::Print, 3 * kSecond, task, -1, 0, kStandardErrorStream, text, "loop"});
        return events.size() - 1;
    };
    const size_t lost = report("Task exception was never retrieved\nfuture: <Task finished "
                               "name='fire-and-forget' coro=<boom() done> exception="
                               "ValueError('lost')>\nTraceback...",
                               1);
    const size_t destroyed = report("Task was destroyed but it is pending!\ntask: <Task pending "
                                    "name='Task-7' coro=<wait() running at x.py:3>>",
                                    1);
    const size_t own = report("warning: disk almost full", 2);
    const TraceReplay replay(events);
    const Narrator narrator(replay);
    EXPECT_EQ(narrator.sentence(lost),
              "asyncio reports on standard error: \"Task exception was never retrieved\". "
              "fire-and-forget failed, and nothing ever awaited it or asked for its result, so "
              "its exception was lost. CPython says so only now, when the finished task is "
              "destroyed (nothing refers to it any more), not when it failed.");
    EXPECT_EQ(narrator.sentence(destroyed),
              "asyncio reports on standard error: \"Task was destroyed but it is pending!\". "
              "Task-7 was still waiting when the last reference to it went: the garbage "
              "collector destroyed it, and it will never finish. Keep a reference to every task "
              "you create (a variable, a set, a TaskGroup) until it is done.");
    EXPECT_EQ(narrator.sentence(own), "Task-2 writes to standard error: warning: disk almost full");
}

TEST(Narrator, TasksMadeByAsCompletedSayTheOrderIsLoopLabsNotAPromise) {
    std::vector<TraceEvent> events = sleepScenario();
    events.insert(events.begin() + 6, {EventKind::TaskCreated, 100, 9, kCreatedByAsCompleted, 12, 1,
                                       "Task-9", "fetch"});
    const TraceReplay replay(events);
    const Narrator narrator(replay);
    EXPECT_EQ(narrator.sentence(6),
              "asyncio.as_completed (called by Task-1 at line 12) wraps a coroutine it was given "
              "into task Task-9 (fetch); it will start when the loop reaches it in the ready "
              "queue. LoopLab starts them in the order they were passed; CPython itself promises "
              "no order here (it puts them in a set, so real runs may differ).");
}

TEST(Narrator, FormatSecondsFloorsToMillisecondsLikeTheStamps) {
    EXPECT_EQ(formatSeconds(0), "t=0.000");
    EXPECT_EQ(formatSeconds(3 * kSecond), "t=3.000");
    EXPECT_EQ(formatSeconds(1'234'999'999), "t=1.234");
    EXPECT_EQ(formatSeconds(62 * kSecond + 5'000'000), "t=62.005");
    EXPECT_EQ(formatSeconds(-1), "t=-0.001");
}

TEST(Narrator, SleepPollDueAndWakeNameTheTasks) {
    const TraceReplay replay(sleepScenario());
    const Narrator narrator(replay);
    EXPECT_EQ(narrator.sentence(0), "asyncio.run creates the main task Task-1 (main) at line 9; it "
                                    "will start when the loop reaches it in the ready queue.");
    EXPECT_EQ(narrator.sentence(1),
              "Task-1's first step joins the back of the ready queue (1 callback now waiting).");
    EXPECT_EQ(narrator.sentence(2), "Loop iteration 1 begins with 1 callback ready.");
    EXPECT_EQ(narrator.sentence(3),
              "The loop takes Task-1 from the front of the ready queue and runs it.");
    EXPECT_EQ(narrator.sentence(4), "Task-1 starts running its coroutine main() from the top.");
    EXPECT_EQ(narrator.sentence(5), "Task-1 creates task Task-2 (worker) at line 6; it will start "
                                    "when the loop reaches it in the ready queue.");
    EXPECT_EQ(narrator.sentence(7), "Task-1 waits at line 7 for Task-2 to finish.");
    EXPECT_EQ(narrator.sentence(11), "Task-2 runs line 3.");
    EXPECT_EQ(narrator.sentence(12), "Task-2's sleep puts a timer on the heap, due at t=3.000.");
    EXPECT_EQ(narrator.sentence(13),
              "Task-2 reached `await asyncio.sleep(3)` at line 3: a timer is "
              "set for t=3.000 and control returns to the loop.");
    EXPECT_EQ(narrator.sentence(14),
              "Nothing is ready: the loop sleeps until t=3.000, when Task-2's timer is due.");
    EXPECT_EQ(narrator.sentence(15),
              "t=3.000: Task-2's timer is due; its callback moves to the ready queue.");
    EXPECT_EQ(narrator.sentence(17), "The loop takes the callback of Task-2's timer from the front "
                                     "of the ready queue and runs it.");
    EXPECT_EQ(narrator.sentence(18), "Task-2's wait is over (woken by its timer), so it joins the "
                                     "ready queue to continue.");
    EXPECT_EQ(narrator.sentence(20), "Task-2 resumes where it paused, at line 3.");
    EXPECT_EQ(narrator.sentence(21), "Task-2 prints: done");
    EXPECT_EQ(narrator.sentence(22), "Task-2 finished and returned 'A'.");
    EXPECT_EQ(narrator.sentence(23), "Task-1's wait is over because Task-2 finished, so it joins "
                                     "the ready queue to continue.");
    EXPECT_EQ(narrator.sentence(24),
              "The program finished: asyncio.run returned and the loop is closed.");
    EXPECT_EQ(narrator.sentence(25), ""); // past the end
}

TEST(Narrator, AProgramsOwnExitStatusIsToldAsItsOwn) {
    // sys.exit(3) in the program: its status 3, never LoopLab's "deadlock" (also 3).
    const TraceReplay replay({
        {EventKind::TaskCreated, 0, 1, -1, 5, -1, "Task-1", "main"},
        {EventKind::End, 0, -1, -1, 0, 0, {}, R"({"status":"exit","exit":3,"message":null})"},
    });
    const Narrator narrator(replay);
    EXPECT_EQ(narrator.sentence(1), "The program ended itself with sys.exit(3): exit status 3.");
}

TEST(Narrator, AStoppedRunIsToldAsLoopLabsDoingNotTheProgramsEnd) {
    // Cancel in the window (SIGTERM to `looplab run`): the program had not finished.
    const TraceReplay replay({
        {EventKind::TaskCreated, 0, 1, -1, 5, -1, "Task-1", "main"},
        {EventKind::End, 0, -1, -1, 0, 0, {}, R"({"status":"stopped","exit":6,"signal":15})"},
    });
    const Narrator narrator(replay);
    EXPECT_EQ(narrator.sentence(1),
              "LoopLab stopped the run here because you asked it to (Cancel or Ctrl+C): the "
              "program had not finished, and this is the last step recorded.");
}

TEST(Narrator, LockWaitNamesTheHolderAndTheWakeNamesTheRelease) {
    const std::string waitFirst = R"({"wait":{"kind":"lock","obj":1,"name":"first"}})";
    const std::string heldBy3 = R"({"kind":"lock","name":"first","locked":true,"holder":3})";
    const std::string free = R"({"kind":"lock","name":"first","locked":false,"holder":null})";
    const TraceReplay replay({
        {EventKind::TaskCreated, 0, 2, -1, 5, 1, "Task-2", "transfer"},
        {EventKind::TaskCreated, 0, 3, -1, 5, 1, "Task-3", "transfer"},
        {EventKind::Sync, 0, -1, 1, 0, 0, {}, free},
        {EventKind::Sync, 0, -1, 1, 0, 0, {}, heldBy3},
        {EventKind::StepBegin, 0, 2, 10, 0, 0, {}, {}},
        {EventKind::StepYield, 0, 2, -1, 9, 0, {}, waitFirst}, // 5
        {EventKind::HandleRun, 0, -1, 11, 0, 0, {}, {}},
        {EventKind::StepBegin, 0, 3, 11, 0, 0, {}, {}},
        // Task-3 leaves `async with first`, which wakes Task-2, and asks for the lock again.
        {EventKind::ReadyPush, 0, 2, 12, 11, 0, "wake", {}},   // 8
        {EventKind::StepYield, 0, 3, -1, 9, 0, {}, waitFirst}, // 9
        {EventKind::Sync, 0, -1, 1, 0, 0, {}, free},           // flushed at the step's end
        {EventKind::HandleRun, 0, -1, 12, 0, 0, {}, {}},
        {EventKind::StepBegin, 0, 2, 12, 0, 0, {}, {}},
        {EventKind::TaskDone, 0, 2, -1, 0, 0, {}, R"({"state":"finished","result":"None"})"},
    });
    const Narrator narrator(replay);
    EXPECT_EQ(narrator.sentence(2), "Lock 'first' is free.");
    EXPECT_EQ(narrator.sentence(3), "Task-3 now holds lock 'first'.");
    EXPECT_EQ(narrator.sentence(5), "Task-2 must wait at line 9: lock 'first' is held by Task-3.");
    EXPECT_EQ(narrator.sentence(8), "Task-2's wait is over because Task-3 released lock 'first', "
                                    "so it joins the ready queue to continue.");
    // Not "held by Task-3 itself": the step's sync record shows the release.
    EXPECT_EQ(narrator.sentence(9), "Task-3 must wait at line 9 for lock 'first': it is free, but "
                                    "tasks that asked earlier get it first.");
    EXPECT_EQ(narrator.sentence(10), "Lock 'first' is released and now free.");
    EXPECT_EQ(narrator.sentence(12), "Task-2 resumes where it paused, at line 9.");
    EXPECT_EQ(narrator.sentence(13), "Task-2 finished and returned None.");
}

TEST(Narrator, FailedAndCancelledTasks) {
    const std::string failed =
        R"({"state":"failed","exception":"ValueError","message":"bad input"})";
    const TraceReplay replay({
        {EventKind::TaskCreated, 0, 1, -1, 3, -1, "Task-1", "main"},
        {EventKind::TaskCreated, 0, 2, -1, 4, 1, "fetcher", "fetch"},
        {EventKind::TaskDone, 0, 2, -1, 0, 0, {}, failed},
        {EventKind::TaskDone, 0, 1, -1, 0, 0, {}, R"({"state":"cancelled"})"},
        {EventKind::End, 0, -1, -1, 0, 0, {}, R"({"status":"exception","exit":1})"},
    });
    const Narrator narrator(replay);
    EXPECT_EQ(narrator.sentence(2), "fetcher failed with ValueError: bad input.");
    EXPECT_EQ(narrator.sentence(3), "Task-1 was cancelled.");
    EXPECT_EQ(narrator.sentence(4), "The program stopped with an uncaught exception.");
}

TEST(Narrator, BlockingCallsJobsAndWorkers) {
    const std::string executorWait =
        R"({"wait":{"kind":"executor","pool":"default","worker":0,"fn":"blocking_io","until":1000001900}})";
    const TraceReplay replay({
        {EventKind::TaskCreated, 0, 1, -1, 30, -1, "Task-1", "main"},
        {EventKind::Block, 2 * kSecond, 1, -1, 26, 2 * kSecond, "loop", {}},
        {EventKind::Job, 1300, 1, -1, 0, 1'000'001'900, "default", "blocking_io"},
        {EventKind::Block, 1600, -1, -1, 16, kSecond, "default worker 0", {}},
        {EventKind::Line, 1700, -1, -1, 5, 0, "default worker 0", {}},
        {EventKind::StepYield, 1800, 1, -1, 31, 0, {}, executorWait}, // 5
        {EventKind::LinesSkipped, 1900, 1, -1, 11, 50'000, {}, {}},
        {EventKind::Print, 2000, -1, -1, 0, 0, "hi from a thread", "thread Thread-1 (download)"},
        {EventKind::LinesSkipped, 2100, -1, -1, 13, 990'003, "process pool 1 worker 0", {}},
    });
    const Narrator narrator(replay);
    EXPECT_EQ(narrator.sentence(1),
              "Task-1 blocks the loop thread at line 26 for 2.000 s (a blocking call such as "
              "time.sleep): no other task can run until t=4.000.");
    EXPECT_EQ(narrator.sentence(2), "The loop hands blocking_io to default worker 0 for Task-1; it "
                                    "will finish at t=1.000.");
    EXPECT_EQ(narrator.sentence(3),
              "Worker 'default worker 0' blocks for 1.000 s at line 16 inside "
              "its job, until t=1.000; the loop is not blocked.");
    EXPECT_EQ(narrator.sentence(4), "Worker 'default worker 0' runs line 5.");
    EXPECT_EQ(narrator.sentence(5), "Task-1 waits at line 31 for blocking_io running on default "
                                    "worker 0 until t=1.000.");
    EXPECT_EQ(narrator.sentence(6), "Task-1 keeps running: 50,000 more lines up to line 11 without "
                                    "yielding (the loop is blocked meanwhile).");
    EXPECT_EQ(narrator.sentence(7), "Thread 'Thread-1 (download)' prints: hi from a thread");
    EXPECT_EQ(narrator.sentence(8), "Worker 'process pool 1 worker 0' keeps running: 990,003 more "
                                    "lines up to line 13; the loop is not blocked.");
}

TEST(Narrator, WaitsForTheGilNameTheThreadThatComputes) {
    const TraceReplay replay({
        {EventKind::TaskCreated, 0, 1, -1, 30, -1, "Task-1", "main"},
        {EventKind::GilWait, 1000, -1, -1, 0, 40'000'000, "default worker 1", "default worker 0"},
        {EventKind::GilWait, 2'000'000, -1, -1, 0, 5'000'000, "loop", "default worker 1"},
    });
    const Narrator narrator(replay);
    EXPECT_EQ(narrator.sentence(1), "Worker 'default worker 1' waits 0.040 s for the GIL: 'default "
                                    "worker 0' is computing, and only one thread at a time runs "
                                    "Python code.");
    EXPECT_EQ(
        narrator.sentence(2),
        "The loop thread waits 0.005 s for the GIL: 'default worker 1' is computing and hands "
        "the GIL over only when it blocks or its switch interval (sys.getswitchinterval()) "
        "is up. No task can run meanwhile, so timers fire late.");
    // The loop's clock moves past its wait; a worker's wait leaves it alone.
    EXPECT_EQ(replay.stateAfter(2).timeNs, 0);
    EXPECT_EQ(replay.stateAfter(3).timeNs, 7'000'000);
}

TEST(Narrator, OtherWaitsSyncObjectsAndTheEnd) {
    const std::string gate = R"({"wait":{"kind":"event","obj":1,"name":"gate"}})";
    const std::string bare = R"({"wait":{"kind":"ready"}})";
    const std::string sleep0 = R"({"wait":{"kind":"sleep","delay":"0","until":0}})";
    const std::string net =
        R"({"wait":{"kind":"network","url":"https://example.com/a","until":2000001100}})";
    const std::string gather = R"({"wait":{"kind":"gather","tasks":[1,2]}})";
    const std::string set = R"({"kind":"event","name":"gate","set":true})";
    const std::string queue =
        R"({"kind":"queue","name":"jobs","size":2,"maxsize":0,"unfinished":2,"items":["1","2"]})";
    const std::string sem = R"({"kind":"semaphore","name":"sem","value":1,"acquired":2})";
    const std::string deadlock =
        R"({"status":"deadlock","exit":3,"deadlock":{"tasks":[{"task":1},{"task":2}]}})";
    const TraceReplay replay({
        {EventKind::TaskCreated, 0, 1, -1, 30, -1, "Task-1", "main"},
        {EventKind::TaskCreated, 0, 2, -1, 12, 1, "Task-2", "reader"},
        {EventKind::StepYield, 0, 2, -1, 17, 0, {}, gate},
        {EventKind::StepYield, 0, 2, -1, 15, 0, {}, bare},
        {EventKind::StepYield, 0, 2, -1, 15, 0, {}, sleep0},
        {EventKind::StepYield, 0, 1, -1, 19, 0, {}, net}, // 5
        {EventKind::StepYield, 0, 1, -1, 24, 0, {}, gather},
        {EventKind::Sync, 0, -1, 1, 0, 0, {}, set},
        {EventKind::Sync, 0, -1, 2, 0, 0, {}, queue},
        {EventKind::Sync, 0, -1, 3, 0, 0, {}, sem},
        {EventKind::TimerPush, 0, 1, 7, -1, 500'000'000, "callback", {}}, // 10
        {EventKind::HandleCancel, 100, -1, 7, 0, 0, {}, {}},
        {EventKind::End, 0, -1, -1, 0, 0, {}, deadlock},
        {EventKind::Job, 0, 1, -1, 1, 1'000'002'400, "threads", "download"},
    });
    const Narrator narrator(replay);
    EXPECT_EQ(narrator.sentence(2), "Task-2 waits at line 17 until event 'gate' is set.");
    const std::string bareYield = "Task-2 yields with sleep(0) at line 15: it goes straight back "
                                  "to the ready queue so others can run.";
    EXPECT_EQ(narrator.sentence(3), bareYield);
    EXPECT_EQ(narrator.sentence(4), bareYield);
    EXPECT_EQ(narrator.sentence(5), "Task-1 waits at line 19 for the response from "
                                    "https://example.com/a, due at t=2.000.");
    EXPECT_EQ(narrator.sentence(6), "Task-1 waits at line 24 for gather of Task-1 and Task-2 to "
                                    "finish.");
    EXPECT_EQ(narrator.sentence(7), "Event 'gate' is set: every task waiting on it can continue.");
    EXPECT_EQ(narrator.sentence(8),
              "Queue 'jobs' now holds 2 items (1 and 2); 2 not yet marked done.");
    EXPECT_EQ(narrator.sentence(9), "Task-2 takes a slot of semaphore 'sem'; 1 free slot left.");
    EXPECT_EQ(narrator.sentence(10),
              "Task-1 schedules the callback callback with a timer due at t=0.500.");
    EXPECT_EQ(narrator.sentence(11), "The timer for callback callback (set by Task-1) is "
                                     "cancelled; the loop will skip it.");
    EXPECT_EQ(narrator.sentence(12), "The run ended in a deadlock: 2 tasks could never finish, "
                                     "and asyncio.run's clean-up cancelled them.");
    EXPECT_EQ(narrator.sentence(13),
              "Task-1 starts thread 1, which runs download and will finish at t=1.000.");
}

TEST(Narrator, TaskGroupAndShieldWaitsNameTheirTasks) {
    const TraceReplay replay({
        {EventKind::TaskCreated, 0, 1, -1, 30, -1, "Task-1", "main"},
        {EventKind::TaskCreated, 0, 2, -1, 12, 1, "save", "save"},
        {EventKind::TaskCreated, 0, 3, -1, 12, 1, "one", "nap"},
        {EventKind::StepYield,
         0,
         1,
         -1,
         9,
         0,
         {},
         R"({"wait":{"kind":"shield","task":2,"name":"save"}})"},
        {EventKind::StepYield,
         0,
         1,
         -1,
         11,
         0,
         {},
         R"({"wait":{"kind":"taskgroup","tasks":[2,3]}})"},
        {EventKind::StepYield, 0, 1, -1, 11, 0, {}, R"({"wait":{"kind":"taskgroup","tasks":[3]}})"},
    });
    const Narrator narrator(replay);
    EXPECT_EQ(narrator.sentence(3), "Task-1 waits at line 9 for the shielded task save: "
                                    "cancelling the wait would not cancel save.");
    EXPECT_EQ(narrator.sentence(4), "Task-1 waits at line 11 at the end of its TaskGroup block "
                                    "until save and one finish.");
    EXPECT_EQ(narrator.sentence(5), "Task-1 waits at line 11 at the end of its TaskGroup block "
                                    "until one finishes.");
}

// A name the program chose keeps its spelling at the start of a sentence too: "pay-alice's
// timer has fired", never "Pay-alice's timer". Only LoopLab's own first words are capitalised.
TEST(Narrator, NamesKeepTheirSpellingAtTheStartOfASentence) {
    const TraceReplay replay({
        {EventKind::TaskCreated, 0, 2, -1, 67, 1, "pay-alice", "transfer"},
        {EventKind::HandleRun, 0, -1, 5, 0, 0, {}, {}},
        {EventKind::StepBegin, 0, 2, 5, 0, 0, {}, {}},
        {EventKind::TimerPush, 0, 2, 7, 5, 500'000'000, "Timeout._on_timeout", {}},
        {EventKind::TimerPush, 0, 2, 8, 5, kSecond, "_set_result_unless_cancelled", {}},
        {EventKind::ReadyPush, 0, -1, 9, 5, 0, "notify", {}}, // 5
        {EventKind::HandleCancel, 0, -1, 7, 0, 0, {}, {}},
        {EventKind::TimerDue, kSecond, -1, 8, 0, 0, {}, {}},
        {EventKind::HandleRun, kSecond, -1, 8, 0, 0, {}, {}},
        {EventKind::ReadyPush, kSecond, -1, 10, 8, 0, "report", {}},
        {EventKind::TimerPush, kSecond, -1, 11, -1, 2 * kSecond, "tick", {}}, // 10
        {EventKind::HandleCancel, kSecond, -1, 11, 0, 0, {}, {}},
        {EventKind::ReadyPush, kSecond, -1, 12, 11, 0, "tock", {}},
        {EventKind::ReadyPush, kSecond, -1, 13, 99, 0, "tack", {}},
        {EventKind::Sync, kSecond, -1, 1, 0, 0, {}, R"({"kind":"lock","name":"lock_alice"})"},
        {EventKind::Sync, kSecond, -1, 2, 0, 0, {}, R"({"kind":"queue","size":0})"}, // 15
    });
    const Narrator narrator(replay);
    EXPECT_EQ(narrator.sentence(5), "pay-alice schedules the callback notify: it joins the back "
                                    "of the ready queue (1 callback now waiting).");
    EXPECT_EQ(narrator.sentence(6), "pay-alice's timeout is cancelled; the loop will skip it.");
    EXPECT_EQ(narrator.sentence(9), "pay-alice's timer has fired, so the callback report joins the "
                                    "back of the ready queue (2 callbacks now waiting).");
    // LoopLab's own words still open a sentence with a capital.
    EXPECT_EQ(narrator.sentence(11), "The timer for callback tick is cancelled; the loop will "
                                     "skip it.");
    EXPECT_EQ(narrator.sentence(12),
              "The timer for callback tick has fired, so the callback tock "
              "joins the back of the ready queue (3 callbacks now waiting).");
    EXPECT_EQ(narrator.sentence(13), "A callback schedules the callback tack: it joins the back of "
                                     "the ready queue (4 callbacks now waiting).");
    EXPECT_EQ(narrator.sentence(14), "Lock 'lock_alice' is free.");
    EXPECT_EQ(narrator.sentence(15),
              "Queue #2 now holds 0 items; every item put so far is marked done.");
}

// A line in a function the task's coroutine called says where the call was made: the code view
// highlights line 44 while the task's own coroutine is at line 60.
TEST(Narrator, ALineInACalledFunctionSaysWhereTheCallWasMade) {
    const TraceReplay replay({
        {EventKind::TaskCreated, 0, 1, -1, 73, -1, "Task-1", "main"},
        {EventKind::StepBegin, 0, 1, 1, 0, 0, {}, {}},
        {EventKind::Line, 100, 1, -1, 60, 0, {}, {}, 1, 2},
        {EventKind::Line, 200, 1, -1, 44, 0, {}, {}, 2, 3}, // a call made at line 60
        {EventKind::Line, 300, 1, -1, 61, 0, {}, {}, 1, 2},
        {EventKind::Line, 400, 1, -1, 61, 0, {}, {}, 3, 3}, // a comprehension there
    });
    const Narrator narrator(replay);
    EXPECT_EQ(narrator.sentence(1), "Task-1 starts running its coroutine main() from the top.");
    EXPECT_EQ(narrator.sentence(2), "Task-1 runs line 60.");
    EXPECT_EQ(narrator.sentence(3), "Task-1 runs line 44, inside a call made at line 60.");
    EXPECT_EQ(narrator.sentence(4), "Task-1 runs line 61.");
    EXPECT_EQ(narrator.sentence(5), "Task-1 runs line 61.");
}

#ifdef LOOPLAB_BINARY
// Every sentence of a lesson whose tasks have lower-case names spells them as the program did:
// no "Pay-alice", "Producer", "Handler" anywhere.
TEST(Narrator, RealRunsNeverChangeATasksName) {
    const std::string lessons = LOOPLAB_LESSONS "/";
    for (const std::string name : {"08_deadlock", "10_queues", "14_blocking_trap"}) {
        const std::string trace = ::testing::TempDir() + "narrator_names_" + name + ".json";
        const std::string command = std::string(LOOPLAB_BINARY) + " run " + lessons + name +
                                    ".py --trace " + trace + " > /dev/null 2>&1";
        std::system(command.c_str()); // the deadlock exits non-zero by design
        const TraceReadResult read = readTraceFile(trace);
        ASSERT_TRUE(read.ok) << name << ": " << read.error;
        const TraceReplay replay(read.trace.events);
        const Narrator narrator(replay);
        std::vector<std::string> changed; // "Pay-alice" for "pay-alice"
        for (const TraceEvent& e : replay.events())
            if (e.kind == EventKind::TaskCreated && !e.text.empty() &&
                std::islower(static_cast<unsigned char>(e.text[0])))
                changed.push_back(std::string(1, char(std::toupper(e.text[0]))) + e.text.substr(1));
        ASSERT_FALSE(changed.empty()) << name << " has no task with a lower-case name";
        size_t sentencesNamingThem = 0;
        for (size_t i = 0; i < replay.eventCount(); ++i) {
            if (replay.events()[i].kind == EventKind::Print)
                continue; // the program's own words
            const std::string sentence = narrator.sentence(i);
            for (const std::string& wrong : changed)
                EXPECT_EQ(sentence.find(wrong), std::string::npos) << name << ": " << sentence;
            const std::string right =
                std::string(1, char(std::tolower(changed[0][0]))) + changed[0].substr(1);
            sentencesNamingThem += sentence.rfind(right, 0) == 0 ? 1 : 0;
        }
        EXPECT_GT(sentencesNamingThem, 0u) << name << ": no sentence starts with the name";
        std::remove(trace.c_str());
    }
}

// asyncio.run's clean-up tasks are asyncio's, not the program's, and every sentence says so:
// lesson 8 ends in a deadlock, then asyncio.run cancels the tasks and runs two of its own.
TEST(Narrator, TheCleanUpTasksAreNamedAsAsyncioRunsOwn) {
    const std::string trace = ::testing::TempDir() + "narrator_cleanup.json";
    const std::string command = std::string(LOOPLAB_BINARY) +
                                " run " LOOPLAB_LESSONS "/08_deadlock.py --trace " + trace +
                                " > /dev/null 2>&1";
    std::system(command.c_str());
    const TraceReadResult read = readTraceFile(trace);
    ASSERT_TRUE(read.ok) << read.error;
    const TraceReplay replay(read.trace.events);
    const Narrator narrator(replay);
    std::vector<std::string> aboutTask4;
    for (size_t i = 0; i < replay.eventCount(); ++i)
        if (replay.events()[i].task == 4)
            aboutTask4.push_back(narrator.sentence(i));
    EXPECT_EQ(aboutTask4, (std::vector<std::string>{
                              "asyncio.run creates its clean-up task Task-4 (shutdown_asyncgens) "
                              "before it closes the loop: asyncio's own task, not the program's; "
                              "it will start when the loop reaches it in the ready queue.",
                              "asyncio.run's clean-up task Task-4's first step joins the back of "
                              "the ready queue (1 callback now waiting).",
                              "asyncio.run's clean-up task Task-4 starts running its coroutine "
                              "shutdown_asyncgens() from the top.",
                              "asyncio.run's clean-up task Task-4 finished and returned None.",
                          }));
    std::remove(trace.c_str());
}

// One stuck task is "it", not "them": lesson 11's consumer waits alone for a sentinel.
TEST(Narrator, ADeadlockOfOneTaskIsToldInTheSingular) {
    const std::string trace = ::testing::TempDir() + "narrator_one_stuck.json";
    const std::string command = std::string(LOOPLAB_BINARY) +
                                " run " LOOPLAB_LESSONS "/11_queue_sentinel_bug.py --trace " +
                                trace + " > /dev/null 2>&1";
    std::system(command.c_str()); // the deadlock exits non-zero by design
    const TraceReadResult read = readTraceFile(trace);
    std::remove(trace.c_str());
    ASSERT_TRUE(read.ok) << read.error;
    const TraceReplay replay(read.trace.events);
    const Narrator narrator(replay);
    std::vector<std::string> told;
    for (size_t i = 0; i < replay.eventCount(); ++i) {
        const TraceEvent& e = replay.events()[i];
        if (e.kind == EventKind::Phase || e.kind == EventKind::End)
            told.push_back(narrator.sentence(i));
    }
    ASSERT_EQ(told.size(), 3u); // the deadlock, the clean-up, the end
    EXPECT_NE(told[0].find("It can never continue."), std::string::npos) << told[0];
    EXPECT_NE(told[1].find("the 1 stuck task (Task-1), which lets go of what it holds"),
              std::string::npos)
        << told[1];
    EXPECT_NE(told[2].find("1 task could never finish, and asyncio.run's clean-up cancelled it."),
              std::string::npos)
        << told[2];
    for (const std::string& sentence : told) {
        EXPECT_EQ(sentence.find(" them"), std::string::npos) << sentence;
        EXPECT_EQ(sentence.find(" they "), std::string::npos) << sentence;
    }
}

// Real runs: every event of a deadlock and of an executor program gets a real sentence, with no
// placeholder left where a name or number could not be found.
TEST(Narrator, EveryEventOfRealRunsGetsASentence) {
    const std::string programs = LOOPLAB_PROGRAMS "/";
    for (const std::string name : {"39_deadlock_lock_order", "30_run_in_executor"}) {
        const std::string trace = ::testing::TempDir() + "narrator_" + name + ".json";
        const std::string command = std::string(LOOPLAB_BINARY) + " run " + programs + name +
                                    ".py --trace " + trace + " > /dev/null 2>&1";
        std::system(command.c_str()); // the deadlock exits non-zero by design
        const TraceReadResult read = readTraceFile(trace);
        ASSERT_TRUE(read.ok) << name << ": " << read.error;
        ASSERT_FALSE(read.trace.events.empty()) << name;
        const TraceReplay replay(read.trace.events);
        const Narrator narrator(replay);
        for (size_t i = 0; i < replay.eventCount(); ++i) {
            const std::string sentence = narrator.sentence(i);
            EXPECT_FALSE(sentence.empty()) << name << " event " << i;
            // A print repeats the program's own text, which may well ask a question.
            if (replay.events()[i].kind != EventKind::Print) {
                EXPECT_EQ(sentence.find('?'), std::string::npos) << name << ": " << sentence;
            }
            EXPECT_EQ(sentence.find("task -"), std::string::npos) << name << ": " << sentence;
        }
        std::remove(trace.c_str());
    }
}
#endif

} // namespace
