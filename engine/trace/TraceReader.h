#pragma once
// Reads a trace written by TraceRecorder back into TraceEvents, for replay and for the app (a
// `yield` event's wait stays text: parsedWait() in TaskWait.h reads it where it is needed).
// Errors (unreadable file, not JSON, another format or a newer version) come back as one clear
// sentence instead of an exception, so a bad file never takes the caller down.

#include "TraceEvent.h"
#include "TraceFormat.h"

#include <istream>
#include <string>
#include <vector>

namespace looplab {

struct Trace {
    TraceHeader header;
    int version = 0;
    std::vector<TraceEvent> events;
};

struct TraceReadResult {
    bool ok = false;
    std::string error; // one sentence when !ok
    Trace trace;
};

TraceReadResult readTrace(std::istream& in);
TraceReadResult readTraceFile(const std::string& path);

} // namespace looplab
