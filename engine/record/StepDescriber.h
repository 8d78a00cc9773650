#pragma once
// Describes a task right after one of its steps: finished, or suspended on what, where, with
// which locals. Runs after every task step, so it walks the await chain with CPython's C API
// instead of Python code; the rarer waits on locks, queues and the like are handed to the
// Python recorder, which knows object ids and variable names.

#include "TraceRecorder.h"
#include "VirtualClock.h"

#include <Python.h>
#include <pybind11/pybind11.h>

#include <string>
#include <unordered_map>
#include <vector>

namespace looplab {

namespace py = pybind11;

class StepDescriber {
  public:
    StepDescriber(VirtualClock& clock, TraceRecorder& recorder);
    ~StepDescriber();
    StepDescriber(const StepDescriber&) = delete;
    StepDescriber& operator=(const StepDescriber&) = delete;

    // `python` is looplab_engine.recorder: task_done(task), describe_wait(name, frame, frames)
    // and sync_flush(); programPath identifies the student's frames.
    void configure(py::object python, const std::string& programPath,
                   const std::string& asyncioDir);
    bool configured() const { return static_cast<bool>(python_); }

    // Records what `task` (id `taskId`) is doing after its step.
    void describe(int64_t taskId, py::handle task);

    // The last recorded wait of an unfinished task: (line, wait JSON), for deadlock reports.
    struct LastWait {
        int line = 0;
        std::string wait;
    };
    const LastWait* lastWait(int64_t taskId) const;

  private:
    enum class CodeKind { Other, Program, Asyncio };
    struct Link {
        std::string name;
        PyObject* frame = nullptr; // borrowed from the coroutine, valid during describe()
        CodeKind kind = CodeKind::Other;
    };
    CodeKind kindOf(PyCodeObject* code);
    std::vector<Link> chainOf(py::handle task, py::object& leaf, std::vector<py::object>& keep);
    std::string waitOf(const std::vector<Link>& chain, py::handle task,
                       const std::vector<py::object>& programFrames);
    std::string localsOf(PyObject* frame);
    void describeDone(int64_t taskId, py::handle task);
    void housekeeping();

    VirtualClock& clock_;
    TraceRecorder& recorder_;
    py::object python_;
    std::string programPath_;
    std::string asyncioDir_;
    std::unordered_map<PyCodeObject*, CodeKind> codeKinds_; // holds a reference to each key
    std::unordered_map<int64_t, LastWait> lastWaits_;
    py::object freshTasks_;   // recorder._fresh: tasks that may have been renamed
    py::object dirtyObjects_; // sync_watch._dirty: locks, queues... changed in this step
};

} // namespace looplab
