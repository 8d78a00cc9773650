#include "LineTracer.h"

#include <frameobject.h>

#include <climits>

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

namespace {

constexpr int kGeneratorFlags = CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR;

// The number of an opcode in this Python's bytecode, -1 if it has none by that name.
int opcodeNumber(const char* name) {
    int number = -1;
    if (PyObject* module = PyImport_ImportModule("opcode")) {
        if (PyObject* opmap = PyObject_GetAttrString(module, "opmap")) {
            if (PyObject* value = PyDict_GetItemString(opmap, name)) // borrowed
                number = static_cast<int>(PyLong_AsLong(value));
            Py_DECREF(opmap);
        }
        Py_DECREF(module);
    }
    if (PyErr_Occurred())
        PyErr_Clear();
    return number;
}

} // namespace

void LineTracer::install(const std::string& programPath, int64_t lineCostNs) {
    programPath_ = programPath;
    lineCostNs_ = lineCostNs;
    resumeOpcode_ = opcodeNumber("RESUME");
    if (!traceLinesName_)
        traceLinesName_ = PyUnicode_InternFromString("f_trace_lines");
    stack_.clear();
    suspended_.clear();
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
    stack_.clear();
}

bool LineTracer::isProgramCode(PyCodeObject* code) {
    // Code objects in programCode_ are kept alive, so an address in the cache is never reused.
    CachedCode& cached = codeCache_[(reinterpret_cast<uintptr_t>(code) >> 4) % kCodeCacheSize];
    if (cached.code == code)
        return cached.mine;
    bool mine = false;
    auto found = programCode_.find(code);
    if (found != programCode_.end()) {
        mine = found->second;
    } else {
        const char* filename = PyUnicode_AsUTF8(code->co_filename);
        if (!filename)
            PyErr_Clear();
        mine = filename && programPath_ == filename;
        Py_INCREF(reinterpret_cast<PyObject*>(code));
        programCode_.emplace(code, mine);
    }
    cached = {code, mine};
    return mine;
}

int LineTracer::traceCallback(PyObject*, PyFrameObject* frame, int what, PyObject*) {
    LineTracer* tracer = activeTracer;
    if (!tracer)
        return 0;
    // A C++ exception must never unwind through CPython's evaluation loop.
    try {
        switch (what) {
        case PyTrace_LINE:
            return tracer->onLine(frame);
        case PyTrace_CALL:
            tracer->onCall(frame);
            return 0;
        case PyTrace_RETURN:
            tracer->onReturn(frame);
            return 0;
        default:
            return 0;
        }
    } catch (const std::bad_alloc&) {
        tracer->budget_.trip("the program used more memory than the limit");
    } catch (const std::exception& error) {
        tracer->budget_.trip(std::string("internal error in the line tracer: ") + error.what());
    }
    PyErr_SetString(PyExc_SystemExit, "LoopLab budget exceeded");
    return -1;
}

void LineTracer::beginSpan() {
    budget_.linesThisStep = 0;
}

void LineTracer::endSpan(int64_t task) {
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
                       {},
                       lastFrame_,
                       lastDepth_});
    }
    budget_.linesThisStep = 0;
}

void LineTracer::onCall(PyFrameObject* frame) {
    PyCodeObject* code = PyFrame_GetCode(frame);
    if (isProgramCode(code)) {
        enter(frame, code);
    } else if (traceLinesName_) {
        // Lines of asyncio's and LoopLab's own code are free and never recorded: asking CPython
        // not to report them (frame.f_trace_lines = False) saves a callback per line. Calls and
        // returns are still reported, so a program function they call is traced as before.
        if (PyObject_SetAttr(reinterpret_cast<PyObject*>(frame), traceLinesName_, Py_False) < 0)
            PyErr_Clear();
    }
    Py_DECREF(code);
}

void LineTracer::enter(PyFrameObject* frame, PyCodeObject* code) {
    ProgramFrame entry{frame, 0, (code->co_flags & kGeneratorFlags) != 0};
    if (entry.generator && resumes(frame, code)) {
        const auto found = suspended_.find(frame);
        if (found != suspended_.end())
            entry.id = found->second;
    }
    stack_.push_back(entry);
}

void LineTracer::reenter(PyFrameObject* frame, PyCodeObject* code) {
    // A program frame that is not the innermost one we know: it began before the tracer was
    // installed, or the frames above it returned unseen.
    for (size_t i = stack_.size(); i-- > 0;) {
        if (stack_[i].frame == frame) {
            stack_.resize(i + 1);
            return;
        }
    }
    enter(frame, code);
}

bool LineTracer::resumes(PyFrameObject* frame, PyCodeObject* code) const {
    // A frame starts at RESUME with argument 0; it resumes at a RESUME with another argument
    // (after a yield, a yield from or an await), or at the yield itself when an exception is
    // thrown in.
    const int lasti = PyFrame_GetLasti(frame);
    if (lasti < 0)
        return false;
    PyObject* bytes = PyCode_GetCode(code);
    if (!bytes) {
        PyErr_Clear();
        return true;
    }
    bool starts = false;
    if (lasti + 1 < PyBytes_GET_SIZE(bytes)) {
        const auto* ops = reinterpret_cast<const unsigned char*>(PyBytes_AS_STRING(bytes));
        starts = ops[lasti] == resumeOpcode_ && ops[lasti + 1] == 0;
    }
    Py_DECREF(bytes);
    return !starts;
}

void LineTracer::onReturn(PyFrameObject* frame) {
    // Only the program's frames are on stack_; any other frame returning is not its top.
    if (stack_.empty() || stack_.back().frame != frame)
        return;
    const ProgramFrame& top = stack_.back();
    if (top.generator) {
        if (top.id != 0)
            suspended_[frame] = top.id;
        else
            suspended_.erase(frame);
    }
    stack_.pop_back();
}

int LineTracer::onLine(PyFrameObject* frame) {
    if (stack_.empty() || stack_.back().frame != frame) {
        // Not the innermost program frame: a line of asyncio or LoopLab (free), or a program
        // frame that began before the tracer was installed.
        PyCodeObject* code = PyFrame_GetCode(frame);
        const bool mine = isProgramCode(code);
        if (mine)
            reenter(frame, code);
        Py_DECREF(code);
        if (!mine)
            return 0;
    }
    ProgramFrame& top = stack_.back();
    if (top.id == 0 && nextFrameId_ < INT32_MAX)
        top.id = ++nextFrameId_;
    const int line = PyFrame_GetLineNumber(frame);
    lastLine_ = line;
    lastFrame_ = top.id;
    lastDepth_ = static_cast<int32_t>(stack_.size());
    ++lines_;
    clock_.spend(lineCostNs_);
    const bool worker = clock_.onWorker();
    if (++budget_.linesThisStep <= RunBudget::kRecordedLinesPerStep) {
        recorder_.add({EventKind::Line,
                       clock_.nowNs(),
                       worker ? -1 : loop_->currentTask(),
                       -1,
                       line,
                       0,
                       worker ? clock_.threadLabel() : std::string(),
                       {},
                       lastFrame_,
                       lastDepth_});
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
    return programPlaceNow().line;
}

LineTracer::ProgramPlace LineTracer::programPlaceNow() const {
    ProgramPlace place;
    PyFrameObject* frame = PyEval_GetFrame(); // borrowed
    if (frame)
        Py_INCREF(frame);
    while (frame) {
        PyCodeObject* code = PyFrame_GetCode(frame);
        const char* filename = PyUnicode_AsUTF8(code->co_filename);
        const bool mine = filename && programPath_ == filename;
        Py_DECREF(code);
        if (mine) {
            place.line = PyFrame_GetLineNumber(frame);
            // Its id and depth as its Line events give them: found on the stack by identity
            // (the top, unless the frame began before the tracer was installed).
            for (size_t i = stack_.size(); i-- > 0;)
                if (stack_[i].frame == frame) {
                    place.frame = stack_[i].id;
                    place.depth = static_cast<int32_t>(i + 1);
                    break;
                }
            Py_DECREF(frame);
            return place;
        }
        PyFrameObject* back = PyFrame_GetBack(frame); // new reference
        Py_DECREF(frame);
        frame = back;
    }
    PyErr_Clear();
    return place;
}

} // namespace looplab
