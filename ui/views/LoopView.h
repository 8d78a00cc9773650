#pragma once
// The event loop's insides at the current step: what its one thread runs, the ready queue in
// order, the timers by deadline, the tasks waiting grouped by what they wait on, the locks,
// semaphores, events and queues, and the executor jobs running now.

#include "LoopState.h"
#include "TraceReplay.h"

#include <QSet>
#include <QTreeWidget>
#include <QVariantAnimation>

#include <utility>
#include <vector>

namespace looplab {

class LoopMotion;

class LoopView : public QTreeWidget {
    Q_OBJECT
  public:
    explicit LoopView(QWidget* parent = nullptr);
    void showState(const LoopState& state, const TraceReplay* replay);

    // Section texts, for tests: e.g. items("Ready queue") == {"1. step Task-2", ...}.
    QStringList items(const QString& sectionPrefix) const;

    // What arrived since the previous step is highlighted: a short fade, or with reduced
    // motion a plain mark that changes instantly.
    void setReduceMotion(bool reduce) { reduceMotion_ = reduce; }
    QStringList newItems() const { return newItems_; }
    // Tasks that moved at the last step, gliding to their new place (for tests).
    QStringList movingTasks() const;

    // Presenting: the entry reading `key`, and every entry naming one of `tasks`, stay bright;
    // all other entries are dimmed. Kept across steps until cleared with empty arguments.
    void setSpotlight(const QString& key, const QSet<QString>& tasks);
    // Whether `text` names `task` as a whole word ("Task-1" is not in "Task-10").
    static bool mentions(const QString& text, const QString& task);
    bool isAnimating() const;

  protected:
    void resizeEvent(QResizeEvent* event) override;

  private:
    QTreeWidgetItem* section(const QString& title, const QString& tooltip);
    void highlightArrivals(bool newRun);
    // Marks an entry as standing for one task, so a move of that task can be animated.
    static void tag(QTreeWidgetItem* item, const LoopState& state, qint64 task);
    LoopMotion* motion_ = nullptr;
    void applySpotlight(bool undo = false);
    QString spotKey_;
    QSet<QString> spotTasks_;
    const TraceReplay* shownRun_ = nullptr; // highlights compare steps of the same run only

    bool reduceMotion_ = false;
    QSet<QString> previous_; // "section/text" of every entry at the previous step
    QStringList newItems_;
    QList<QTreeWidgetItem*> fading_;
    QVariantAnimation* fade_ = nullptr;

    // Executor jobs of the current trace (event index, event), found once per trace so that a
    // step does not scan the whole run.
    const TraceReplay* jobsOf_ = nullptr;
    std::vector<std::pair<size_t, const TraceEvent*>> jobs_;
};

} // namespace looplab
