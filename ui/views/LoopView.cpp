#include "LoopView.h"

#include "LoopMotion.h"
#include "StateColors.h"
#include "TaskLabel.h"
#include "WaitText.h"
#include "WrappingItemDelegate.h"

#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QResizeEvent>
#include <functional>
#include <map>

namespace looplab {

namespace {
const QColor arrivalColour(0xE6, 0x9F, 0x00); // the "ready" colour: something just arrived
// Lists longer than this end in "… and N more": nobody reads 20,000 entries, and building
// them would make a step of a big run slow.
constexpr int kShownPerList = 40;

// Adds "… and N more" under parent when `shown` entries of `total` were listed.
void addRemainder(QTreeWidgetItem* parent, int shown, int total) {
    if (total > shown)
        new QTreeWidgetItem(parent, {QObject::tr("… and %1 more").arg(total - shown)});
}
} // namespace

void LoopView::tag(QTreeWidgetItem* item, const LoopState& state, qint64 task) {
    if (task < 0)
        return;
    item->setData(0, LoopMotion::kTaskRole, task);
    item->setData(0, LoopMotion::kNameRole, taskName(state, task));
    if (const auto found = state.tasks.find(task); found != state.tasks.end())
        item->setToolTip(0, taskTooltip(found->second));
}

QStringList LoopView::movingTasks() const {
    return motion_->chipsInFlight();
}

bool LoopView::isAnimating() const {
    return fade_->state() == QAbstractAnimation::Running;
}

void LoopView::highlightArrivals(bool newRun) {
    QSet<QString> now;
    QList<QTreeWidgetItem*> arrived;
    newItems_.clear();
    for (int i = 0; i < topLevelItemCount(); ++i) {
        QTreeWidgetItem* top = topLevelItem(i);
        const QString section = top->text(0).section(' ', 0, 1);
        for (int c = 0; c < top->childCount(); ++c) {
            QTreeWidgetItem* child = top->child(c);
            const QString key = section + '/' + child->text(0);
            now.insert(key);
            if (!newRun && !previous_.contains(key)) {
                arrived << child;
                newItems_ << child->text(0);
            }
        }
    }
    previous_ = now;
    fading_ = arrived;
    if (arrived.isEmpty())
        return;
    if (reduceMotion_) {
        QColor mark = arrivalColour;
        mark.setAlpha(90);
        for (QTreeWidgetItem* item : std::as_const(arrived))
            item->setBackground(0, mark);
        return;
    }
    fade_->start();
}

LoopView::LoopView(QWidget* parent) : QTreeWidget(parent), fade_(new QVariantAnimation(this)) {
    fade_->setStartValue(200);
    fade_->setEndValue(0);
    fade_->setDuration(700);
    connect(fade_, &QVariantAnimation::valueChanged, this, [this](const QVariant& alpha) {
        QColor colour = arrivalColour;
        colour.setAlpha(alpha.toInt());
        for (QTreeWidgetItem* item : std::as_const(fading_))
            item->setBackground(0, colour);
    });
    setHeaderHidden(true);
    setRootIsDecorated(false);
    setIndentation(16);
    // A line longer than the panel is wide wraps (at a projector's zoom most of them are):
    // elided, "runs first in, fi…" and "sleep until 1.00…" lose what they are there to say.
    setWordWrap(true);
    setUniformRowHeights(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setItemDelegate(new WrappingItemDelegate(this));
    setAccessibleName(tr("Event loop"));
    setToolTip(tr("Inside the event loop at this step: its one thread, the ready queue, timers, "
                  "waiting tasks, locks and queues"));
    motion_ = new LoopMotion(this);
}

void LoopView::resizeEvent(QResizeEvent* event) {
    QTreeWidget::resizeEvent(event);
    // Rows wrap at the viewport's width: another width, other heights.
    if (event->size().width() != event->oldSize().width())
        scheduleDelayedItemsLayout();
}

QTreeWidgetItem* LoopView::section(const QString& title, const QString& tooltip) {
    auto* item = new QTreeWidgetItem(this, {title});
    QFont bold = font();
    bold.setBold(true);
    item->setFont(0, bold);
    item->setToolTip(0, tooltip);
    item->setExpanded(true);
    return item;
}

void LoopView::showState(const LoopState& state, const TraceReplay* replay) {
    fade_->stop(); // its items are about to be deleted
    fading_.clear();
    motion_->capture();
    clear();
    // The one thread.
    QString thread;
    const auto running = state.tasks.find(state.runningTask);
    if (state.blockedUntilNs >= 0 && running != state.tasks.end()) {
        const QString where = lineText(running->second);
        thread = tr("BLOCKED until %1 by %2: a blocking call holds the loop's thread")
                     .arg(formatTime(state.blockedUntilNs),
                          QString::fromStdString(taskLabel(running->second)) +
                              (where.isEmpty() ? QString() : QStringLiteral(", ") + where));
    } else if (state.blockedUntilNs >= 0)
        thread = tr("BLOCKED until %1: a blocking call holds the loop's thread")
                     .arg(formatTime(state.blockedUntilNs));
    else if (state.runningTask >= 0) {
        // The running task's line, as the task table and the code view's highlight say it.
        const QString where = running == state.tasks.end() ? QString() : lineText(running->second);
        thread = tr("running %1, %2")
                     .arg(taskLabelText(state, state.runningTask),
                          where.isEmpty() ? tr("starting at the top") : where);
    } else
        thread = tr("the loop itself (choosing what to run next)");
    auto* threadItem = section(tr("Thread: %1").arg(thread),
                               tr("asyncio runs everything on one thread, one callback at a time"));
    if (state.blockedUntilNs >= 0)
        threadItem->setForeground(0, stateColor(TaskState::Failed));
    else if (state.runningTask >= 0)
        tag(threadItem, state, state.runningTask);
    // A narrow panel elides the line: the tooltip has it whole.
    threadItem->setToolTip(0, tr("%1\nasyncio runs everything on one thread, one callback at a "
                                 "time")
                                  .arg(threadItem->text(0)));

    auto* ready = section(tr("Ready queue (%1) — runs first in, first out").arg(state.ready.size()),
                          tr("Callbacks ready to run, in the order the loop will run them"));
    int position = 1;
    for (const QueuedCallback& callback : state.ready) {
        if (position > kShownPerList)
            break;
        // A task's own step or wake-up names the task as every view does, with its coroutine.
        const bool ofTask = callback.what == "step" || callback.what == "wake";
        const QString task = callback.task < 0 ? QString()
                             : ofTask          ? taskLabelText(state, callback.task)
                                               : taskName(state, callback.task);
        const QString text =
            QStringLiteral("%1. %2").arg(position).arg(callbackText(callback.what, task));
        tag(new QTreeWidgetItem(ready, {text}), state, callback.task);
        ++position;
    }
    addRemainder(ready, position - 1, static_cast<int>(state.ready.size()));

    auto* timers = section(tr("Timers (%1) — by deadline").arg(state.timers.size()),
                           tr("Callbacks scheduled for a later virtual time"));
    int timersShown = 0;
    for (const TimerView& timer : state.timers) {
        if (++timersShown > kShownPerList)
            break;
        const QString owner = timer.task >= 0 ? taskName(state, timer.task) : QString();
        tag(new QTreeWidgetItem(timers,
                                {QStringLiteral("%1 → %2").arg(formatTime(timer.whenNs),
                                                               callbackText(timer.what, owner))}),
            state, timer.task);
    }

    addRemainder(timers, std::min(timersShown, kShownPerList),
                 static_cast<int>(state.timers.size()));

    // Waiting tasks, grouped by what they wait on (the first few of each group by name).
    std::map<QString, std::vector<std::pair<QString, qint64>>> groups;
    std::map<QString, int> groupSizes;
    int waiting = 0;
    for (const auto& [id, task] : state.tasks) {
        if (task.state != TaskState::Waiting)
            continue;
        ++waiting;
        const QString key = waitGroupKey(task);
        if (++groupSizes[key] <= kShownPerList)
            groups[key].emplace_back(
                QStringLiteral("%1 — %2").arg(QString::fromStdString(taskLabel(task)),
                                              waitText(state, task)),
                id);
    }
    auto* waitingItem = section(tr("Waiting (%1)").arg(waiting),
                                tr("Suspended tasks, grouped by what they wait on"));
    for (const auto& [key, members] : groups) {
        auto* group = new QTreeWidgetItem(waitingItem, {key});
        group->setExpanded(true);
        for (const auto& [text, id] : members)
            tag(new QTreeWidgetItem(group, {text}), state, id);
        addRemainder(group, static_cast<int>(members.size()), groupSizes[key]);
    }

    if (!state.sync.empty()) {
        auto* sync =
            section(tr("Locks, semaphores, events, queues"), tr("Their state at this step"));
        for (const auto& [id, view] : state.sync) {
            const QJsonObject s =
                QJsonDocument::fromJson(QByteArray::fromStdString(view.state)).object();
            const QString kind = s.value("kind").toString();
            const QString name = s.value("name").toString();
            QString text = name.isEmpty() ? QStringLiteral("%1 #%2").arg(kind).arg(id)
                                          : QStringLiteral("%1 '%2'").arg(kind, name);
            if (kind == "lock")
                text +=
                    s.value("locked").toBool()
                        ? tr(": locked by %1").arg(taskName(state, s.value("holder").toInteger()))
                        : tr(": free");
            else if (kind == "semaphore")
                text += tr(": value %1").arg(s.value("value").toInt());
            else if (kind == "event")
                text += s.value("set").toBool() ? tr(": set") : tr(": not set");
            else if (kind == "queue")
                text += tr(": %1 item(s), %2 unfinished")
                            .arg(s.value("size").toInt())
                            .arg(s.value("unfinished").toInt());
            new QTreeWidgetItem(sync, {text});
        }
    }

    if (replay != jobsOf_) {
        jobsOf_ = replay;
        jobs_.clear();
        for (size_t i = 0; replay && i < replay->eventCount(); ++i)
            if (replay->events()[i].kind == EventKind::Job)
                jobs_.emplace_back(i, &replay->events()[i]);
    }
    if (replay) {
        QStringList jobs;
        for (const auto& [index, job] : jobs_) {
            if (index >= state.eventsApplied)
                break;
            const TraceEvent& e = *job;
            if (e.num > state.timeNs)
                jobs << tr("%1 worker %2: %3 until %4")
                            .arg(QString::fromStdString(e.text))
                            .arg(e.line)
                            .arg(QString::fromStdString(e.detail), formatTime(e.num));
        }
        if (!jobs.isEmpty()) {
            auto* workers = section(tr("Executor workers busy (%1)").arg(jobs.size()),
                                    tr("Blocking work running on simulated threads or processes"));
            for (const QString& job : jobs)
                new QTreeWidgetItem(workers, {job});
        }
    }
    expandAll();
    motion_->animate(!reduceMotion_ && replay == shownRun_);
    highlightArrivals(replay != shownRun_);
    shownRun_ = replay;
    applySpotlight();
}

bool LoopView::mentions(const QString& text, const QString& task) {
    for (qsizetype at = text.indexOf(task); at >= 0; at = text.indexOf(task, at + 1)) {
        const qsizetype end = at + task.size();
        auto partOfName = [](QChar c) { return c.isLetterOrNumber() || c == '_' || c == '-'; };
        if ((at == 0 || !partOfName(text[at - 1])) &&
            (end >= text.size() || !partOfName(text[end])))
            return true;
    }
    return false;
}

void LoopView::setSpotlight(const QString& key, const QSet<QString>& tasks) {
    const bool wasOn = !spotKey_.isEmpty() || !spotTasks_.isEmpty();
    spotKey_ = key;
    spotTasks_ = tasks;
    applySpotlight(wasOn);
}

void LoopView::applySpotlight(bool undo) {
    const bool on = !spotKey_.isEmpty() || !spotTasks_.isEmpty();
    // Entries are built fresh each step: with no spotlight there is nothing to do, unless the
    // spotlight was just switched off and the current entries still wear it.
    if (!on && !undo)
        return;
    const QColor dim = palette().color(QPalette::Disabled, QPalette::Text);
    std::function<void(QTreeWidgetItem*)> visit = [&](QTreeWidgetItem* item) {
        for (int c = 0; c < item->childCount(); ++c) {
            QTreeWidgetItem* child = item->child(c);
            bool bright = !on || child->text(0) == spotKey_;
            for (auto name = spotTasks_.cbegin(); !bright && name != spotTasks_.cend(); ++name)
                bright = mentions(child->text(0), *name);
            QFont font = child->font(0);
            font.setBold(on && bright);
            child->setFont(0, font);
            child->setForeground(0, bright ? palette().color(QPalette::Text) : dim);
            visit(child);
        }
    };
    for (int i = 0; i < topLevelItemCount(); ++i)
        visit(topLevelItem(i));
}

QStringList LoopView::items(const QString& sectionPrefix) const {
    QStringList out;
    for (int i = 0; i < topLevelItemCount(); ++i) {
        QTreeWidgetItem* top = topLevelItem(i);
        if (!top->text(0).startsWith(sectionPrefix))
            continue;
        for (int c = 0; c < top->childCount(); ++c)
            out << top->child(c)->text(0);
    }
    return out;
}

} // namespace looplab
