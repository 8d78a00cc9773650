#pragma once
// The Run menu's schedule explorer: Explore Schedules… (ExploreDialog), opening an outcome's
// run for stepping, Keep This Run, Compare with Kept Run… (ComparisonDialog) and going back to
// the default schedule. The window records; this only says under which schedule.

#include "ComparisonDialog.h"
#include "ExploreDialog.h"
#include "ProgramRun.h"

#include <QObject>
#include <QPointer>

class QAction;
class QMenu;

namespace looplab {

class MainWindow;

class ScheduleActions : public QObject {
    Q_OBJECT
  public:
    ScheduleActions(MainWindow* window, QMenu* menu);

    void explore();
    void keepRun();
    void compare();
    // Records the program again under `seed` (-1: the default schedule) and shows it.
    void openSchedule(qint64 seed, double jitter);

    bool hasKeptRun() const { return kept_.recorded(); }
    ExploreDialog* exploreDialog() const { return explorer_; }
    ComparisonDialog* comparisonDialog() const { return comparison_; }

  private:
    MainWindow* window_;
    ProgramRun kept_;
    QAction* compare_ = nullptr;
    QAction* defaultSchedule_ = nullptr;
    QPointer<ExploreDialog> explorer_;
    QPointer<ComparisonDialog> comparison_;
};

} // namespace looplab
