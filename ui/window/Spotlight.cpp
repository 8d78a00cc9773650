#include "Spotlight.h"

#include "LoopView.h"
#include "TaskTableModel.h"
#include "TimelineView.h"

#include <QTableView>
#include <QTreeWidgetItem>

namespace looplab {

Spotlight::Spotlight(TimelineView* timeline, QTableView* taskTable, TaskTableModel* tasks,
                     LoopView* loop, std::function<bool()> enabled,
                     std::function<const LoopState&()> state, QObject* parent)
    : QObject(parent), timeline_(timeline), taskModel_(tasks), loop_(loop),
      enabled_(std::move(enabled)), state_(std::move(state)) {
    connect(timeline_, &TimelineView::rowClicked, this, [this](int row, qint64) {
        if (enabled_() && timeline_->shownModel())
            toggle({}, {QString::fromStdString(
                           timeline_->shownModel()->rowLabel(static_cast<size_t>(row)))});
    });
    connect(taskTable, &QAbstractItemView::clicked, this, [this](const QModelIndex& index) {
        if (enabled_())
            toggle(
                {},
                {taskModel_->data(taskModel_->index(index.row(), 0), Qt::DisplayRole).toString()});
    });
    connect(loop_, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
        if (!enabled_() || !item->parent())
            return; // section titles are not things to put in the spotlight
        QStringList texts{item->text(0)};
        for (int c = 0; c < item->childCount(); ++c)
            texts << item->child(c)->text(0);
        loopEntryClicked(item->text(0), texts);
    });
}

void Spotlight::loopEntryClicked(const QString& entry, const QStringList& texts) {
    // The entry, and every task it or its entries name (a lock's holder and waiters).
    QSet<QString> tasks;
    for (const auto& task : state_().tasks) {
        const QString name = QString::fromStdString(task.second.name);
        for (const QString& text : texts)
            if (LoopView::mentions(text, name))
                tasks.insert(name);
    }
    toggle(entry, tasks);
}

void Spotlight::toggle(const QString& key, const QSet<QString>& tasks) {
    if (key == key_ && tasks == tasks_)
        show({}, {});
    else
        show(key, tasks);
}

void Spotlight::show(const QString& key, const QSet<QString>& tasks) {
    key_ = key;
    tasks_ = tasks;
    timeline_->setSpotlight(tasks_);
    taskModel_->setSpotlight(tasks_);
    loop_->setSpotlight(key_, tasks_);
}

} // namespace looplab
