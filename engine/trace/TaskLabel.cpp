#include "TaskLabel.h"

namespace looplab {

const char* const kTaskLabelSeparator = " \u00b7 ";

std::string shortCoroutineName(const std::string& coroutine) {
    const size_t dot = coroutine.rfind('.');
    return dot == std::string::npos ? coroutine : coroutine.substr(dot + 1);
}

std::string coroutineLabel(const TaskView& task) {
    if (task.coroutine.empty())
        return {};
    if (task.asyncioCleanup)
        return "asyncio.run's clean-up (" + shortCoroutineName(task.coroutine) + ")";
    return task.coroutine + "()";
}

std::string taskLabel(const TaskView& task) {
    const std::string coroutine = coroutineLabel(task);
    return coroutine.empty() ? task.name : task.name + kTaskLabelSeparator + coroutine;
}

} // namespace looplab
