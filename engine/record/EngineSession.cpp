#include "EngineSession.h"

#include <cmath>
#include <stdexcept>

namespace looplab {

void linkLooplabModule();

namespace {
EngineSession* currentSession = nullptr;
int64_t endedAtNs = 0;
} // namespace

EngineSession::EngineSession()
    : loop(clock, recorder, budget), tracer(clock, recorder, budget, &loop),
      describer(clock, recorder) {
    if (currentSession)
        throw std::logic_error("only one EngineSession may exist at a time");
    currentSession = this;
    linkLooplabModule();
    loop.setStepObserver([this](int64_t task, const py::object& handle) {
        // The handle's callback is the task's step or wakeup method: its __self__ is the task.
        if (describer.configured())
            describer.describe(task, handle.attr("_callback").attr("__self__"));
    });
    loop.setSpanHooks([this] { tracer.beginSpan(); },
                      [this](int64_t task) { tracer.endSpan(task); });
    clock.setBlockListener([this](const std::string& thread, int64_t start, int64_t duration) {
        const int line = tracer.programLineNow();
        recorder.add({EventKind::Block,
                      start,
                      thread == "loop" ? loop.currentTask() : -1,
                      -1,
                      line,
                      duration,
                      thread,
                      {}});
    });
    clock.setGilListener([this](const std::string& thread, int64_t start, int64_t duration,
                                const std::string& holder) {
        recorder.add({EventKind::GilWait, start, -1, -1, 0, duration, thread, holder});
    });
    // Asked only when the loop finds the GIL taken, so one Python call there is cheap enough.
    clock.setSwitchInterval([] {
        const double seconds =
            py::module_::import("sys").attr("getswitchinterval")().cast<double>();
        // CPython keeps the interval in whole microseconds.
        return static_cast<int64_t>(std::llround(seconds * 1e6)) * 1000;
    });
}

EngineSession::~EngineSession() {
    tracer.uninstall();
    endedAtNs = clock.nowNs();
    currentSession = nullptr;
}

EngineSession* EngineSession::currentOrNull() {
    return currentSession;
}

int64_t EngineSession::finalTimeNs() {
    return endedAtNs;
}

EngineSession* EngineSession::current() {
    if (!currentSession)
        throw std::runtime_error("no LoopLab engine session is active");
    return currentSession;
}

} // namespace looplab
