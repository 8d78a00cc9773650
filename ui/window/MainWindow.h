#pragma once
// LoopLab's main window: the code, the event loop, the tasks, the output and the timeline of
// one recorded run, all following the step controller.

#include "Lesson.h"
#include "LessonProgress.h"
#include "ProgramRun.h"
#include "StepController.h"

#include <QMainWindow>
#include <QSet>
#include <QString>
#include <QTimer>

#include <memory>
#include <vector>

class QDockWidget;
class QDoubleSpinBox;
class QLabel;
class QListView;
class QPlainTextEdit;
class QSlider;
class QTableView;
class QTabWidget;
class QTableWidget;

namespace looplab {

class CodeView;
class DeadlockView;
class LessonBrowser;
class LessonPanel;
class LoopView;
class OutputModel;
class TaskTableModel;
class Narrator;
class TimelineView;

class ChartsPanel;
class PresentationMode;
class Spotlight;
class WindowExport;
class WindowZoom;
class RunStatistics;
class TimelineModel;
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
    StepController& controller() { return controller_; }
    const ProgramRun& run() const { return run_; }

    // Views, for tests.
    CodeView* codeView() const { return code_; }
    LoopView* loopView() const { return loop_; }
    DeadlockView* deadlockView() const { return deadlock_; }
    TaskTableModel* taskModel() const { return taskModel_; }
    LessonPanel* lessonPanel() const { return lessonPanel_; }
    LessonBrowser* lessonBrowser() const { return browser_; }
    ChartsPanel* chartsPanel() const { return charts_; }
    TimelineView* timelineView() const { return timeline_; }
    QTabWidget* bottomTabs() const { return bottomTabs_; }
    QLabel* clockLabel() const { return clockLabel_; }
    QLabel* narrationLabel() const { return narrationLabel_; }
    PresentationMode* presentation() const { return presentation_; }
    WindowZoom* zoom() const { return zoom_; }

    // Presenting (F5): full screen unless `fullScreen` is false (screenshots, tests).
    void setPresenting(bool on, bool fullScreen = true);
    bool isPresenting() const;
    // The spotlight: one loop entry (`key`) and/or tasks by name stay bright, the rest dims;
    // the same call again, or empty arguments, turns it off.
    void toggleSpotlight(const QString& key, const QSet<QString>& tasks);
    QSet<QString> spotlightTasks() const;
    QDockWidget* lessonDock() const { return lessonDock_; }
    QString narration() const;
    QString clockText() const;
    QString outputText() const;

    // Unsaved edits: saved beside the user's settings as they are typed, restored when the
    // same program is opened again.
    void saveEdits();
    bool restoredEdits() const { return restoredEdits_; }

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

  private:
    void buildActions();
    void buildLayout();
    void showRun(int keepStop);
    void showStep();
    void showTaskDetails();
    void markProblems();
    void showLesson();
    const std::vector<TraceEvent>& runEvents() const;
    void buildLessonDocks();
    void buildPresentation(QWidget* tasksPanel);
    QString autosavePath() const;
    QString editsPath() const;

    QString looplab_;
    ProgramRun run_;
    bool restoredEdits_ = false;
    QString fileSource_; // the program as it is on disk: edits are whatever differs from it
    QTimer editSaver_;
    int errorLine_ = 0; // where the run failed, shown at every step
    QString errorMessage_;
    StepController controller_;
    std::unique_ptr<Narrator> narrator_;
    QTimer player_;
    LessonProgress progress_;
    LessonPanel* lessonPanel_ = nullptr;
    LessonBrowser* browser_ = nullptr;
    QDockWidget* lessonDock_ = nullptr;
    QDockWidget* courseDock_ = nullptr;

    CodeView* code_ = nullptr;
    LoopView* loop_ = nullptr;
    TaskTableModel* taskModel_ = nullptr;
    QTableView* taskTable_ = nullptr;
    QLabel* taskChain_ = nullptr;
    QTableWidget* locals_ = nullptr;
    QListView* output_ = nullptr;
    OutputModel* outputModel_ = nullptr;
    QPlainTextEdit* problems_ = nullptr;
    QTabWidget* bottomTabs_ = nullptr;
    TimelineView* timeline_ = nullptr;
    ChartsPanel* charts_ = nullptr;
    std::shared_ptr<const TimelineModel> timelineModel_;
    std::shared_ptr<const RunStatistics> statistics_;
    PresentationMode* presentation_ = nullptr;
    WindowExport* export_ = nullptr;
    WindowZoom* zoom_ = nullptr;
    Spotlight* spotlight_ = nullptr;
    DeadlockView* deadlock_ = nullptr;
    QLabel* narrationLabel_ = nullptr;
    QLabel* clockLabel_ = nullptr;
    QLabel* stepLabel_ = nullptr;
    QSlider* slider_ = nullptr;
    QDoubleSpinBox* timeBox_ = nullptr;
};

} // namespace looplab
