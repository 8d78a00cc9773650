#pragma once
// What the window shows and where. This class creates the widgets, all children of the window,
// and arranges them: the header (virtual clock, narration, step count) over the step slider;
// the code beside the event loop, over the tasks (table, the selected task's await chain and
// locals); below, the run's tabs (timeline, charts, output, errors and reports, and a deadlock
// tab the window adds when a run deadlocks); on the left, the lesson and course docks. It also
// tells the zoom which of them grow. The window connects them to the run and the stepping.

#include <QFont>
#include <QList>
#include <QObject>

class QDockWidget;
class QGridLayout;
class QLabel;
class QListView;
class QMainWindow;
class QPlainTextEdit;
class QSlider;
class QTableView;
class QTableWidget;
class QTabWidget;
class QSplitter;
class QWidget;

namespace looplab {

class ChartsPanel;
class CodeView;
class DeadlockView;
class LessonBrowser;
class LessonPanel;
class LessonProgress;
class LoopView;
class OutputModel;
class TaskTableModel;
class TimelineView;
class WindowZoom;

class WindowLayout : public QObject {
    Q_OBJECT
  public:
    // The lesson panel and the course browser keep the student's progress in `progress`.
    WindowLayout(QMainWindow* window, LessonProgress& progress);

    // The views' text, the editor, the timeline, the charts and the tab labels grow with `zoom`;
    // the narration keeps room for two lines at every level.
    void growWith(WindowZoom& zoom);
    // Presenting, the code and the loop get 52% of the height below the header and the tabs
    // the rest (at 200% on a 1280x720 projector the tabs would otherwise squeeze the code to a
    // few lines, and the timeline needs nearly half for its rows); leaving, PresentationMode
    // gives back the sizes the user had.
    void sharePresentingHeight(bool presenting);
    // The deadlock's step: the run's tabs get the height the wait-for graph needs for labels as
    // large as the body text, up to `most` of the panes' height (the running line stays in view
    // in what is left). `give` false: back to the sizes from before.
    void roomForDeadlock(bool give, double most = 0.7);
    // The deadlock's graph asked for all the room (DeadlockView::fillRequested): the run's tabs
    // take the panes' whole height, the code and the loop fold away; asked again, or when the
    // stepping leaves the deadlock, the sizes from before come back.
    void toggleDeadlockFill();
    bool deadlockFilled() const { return !beforeFill_.isEmpty(); }
    // The lesson and the course grow with `zoom` too, and the lesson dock widens with them.
    void growLessonWith(WindowZoom& zoom);
    // The narration at the zoom's size, or smaller when its text would need more than three
    // lines (call after changing its text).
    void fitNarration();
    // Gives the lesson dock its width at a zoom level (its radio buttons and titles do not wrap
    // forever).
    void widenLessonDock(double scale);
    // Shows the lesson and the course, the lesson in front; a lesson dock that was hidden widens
    // to the zoom level `scale` (zoomed text needs a wider lesson).
    void showLessonDocks(double scale);

    QLabel* narrationLabel() const { return narrationLabel_; }
    QLabel* clockLabel() const { return clockLabel_; }
    QLabel* stepLabel() const { return stepLabel_; }
    QSlider* slider() const { return slider_; }
    CodeView* codeView() const { return code_; }
    LoopView* loopView() const { return loop_; }
    TaskTableModel* taskModel() const { return taskModel_; }
    QTableView* taskTable() const { return taskTable_; }
    QLabel* taskChain() const { return taskChain_; }
    QTableWidget* locals() const { return locals_; }
    // The task table with its await chain and locals, hidden while presenting.
    QWidget* tasksPanel() const { return tasksPanel_; }
    OutputModel* outputModel() const { return outputModel_; }
    QListView* output() const { return output_; }
    QPlainTextEdit* problems() const { return problems_; }
    TimelineView* timelineView() const { return timeline_; }
    ChartsPanel* chartsPanel() const { return charts_; }
    DeadlockView* deadlockView() const { return deadlock_; }
    QTabWidget* bottomTabs() const { return bottomTabs_; }
    LessonPanel* lessonPanel() const { return lessonPanel_; }
    LessonBrowser* lessonBrowser() const { return browser_; }
    QDockWidget* lessonDock() const { return lessonDock_; }
    QDockWidget* courseDock() const { return courseDock_; }

  private:
    void buildViews();
    void keepTwoNarrationLines();
    // The clock, the narration and the step count: in one row, or at 200% and more the
    // narration in a row of its own below the other two.
    void arrangeHeader(double scale);
    // The task table's columns, for its font (zooming scales them).
    void sizeTaskColumns();
    void arrange();
    void buildLessonDocks(LessonProgress& progress);

    QMainWindow* window_;
    QLabel* narrationLabel_ = nullptr;
    QLabel* clockLabel_ = nullptr;
    QLabel* stepLabel_ = nullptr;
    QGridLayout* header_ = nullptr;
    QList<int> beforeDeadlock_; // the main splitter's sizes before roomForDeadlock(true)
    QList<int> beforeFill_;     // the main splitter's sizes before toggleDeadlockFill()
    bool narrationOwnRow_ = false;
    QFont narrationFont_; // at 100%
    double narrationScale_ = 1.0;
    QSlider* slider_ = nullptr;
    CodeView* code_ = nullptr;
    LoopView* loop_ = nullptr;
    TaskTableModel* taskModel_ = nullptr;
    QTableView* taskTable_ = nullptr;
    QLabel* taskChain_ = nullptr;
    QTableWidget* locals_ = nullptr;
    QWidget* tasksPanel_ = nullptr;
    OutputModel* outputModel_ = nullptr;
    QListView* output_ = nullptr;
    QPlainTextEdit* problems_ = nullptr;
    TimelineView* timeline_ = nullptr;
    ChartsPanel* charts_ = nullptr;
    DeadlockView* deadlock_ = nullptr;
    QTabWidget* bottomTabs_ = nullptr;
    QSplitter* mainSplitter_ = nullptr;
    LessonPanel* lessonPanel_ = nullptr;
    LessonBrowser* browser_ = nullptr;
    QDockWidget* lessonDock_ = nullptr;
    QDockWidget* courseDock_ = nullptr;
};

} // namespace looplab
