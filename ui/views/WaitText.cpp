#include "WaitText.h"

#include "TaskLabel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>

#include <algorithm>

namespace looplab {

namespace {

// Names listed before "… and N more": a gather of 20,000 tasks would otherwise make a line of
// 200,000 characters that every view has to lay out (and nobody reads).
constexpr int kNamesShown = 8;

// Joins names with ", ", stopping after kNamesShown (`total` counts the ones not passed too).
QString nameList(const QStringList& names, qsizetype total) {
    QString text = names.join(QStringLiteral(", "));
    if (total > names.size())
        text += QStringLiteral(" … and %1 more").arg(total - names.size());
    return text;
}

// "Task-2, Task-3 … and 19,990 more, 2 job(s)" after "gather: ", from the first names.
QString gatherText(const QStringList& names, qsizetype tasks, int jobs) {
    QString text = nameList(names, tasks);
    if (jobs > 0)
        text += (text.isEmpty() ? QString() : QStringLiteral(", ")) +
                QStringLiteral("%1 job(s)").arg(jobs);
    return QStringLiteral("gather: %1").arg(text);
}

QJsonObject parse(const std::string& json) {
    return QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
}

QString fromStd(const std::string& text) {
    return QString::fromStdString(text);
}

// "lock 'first'", or "lock #3" for an object the program did not name.
QString objectLabel(const TaskWait& wait) {
    const QString kind = fromStd(wait.objectKind());
    return wait.name.empty() ? QStringLiteral("%1 #%2").arg(kind).arg(wait.object)
                             : QStringLiteral("%1 '%2'").arg(kind, fromStd(wait.name));
}

QString holderText(const LoopState& state, const TaskWait& wait) {
    const auto found = state.sync.find(wait.object);
    if (found == state.sync.end() || found->second.holders.empty())
        return {};
    const auto& holders = found->second.holders;
    QStringList names;
    for (size_t i = 0; i < holders.size() && names.size() < kNamesShown; ++i)
        names << taskName(state, holders[i]);
    return QStringLiteral(" (held by %1)").arg(nameList(names, qsizetype(holders.size())));
}

// The first kNamesShown of `tasks` by name.
QStringList firstNames(const LoopState& state, const std::vector<int64_t>& tasks) {
    QStringList names;
    for (size_t i = 0; i < tasks.size() && names.size() < kNamesShown; ++i)
        names << taskName(state, tasks[i]);
    return names;
}

const TaskWait kNoWait;

const TaskWait& waitOf(const TaskView& task) {
    return task.wait ? *task.wait : kNoWait;
}

} // namespace

QString formatTime(qint64 ns) {
    const qint64 ms = ns / 1'000'000;
    return QStringLiteral("%1.%2 s").arg(ms / 1000).arg(ms % 1000, 3, 10, QLatin1Char('0'));
}

QString taskName(const LoopState& state, qint64 task) {
    const auto found = state.tasks.find(task);
    return found == state.tasks.end() ? QStringLiteral("#%1").arg(task)
                                      : QString::fromStdString(found->second.name);
}

QString taskLabelText(const LoopState& state, qint64 task) {
    const auto found = state.tasks.find(task);
    return found == state.tasks.end() ? QStringLiteral("#%1").arg(task)
                                      : QString::fromStdString(taskLabel(found->second));
}

QString taskTooltip(const TaskView& task) {
    const QString label = QString::fromStdString(taskLabel(task));
    if (!task.asyncioCleanup)
        return label;
    return QObject::tr("%1\nasyncio.run made this task to clean up before it closes the loop: "
                       "asyncio's own, not the program's")
        .arg(label);
}

QString waitText(const LoopState& state, const TaskView& task) {
    const TaskWait& wait = waitOf(task);
    const std::string& kind = wait.kind;
    if (kind == "sleep")
        return QStringLiteral("sleep until %1").arg(formatTime(wait.untilNs));
    if (kind == "lock" || kind == "semaphore")
        return objectLabel(wait) + holderText(state, wait);
    if (kind == "event" || kind == "condition" || kind == "barrier")
        return objectLabel(wait);
    if (kind.rfind("queue", 0) == 0)
        return QStringLiteral("%1 on %2").arg(fromStd(kind).section(' ', 1), objectLabel(wait));
    if (kind == "task")
        return QStringLiteral("task %1").arg(taskName(state, wait.task));
    if (kind == "gather")
        return gatherText(firstNames(state, wait.tasks), qsizetype(wait.tasks.size()),
                          int(wait.futures.size()));
    if (kind == "taskgroup")
        return QStringLiteral("end of TaskGroup: %1")
            .arg(nameList(firstNames(state, wait.tasks), qsizetype(wait.tasks.size())));
    if (kind == "shield")
        return QStringLiteral("task %1 (shielded)").arg(taskName(state, wait.task));
    if (kind == "executor")
        return QStringLiteral("%1 on %2 worker %3 until %4")
            .arg(fromStd(wait.function), fromStd(wait.pool))
            .arg(wait.worker)
            .arg(formatTime(wait.untilNs));
    if (kind == "network")
        return QStringLiteral("response from %1").arg(fromStd(wait.url));
    if (kind == "future")
        return QStringLiteral("a Future");
    if (kind == "ready")
        return QStringLiteral("nothing (sleep(0): back in the ready queue)");
    return fromStd(kind);
}

QString waitGroupKey(const TaskView& task) {
    const TaskWait& wait = waitOf(task);
    return wait.object >= 0 ? objectLabel(wait) : fromStd(wait.kind);
}

QStringList awaitChain(const TaskView& task) {
    QStringList chain;
    if (!pausedAtAwait(task)) // running, ended or not started: its last wait is history
        return chain;
    for (const std::string& link : waitOf(task).chain)
        chain << fromStd(link);
    return chain;
}

QList<QPair<QString, QString>> frameLocals(const TaskView& task) {
    QList<QPair<QString, QString>> out;
    if (!pausedAtAwait(task)) // recorded at its last await, out of date once it moves on
        return out;
    for (const auto& [name, value] : waitOf(task).locals)
        out.append({fromStd(name), fromStd(value)});
    return out;
}

QString callbackText(const std::string& what, const QString& task) {
    const QString name = QString::fromStdString(what);
    if (task.isEmpty())
        return name;
    if (name == "step" || name == "wake")
        return QStringLiteral("%1 %2").arg(name, task);
    // asyncio.sleep's timer calls this internal helper: say what it means.
    if (name == "_set_result_unless_cancelled")
        return QStringLiteral("end of %1's sleep").arg(task);
    return QStringLiteral("%1 (set by %2)").arg(name, task);
}

QString lineText(const TaskView& task) {
    if (task.line <= 0)
        return {};
    return inCall(task) ? QObject::tr("line %1, inside a call made at line %2")
                              .arg(task.line)
                              .arg(task.coroutineLine)
                        : QObject::tr("line %1").arg(task.line);
}

QString activityText(const TaskView& task) {
    switch (task.state) {
    case TaskState::Waiting:
        return {};
    case TaskState::Running:
        return task.line > 0 ? QObject::tr("running %1").arg(lineText(task))
                             : QObject::tr("starting %1 from the top")
                                   .arg(QString::fromStdString(coroutineLabel(task)));
    case TaskState::Ready:
        if (task.started)
            return task.line > 0 ? QObject::tr("ready to continue at %1").arg(lineText(task))
                                 : QObject::tr("ready to continue");
        [[fallthrough]];
    case TaskState::Created:
        return task.createdAtLine > 0
                   ? QObject::tr("not started yet (created at line %1)").arg(task.createdAtLine)
                   : QObject::tr("not started yet");
    case TaskState::Finished:
    case TaskState::Failed:
    case TaskState::Cancelled:
        return outcomeText(task);
    }
    return {};
}

QString outcomeText(const TaskView& task) {
    const QJsonObject outcome = parse(task.outcome);
    const QString state = outcome.value("state").toString();
    if (state == "finished")
        return QStringLiteral("returned %1").arg(outcome.value("result").toString());
    if (state == "failed")
        return QStringLiteral("%1: %2").arg(outcome.value("exception").toString(),
                                            outcome.value("message").toString());
    return state;
}

} // namespace looplab
