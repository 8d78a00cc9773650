#pragma once
// Rebuilds the loop's state after any event of a trace, forward or backward.
//
// Applying events one by one from the start would make a jump to the end of a long run slow,
// so a snapshot of the state is kept every kCheckpointInterval events: a jump replays at most
// that many events from the nearest snapshot before it.

#include "LoopState.h"
#include "TraceEvent.h"

#include <cstddef>
#include <vector>

namespace looplab {

class TraceReplay {
  public:
    static constexpr size_t kCheckpointInterval = 1024;

    explicit TraceReplay(std::vector<TraceEvent> events);

    size_t eventCount() const { return events_.size(); }
    const std::vector<TraceEvent>& events() const { return events_; }
    // The state after the first `count` events (0 = before anything happened).
    LoopState stateAfter(size_t count) const;

    // Whether the event's `t` is the loop thread's clock (worker lines, prints and jobs carry a
    // worker's clock; a block's `t` is when it began).
    static bool onLoopClock(const TraceEvent& event);
    // The loop thread's clock after `event`, from its clock `nowNs` before it (virtual ns):
    // the one rule apply() uses for LoopState::timeNs, for callers that need only the clock.
    static int64_t loopClockAfter(int64_t nowNs, const TraceEvent& event);

    // Whether the task `created` (a TaskCreated event) is one of asyncio.run's own clean-up
    // tasks: made after the clean-up phase began, outside any task or by another clean-up task.
    // (A task that a program's task makes while it is being cancelled is still the program's.)
    static bool createdForCleanup(const LoopState& before, const TraceEvent& created);
    // The same rule for a reader that walks the events itself (the timeline): whether the
    // clean-up had begun, who made the task (-1: no task) and whether that one is a clean-up
    // task.
    static bool isCleanupTask(bool cleanupBegun, int64_t parent, bool parentIsCleanup);
    // The `phase` event that starts asyncio.run's clean-up.
    static bool beginsCleanup(const TraceEvent& event);

    // The program line the step that `last` led to is about, for the code view's running-line
    // highlight: the line just run (on any thread, as the narration says), else the running
    // task's line (0 at the start of its first step: it starts from the top), else none (0).
    static int64_t currentLine(const LoopState& state, const TraceEvent* last);

    // Applies one event to a state; public so views and tests can reason about single steps.
    static void apply(LoopState& state, const TraceEvent& event);

  private:
    std::vector<TraceEvent> events_;
    std::vector<LoopState> checkpoints_; // checkpoints_[i] = state after i * interval events
};

} // namespace looplab
