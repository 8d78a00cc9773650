#pragma once
// What every LoopLab trace file starts with: its format version and the run's header. Shared by
// the writer (record/TraceRecorder) and the reader (TraceReader) so that neither depends on the
// other; docs/trace-format.md describes the whole file.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace looplab {

// The version written into every trace; TraceReader accepts 1..kTraceFormatVersion.
inline constexpr int kTraceFormatVersion = 1;

// A `for` or `while` loop of the program: the line of its header and the last line of its body
// (an `else:` clause is not part of it).
struct LoopLines {
    int64_t header = 0;
    int64_t last = 0;
    bool operator==(const LoopLines& other) const {
        return header == other.header && last == other.last;
    }
};

struct TraceHeader {
    std::string program;      // the program's path as given to `looplab run`
    int64_t lineCostNs = 100; // virtual ns charged per executed program line
    int64_t seed = 0;
    std::vector<LoopLines> loops = {}; // every loop in the program file, in source order
    // "" when the program ran confined (docs/security.md), else the sentence saying why not.
    std::string unconfined = {};
    // A perturbed run's schedule seed and jitter (docs/simulation-model.md); -1 = unperturbed.
    int64_t scheduleSeed = -1;
    double jitter = 0;
};

// The frame each task's (or worker thread's) lines were last in. A `line` or `lines` event
// names its frame and depth only when they differ from the previous one of its task or thread
// (in a loop, almost never): the writer asks whether they changed, the reader carries them
// forward, both through this one memory.
class LineFrameMemory {
  public:
    struct Frame {
        int32_t frame = 0;
        int32_t depth = 0;
    };
    // The last frame of the task `task`, or of the thread `thread` when task < 0.
    Frame& of(int64_t task, const std::string& thread) {
        return task >= 0 ? byTask_[task] : byThread_[thread];
    }

  private:
    std::unordered_map<int64_t, Frame> byTask_;
    std::unordered_map<std::string, Frame> byThread_;
};

} // namespace looplab
