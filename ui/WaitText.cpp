#include "WaitText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace looplab {

namespace {

QJsonObject parse(const std::string& json) {
    return QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
}

QString objectLabel(const QJsonObject& wait) {
    const QString kind = wait.value("kind").toString().section(' ', 0, 0);
    const QString name = wait.value("name").toString();
    return name.isEmpty() ? QStringLiteral("%1 #%2").arg(kind).arg(wait.value("obj").toInt())
                          : QStringLiteral("%1 '%2'").arg(kind, name);
}

QString holderText(const LoopState& state, const QJsonObject& wait) {
    const auto found = state.sync.find(wait.value("obj").toInteger(-1));
    if (found == state.sync.end() || found->second.holders.empty())
        return {};
    QStringList names;
    for (const int64_t holder : found->second.holders)
        names << taskName(state, holder);
    return QStringLiteral(" (held by %1)").arg(names.join(", "));
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

QString waitText(const LoopState& state, const TaskView& task) {
    const QJsonObject wait = parse(task.waitInfo).value("wait").toObject();
    const QString kind = wait.value("kind").toString();
    if (kind == "sleep")
        return QStringLiteral("sleep until %1").arg(formatTime(wait.value("until").toInteger()));
    if (kind == "lock" || kind == "semaphore")
        return objectLabel(wait) + holderText(state, wait);
    if (kind == "event" || kind == "condition" || kind == "barrier")
        return objectLabel(wait);
    if (kind.startsWith("queue"))
        return QStringLiteral("%1 on %2").arg(kind.section(' ', 1), objectLabel(wait));
    if (kind == "task")
        return QStringLiteral("task %1").arg(taskName(state, wait.value("task").toInteger()));
    if (kind == "gather") {
        QStringList names;
        for (const auto& id : wait.value("tasks").toArray())
            names << taskName(state, id.toInteger());
        const int jobs = wait.value("futures").toArray().size();
        if (jobs > 0)
            names << QStringLiteral("%1 job(s)").arg(jobs);
        return QStringLiteral("gather: %1").arg(names.join(", "));
    }
    if (kind == "executor")
        return QStringLiteral("%1 on %2 worker %3 until %4")
            .arg(wait.value("fn").toString(), wait.value("pool").toString())
            .arg(wait.value("worker").toInt())
            .arg(formatTime(wait.value("until").toInteger()));
    if (kind == "network")
        return QStringLiteral("response from %1").arg(wait.value("url").toString());
    if (kind == "future")
        return QStringLiteral("a Future");
    if (kind == "ready")
        return QStringLiteral("nothing (sleep(0): back in the ready queue)");
    return kind;
}

QString waitGroupKey(const TaskView& task) {
    const QJsonObject wait = parse(task.waitInfo).value("wait").toObject();
    if (wait.contains("obj"))
        return objectLabel(wait);
    return wait.value("kind").toString();
}

QStringList awaitChain(const TaskView& task) {
    QStringList chain;
    for (const auto& link : parse(task.waitInfo).value("chain").toArray())
        chain << link.toString();
    return chain;
}

QList<QPair<QString, QString>> frameLocals(const TaskView& task) {
    QList<QPair<QString, QString>> out;
    const QJsonObject locals = parse(task.waitInfo).value("locals").toObject();
    for (auto it = locals.begin(); it != locals.end(); ++it)
        out.append({it.key(), it.value().toString()});
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
