#include "MainWindow.h"

#include "ChartsPanel.h"
#include "CodeView.h"
#include "DeadlockView.h"
#include "FileActions.h"
#include "LessonBrowser.h"
#include "LessonCatalog.h"
#include "LessonChecker.h"
#include "LessonPanel.h"
#include "LessonParser.h"
#include "LoopView.h"
#include "Narrator.h"
#include "OutputModel.h"
#include "PresentationMode.h"
#include "RunPermission.h"
#include "RunStatistics.h"
#include "Spotlight.h"
#include "StepPlayer.h"
#include "TaskLabel.h"
#include "TaskTableModel.h"
#include "TimelineModel.h"
#include "TimelineView.h"
#include "UnsavedEdits.h"
#include "ViewExporter.h"
#include "WaitText.h"
#include "WindowActions.h"
#include "WindowExport.h"
#include "WindowZoom.h"

#include <QApplication>
#include <QCloseEvent>
#include <QCryptographicHash>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QSettings>
#include <QSlider>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <unordered_set>

namespace looplab {

MainWindow::MainWindow(QString looplabExecutable, QWidget* parent)
    : QMainWindow(parent), looplab_(std::move(looplabExecutable)) {
    setWindowTitle(tr("LoopLab"));
    layout_ = new WindowLayout(this, progress_);
    export_ = new WindowExport(this, layout_->timelineView(), layout_->chartsPanel());
    buildModes();
    connectLessons();
    edits_ = new UnsavedEdits(layout_->codeView(), statusBar(), this);
    files_ = new FileActions(this, layout_->codeView(), edits_);
    player_ = new StepPlayer(controller_, this);
    actions_ = new WindowActions(this, *layout_);
    connectViews();
    connect(&controller_, &StepController::stateChanged, this, &MainWindow::showStep);
    // Closing or opening the lesson panel moves its notes into the code or out of it.
    connect(layout_->lessonDock(), &QDockWidget::visibilityChanged, this,
            [this] { QTimer::singleShot(0, this, [this] { showStep(); }); });
    permission_ = std::make_unique<RunPermission>(
        QString::fromStdString(findLessonFolder(looplab_.toStdString())));
    permission_->attachBadge(statusBar());
}

MainWindow::~MainWindow() = default;

bool MainWindow::deadlockFilled() const {
    return layout_->deadlockFilled();
}

void MainWindow::buildModes() {
    zoom_ = new WindowZoom(this);
    layout_->growWith(*zoom_);
    connect(zoom_, &WindowZoom::scaleChanged, this, [this](double scale) {
        statusBar()->showMessage(tr("Zoom %1%").arg(qRound(scale * 100)), 2000);
        // Once the views have their new size, the current line is centred again.
        QTimer::singleShot(0, this, [this] { showStep(); });
    });
    layout_->growLessonWith(*zoom_);
    connect(layout_->deadlockView(), &DeadlockView::fillRequested, layout_,
            &WindowLayout::toggleDeadlockFill);

    // The audience sees code, loop, clock, narration and timeline; the task table goes.
    presentation_ = new PresentationMode(this, {layout_->tasksPanel()}, layout_->bottomTabs(),
                                         layout_->timelineView());
    connect(presentation_, &PresentationMode::stepRequested, this,
            [this](int direction) { direction > 0 ? controller_.forward() : controller_.back(); });
    connect(presentation_, &PresentationMode::activeChanged, this, [this](bool active) {
        player_->stop();
        zoom_->setMode(active ? QStringLiteral("present") : QStringLiteral("normal"));
        layout_->sharePresentingHeight(active);
        if (!active)
            spotlight_->clear();
    });
    // Presenting, a click puts a task or a lock in the spotlight instead of jumping or
    // selecting.
    spotlight_ = new Spotlight(
        layout_->timelineView(), layout_->taskTable(), layout_->taskModel(), layout_->loopView(),
        [this] { return isPresenting(); },
        [this]() -> const LoopState& { return controller_.state(); }, this);
}

void MainWindow::connectViews() {
    connect(layout_->slider(), &QSlider::valueChanged, &controller_, &StepController::goToStop);
    connect(layout_->taskTable()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::showTaskDetails);
    connect(layout_->timelineView(), &TimelineView::timeClicked, this, [this](qint64 ns) {
        if (!isPresenting()) // presenting, a click is the spotlight's
            controller_.goToTime(ns);
    });
    CodeView* code = layout_->codeView();
    connect(code, &CodeView::breakpointsChanged, &controller_, &StepController::setBreakpoints);
}

void MainWindow::connectLessons() {
    LessonPanel* lessonPanel = layout_->lessonPanel();
    LessonBrowser* browser = layout_->lessonBrowser();
    connect(lessonPanel, &LessonPanel::resetRequested, this, &MainWindow::revertEdits);
    connect(lessonPanel, &LessonPanel::nextRequested, this, &MainWindow::openNextLesson);
    connect(lessonPanel, &LessonPanel::progressChanged, browser, &LessonBrowser::refreshProgress);
    // A prediction locked in may reveal what lies ahead (see hideWhatComesLater).
    connect(lessonPanel, &LessonPanel::progressChanged, this, [this] { showStep(); });
    connect(browser, &LessonBrowser::lessonActivated, this, [this](const QString& path) {
        if (files_->confirmLeave())
            openProgram(path);
    });
    // The folder the user chose last, else the built-in course.
    const QString saved = QSettings().value(QStringLiteral("lessonFolder")).toString();
    browser->setFolder(!saved.isEmpty() && QDir(saved).exists()
                           ? saved
                           : QString::fromStdString(findLessonFolder(looplab_.toStdString())));
}

void MainWindow::openLessonFolder(const QString& folder) {
    if (folder.isEmpty())
        return;
    LessonBrowser* browser = layout_->lessonBrowser();
    QDockWidget* courseDock = layout_->courseDock();
    browser->setFolder(folder);
    if (browser->folder() != QString::fromStdString(findLessonFolder(looplab_.toStdString())))
        QSettings().setValue(QStringLiteral("lessonFolder"), folder);
    if (isVisible()) {
        courseDock->show();
        courseDock->raise();
    }
    if (browser->lessonCount() == 0)
        statusBar()->showMessage(tr("No lessons (.py files) in %1").arg(folder));
}

void MainWindow::openNextLesson() {
    LessonBrowser* browser = layout_->lessonBrowser();
    const QString next = browser->nextLesson(run_.programPath);
    if (next.isEmpty()) {
        statusBar()->showMessage(browser->lessonCount() > 0
                                     ? tr("This is the last lesson of the course.")
                                     : tr("No course is open: File → Open Lesson Folder."));
        return;
    }
    if (files_->confirmLeave())
        openProgram(next);
}

const std::vector<TraceEvent>& MainWindow::runEvents() const {
    static const std::vector<TraceEvent> none; // a run that left no trace
    return run_.replay ? run_.replay->events() : none;
}

void MainWindow::showLesson() {
    LessonPanel* lessonPanel = layout_->lessonPanel();
    const Lesson lesson = loadLesson(run_.programPath.toStdString());
    // The lesson's text and notes are the lesson panel's to show, each when its time comes.
    CodeView* code = layout_->codeView();
    code->foldLessonText(lesson.isLesson() ? lesson.docstringFirstLine : 0,
                         lesson.isLesson() ? lesson.docstringLastLine : 0);
    std::vector<std::pair<int, int>> notes;
    if (lesson.isLesson())
        for (const LessonNote& note : lesson.notes)
            notes.emplace_back(note.commentLine, note.commentColumn);
    code->hideNoteComments(notes);
    if (!lesson.isLesson()) {
        lessonPanel->clear();
        layout_->lessonDock()->hide();
        return;
    }
    const LessonChecker checker(runEvents());
    std::vector<QuestionVerdict> verdicts;
    for (const LessonQuestion& question : lesson.questions)
        verdicts.push_back(checker.judge(question));
    lessonPanel->setLesson(lesson, verdicts, checker.noteEvents(lesson),
                           run_.replay ? checker.verify(lesson) : lesson.problems);
    layout_->lessonBrowser()->setCurrentLesson(run_.programPath);
    layout_->showLessonDocks(zoom_->scale());
}

void MainWindow::setPlaySpeed(double stepsPerSecond) {
    player_->setStepsPerSecond(stepsPerSecond);
}

bool MainWindow::saveEdits() {
    return edits_->save();
}

bool MainWindow::editsUnsaved() const {
    return edits_->failed();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    // (The last half second of typing is kept first, whatever the answer.)
    if (!files_->confirmLeave()) {
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::revertEdits() {
    edits_->discard();
    openProgram(run_.programPath);
}

QString MainWindow::writeRunCopy() {
    saveEdits();
    return edits_->writeRunCopy(QString());
}

void MainWindow::setSchedule(qint64 seed, double jitter) {
    runArguments_.clear();
    if (seed >= 0)
        runArguments_ << QStringLiteral("--schedule-seed") << QString::number(seed)
                      << QStringLiteral("--jitter") << QString::number(jitter, 'g', 17);
}

bool MainWindow::openProgram(const QString& path) {
    run_ = recordProgram(looplab_, path, this, permission_.get(), QString(), runArguments_);
    // A long recording's progress dialog took the activation: the keys step again at once.
    if (isVisible())
        activateWindow();
    restoredEdits_ = edits_->open(path, run_.source);
    showLesson();
    showRun(0);
    if (restoredEdits_)
        statusBar()->showMessage(tr("Your unsaved edits from last time are back in the editor. "
                                    "Ctrl+R runs them; File → Revert to Saved discards them."));
    emit programOpened(path);
    return run_.recorded();
}

void MainWindow::runEditedCode() {
    CodeView* code = layout_->codeView();
    LessonPanel* lessonPanel = layout_->lessonPanel();
    saveEdits();
    // The edited code runs from a copy beside the user's settings, so the original file is
    // untouched and the edits survive a crash of anything; the copy is exactly the editor's
    // text, or nothing runs.
    QTemporaryDir fallback;
    const QString copy = edits_->writeRunCopy(fallback.isValid() ? fallback.path() : QString());
    if (copy.isEmpty()) {
        statusBar()->showMessage(
            tr("Cannot run the edited code: no folder to write a copy of it to."));
        return;
    }
    // The new run opens at the same moment (virtual time), not the same step number: the
    // edit may have added or removed steps before it.
    const StepController::Moment keep = controller_.moment();
    const QString original = run_.programPath;
    run_ = recordProgram(looplab_, copy, this, permission_.get(), original, runArguments_);
    run_.programPath = original;
    if (lessonPanel->hasLesson()) {
        // The notes follow the edited code's lines and its new run.
        const Lesson edited = parseLesson(code->text().toStdString(), original.toStdString());
        const LessonChecker checker(runEvents());
        lessonPanel->setNoteEvents(edited, checker.noteEvents(edited), checker.verifyNotes(edited));
    }
    showRun(0);
    controller_.goToMoment(keep);
    // Back to stepping: the arrow keys step again instead of moving the editor's cursor.
    activateWindow(); // (the progress dialog of a long run had it)
    layout_->timelineView()->setFocus();
}

void MainWindow::showRun(int keepStop) {
    CodeView* code = layout_->codeView();
    QSlider* slider = layout_->slider();
    code->markerDeleteAll(); // markers of the previous run, errors included
    narrator_.reset();
    layout_->outputModel()->setReplay(run_.replay.get());
    errorsSoFar_.setReplay(run_.replay.get());
    controller_.setLoops(run_.loops);
    controller_.setReplay(run_.replay);
    timelineModel_ = run_.replay ? std::make_shared<const TimelineModel>(*run_.replay)
                                 : std::make_shared<const TimelineModel>();
    layout_->timelineView()->setModel(timelineModel_);
    statistics_ = std::make_shared<const RunStatistics>(*timelineModel_);
    export_->setRun({timelineModel_.get(), statistics_.get(),
                     run_.replay ? &run_.replay->events() : nullptr, run_.programPath});
    const bool edited = edits_->edited();
    layout_->chartsPanel()->setRun(run_.replay ? statistics_ : nullptr,
                                   QFileInfo(run_.programPath).fileName() +
                                       (edited ? tr(" (edited)") : QString()));
    slider->blockSignals(true);
    slider->setRange(0, controller_.stopCount() - 1);
    slider->blockSignals(false);
    controller_.goToStop(keepStop);
    markProblems();
    permission_->showRunState(run_.unconfined);
    showStep();
}

void MainWindow::markProblems() {
    QPlainTextEdit* problems = layout_->problems();
    QTabWidget* tabs = layout_->bottomTabs();
    DeadlockView* deadlock = layout_->deadlockView();
    QString report = run_.problem.isEmpty() ? run_.standardError : run_.problem;
    problems->setPlainText(report.isEmpty() ? tr("The program %1.").arg(run_.endSummary())
                                            : report);
    if (run_.exitStatus != 0 && !report.isEmpty() && controller_.deadlockStop() < 0)
        tabs->setCurrentWidget(problems);
    // A deadlock gets its own tab (the wait-for graph with the cycle, explained), shown from the
    // deadlock's step on (showDeadlock): before it, it would give the ending away.
    const TraceEvent* end = nullptr;
    if (run_.replay && run_.replay->eventCount() > 0 &&
        run_.replay->events().back().kind == EventKind::End)
        end = &run_.replay->events().back();
    deadlock->setDeadlock(end ? QString::fromStdString(end->detail) : QString());
    // Only an uncaught exception is where the run failed: a traceback asyncio wrote while the
    // program went on ("Task exception was never retrieved") is a report, shown at its step.
    errorLine_ = run_.exitStatus == 1 ? run_.failureLine() : 0;
    errorMessage_ = errorLine_ ? run_.standardError.trimmed().split('\n').last() : QString();
}

QString MainWindow::outputText() const {
    return layout_->outputModel()->text();
}

void MainWindow::showStep() {
    CodeView* code = layout_->codeView();
    QSlider* slider = layout_->slider();
    LessonPanel* lessonPanel = layout_->lessonPanel();
    QLabel* narrationLabel = layout_->narrationLabel();
    const LoopState& state = controller_.state();
    const TraceEvent* last = controller_.lastEvent();
    layout_->clockLabel()->setText(QStringLiteral("t = %1").arg(formatTime(state.timeNs)));
    layout_->stepLabel()->setText(tr("step %1 of %2")
                                      .arg(controller_.currentStop())
                                      .arg(std::max(0, controller_.stopCount() - 1)));
    slider->blockSignals(true);
    slider->setRange(0, controller_.stopCount() - 1); // unfolding the clean-up adds steps
    slider->setValue(controller_.currentStop());
    slider->blockSignals(false);

    if (!last) {
        narrationLabel->setText(run_.recorded() ? tr("Press → to watch the event loop run the "
                                                     "program one step at a time.")
                                                : run_.problem);
    } else {
        if (!narrator_)
            narrator_ = std::make_unique<Narrator>(*controller_.replay());
        narrationLabel->setText(
            QString::fromStdString(narrator_->sentence(controller_.lastEventIndex())));
    }

    layout_->fitNarration();
    // The line this step is about, by the one rule the task table and the narration follow
    // too: not the line that created a task that is only now starting.
    const int line = static_cast<int>(TraceReplay::currentLine(state, last));
    hideWhatComesLater(state);
    layout_->timelineView()->setCurrentTime(state.timeNs);
    layout_->chartsPanel()->setCurrentTime(state.timeNs);
    // The go-to box shows where the stepping is, except while someone types into it.
    if (QDoubleSpinBox* timeBox = actions_ ? actions_->timeBox() : nullptr;
        timeBox && !timeBox->hasFocus()) {
        const QSignalBlocker quiet(timeBox);
        timeBox->setValue(static_cast<double>(state.timeNs) / 1e9);
    }
    // The questions are checked at the end of the program's story: the end of the run, or its
    // deadlock (what follows is asyncio.run's clean-up).
    const int stop = controller_.currentStop();
    const int deadlock = controller_.deadlockStop();
    const int notesBefore = lessonPanel->shownNoteCount();
    lessonPanel->showPosition(state.eventsApplied,
                              controller_.stopCount() > 1 && (stop == controller_.stopCount() - 1 ||
                                                              (deadlock > 0 && stop >= deadlock)));
    // A note is said once: in the lesson panel when it is there, else under its line.
    const bool panelShown = layout_->lessonDock()->isVisibleTo(this);
    code->setLessonNote(panelShown ? 0 : lessonPanel->currentNoteLine(),
                        lessonPanel->currentNoteText(), panelShown);
    code->showState(state, line);
    code->markError(errorLine_, errorMessage_);
    // One line is kept in view, chosen after every note is in place (notes push lines down):
    // the step's own line (StepController::lineInView), else the line where the run failed.
    int focus = controller_.lineInView(line);
    if (focus == 0)
        focus = errorLine_;
    // The note under its line (the lesson panel closed, or presenting) is what the step says:
    // in view too when there is room for both. A note this very step reveals comes first when
    // no line runs (a task finished, a timer fired): it was written for this moment.
    const int note = panelShown ? 0 : lessonPanel->currentNoteLine();
    if (lessonPanel->shownNoteCount() != notesBefore)
        noteStop_ = lessonPanel->shownNoteCount() > notesBefore ? stop : -1;
    const bool noteFirst = note > 0 && (focus == 0 || (line == 0 && noteStop_ == stop));
    code->keepInView(noteFirst ? note : focus, noteFirst ? focus : note);
    showDeadlock(state);
    showErrorsSoFar(state);
    layout_->loopView()->showState(state, controller_.replay());
    layout_->taskModel()->setState(state);
    showTaskDetails();

    // Output printed so far, each line with its time and task.
    layout_->outputModel()->showUpTo(state.eventsApplied);
    layout_->output()->scrollToBottom();
}

void MainWindow::hideWhatComesLater(const LoopState& state) {
    // Until every prediction of a lesson is locked in, nothing on screen may tell how the run
    // goes on: the timeline shows the run up to now on an axis that does not give its length
    // away, and the charts (sums over the whole run) wait.
    const bool hide = layout_->lessonPanel()->hasOpenPrediction();
    TimelineView* timeline = layout_->timelineView();
    if (hide) {
        std::unordered_set<int64_t> created;
        for (const auto& [id, task] : state.tasks)
            created.insert(id);
        timeline->setRevealLimit(state.timeNs, created);
    } else {
        timeline->setRevealLimit(-1);
    }
    QTabWidget* tabs = layout_->bottomTabs();
    const int charts = tabs->indexOf(layout_->chartsPanel());
    if (charts >= 0 && tabs->isTabEnabled(charts) == hide) {
        if (hide && tabs->currentIndex() == charts)
            tabs->setCurrentWidget(timeline);
        tabs->setTabEnabled(charts, !hide);
        tabs->setTabToolTip(charts, hide ? tr("Charts of the whole run: they appear once your "
                                              "predictions are locked in")
                                         : tr("Charts of the whole run"));
    }
}

void MainWindow::showDeadlock(const LoopState& state) {
    QTabWidget* tabs = layout_->bottomTabs();
    DeadlockView* deadlock = layout_->deadlockView();
    if (!deadlock->hasDeadlock()) {
        if (const int tab = tabs->indexOf(deadlock); tab >= 0)
            tabs->removeTab(tab);
        return;
    }
    const bool show = state.deadlocked;
    const int tab = tabs->indexOf(deadlock);
    if (show && tab < 0) {
        const int at = tabs->insertTab(0, deadlock, tr("Deadlock"));
        tabs->setTabToolTip(at, tr("Which tasks wait for each other, and why none can go on "
                                   "(the deadlock is step %1)")
                                    .arg(controller_.deadlockStop()));
        tabs->setCurrentWidget(deadlock);
        // The graph is what the moment is about. Presenting, the code keeps half on a tall
        // projector (where that is room for the graph's labels at the zoom's size) and more
        // on a 720-line one, where nine rows of code need 55%.
        layout_->roomForDeadlock(true, !isPresenting() ? 0.7 : height() >= 1000 ? 0.5 : 0.45);
    } else if (!show && tab >= 0) {
        tabs->removeTab(tab);
        layout_->roomForDeadlock(false);
    }
    // Past the deadlock's step the graph is how the tasks were stuck then: asyncio.run's
    // clean-up has been cancelling them since (the loop panel shows the locks freed).
    const int stop = controller_.currentStop();
    const int deadlockStop = controller_.deadlockStop();
    deadlock->setMoment(
        show && stop > deadlockStop
            ? tr("As the tasks were stuck at the deadlock (step %1); the steps since are "
                 "asyncio.run's clean-up, which cancels them.")
                  .arg(deadlockStop)
            : QString());
    // The deadlock report (stderr) is the ending too.
    const QString report =
        show ? run_.standardError
             : tr("The run's report appears when the stepping reaches the deadlock.");
    QPlainTextEdit* problems = layout_->problems();
    if (problems->toPlainText() != report)
        problems->setPlainText(report);
}

void MainWindow::showErrorsSoFar(const LoopState& state) {
    // Until the end of the run (or its deadlock, which shows the whole report), the tab shows
    // what the program wrote to standard error so far: asyncio's reports appear at the step
    // where CPython writes them, and nothing later is given away.
    const bool atEnd = controller_.currentStop() == controller_.stopCount() - 1;
    QTabWidget* tabs = layout_->bottomTabs();
    QPlainTextEdit* problems = layout_->problems();
    // The tab says how many reports the program has written so far, so a new one is noticed.
    const int written = errorsSoFar_.countUpTo(state.eventsApplied);
    const QString title =
        written > 0 ? tr("Errors and reports (%1)").arg(written) : tr("Errors and reports");
    if (const int tab = tabs->indexOf(problems); tab >= 0 && tabs->tabText(tab) != title)
        tabs->setTabText(tab, title);
    if (!errorsSoFar_.recorded() || atEnd || state.deadlocked || !run_.problem.isEmpty())
        return;
    QString text = errorsSoFar_.upTo(state.eventsApplied);
    if (text.isEmpty())
        text = tr("Nothing has been written to standard error so far.");
    if (layout_->deadlockView()->hasDeadlock())
        text += QLatin1Char('\n') + tr("The run's report appears when the stepping reaches the "
                                       "deadlock.");
    if (problems->toPlainText() != text)
        problems->setPlainText(text);
}

void MainWindow::showTaskDetails() {
    QLabel* taskChain = layout_->taskChain();
    QTableWidget* localsTable = layout_->locals();
    const qint64 task = layout_->taskModel()->taskAt(layout_->taskTable()->currentIndex().row());
    const auto& tasks = controller_.state().tasks;
    localsTable->setRowCount(0);
    if (task < 0 || !tasks.count(task)) {
        localsTable->hide();
        taskChain->setText(tr("Select a task to see its await chain and locals."));
        return;
    }
    const TaskView& view = tasks.at(task);
    // The chain and the locals only while the task is paused at an await: while it runs they
    // would describe where it was, not what it does.
    const QStringList chain = awaitChain(view);
    const QString label = QString::fromStdString(taskLabel(view));
    if (!chain.isEmpty())
        taskChain->setText(
            tr("%1 %2: await chain %3")
                .arg(label,
                     view.state == TaskState::Waiting ? tr("waits") : tr("is ready to continue"),
                     chain.join(" → ")));
    else if (view.state == TaskState::Running)
        taskChain->setText(tr("%1 is %2; its await chain shows when it next waits.")
                               .arg(label, activityText(view)));
    else
        taskChain->setText(tr("%1: %2.").arg(label, activityText(view)));
    const auto locals = frameLocals(view);
    localsTable->setVisible(!locals.isEmpty());
    localsTable->setRowCount(locals.size());
    for (int row = 0; row < locals.size(); ++row) {
        localsTable->setItem(row, 0, new QTableWidgetItem(locals[row].first));
        localsTable->setItem(row, 1, new QTableWidgetItem(locals[row].second));
    }
}

void MainWindow::togglePlay() {
    player_->toggle();
}

void MainWindow::exportView(ExportView view) {
    export_->ask(view);
}

bool MainWindow::exportTo(const ExportRequest& request, QString* error) {
    return export_->write(request, error);
}

} // namespace looplab
