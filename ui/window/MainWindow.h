#pragma once
// LoopLab's main window: the code, the event loop, the tasks, the output and the timeline of
// one recorded run, all following the step controller. WindowLayout makes and places the
// widgets and WindowActions the menus and the toolbar; the window ties them to the run: it
// opens and runs programs, shows each step, and owns the modes (zoom, presenting, spotlight,
// export).

#include "Lesson.h"
#include "LessonProgress.h"
#include "PresentationMode.h"
#include "ProgramRun.h"
#include "Spotlight.h"
#include "StandardErrorSoFar.h"
#include "StepController.h"
#include "WindowLayout.h"

#include <QLabel>
#include <QMainWindow>
#include <QSet>
#include <QString>
#include <QTimer>

#include <memory>
#include <vector>

class QDockWidget;
class QTabWidget;

namespace looplab {

class ChartsPanel;
class CodeView;
class DeadlockView;
class FileActions;
class HelpMenu;
class LessonBrowser;
class LessonPanel;
class LoopView;
class Narrator;
class RunStatistics;
class StepPlayer;
class TaskTableModel;
class TimelineModel;
class TimelineView;
class WindowActions;
class WindowExport;
class RunPermission;
class UnsavedEdits;
class WindowZoom;
struct ExportRequest;
enum class ExportView;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(QString looplabExecutable, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Runs the program and shows its first step; false if it could not be recorded at all
    // (the reason is shown in the window).
    bool openProgram(const QString& path);
    // The file the editor and the run belong to; Save As moves them to another.
    const QString& programPath() const { return run_.programPath; }
    void setProgramPath(const QString& path) { run_.programPath = path; }
    FileActions* files() const { return files_; }
    StepPlayer* player() const { return player_; }
    StepController& controller() { return controller_; }
    const ProgramRun& run() const { return run_; }
    RunPermission* runPermission() const { return permission_.get(); }
    // Every later recording runs under this perturbed schedule (`looplab --schedule-seed S`,
    // an explored outcome's run); seed -1 goes back to the unperturbed model.
    void setSchedule(qint64 seed, double jitter);
    const QString& looplabExecutable() const { return looplab_; }
    // A copy of exactly the editor's text to run (UnsavedEdits::writeRunCopy); "" if none.
    QString writeRunCopy();

    // Views, for tests.
    CodeView* codeView() const { return layout_->codeView(); }
    LoopView* loopView() const { return layout_->loopView(); }
    DeadlockView* deadlockView() const { return layout_->deadlockView(); }
    bool deadlockFilled() const; // see WindowLayout::toggleDeadlockFill
    TaskTableModel* taskModel() const { return layout_->taskModel(); }
    LessonPanel* lessonPanel() const { return layout_->lessonPanel(); }
    LessonBrowser* lessonBrowser() const { return layout_->lessonBrowser(); }
    ChartsPanel* chartsPanel() const { return layout_->chartsPanel(); }
    TimelineView* timelineView() const { return layout_->timelineView(); }
    QTabWidget* bottomTabs() const { return layout_->bottomTabs(); }
    QLabel* clockLabel() const { return layout_->clockLabel(); }
    QLabel* narrationLabel() const { return layout_->narrationLabel(); }
    PresentationMode* presentation() const { return presentation_; }
    WindowZoom* zoom() const { return zoom_; }

    // Presenting (F5): full screen unless `fullScreen` is false (screenshots, tests).
    void setPresenting(bool on, bool fullScreen = true) {
        on ? presentation_->enter(fullScreen) : presentation_->leave();
    }
    bool isPresenting() const { return presentation_->isActive(); }
    // The spotlight: one loop entry (`key`) and/or tasks by name stay bright, the rest dims;
    // the same call again, or empty arguments, turns it off.
    void toggleSpotlight(const QString& key, const QSet<QString>& tasks) {
        spotlight_->toggle(key, tasks);
    }
    QSet<QString> spotlightTasks() const { return spotlight_->tasks(); }
    QDockWidget* lessonDock() const { return layout_->lessonDock(); }
    QString narration() const { return layout_->narrationLabel()->text(); }
    QString clockText() const { return layout_->clockLabel()->text(); }
    QString outputText() const;

    // Unsaved edits: saved beside the user's settings as they are typed, restored when the
    // same program is opened again.
    // False (and a lasting message in the status bar) when they could not be written.
    bool saveEdits();
    bool editsUnsaved() const;
    bool restoredEdits() const { return restoredEdits_; }

  signals:
    // A program (or trace) is in the editor and its run on screen.
    void programOpened(const QString& path);

  public slots:
    void runEditedCode();
    void revertEdits();
    void togglePlay();
    void setPlaySpeed(double stepsPerSecond);
    // Shows a folder of lessons in the Course list (and remembers it).
    void openLessonFolder(const QString& folder);
    void openNextLesson();
    // File → Export and the views' context menus: asks what and where, then writes it.
    void exportView(ExportView view);
    // Writes the current run as the request says; false with a sentence in *error.
    bool exportTo(const ExportRequest& request, QString* error);
    // Redraws the current step (after the window got its final size, views re-centre).
    void refreshStep() { showStep(); }

  protected:
    void closeEvent(QCloseEvent* event) override;

  private:
    void buildModes();
    void connectViews();
    void connectLessons();
    void showRun(int keepStop);
    void showStep();
    void showTaskDetails();
    void showDeadlock(const LoopState& state);
    void showErrorsSoFar(const LoopState& state);
    void hideWhatComesLater(const LoopState& state);
    void markProblems();
    void showLesson();
    const std::vector<TraceEvent>& runEvents() const;

    QString looplab_;
    QStringList runArguments_; // --schedule-seed S --jitter F, or none
    ProgramRun run_;
    bool restoredEdits_ = false;
    int noteStop_ = -1; // the step that revealed the lesson note shown last (-1: an earlier one)
    UnsavedEdits* edits_ = nullptr;
    FileActions* files_ = nullptr;
    int errorLine_ = 0;              // where the run failed, shown at every step
    StandardErrorSoFar errorsSoFar_; // the Errors tab's text before the end of the run
    QString errorMessage_;
    StepController controller_;
    std::unique_ptr<Narrator> narrator_;
    StepPlayer* player_ = nullptr;
    LessonProgress progress_;
    WindowLayout* layout_ = nullptr;
    WindowActions* actions_ = nullptr;
    std::shared_ptr<const TimelineModel> timelineModel_;
    std::shared_ptr<const RunStatistics> statistics_;
    PresentationMode* presentation_ = nullptr;
    WindowExport* export_ = nullptr;
    WindowZoom* zoom_ = nullptr;
    Spotlight* spotlight_ = nullptr;
    std::unique_ptr<RunPermission> permission_;
};

} // namespace looplab
