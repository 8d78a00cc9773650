#pragma once
// How a task is called on screen: its name exactly as the program (or asyncio) spelled it, then
// what it runs, "Task-1 · main()", so that a lesson's `main` and a view's `Task-1` are visibly
// the same task. asyncio.run's own clean-up tasks say so: "Task-5 · asyncio.run's clean-up
// (shutdown_asyncgens)". Shared by the narration and every view that lists tasks.

#include "TaskTable.h"

#include <string>

namespace looplab {

// Between a task's name and its coroutine: " · ".
extern const char* const kTaskLabelSeparator;

// What the task runs: "main()"; for a clean-up task "asyncio.run's clean-up (shutdown_asyncgens)";
// empty when the trace did not say.
std::string coroutineLabel(const TaskView& task);
// The name, then the coroutine label: "Task-1 · main()" (the name alone if there is none).
std::string taskLabel(const TaskView& task);
// The short name of a qualified coroutine: "BaseEventLoop.shutdown_asyncgens" ->
// "shutdown_asyncgens".
std::string shortCoroutineName(const std::string& coroutine);

} // namespace looplab
