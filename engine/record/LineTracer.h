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
    int lastLine_ = 0;

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
