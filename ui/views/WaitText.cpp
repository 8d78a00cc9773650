#include "WaitText.h"

#include "JsonFields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <climits>
#include <optional>
#include <string_view>

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

// The "wait" object of a task's wait description ({"wait":{...},"chain":[...],"locals":{...}}),
// parsed alone: the chain and locals are most of the text and not needed here.
QJsonObject waitOf(const TaskView& task) {
    const std::string_view wait = jsonField(task.waitInfo, "wait");
    if (wait.empty())
        return parse(task.waitInfo).value("wait").toObject();
    return QJsonDocument::fromJson(
               QByteArray::fromRawData(wait.data(), static_cast<qsizetype>(wait.size())))
        .object();
}

QString fromUtf8(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
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
    const auto& holders = found->second.holders;
    QStringList names;
    for (size_t i = 0; i < holders.size() && names.size() < kNamesShown; ++i)
        names << taskName(state, holders[i]);
    return QStringLiteral(" (held by %1)").arg(nameList(names, qsizetype(holders.size())));
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
    // A gather of thousands of tasks: its first names and its size are read from the text, as
    // parsing every id (three views ask on every step) cost more than the rest of a jump.
    const std::string_view raw = jsonField(task.waitInfo, "wait");
    if (jsonPlainString(jsonField(raw, "kind")) == std::string_view("gather")) {
        const auto ids = jsonArrayItems(jsonField(raw, "tasks"));
        const auto futures = jsonArrayItems(jsonField(raw, "futures"));
        QStringList names;
        for (size_t i = 0; ids && i < ids->size() && names.size() < kNamesShown; ++i)
            if (const auto id = jsonInteger((*ids)[i]))
                names << taskName(state, *id);
        if (ids && futures && names.size() == qsizetype(std::min<size_t>(ids->size(), kNamesShown)))
            return gatherText(names, qsizetype(ids->size()), int(futures->size()));
    }
    const QJsonObject wait = waitOf(task);
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
        const QJsonArray tasks = wait.value("tasks").toArray();
        QStringList names;
        for (qsizetype i = 0; i < tasks.size() && names.size() < kNamesShown; ++i)
            names << taskName(state, tasks[i].toInteger());
        return gatherText(names, tasks.size(), wait.value("futures").toArray().size());
    }
    if (kind == "taskgroup") {
        const QJsonArray tasks = wait.value("tasks").toArray();
        QStringList names;
        for (qsizetype i = 0; i < tasks.size() && names.size() < kNamesShown; ++i)
            names << taskName(state, tasks[i].toInteger());
        return QStringLiteral("end of TaskGroup: %1").arg(nameList(names, tasks.size()));
    }
    if (kind == "shield")
        return QStringLiteral("task %1 (shielded)")
            .arg(taskName(state, wait.value("task").toInteger()));
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
    // The loop view asks this for every waiting task on every step, so the usual case reads
    // the three fields as text; anything unusual (escapes, a non-integer id) is parsed below.
    const std::string_view raw = jsonField(task.waitInfo, "wait");
    const std::optional<std::string_view> kind = jsonPlainString(jsonField(raw, "kind"));
    const std::string_view objRaw = jsonField(raw, "obj");
    if (kind && objRaw.empty())
        return fromUtf8(*kind);
    const std::string_view nameRaw = jsonField(raw, "name");
    const std::optional<std::string_view> name =
        nameRaw.empty() ? std::optional<std::string_view>("") : jsonPlainString(nameRaw);
    const std::optional<int64_t> obj = jsonInteger(objRaw);
    if (kind && name && obj) {
        const QString label = fromUtf8(*kind).section(' ', 0, 0);
        // As objectLabel: QJsonValue::toInt() gives 0 for ids past int's range.
        const int id = *obj >= INT_MIN && *obj <= INT_MAX ? static_cast<int>(*obj) : 0;
        return name->empty() ? QStringLiteral("%1 #%2").arg(label).arg(id)
                             : QStringLiteral("%1 '%2'").arg(label, fromUtf8(*name));
    }
    const QJsonObject wait = waitOf(task);
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
