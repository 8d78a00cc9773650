#pragma once
// Human-readable text for what a task waits on, from the typed wait (TaskWait) the replay
// keeps for each task. Shared by the task table, the loop view and the code markers so they say the
// same.

#include "LoopState.h"

#include <QString>
#include <QStringList>

namespace looplab {

QString formatTime(qint64 ns);                         // "1.250 s"
QString taskName(const LoopState& state, qint64 task); // "Task-2", or "#2" if unknown
// The task as the task table, the loop view and the timeline show it: "Task-2 · worker()",
// "Task-5 · asyncio.run's clean-up (shutdown_asyncgens)" (taskLabel in TaskLabel.h).
QString taskLabelText(const LoopState& state, qint64 task);
// The whole label, for a tooltip where the label may be elided; a clean-up task's says whose
// it is.
QString taskTooltip(const TaskView& task);
QString waitText(const LoopState& state, const TaskView& task); // "sleep until 1.250 s", ...
QString waitGroupKey(const TaskView& task);                     // tasks waiting on the same thing
// The await chain and the innermost frame's locals while the task is paused at an await
// (pausedAtAwait): ["main", "gather", "sleep"]. Empty while it runs, before it starts and once it
// has ended, when the last wait no longer says what it is doing.
QStringList awaitChain(const TaskView& task);
QList<QPair<QString, QString>> frameLocals(const TaskView& task);
// What a task that is not waiting is doing now: "running line 13", "starting main() from the
// top", "ready to continue at line 8", "not started yet", or how it ended; empty while it waits
// (waitText says on what).
QString activityText(const TaskView& task);
// Where a task is in the program: "line 13", or inside a call its coroutine made,
// "line 48, inside a call made at line 70"; empty before its first line.
QString lineText(const TaskView& task);
QString outcomeText(const TaskView& task); // "returned 'A'", "ValueError: x"
// A callback in the ready queue or timer heap: "step Task-2", "end of Task-3's sleep", ...
QString callbackText(const std::string& what, const QString& task);

} // namespace looplab
