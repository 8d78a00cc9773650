#pragma once
// The presenter's spotlight: one task, or one loop entry such as a lock with the tasks it
// names, stays bright in the timeline, the task table and the loop view while everything else
// dims. A click on a timeline row, a table row or a loop entry puts it there while
// `enabled()` (presenting) holds; the same click again lets everything come back.

#include "LoopState.h"

#include <QObject>
#include <QSet>
#include <QString>

#include <functional>

class QTableView;

namespace looplab {

class LoopView;
class TaskTableModel;
class TimelineView;

class Spotlight : public QObject {
    Q_OBJECT
  public:
    Spotlight(TimelineView* timeline, QTableView* taskTable, TaskTableModel* tasks, LoopView* loop,
              std::function<bool()> enabled, std::function<const LoopState&()> state,
              QObject* parent);

    // Puts `key` (a loop entry's text, may be empty) and `tasks` in the spotlight, or, when
    // they are already there, turns the spotlight off.
    void toggle(const QString& key, const QSet<QString>& tasks);
    void clear() { show({}, {}); }
    QSet<QString> tasks() const { return tasks_; }

  private:
    void show(const QString& key, const QSet<QString>& tasks);
    void loopEntryClicked(const QString& entry, const QStringList& texts);

    TimelineView* timeline_;
    TaskTableModel* taskModel_;
    LoopView* loop_;
    std::function<bool()> enabled_;
    std::function<const LoopState&()> state_;
    QString key_;
    QSet<QString> tasks_;
};

} // namespace looplab
