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
class QLabel;
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
    // The status bar's note of the schedule on screen ("schedule seed 3"; hidden for the
    // default schedule), so a perturbed run is never mistaken for the default one.
    QString scheduleNote() const;
    ExploreDialog* exploreDialog() const { return explorer_; }
    ComparisonDialog* comparisonDialog() const { return comparison_; }

  private:
    void showSchedule();

    MainWindow* window_;
    QLabel* note_ = nullptr;
    ProgramRun kept_;
    QAction* compare_ = nullptr;
    QAction* defaultSchedule_ = nullptr;
    QPointer<ExploreDialog> explorer_;
    QPointer<ComparisonDialog> comparison_;
};

} // namespace looplab
