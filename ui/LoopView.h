#pragma once
// The event loop's insides at the current step: what its one thread runs, the ready queue in
// order, the timers by deadline, the tasks waiting grouped by what they wait on, the locks,
// semaphores, events and queues, and the executor jobs running now.

#include "LoopState.h"
#include "TraceReplay.h"

#include <QTreeWidget>

#include <utility>
#include <vector>

namespace looplab {

class LoopView : public QTreeWidget {
    Q_OBJECT
  public:
    explicit LoopView(QWidget* parent = nullptr);
    void showState(const LoopState& state, const TraceReplay* replay);

    // Section texts, for tests: e.g. items("Ready queue") == {"1. step Task-2", ...}.
    QStringList items(const QString& sectionPrefix) const;

  private:
    QTreeWidgetItem* section(const QString& title, const QString& tooltip);

    // Executor jobs of the current trace (event index, event), found once per trace so that a
    // step does not scan the whole run.
    const TraceReplay* jobsOf_ = nullptr;
    std::vector<std::pair<size_t, const TraceEvent*>> jobs_;
};

} // namespace looplab
