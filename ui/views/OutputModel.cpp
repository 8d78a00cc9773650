#include "OutputModel.h"

#include "WaitText.h"

#include <algorithm>

namespace looplab {

void OutputModel::setReplay(const TraceReplay* replay) {
    beginResetModel();
    replay_ = replay;
    printEvents_.clear();
    taskNames_.clear();
    visible_ = 0;
    if (replay_) {
        for (size_t i = 0; i < replay_->eventCount(); ++i) {
            const TraceEvent& e = replay_->events()[i];
            if (e.kind == EventKind::Print && !isErrorText(e)) { // stderr: Errors and reports
                printEvents_.push_back(i);
            } else if (e.kind == EventKind::TaskCreated || e.kind == EventKind::TaskRenamed) {
                if (e.task >= static_cast<int64_t>(taskNames_.size()))
                    taskNames_.resize(static_cast<size_t>(e.task) + 1);
                taskNames_[static_cast<size_t>(e.task)] = QString::fromStdString(e.text);
            }
        }
    }
    endResetModel();
}

void OutputModel::showUpTo(size_t eventsApplied) {
    const int rows =
        static_cast<int>(std::lower_bound(printEvents_.begin(), printEvents_.end(), eventsApplied) -
                         printEvents_.begin());
    if (rows > visible_) {
        beginInsertRows({}, visible_, rows - 1);
        visible_ = rows;
        endInsertRows();
    } else if (rows < visible_) {
        beginRemoveRows({}, rows, visible_ - 1);
        visible_ = rows;
        endRemoveRows();
    }
}

int OutputModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : visible_;
}

QVariant OutputModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= visible_ || role != Qt::DisplayRole)
        return {};
    const TraceEvent& e = replay_->events()[printEvents_[static_cast<size_t>(index.row())]];
    const QString who = e.task >= 0 && e.task < static_cast<int64_t>(taskNames_.size())
                            ? taskNames_[static_cast<size_t>(e.task)]
                            : QString::fromStdString(e.detail);
    return QStringLiteral("[%1] %2: %3").arg(formatTime(e.t), who, QString::fromStdString(e.text));
}

QString OutputModel::text() const {
    QStringList lines;
    for (int row = 0; row < visible_; ++row)
        lines << data(index(row), Qt::DisplayRole).toString();
    return lines.join('\n');
}

} // namespace looplab
