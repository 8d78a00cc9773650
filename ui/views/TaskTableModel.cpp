#include "TaskTableModel.h"

#include "StateColors.h"
#include "TaskLabel.h"
#include "WaitText.h"

#include <QColor>

namespace looplab {

void TaskTableModel::setState(const LoopState& state) {
    const bool sameRows = state.tasks.size() == order_.size();
    state_ = &state;
    if (!sameRows) {
        beginResetModel();
        order_.clear();
        for (const auto& entry : state_->tasks)
            order_.push_back(entry.first);
        endResetModel();
    } else if (!order_.empty()) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

void TaskTableModel::setSpotlight(const QSet<QString>& names) {
    spotlight_ = names;
    if (!order_.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

qint64 TaskTableModel::taskAt(int row) const {
    return row >= 0 && row < rowCount() ? order_[static_cast<size_t>(row)] : -1;
}

int TaskTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(order_.size());
}

int TaskTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TaskTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || !state_)
        return {};
    const TaskView& task = state_->tasks.at(order_[static_cast<size_t>(index.row())]);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name:
            return QString::fromStdString(taskLabel(task));
        case State:
            return stateLabel(task.state);
        case Line:
            // A task that has not started has no line of its own (where it was created is the
            // code of the task that made it).
            return task.started && task.line > 0 ? QVariant(qlonglong(task.line)) : QVariant();
        case Detail:
            // While it runs, what it does now; its last wait is history (no stale "sleep").
            return task.state == TaskState::Waiting ? waitText(*state_, task) : activityText(task);
        }
    }
    if (role == Qt::DecorationRole && index.column() == State)
        return stateColor(task.state);
    // (No font role: a font from here would ignore the table's zoomed font.)
    if (role == Qt::ForegroundRole && !spotlight_.isEmpty() &&
        !spotlight_.contains(QString::fromStdString(task.name)))
        return QColor(Qt::gray);
    if (role == Qt::ToolTipRole && index.column() == Name)
        return taskTooltip(task);
    if (role == Qt::ToolTipRole) {
        const QStringList chain = awaitChain(task); // only while it is paused at an await
        return chain.isEmpty()
                   ? QVariant()
                   : QVariant(tr("Await chain: %1").arg(chain.join(QStringLiteral(" → "))));
    }
    return {};
}

QVariant TaskTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Task");
    case State:
        return tr("State");
    case Line:
        return tr("Line");
    case Detail:
        return tr("Waiting on / result");
    }
    return {};
}

} // namespace looplab
