#pragma once
// Limits that stop a runaway program: a step that never yields, too many steps. Whoever notices
// first trips the budget with a message naming what and where; the loop then ends the run
// (exit status 4) instead of letting the program hang the engine.

#include <cstdint>
#include <string>

namespace looplab {

struct RunBudget {
    int64_t maxSteps = 2'000'000; // loop callbacks in one run
    // Trace events in one run. The window holds every event of the run it shows, about 130 bytes
    // each with its views (docs/performance.md, "Long runs"): 6.5 million keep the window
    // under 1 GB, with a run of a million `await asyncio.sleep(0)` (6.25 million events) inside.
    int64_t maxEvents = 6'500'000;
    int64_t maxLinesPerStep = 5'000'000; // program lines one callback may run without yielding
    // One step (or one executor job) records its first lines one by one, then only a count:
    // nobody steps through a million iterations, and recording them would exhaust memory.
    static constexpr int64_t kRecordedLinesPerStep = 10'000;
    int64_t steps = 0;
    int64_t linesThisStep = 0;
    std::string exceeded; // empty while within budget

    bool tripped() const { return !exceeded.empty(); }
    void trip(const std::string& message) {
        if (exceeded.empty())
            exceeded = message;
    }
};

} // namespace looplab
