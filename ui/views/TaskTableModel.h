#pragma once
// The Tasks table: one row per task with its state, line, and what it waits on or how it ended.

#include "LoopState.h"

#include <QAbstractTableModel>
#include <QSet>
#include <QString>

#include <vector>

namespace looplab {

class TaskTableModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column { Name, State, Line, Detail, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    // Shows `state`, which must outlive this model's use of it (the step controller's state).
    void setState(const LoopState& state);
    qint64 taskAt(int row) const;
    // Presenting: rows of these task names stay bright (bold), the others are greyed.
    void setSpotlight(const QSet<QString>& names);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  private:
    const LoopState* state_ = nullptr;
    std::vector<qint64> order_;
    QSet<QString> spotlight_;
};

} // namespace looplab
