#pragma once
// What every LoopLab trace file starts with: its format version and the run's header. Shared by
// the writer (record/TraceRecorder) and the reader (TraceReader) so that neither depends on the
// other; docs/trace-format.md describes the whole file.

#include <cstdint>
#include <string>

namespace looplab {

// The version written into every trace; TraceReader accepts 1..kTraceFormatVersion.
inline constexpr int kTraceFormatVersion = 1;

struct TraceHeader {
    std::string program;      // the program's path as given to `looplab run`
    int64_t lineCostNs = 100; // virtual ns charged per executed program line
    int64_t seed = 0;
};

} // namespace looplab
