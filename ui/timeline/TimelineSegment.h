#pragma once
// The unit the timeline draws: one stretch of virtual time in which a task or a worker thread
// was in one state. Plain data so the model, the pixel maths and the tests share it without Qt.

#include "CompactText.h"
#include "WaitKind.h"

#include <cstdint>
#include <string>

namespace looplab {

enum class SegmentKind : uint8_t {
    Running, // a task's step is executing on the loop thread
    Ready,   // a task sits in the ready queue, waiting for the loop to pick it
    Waiting, // a task is suspended at an await; detail = the wait kind (sleep, lock, ...)
    Blocked, // a thread is stuck in a blocking call (time.sleep, a blocking request)
    Busy,    // a worker thread runs an executor job; detail = the function
    Mixed,   // only produced when drawing: several kinds share one pixel, none dominates
};

inline const char* segmentKindName(SegmentKind kind) {
    switch (kind) {
    case SegmentKind::Running:
        return "running";
    case SegmentKind::Ready:
        return "ready";
    case SegmentKind::Waiting:
        return "waiting";
    case SegmentKind::Blocked:
        return "blocked";
    case SegmentKind::Busy:
        return "busy";
    case SegmentKind::Mixed:
        return "mixed";
    }
    return "?";
}

// The detail of a late timer's segment cut at the moment shown (TimelineModel::upTo) before it
// is known to have run: its end is that moment, not when the timer ran.
inline constexpr const char* kLateSoFar = "late timer, so far";

struct Segment {
    int64_t startNs = 0;
    int64_t endNs = 0; // exclusive
    SegmentKind kind = SegmentKind::Running;
    CompactText detail; // 8 bytes: a long run has millions of segments
    // Waiting: the family of `detail`, decided once by the model so painting never compares
    // strings. None for every other kind.
    WaitKind wait = WaitKind::None;

    bool operator==(const Segment& other) const {
        return startNs == other.startNs && endNs == other.endNs && kind == other.kind &&
               detail == other.detail && wait == other.wait;
    }
};

} // namespace looplab
