#pragma once
// Collects every TraceEvent of one run and writes them as the versioned JSON trace.
// Recording is append-only and cheap; all formatting happens once, in writeJson().

#include "TraceEvent.h"
#include "TraceFormat.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <ostream>
#include <string>
#include <vector>

namespace looplab {

class TraceRecorder {
  public:
    static constexpr int kFormatVersion = kTraceFormatVersion;

    void setEnabled(bool enabled) { enabled_ = enabled; }
    bool enabled() const { return enabled_; }

    void add(TraceEvent event) {
        if (enabled_)
            events_.push_back(std::move(event));
    }
    const std::deque<TraceEvent>& events() const { return events_; }
    size_t size() const { return events_.size(); }
    void clear() { events_.clear(); }

    void writeJson(std::ostream& out, const TraceHeader& header) const;

    // The program's loops (found by the Python side in its syntax tree), for the header.
    void setProgramLoops(std::vector<LoopLines> loops) { loops_ = std::move(loops); }
    const std::vector<LoopLines>& programLoops() const { return loops_; }

  private:
    std::vector<LoopLines> loops_;
    bool enabled_ = true;
    // A deque: recording never moves the events already kept (a vector would copy them all
    // each time it grows, which costs more than the recording itself on long runs).
    std::deque<TraceEvent> events_;
};

} // namespace looplab
