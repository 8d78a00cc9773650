#include "ExploreCommand.h"

#include "ConfinementNotice.h"
#include "OutcomeTally.h"
#include "ScheduleExplorer.h"

#include <cstdio>
#include <iostream>
#include <sstream>

namespace looplab {

namespace {

// An outcome's output is shown whole up to this many lines: enough to tell outcomes apart,
// short enough that a chatty program does not bury the summary.
constexpr int kShownLines = 20;

void printOutput(const std::string& output) {
    if (output.empty()) {
        std::cout << "  (printed nothing)\n";
        return;
    }
    std::istringstream lines(output);
    std::string line;
    int shown = 0;
    int hidden = 0;
    while (std::getline(lines, line)) {
        if (shown < kShownLines) {
            std::cout << "  | " << line << '\n';
            ++shown;
        } else {
            ++hidden;
        }
    }
    if (hidden > 0)
        std::cout << "  ... " << hidden << " more line" << (hidden == 1 ? "" : "s") << '\n';
}

} // namespace

int runExplore(const ExploreOptions& options, const std::string& pythonDir) {
    sayOnceIfUnconfined();
    ExploreRequest request;
    request.run.program = options.program;
    request.run.pythonDir = pythonDir;
    request.run.jitter = options.jitter;
    request.runs = options.runs;
    request.firstSeed = options.firstSeed;
    request.parallel = coresForExploring();
    OutcomeTally tally;
    exploreSchedules(request, [&](const ExploredRun& run, int done) {
        tally.add(run);
        if (options.progress) {
            std::fprintf(stderr, "looplab-progress: %d %d\n", done, options.runs);
            std::fflush(stderr);
        }
    });
    const std::vector<Outcome> outcomes = tally.outcomes();
    for (size_t i = 0; i < outcomes.size(); ++i) {
        const Outcome& outcome = outcomes[i];
        std::cout << "outcome " << i + 1 << ": " << outcome.count << " of " << tally.runs()
                  << " runs, " << outcome.status << " (e.g. --schedule-seed " << outcome.exampleSeed
                  << ")\n";
        printOutput(outcome.output);
    }
    std::cout << "outcomes: " << outcomes.size() << " distinct in " << tally.runs() << " runs\n";
    std::cout.flush();
    return outcomes.size() == 1 ? kExitFinished : kExitProgramExit;
}

} // namespace looplab
