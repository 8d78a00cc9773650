#pragma once
// The event loop and every task as they were at one moment of a recorded run: what the app
// draws for the step the student is on. Plain data, rebuilt by TraceReplay; a copy is cheap
// (see SharedList and TaskTable).

#include "SharedList.h"
#include "TaskTable.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace looplab {

struct QueuedCallback {
    int64_t handle = -1;
    int64_t task = -1;  // the task it steps or wakes, -1 for a plain callback
    std::string what;   // "step", "wake" or the callback's name
    int64_t cause = -1; // the handle that scheduled it
};

struct TimerView {
    int64_t handle = -1;
    int64_t whenNs = 0;
    int64_t task = -1; // the task that set it
    std::string what;
};

struct SyncView {
    int64_t id = -1;
    std::string state;            // JSON of the last recorded state
    std::vector<int64_t> holders; // replayed for semaphores from acquired/released
};

// Whose steps these are: the program's, or the run's own moments after it. A deadlocked run goes
// Program -> Deadlock (the loop found nothing to run and no timer to wait for) -> Cleanup
// (asyncio.run cancels the leftover tasks and shuts down); a run that returns goes Program ->
// Cleanup.
enum class RunPhase { Program, Deadlock, Cleanup };

struct LoopState {
    size_t eventsApplied = 0; // the state after this many events
    int64_t timeNs = 0;       // the loop thread's virtual time
    int64_t iteration = 0;
    int64_t runningTask = -1;    // the task in a step now, -1 when the loop itself runs
    int64_t blockedUntilNs = -1; // the loop thread is blocked (time.sleep) until then
    // These three share what they have in common with the state they were copied from.
    SharedList<QueuedCallback> ready; // in queue order
    SharedList<TimerView> timers;     // in firing order: deadline, then scheduling order
    TaskTable tasks;
    std::map<int64_t, SyncView> sync;
    size_t linesPrinted = 0; // print events so far
    RunPhase phase = RunPhase::Program;
    bool deadlocked = false; // a deadlock phase has begun (it stays true through the clean-up)
};

} // namespace looplab
