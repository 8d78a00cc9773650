#pragma once
// Who holds which lock and which semaphore permits over a run, replayed from the trace's `sync`
// events (docs/trace-format.md, "sync states"): a lock's state names its holder, a semaphore's
// change names the task that acquired or released a permit. The timeline draws each hold as a
// band on the holder's row, which is what the lock and deadlock lessons are about: a task keeps
// its lock while it sleeps, and in a deadlock each task holds what the other waits for.

#include "TimelineMark.h"

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace looplab {

struct TraceEvent;

class HeldResources {
  public:
    // One `sync` event, in trace order; other objects (events, queues) are ignored. Objects the
    // program never named by the end (a library's own, like the simulated aiohttp's connection
    // limit) are left out at finish(): they are not what the student wrote.
    void apply(const TraceEvent& e);
    // Closes every hold still open at `endNs` (a deadlock keeps its locks to the end) and
    // returns the holds of each task, sorted by start.
    std::unordered_map<int64_t, std::vector<RowHold>> finish(int64_t endNs);

  private:
    struct Open {
        int64_t task = -1;
        int64_t startNs = 0;
    };
    void close(int64_t object, const Open& hold, int64_t ns);
    struct Closed {
        int64_t task = -1;
        int64_t object = -1;
        RowHold hold; // named at finish()
    };
    void nameOf(int64_t object, const std::string& given, bool semaphore);

    std::map<int64_t, Open> lockHolder_;                    // by object id
    std::map<int64_t, std::vector<Open>> permits_;          // by object id
    std::map<int64_t, std::pair<std::string, bool>> names_; // object -> name, is semaphore
    std::vector<Closed> closed_;
};

} // namespace looplab
