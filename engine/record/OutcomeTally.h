#pragma once
// Groups the runs of `looplab explore` by outcome: what the program printed (without time
// stamps) and how it ended. Two runs with the same outcome are the same story for a student,
// whatever their schedules were; a program whose runs have more than one outcome has a race.

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace looplab {

// One run under one schedule seed, as `looplab run --schedule-seed SEED` would end.
struct ExploredRun {
    int64_t seed = 0;
    int exitStatus = 0; // looplab run's exit status (RunOptions.h), -1 when the run crashed
    std::string output; // stdout without stamps
};

struct Outcome {
    std::string status; // finished, exception, deadlock, budget, exit, crashed
    std::string output;
    int count = 0;
    int64_t exampleSeed = 0; // the lowest seed that gave this outcome
};

class OutcomeTally {
  public:
    void add(const ExploredRun& run);
    // Most frequent first; equal counts in the order of their example seeds, so the list does
    // not depend on which of the parallel runs finished first.
    std::vector<Outcome> outcomes() const;
    int runs() const { return runs_; }

    // The word for an exit status of `looplab run`.
    static std::string statusName(int exitStatus);

  private:
    std::map<std::pair<std::string, std::string>, Outcome> byOutcome_;
    int runs_ = 0;
};

} // namespace looplab
