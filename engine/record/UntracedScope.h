#pragma once
// While alive, the Python code that runs is not traced: no call, line or return event reaches
// LineTracer, and CPython's evaluation loop takes its fast path instead of checking for a trace
// event at every instruction. For the recorder's own Python helpers called from C++ after a
// step (sync_watch.flush, describe_wait...): they execute no program line, yet under the line
// tracer they cost about three times as many instructions (docs/performance.md).
//
// Only around code that cannot run the program's own functions: a program line that ran in
// here would be neither recorded nor charged its line cost.

#include <Python.h>

namespace looplab {

class UntracedScope {
  public:
    UntracedScope() : thread_(PyThreadState_Get()) { PyThreadState_EnterTracing(thread_); }
    ~UntracedScope() { PyThreadState_LeaveTracing(thread_); }
    UntracedScope(const UntracedScope&) = delete;
    UntracedScope& operator=(const UntracedScope&) = delete;

  private:
    PyThreadState* thread_;
};

} // namespace looplab
