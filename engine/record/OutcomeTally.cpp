#include "OutcomeTally.h"

#include "RunOptions.h"

#include <algorithm>

namespace looplab {

std::string OutcomeTally::statusName(int exitStatus) {
    switch (exitStatus) {
    case kExitFinished:
        return "finished";
    case kExitException:
        return "exception";
    case kExitDeadlock:
        return "deadlock";
    case kExitBudget:
        return "budget";
    case kExitProgramExit:
        return "exit";
    case kExitStopped:
        return "stopped";
    default:
        return "crashed";
    }
}

void OutcomeTally::add(const ExploredRun& run) {
    ++runs_;
    const std::string status = statusName(run.exitStatus);
    Outcome& outcome = byOutcome_[{status, run.output}];
    if (outcome.count == 0 || run.seed < outcome.exampleSeed)
        outcome.exampleSeed = run.seed;
    outcome.status = status;
    outcome.output = run.output;
    ++outcome.count;
}

std::vector<Outcome> OutcomeTally::outcomes() const {
    std::vector<Outcome> list;
    list.reserve(byOutcome_.size());
    for (const auto& entry : byOutcome_)
        list.push_back(entry.second);
    std::sort(list.begin(), list.end(), [](const Outcome& a, const Outcome& b) {
        return a.count != b.count ? a.count > b.count : a.exampleSeed < b.exampleSeed;
    });
    return list;
}

} // namespace looplab
