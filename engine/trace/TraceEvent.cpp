#include "TraceEvent.h"

namespace looplab {

// The names are the trace file's `k` values (docs/trace-format.md).
const char* eventKindName(EventKind kind) {
    switch (kind) {
    case EventKind::TaskCreated:
        return "task";
    case EventKind::TaskRenamed:
        return "rename";
    case EventKind::StepBegin:
        return "step";
    case EventKind::StepYield:
        return "yield";
    case EventKind::TaskDone:
        return "done";
    case EventKind::Line:
        return "line";
    case EventKind::LinesSkipped:
        return "lines";
    case EventKind::ReadyPush:
        return "ready";
    case EventKind::TimerPush:
        return "timer";
    case EventKind::TimerDue:
        return "due";
    case EventKind::HandleRun:
        return "run";
    case EventKind::HandleCancel:
        return "cancel";
    case EventKind::Iteration:
        return "iter";
    case EventKind::Poll:
        return "poll";
    case EventKind::Block:
        return "block";
    case EventKind::Job:
        return "job";
    case EventKind::Print:
        return "print";
    case EventKind::Sync:
        return "sync";
    case EventKind::End:
        return "end";
    case EventKind::Phase:
        return "phase";
    }
    return "?";
}

bool isErrorText(const TraceEvent& e) {
    return e.kind == EventKind::Print && e.num == kStandardErrorStream;
}

} // namespace looplab
