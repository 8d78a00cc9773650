#pragma once
// Charges virtual time for every executed line of the student's program and records it.
//
// Installed with PyEval_SetTrace, so it costs one C call per trace event instead of a Python
// call. Only frames whose code comes from the program file count: asyncio's own lines and
// LoopLab's are free, which is what makes a CPU-bound loop in the program visibly block.

#include "EventLoopCore.h"
#include "RunBudget.h"
#include "TraceRecorder.h"
#include "VirtualClock.h"

#include <Python.h>

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
    bool isProgramCode(PyCodeObject* code);

  private:
    static int traceCallback(PyObject* self, PyFrameObject* frame, int what, PyObject* arg);
    int onLine(PyFrameObject* frame);
    // A frame entered (a call, or a coroutine or generator resumed) or left (a return, a yield,
    // an exception unwinding it): counts the program's frames on the stack.
    void onFrame(PyFrameObject* frame, bool entered);
    int lastLine_ = 0;

    // How deep a line runs in calls: the program's frames on the stack now, and at the start of
    // each span (a task's step, or an executor job run inside one). The first program frame of
    // a step is the task's coroutine; a line below it, in a function it called (or a coroutine
    // it awaits), has depth 1 or more. The trace records it so the app can tell the task's own
    // line from the line running in a call (docs/trace-format.md, `line`).
    int programDepth_ = 0;
    std::vector<int> spanBases_;

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
};

} // namespace looplab
