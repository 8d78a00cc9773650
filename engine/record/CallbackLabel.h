#pragma once
// What a callback entering the loop's queues is, for the trace: the step or wake-up of a task
// (with the task's id), or a plain callback named by its qualified name. Called for every
// call_soon and call_at, so it reads the objects with the C API instead of Python code.

#include <pybind11/pybind11.h>

#include <cstdint>
#include <string>

namespace looplab {

namespace py = pybind11;

struct CallbackLabel {
    int64_t task = -1; // the task this callback steps, or -1
    std::string what;  // "step", "wake" or the callback's name
    // A wake whose future was cancelled: Task.cancel() on a waiting task cancels what it
    // awaits, and this is the moment the cancellation was asked for (any kind of wait).
    bool cancelledWake = false;
};

class CallbackLabeler {
  public:
    // taskIdOf(task) returns the recorder's id for a task, recording it on first sight.
    void configure(py::object taskType, py::object taskIdOf);
    CallbackLabel label(py::handle callback, py::handle args) const;

  private:
    py::object taskType_;
    py::object taskIdOf_;
    py::object partialType_;
};

} // namespace looplab
