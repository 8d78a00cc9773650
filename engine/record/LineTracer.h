#pragma once
// Charges virtual time for every executed line of the student's program and records it.
//
// Installed with PyEval_SetTrace, so it costs one C call per trace event instead of a Python
// call. Only frames whose code comes from the program file count: asyncio's own lines and
// LoopLab's are free, which is what makes a CPU-bound loop in the program visibly block.
//
// It also keeps the stack of the program's frames (from the interpreter's call and return
// events), so that every recorded line says which call of a function it ran in (its frame id)
// and how deep that call is: what the app's "step over" and "step out" follow. A coroutine or
// generator keeps its frame id across its awaits and yields.

#include "EventLoopCore.h"
#include "RunBudget.h"
#include "TraceRecorder.h"
#include "VirtualClock.h"

#include <Python.h>

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace looplab {

class LineTracer {
  public:
    LineTracer(VirtualClock& clock, TraceRecorder& recorder, RunBudget& budget,
               const EventLoopCore* loop);
    ~LineTracer();
    LineTracer(const LineTracer&) = delete;
    LineTracer& operator=(const LineTracer&) = delete;

    // Starts tracing lines of code objects whose co_filename equals programPath.
    void install(const std::string& programPath, int64_t lineCostNs);
    void uninstall();

    int64_t linesExecuted() const { return lines_; }
    // Starts counting a new step or executor job; ends one, recording how many of its lines
    // were not recorded individually.
    void beginSpan();
    void endSpan(int64_t task);
    // The program line executing now (innermost program frame), 0 if none.
    int programLineNow() const;
    // Where the program is now: the innermost program frame's line, and its frame id and depth
    // as its Line events give them (0 and 0 when that frame is not on the tracer's stack, or
    // has run no line yet). All 0 when no program frame is on the stack.
    struct ProgramPlace {
        int line = 0;
        int32_t frame = 0;
        int32_t depth = 0;
    };
    ProgramPlace programPlaceNow() const;
    bool isProgramCode(PyCodeObject* code);

  private:
    // One call of a program function that is on the stack now.
    struct ProgramFrame {
        PyFrameObject* frame = nullptr; // not owned: it is on the stack while it is here
        int32_t id = 0;                 // 0 until its first line runs
        bool generator = false;         // a generator or coroutine: it can be resumed
    };

    static int traceCallback(PyObject* self, PyFrameObject* frame, int what, PyObject* arg);
    int onLine(PyFrameObject* frame);
    void onCall(PyFrameObject* frame);
    void onReturn(PyFrameObject* frame);
    void enter(PyFrameObject* frame, PyCodeObject* code);
    void reenter(PyFrameObject* frame, PyCodeObject* code);
    bool resumes(PyFrameObject* frame, PyCodeObject* code) const;
    int lastLine_ = 0;
    int32_t lastFrame_ = 0;
    int32_t lastDepth_ = 0;

    VirtualClock& clock_;
    TraceRecorder& recorder_;
    RunBudget& budget_;
    const EventLoopCore* loop_;
    std::string programPath_;
    int64_t lineCostNs_ = 0;
    int64_t lines_ = 0;
    bool installed_ = false;
    // Code object -> "is it the program's". Keeps a reference so an address is never reused
    // for a different code object while cached.
    std::unordered_map<PyCodeObject*, bool> programCode_;
    // A direct-mapped cache in front of programCode_: every call of any Python function asks.
    struct CachedCode {
        PyCodeObject* code = nullptr;
        bool mine = false;
    };
    static constexpr size_t kCodeCacheSize = 1024;
    std::array<CachedCode, kCodeCacheSize> codeCache_{};

    std::vector<ProgramFrame> stack_; // the program's frames on the stack, innermost last
    // The ids of generator and coroutine frames that returned, by frame: the id a frame gets
    // back when it resumes after a yield or an await. An entry of a frame that has finished
    // stays until another frame at that address starts, which overwrites it.
    std::unordered_map<PyFrameObject*, int32_t> suspended_;
    int32_t nextFrameId_ = 0;
    int resumeOpcode_ = -1;              // RESUME, whose argument is 0 when a frame starts
    PyObject* traceLinesName_ = nullptr; // "f_trace_lines", interned once
};

} // namespace looplab
