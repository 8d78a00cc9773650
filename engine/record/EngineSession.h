#pragma once
// Everything one simulated run owns on the C++ side: clock, budget, recorder, loop core and line
// tracer. There is one session per worker process; the embedded `_looplab` module reaches it
// through EngineSession::current().

#include "CallbackLabel.h"
#include "EventLoopCore.h"
#include "LineTracer.h"
#include "RunBudget.h"
#include "StepDescriber.h"
#include "TraceRecorder.h"
#include "VirtualClock.h"

namespace looplab {

class EngineSession {
  public:
    EngineSession();
    ~EngineSession();
    EngineSession(const EngineSession&) = delete;
    EngineSession& operator=(const EngineSession&) = delete;

    static EngineSession* current();
    // The session, or null once it has ended (Python may still run during shutdown).
    static EngineSession* currentOrNull();
    // The loop clock's value when the last session ended.
    static int64_t finalTimeNs();

    VirtualClock clock;
    RunBudget budget;
    TraceRecorder recorder;
    EventLoopCore loop;
    LineTracer tracer;
    StepDescriber describer;
    CallbackLabeler labeler;
    // Where each completed stdout line is also sent, for the parent (PrintedLines.h); -1: none.
    int printedLinesFd = -1;
};

} // namespace looplab
