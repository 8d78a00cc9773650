#pragma once
// Collects every TraceEvent of one run and writes them as the versioned JSON trace.
// Recording is append-only and cheap. Either all formatting happens once, in writeJson(), or,
// once streaming (the worker process), events go out in chunks while the program runs and
// leave memory: a run that crashes keeps what it did up to the last chunk, and a long run's
// memory stays flat.

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
        if (!enabled_)
            return;
        events_.push_back(std::move(event));
        if (out_ && events_.size() % kCheckEvery == 0)
            flushIfDue();
    }
    // The events still in memory: all of them unless streaming.
    const std::deque<TraceEvent>& events() const { return events_; }
    // Every event recorded so far, streamed ones included.
    size_t size() const { return streamed_ + events_.size(); }
    void clear() { events_.clear(); }

    // The whole trace (header and every event in memory) to `out`, at the end of a run.
    void writeJson(std::ostream& out, const TraceHeader& header) const;

    // From now on, events go to `out` in chunks (same format as writeJson): at least every
    // kChunkEvents events or kFlushInterval of real time, and on flush(). The header is written
    // with the first chunk after the program's loops are known (setProgramLoops), or at
    // finishStream(). `out` must outlive the stream.
    void startStreaming(std::ostream* out, TraceHeader header);
    // Writes the events in memory now (a program about to end the process, say).
    void flush();
    // Writes what is left and closes the JSON document; nothing more is written after it.
    void finishStream();
    bool streaming() const { return out_ != nullptr; }

    // The program's loops (found by the Python side in its syntax tree), for the header.
    void setProgramLoops(std::vector<LoopLines> loops) {
        loops_ = std::move(loops);
        loopsKnown_ = true;
    }
    const std::vector<LoopLines>& programLoops() const { return loops_; }

  private:
    static constexpr size_t kCheckEvery = 256;
    static constexpr size_t kChunkEvents = 8192;
    static constexpr int64_t kFlushIntervalNs = 100'000'000; // 0.1 s of real time

    void flushIfDue();
    void writeStreamed(bool final);

    std::vector<LoopLines> loops_;
    bool loopsKnown_ = false;
    std::ostream* out_ = nullptr;
    TraceHeader header_;
    bool headerWritten_ = false;
    size_t streamed_ = 0;
    int64_t lastFlushNs_ = 0;
    LineFrameMemory streamFrames_;
    std::string chunk_;
    bool enabled_ = true;
    // A deque: recording never moves the events already kept (a vector would copy them all
    // each time it grows, which costs more than the recording itself on long runs).
    std::deque<TraceEvent> events_;
};

} // namespace looplab
