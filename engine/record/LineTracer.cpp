#include "LineTracer.h"

#include <frameobject.h>

#include <algorithm>

namespace looplab {

namespace {
LineTracer* activeTracer = nullptr; // PyEval_SetTrace passes a PyObject*; we keep the C++ side here
}

LineTracer::LineTracer(VirtualClock& clock, TraceRecorder& recorder, RunBudget& budget,
                       const EventLoopCore* loop)
    : clock_(clock), recorder_(recorder), budget_(budget), loop_(loop) {}

LineTracer::~LineTracer() {
    uninstall();
    if (Py_IsInitialized()) {
        for (auto& entry : programCode_)
            Py_DECREF(reinterpret_cast<PyObject*>(entry.first));
    }
}

void LineTracer::install(const std::string& programPath, int64_t lineCostNs) {
    programPath_ = programPath;
    lineCostNs_ = lineCostNs;
    activeTracer = this;
    PyEval_SetTrace(&LineTracer::traceCallback, nullptr);
    installed_ = true;
}

void LineTracer::uninstall() {
    if (!installed_)
        return;
    PyEval_SetTrace(nullptr, nullptr);
    activeTracer = nullptr;
    installed_ = false;
}

bool LineTracer::isProgramCode(PyCodeObject* code) {
    auto found = programCode_.find(code);
    if (found != programCode_.end())
        return found->second;
    const char* filename = PyUnicode_AsUTF8(code->co_filename);
    if (!filename)
        PyErr_Clear();
    const bool mine = filename && programPath_ == filename;
    Py_INCREF(reinterpret_cast<PyObject*>(code));
    programCode_.emplace(code, mine);
    return mine;
}

int LineTracer::traceCallback(PyObject*, PyFrameObject* frame, int what, PyObject*) {
    if (!activeTracer || (what != PyTrace_LINE && what != PyTrace_CALL && what != PyTrace_RETURN))
        return 0;
    // A C++ exception must never unwind through CPython's evaluation loop.
    try {
        if (what != PyTrace_LINE) {
            activeTracer->onFrame(frame, what == PyTrace_CALL);
            return 0;
        }
        return activeTracer->onLine(frame);
    } catch (const std::bad_alloc&) {
        activeTracer->budget_.trip("the program used more memory than the limit");
    } catch (const std::exception& error) {
        activeTracer->budget_.trip(std::string("internal error in the line tracer: ") +
                                   error.what());
    }
    PyErr_SetString(PyExc_SystemExit, "LoopLab budget exceeded");
    return -1;
}

void LineTracer::onFrame(PyFrameObject* frame, bool entered) {
    PyCodeObject* code = PyFrame_GetCode(frame);
    const bool mine = isProgramCode(code);
    Py_DECREF(code);
    if (mine)
        programDepth_ += entered ? 1 : -1;
}

void LineTracer::beginSpan() {
    budget_.linesThisStep = 0;
    spanBases_.push_back(programDepth_);
}

void LineTracer::endSpan(int64_t task) {
    if (!spanBases_.empty())
        spanBases_.pop_back();
    const int64_t skipped = budget_.linesThisStep - RunBudget::kRecordedLinesPerStep;
    if (skipped > 0) {
        const bool worker = clock_.onWorker();
        recorder_.add({EventKind::LinesSkipped,
                       clock_.nowNs(),
                       worker ? -1 : task,
                       -1,
                       lastLine_,
                       skipped,
                       worker ? clock_.threadLabel() : std::string(),
                       {}});
    }
    budget_.linesThisStep = 0;
}

int LineTracer::onLine(PyFrameObject* frame) {
    PyCodeObject* code = PyFrame_GetCode(frame);
    const bool mine = isProgramCode(code);
    Py_DECREF(code);
    if (!mine)
        return 0;
    const int line = PyFrame_GetLineNumber(frame);
    lastLine_ = line;
    ++lines_;
    clock_.spend(lineCostNs_);
    const bool worker = clock_.onWorker();
    if (++budget_.linesThisStep <= RunBudget::kRecordedLinesPerStep) {
        const int64_t task = worker ? -1 : loop_->currentTask();
        // Below the first program frame of the step: in a function the task's coroutine called.
        const int base = spanBases_.empty() ? 0 : spanBases_.back();
        const int64_t depth = task >= 0 ? std::max(0, programDepth_ - base - 1) : 0;
        recorder_.add({EventKind::Line,
                       clock_.nowNs(),
                       task,
                       -1,
                       line,
                       depth,
                       worker ? clock_.threadLabel() : std::string(),
                       {}});
    }
    if (budget_.linesThisStep > budget_.maxLinesPerStep) {
        budget_.trip(std::string(worker ? "an executor job" : "a step") + " ran more than " +
                     std::to_string(budget_.maxLinesPerStep) +
                     " lines without returning to the event loop (line " + std::to_string(line) +
                     ")");
    }
    if (budget_.tripped()) {
        // Keep raising on every program line until the run unwinds back to the loop.
        PyErr_SetString(PyExc_SystemExit, "LoopLab budget exceeded");
        return -1;
    }
    return 0;
}

int LineTracer::programLineNow() const {
    PyFrameObject* frame = PyEval_GetFrame(); // borrowed
    if (frame)
        Py_INCREF(frame);
    while (frame) {
        PyCodeObject* code = PyFrame_GetCode(frame);
        const char* filename = PyUnicode_AsUTF8(code->co_filename);
        const bool mine = filename && programPath_ == filename;
        Py_DECREF(code);
        if (mine) {
            const int line = PyFrame_GetLineNumber(frame);
            Py_DECREF(frame);
            return line;
        }
        PyFrameObject* back = PyFrame_GetBack(frame); // new reference
        Py_DECREF(frame);
        frame = back;
    }
    PyErr_Clear();
    return 0;
}

} // namespace looplab
