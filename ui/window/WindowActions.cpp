#include "WindowActions.h"

#include "ChartsPanel.h"
#include "FileActions.h"
#include "FilmingLayout.h"
#include "HelpMenu.h"
#include "LessonBrowser.h"
#include "LoopView.h"
#include "MainWindow.h"
#include "ScheduleActions.h"
#include "StepPlayer.h"
#include "ThemeMenu.h"
#include "TimelineView.h"
#include "ToolbarIcon.h"
#include "ViewExporter.h"
#include "WalkthroughExport.h"
#include "WindowLayout.h"
#include "WindowZoom.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QToolBar>

#include <memory>

namespace looplab {

namespace {

// The toolbar's actions: an icon of the desktop's theme, or the bundled one.
const WindowActions::ToolbarIcon kIcon_run{"system-run", "run"};
const WindowActions::ToolbarIcon kIcon_to_start{"go-first", "to-start"};
const WindowActions::ToolbarIcon kIcon_back{"go-previous", "back"};
const WindowActions::ToolbarIcon kIcon_play{"media-playback-start", "play"};
const WindowActions::ToolbarIcon kIcon_forward{"go-next", "forward"};
const WindowActions::ToolbarIcon kIcon_to_end{"go-last", "to-end"};
const WindowActions::ToolbarIcon kIcon_continue{"media-seek-forward", "continue"};
const WindowActions::ToolbarIcon kIcon_step_into{"debug-step-into", "step-into"};
const WindowActions::ToolbarIcon kIcon_step_over{"debug-step-over", "step-over"};
const WindowActions::ToolbarIcon kIcon_step_out{"debug-step-out", "step-out"};

} // namespace

template <typename Slot>
QAction* WindowActions::addViewAction(QMenu* view, const QString& text,
                                      const QList<QKeySequence>& keys, const QString& tip,
                                      Slot slot) {
    auto* action = new QAction(text, window_);
    action->setShortcuts(keys);
    action->setToolTip(QStringLiteral("%1 (%2)").arg(tip, keys.first().toString()));
    action->setStatusTip(tip);
    connect(action, &QAction::triggered, window_, slot);
    view->addAction(action);
    window_->addAction(action); // shortcuts work while the menu bar is hidden (presenting)
    return action;
}

template <typename Slot>
QAction* WindowActions::add(QMenu* menu, const QString& text, const QKeySequence& keys,
                            const QString& tip, Slot slot, const ToolbarIcon* icon) {
    auto* action = new QAction(text, window_);
    action->setShortcut(keys);
    action->setToolTip(QStringLiteral("%1 (%2)").arg(tip, keys.toString()));
    action->setStatusTip(tip);
    connect(action, &QAction::triggered, window_, slot);
    menu->addAction(action);
    if (icon) {
        action->setIcon(toolbarIcon(QLatin1String(icon->theme), QLatin1String(icon->bundled)));
        bar_->addAction(action);
    }
    window_->addAction(action);
    return action;
}

WindowActions::WindowActions(MainWindow* window, const WindowLayout& layout)
    : QObject(window), window_(window) {
    QMenu* file = window->menuBar()->addMenu(tr("&File"));
    QMenu* step = window->menuBar()->addMenu(tr("&Step"));
    QMenu* run = window->menuBar()->addMenu(tr("&Run"));
    QMenu* view = window->menuBar()->addMenu(tr("&View"));
    QMenu* help = window->menuBar()->addMenu(tr("&Help"));
    buildViewMenu(view, layout);
    bar_ = window->addToolBar(tr("Stepping"));
    bar_->setObjectName(QStringLiteral("stepping"));
    // Icons with their names beside them: a learner reads what Step over does without
    // hovering.
    bar_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    buildFileMenu(file, layout);
    bar_->addSeparator();
    buildStepMenu(step);
    bar_->addSeparator();
    buildTimeAndSpeed();
    buildExportMenus(layout);
    new ScheduleActions(window, run);
    new HelpMenu(window, help); // last: its shortcut sheet lists every action above
}

QAction* WindowActions::addDockAction(QMenu* view, QDockWidget* dock, const QString& text,
                                      const QKeySequence& key, const QString& tip) {
    // Not the dock's own toggleViewAction: that one hides a dock that is open but behind the
    // dock it shares tabs with (Course behind Lesson), so the first press seemed to do nothing
    // and the second brought it back still behind. This one brings a dock to the front, and
    // hides it only when it is already there.
    auto* action = new QAction(text, window_);
    action->setCheckable(true);
    action->setShortcut(key);
    action->setToolTip(QStringLiteral("%1 (%2)").arg(tip, key.toString()));
    action->setStatusTip(tip);
    connect(dock, &QDockWidget::visibilityChanged, action,
            [action, dock] { action->setChecked(!dock->isHidden()); });
    connect(action, &QAction::triggered, dock, [dock] {
        if (dock->isVisible() && !dock->visibleRegion().isEmpty()) {
            dock->hide();
            return;
        }
        dock->show();
        dock->raise();
        dock->widget()->setFocus();
    });
    view->addAction(action);
    window_->addAction(action);
    return action;
}

void WindowActions::buildViewMenu(QMenu* view, const WindowLayout& layout) {
    MainWindow* window = window_;
    LoopView* loop = layout.loopView();
    auto* reduceMotion = new QAction(tr("&Reduce motion"), window);
    reduceMotion->setCheckable(true);
    reduceMotion->setStatusTip(tr("Show changes instantly instead of animating them"));
    reduceMotion->setChecked(QSettings().value(QStringLiteral("reduceMotion"), false).toBool());
    loop->setReduceMotion(reduceMotion->isChecked());
    connect(reduceMotion, &QAction::toggled, window, [loop](bool on) {
        loop->setReduceMotion(on);
        QSettings().setValue(QStringLiteral("reduceMotion"), on);
    });
    view->addAction(reduceMotion);
    view->addMenu(new ThemeMenu(window));
    view->addSeparator();
    WindowZoom* zoom = window->zoom();
    addViewAction(view, tr("&Present"), {QKeySequence(Qt::Key_F5)},
                  tr("Full screen for an audience: large code, loop and timeline; a remote's "
                     "Page Down/Page Up step, B blanks, Esc leaves"),
                  [window] { window->setPresenting(!window->isPresenting()); });
    addViewAction(view, tr("Zoom &in"),
                  {QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)},
                  tr("Larger text, markers and lines (up to 300%)"), [zoom] { zoom->zoomIn(); });
    addViewAction(view, tr("Zoom &out"), {QKeySequence::ZoomOut}, tr("Smaller (down to 100%)"),
                  [zoom] { zoom->zoomOut(); });
    addViewAction(view, tr("&Actual size"), {QKeySequence(Qt::CTRL | Qt::Key_0)},
                  tr("Back to this mode's usual size"), [zoom] { zoom->reset(); });
    view->addSeparator();
    addDockAction(view, layout.lessonDock(), tr("&Lesson"), QKeySequence(Qt::CTRL | Qt::Key_L),
                  tr("Show the lesson (goals, prediction, notes), or hide it"));
    addDockAction(view, layout.courseDock(), tr("&Course"), QKeySequence(Qt::CTRL | Qt::Key_K),
                  tr("Show the list of lessons, or hide it"));
}

void WindowActions::buildFileMenu(QMenu* file, const WindowLayout& layout) {
    MainWindow* window = window_;
    LessonBrowser* browser = layout.lessonBrowser();
    window->files()->addTo(file);
    file->addSeparator();
    add(
        file, tr("Open &Lesson Folder…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
        tr("Show a folder of lesson files in the Course list"),
        [window, browser] {
            const QString folder = QFileDialog::getExistingDirectory(
                window, tr("Open a folder of lessons"), browser->folder());
            if (!folder.isEmpty())
                window->openLessonFolder(folder);
        },
        nullptr);
    // (Ctrl+N is New, as in every editor.)
    add(
        file, tr("&Next lesson"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
        tr("Open the next lesson of the course"), [window] { window->openNextLesson(); }, nullptr);
    add(file, tr("&Run"), QKeySequence(Qt::CTRL | Qt::Key_R),
        tr("Run the code in the editor again, keeping your place"), &MainWindow::runEditedCode,
        &kIcon_run);
    add(
        file, tr("&Export…"), QKeySequence(Qt::CTRL | Qt::Key_E),
        tr("Export the timeline or a chart as PNG, SVG or PDF, or the run as CSV or Chrome "
           "trace JSON"),
        [window] { window->exportView(ExportView::Timeline); }, nullptr);
    add(
        file, tr("Export &Walkthrough…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
        tr("Film the window stepping through the run as an MP4 or WebM video or an animated GIF"),
        [window] {
            StepController& controller = window->controller();
            auto filming = std::make_shared<FilmingLayout>(window);
            WalkthroughExport::ask(
                window, {window->run().recorded() ? controller.stopCount() - 1 : -1,
                         controller.currentStop(), window->programPath(),
                         [window](int step) { window->controller().goToStop(step); },
                         window->isPresenting(),
                         [filming](const WalkthroughRequest& request, QString* problem) {
                             return filming->apply(request.present, request.size, problem);
                         },
                         [filming] { filming->restore(); }});
        },
        nullptr);
    file->addSeparator();
    // Ctrl+Q spelled out: some platforms' standard Quit key is none at all.
    add(file, tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), tr("Quit LoopLab"), &QWidget::close,
        nullptr);
}

void WindowActions::buildStepMenu(QMenu* step) {
    StepController* controller = &window_->controller();
    using Unit = StepController::Unit;
    add(
        step, tr("To &start"), QKeySequence(Qt::Key_Home), tr("Go to the start of the run"),
        [controller] { controller->toStart(); }, &kIcon_to_start);
    add(
        step, tr("Back one &iteration"), QKeySequence(Qt::SHIFT | Qt::Key_Left),
        tr("Back to the previous loop iteration"),
        [controller] { controller->back(Unit::Iteration); }, nullptr);
    add(
        step, tr("Back one task step"), QKeySequence(Qt::CTRL | Qt::Key_Left),
        tr("Back to the previous end of a task step"),
        [controller] { controller->back(Unit::TaskStep); }, nullptr);
    add(
        step, tr("&Back"), QKeySequence(Qt::Key_Left), tr("Step back"),
        [controller] { controller->back(); }, &kIcon_back);
    QAction* play = add(step, tr("&Play"), QKeySequence(Qt::Key_Space),
                        tr("Play the run step by step"), &MainWindow::togglePlay, &kIcon_play);
    // The button shows what pressing it does now: Play, or Pause while playing.
    const QIcon playIcon = play->icon();
    const QIcon pauseIcon =
        toolbarIcon(QStringLiteral("media-playback-pause"), QStringLiteral("pause"));
    connect(window_->player(), &StepPlayer::playingChanged, play,
            [play, playIcon, pauseIcon](bool playing) {
                play->setText(playing ? tr("&Pause") : tr("&Play"));
                play->setIcon(playing ? pauseIcon : playIcon);
                const QString tip =
                    playing ? tr("Pause the playing") : tr("Play the run step by step");
                play->setStatusTip(tip);
                play->setToolTip(QStringLiteral("%1 (%2)").arg(tip, play->shortcut().toString()));
            });
    add(
        step, tr("&Forward"), QKeySequence(Qt::Key_Right), tr("Step forward"),
        [controller] { controller->forward(); }, &kIcon_forward);
    add(
        step, tr("Forward one task step"), QKeySequence(Qt::CTRL | Qt::Key_Right),
        tr("Run until the current task yields"),
        [controller] { controller->forward(Unit::TaskStep); }, nullptr);
    add(
        step, tr("Forward one i&teration"), QKeySequence(Qt::SHIFT | Qt::Key_Right),
        tr("Forward to the next loop iteration"),
        [controller] { controller->forward(Unit::Iteration); }, nullptr);
    add(
        step, tr("Back one &line"), QKeySequence(Qt::ALT | Qt::Key_Left),
        tr("Back to the previous program line that ran"),
        [controller] { controller->back(Unit::Line); }, nullptr);
    add(
        step, tr("Forward one l&ine"), QKeySequence(Qt::ALT | Qt::Key_Right),
        tr("Forward to the next program line that runs"),
        [controller] { controller->forward(Unit::Line); }, nullptr);
    add(
        step, tr("To &end"), QKeySequence(Qt::Key_End),
        tr("Go to the end of the run (a deadlocked run: first to the deadlock)"),
        [controller] { controller->toEnd(); }, &kIcon_to_end);
    QAction* toBreakpoint = add(
        step, tr("&Continue to breakpoint"), QKeySequence(Qt::Key_F8),
        tr("Run forward to the next line with a breakpoint (click the margin to set one)"),
        [controller] { controller->continueToBreakpoint(); }, &kIcon_continue);
    // Short on the toolbar, so the whole bar fits a 1280-pixel-wide window with its icons.
    toBreakpoint->setIconText(tr("Continue"));
    // As in a debugger, following the task of the current step; its yields and its end are
    // always stops (StepController::stepOver).
    step->addSeparator();
    add(
        step, tr("Step i&nto"), QKeySequence(Qt::Key_F11),
        tr("Step into: to this task's next line, into the functions it calls; stops where the "
           "task yields or ends"),
        [controller] { controller->stepInto(); }, &kIcon_step_into);
    add(
        step, tr("Step &over"), QKeySequence(Qt::Key_F10),
        tr("Step over: to this task's next line in the same function, running the functions it "
           "calls in one go; on a loop's for or while line reached again from its body, runs "
           "the rest of the loop; "
           "stops where the task yields or ends"),
        [controller] { controller->stepOver(); }, &kIcon_step_over);
    add(
        step, tr("Step o&ut"), QKeySequence(Qt::SHIFT | Qt::Key_F11),
        tr("Step out: run until this function returns, to the next line of its caller (in a "
           "task's own coroutine: to where the task yields or ends)"),
        [controller] { controller->stepOut(); }, &kIcon_step_out);
    step->addSeparator();
    auto* cleanup = new QAction(tr("Show asyncio.run's &clean-up steps"), window_);
    cleanup->setCheckable(true);
    cleanup->setStatusTip(tr("Step through asyncio.run's clean-up one step at a time instead of "
                             "as one step"));
    cleanup->setToolTip(cleanup->statusTip());
    connect(cleanup, &QAction::toggled, controller, &StepController::setShowCleanup);
    step->addAction(cleanup);
}

void WindowActions::buildTimeAndSpeed() {
    MainWindow* window = window_;
    StepController* controller = &window->controller();
    timeBox_ = new QDoubleSpinBox(window);
    QDoubleSpinBox* timeBox = timeBox_;
    timeBox->setPrefix(tr("go to t = "));
    timeBox->setSuffix(tr(" s"));
    timeBox->setDecimals(3);
    timeBox->setRange(0, 1e9);
    timeBox->setAccessibleName(tr("Jump to a virtual time"));
    timeBox->setToolTip(tr("Type a virtual time and press Enter to jump there"));
    connect(timeBox, &QDoubleSpinBox::editingFinished, window, [window, controller, timeBox] {
        controller->goToTime(static_cast<qint64>(timeBox->value() * 1e9));
        // Enter pressed (the box still has the focus): back to stepping with the arrow keys.
        if (timeBox->hasFocus())
            window->timelineView()->setFocus();
    });
    bar_->addWidget(timeBox);
    auto* speed = new QComboBox(window);
    speed->setAccessibleName(tr("Play speed"));
    speed->setToolTip(tr("How many steps a second Play shows"));
    for (const double perSecond : {1.0, 2.5, 5.0, 10.0, 25.0})
        speed->addItem(tr("%1 steps/s").arg(perSecond), perSecond);
    speed->setCurrentIndex(1);
    connect(speed, &QComboBox::currentIndexChanged, window,
            [window, speed](int) { window->setPlaySpeed(speed->currentData().toDouble()); });
    bar_->addWidget(speed);
}

void WindowActions::buildExportMenus(const WindowLayout& layout) {
    MainWindow* window = window_;
    TimelineView* timeline = layout.timelineView();
    connect(timeline->viewport(), &QWidget::customContextMenuRequested, window,
            [window, timeline](const QPoint& pos) {
                QMenu menu(window);
                menu.addAction(tr("Export timeline…"), window,
                               [window] { window->exportView(ExportView::Timeline); });
                menu.exec(timeline->viewport()->mapToGlobal(pos));
            });
    connect(layout.chartsPanel(), &ChartsPanel::exportRequested, window,
            [window](ChartsPanel::ChartKind kind) {
                window->exportView(
                    kind == ChartsPanel::ChartKind::Concurrency ? ExportView::Concurrency
                    : kind == ChartsPanel::ChartKind::Breakdown ? ExportView::Breakdown
                                                                : ExportView::Comparison);
            });
}

} // namespace looplab
