#pragma once
// The program's output up to the current step, as a list model: one row per printed line with
// its virtual time and the task (or worker) that printed it. Stepping only changes how many
// rows are visible, so a step costs the same whether the run printed ten lines or a million.

#include "TraceReplay.h"

#include <QAbstractListModel>

#include <vector>

namespace looplab {

class OutputModel : public QAbstractListModel {
    Q_OBJECT
  public:
    using QAbstractListModel::QAbstractListModel;

    void setReplay(const TraceReplay* replay);
    // Shows the lines printed before event `eventsApplied`.
    void showUpTo(size_t eventsApplied);
    QString text() const; // every visible line, for tests and copying

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

  private:
    const TraceReplay* replay_ = nullptr;
    std::vector<size_t> printEvents_; // indices of the run's print events, in order
    std::vector<QString> taskNames_;  // by task id, the name it had at the end of the run
    int visible_ = 0;
};

} // namespace looplab
