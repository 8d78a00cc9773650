#include "ScheduleActions.h"

#include "ComparisonDialog.h"
#include "ExploreDialog.h"
#include "MainWindow.h"

#include <QAction>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QStatusBar>

namespace looplab {

namespace {

QAction* addAction(QMenu* menu, QWidget* window, const QString& text, const QString& tip) {
    auto* action = new QAction(text, window);
    action->setToolTip(tip);
    action->setStatusTip(tip);
    menu->addAction(action);
    window->addAction(action);
    return action;
}

} // namespace

ScheduleActions::ScheduleActions(MainWindow* window, QMenu* menu)
    : QObject(window), window_(window) {
    QAction* explore = addAction(menu, window, tr("&Explore Schedules…"),
                                 tr("Run the program under many other legal schedules and group "
                                    "the runs by outcome"));
    explore->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X));
    connect(explore, &QAction::triggered, this, &ScheduleActions::explore);
    QAction* keep = addAction(menu, window, tr("&Keep This Run"),
                              tr("Remember this run to compare the next one with it"));
    connect(keep, &QAction::triggered, this, &ScheduleActions::keepRun);
    compare_ = addAction(menu, window, tr("&Compare with Kept Run…"),
                         tr("The kept run and this one side by side, with the first difference "
                            "marked"));
    compare_->setEnabled(false);
    connect(compare_, &QAction::triggered, this, &ScheduleActions::compare);
    menu->addSeparator();
    defaultSchedule_ = addAction(menu, window, tr("Back to the &Default Schedule"),
                                 tr("Run the program under LoopLab's unperturbed model again"));
    defaultSchedule_->setEnabled(false);
    connect(defaultSchedule_, &QAction::triggered, this, [this] { openSchedule(-1, 0); });
    note_ = new QLabel(window);
    note_->setAccessibleName(tr("Schedule of this run"));
    note_->hide();
    window->statusBar()->addPermanentWidget(note_);
    connect(window, &MainWindow::programOpened, this, &ScheduleActions::showSchedule);
}

QString ScheduleActions::scheduleNote() const {
    return note_->text();
}

void ScheduleActions::showSchedule() {
    const qint64 seed = window_->run().scheduleSeed;
    note_->setText(seed >= 0 ? tr("Schedule seed %1").arg(seed) : QString());
    note_->setToolTip(tr("This run is one of the other legal schedules (Run → Explore "
                         "Schedules…), not LoopLab's default one"));
    note_->setVisible(seed >= 0);
    defaultSchedule_->setEnabled(seed >= 0);
}

void ScheduleActions::explore() {
    if (explorer_) {
        explorer_->show();
        explorer_->raise();
        return;
    }
    // The editor's code, as Run would run it: exploring after a fix explores the fix.
    const QString copy = window_->writeRunCopy();
    if (copy.isEmpty())
        return;
    explorer_ = new ExploreDialog(window_->looplabExecutable(), copy,
                                  QFileInfo(window_->programPath()).fileName(), window_);
    explorer_->setAttribute(Qt::WA_DeleteOnClose);
    connect(explorer_, &ExploreDialog::openRun, this, &ScheduleActions::openSchedule);
    explorer_->show();
    explorer_->start();
}

void ScheduleActions::keepRun() {
    kept_ = window_->run();
    compare_->setEnabled(kept_.recorded());
    window_->statusBar()->showMessage(
        tr("Kept this run (%1). Run again or open another outcome, then Run → Compare with Kept "
           "Run.")
            .arg(ComparisonDialog::scheduleName(kept_)),
        8000);
}

void ScheduleActions::compare() {
    if (!kept_.recorded() || !window_->run().recorded())
        return;
    if (comparison_)
        comparison_->close();
    comparison_ = new ComparisonDialog(kept_, window_->run(), window_);
    comparison_->setAttribute(Qt::WA_DeleteOnClose);
    comparison_->show();
}

void ScheduleActions::openSchedule(qint64 seed, double jitter) {
    window_->setSchedule(seed, jitter);
    window_->runEditedCode();
    showSchedule();
    window_->statusBar()->showMessage(
        seed >= 0 ? tr("This run: schedule seed %1 (looplab %2 --schedule-seed %1)")
                        .arg(seed)
                        .arg(QFileInfo(window_->programPath()).fileName())
                  : tr("This run: the default schedule"),
        10000);
}

} // namespace looplab
