#include "MainWindow.h"

#include "ChartsPanel.h"
#include "CodeView.h"
#include "DeadlockView.h"
#include "ExportDialog.h"
#include "LessonBrowser.h"
#include "LessonCatalog.h"
#include "LessonChecker.h"
#include "LessonPanel.h"
#include "LessonParser.h"
#include "LoopView.h"
#include "Narrator.h"
#include "OutputModel.h"
#include "PresentationMode.h"
#include "RunStatistics.h"
#include "Spotlight.h"
#include "TaskTableModel.h"
#include "Theme.h"
#include "ThemeMenu.h"
#include "TimelineModel.h"
#include "TimelineView.h"
#include "ViewExporter.h"
#include "WaitText.h"
#include "WindowExport.h"
#include "WindowZoom.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFontInfo>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QSlider>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QToolBar>
#include <QTreeWidgetItem>
#include <QVBoxLayout>

namespace looplab {

MainWindow::MainWindow(QString looplabExecutable, QWidget* parent)
    : QMainWindow(parent), looplab_(std::move(looplabExecutable)) {
    setWindowTitle(tr("LoopLab"));
    buildLayout();
    buildLessonDocks();
    buildActions();
    connect(&controller_, &StepController::stateChanged, this, &MainWindow::showStep);
    player_.setInterval(400);
    connect(&player_, &QTimer::timeout, this, [this] {
        if (controller_.currentStop() >= controller_.stopCount() - 1) {
            player_.stop();
            return;
        }
        controller_.forward();
        if (controller_.atBreakpoint())
            player_.stop();
    });
    connect(code_, &CodeView::breakpointsChanged, &controller_, &StepController::setBreakpoints);
    editSaver_.setSingleShot(true);
    editSaver_.setInterval(500);
    connect(&editSaver_, &QTimer::timeout, this, &MainWindow::saveEdits);
    connect(code_, &QsciScintilla::textChanged, this, [this] {
        if (!code_->signalsBlocked())
            editSaver_.start();
    });
}

MainWindow::~MainWindow() = default;

void MainWindow::buildLayout() {
    narrationLabel_ = new QLabel(this);
    narrationLabel_->setWordWrap(true);
    narrationLabel_->setTextFormat(Qt::PlainText);
    narrationLabel_->setAccessibleName(tr("Narration"));
    QFont narrationFont = font();
    narrationFont.setPointSizeF(narrationFont.pointSizeF() * 1.25);
    narrationLabel_->setFont(narrationFont);
    narrationLabel_->setMinimumHeight(narrationLabel_->fontMetrics().height() * 2 + 8);

    clockLabel_ = new QLabel(this);
    QFont clockFont = font();
    clockFont.setPointSizeF(clockFont.pointSizeF() * 1.5);
    clockFont.setBold(true);
    clockLabel_->setFont(clockFont);
    clockLabel_->setAccessibleName(tr("Virtual clock"));
    clockLabel_->setToolTip(tr("Virtual time: the clock of the simulated event loop"));
    stepLabel_ = new QLabel(this);

    slider_ = new QSlider(Qt::Horizontal, this);
    slider_->setAccessibleName(tr("Step slider"));
    slider_->setToolTip(tr("Drag to any step of the run"));
    connect(slider_, &QSlider::valueChanged, &controller_, &StepController::goToStop);

    code_ = new CodeView(this);
    loop_ = new LoopView(this);

    taskModel_ = new TaskTableModel(this);
    taskTable_ = new QTableView(this);
    taskTable_->setModel(taskModel_);
    taskTable_->setSelectionBehavior(QAbstractItemView::SelectRows);
    taskTable_->setSelectionMode(QAbstractItemView::SingleSelection);
    taskTable_->horizontalHeader()->setStretchLastSection(true);
    taskTable_->verticalHeader()->hide();
    taskTable_->setAccessibleName(tr("Tasks"));
    taskTable_->setToolTip(tr("Every task at this step: its state, what it waits for, its line. "
                              "Select one to see its await chain and locals"));
    connect(taskTable_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::showTaskDetails);
    taskChain_ = new QLabel(tr("Select a task to see its await chain and locals."), this);
    taskChain_->setWordWrap(true);
    locals_ = new QTableWidget(0, 2, this);
    locals_->setHorizontalHeaderLabels({tr("Local"), tr("Value")});
    locals_->horizontalHeader()->setStretchLastSection(true);
    locals_->verticalHeader()->hide();
    locals_->setAccessibleName(tr("Locals of the selected task"));
    locals_->setToolTip(tr("The selected task's local variables at this step"));
    auto* tasksPanel = new QWidget(this);
    auto* tasksLayout = new QVBoxLayout(tasksPanel);
    tasksLayout->setContentsMargins(0, 0, 0, 0);
    tasksLayout->addWidget(taskTable_, 3);
    tasksLayout->addWidget(taskChain_);
    tasksLayout->addWidget(locals_, 1);
    locals_->setMaximumHeight(locals_->fontMetrics().height() * 7);
    locals_->hide(); // shown when a task with locals is selected

    outputModel_ = new OutputModel(this);
    output_ = new QListView(this);
    output_->setModel(outputModel_);
    output_->setUniformItemSizes(true);
    output_->setAccessibleName(tr("Program output"));
    output_->setToolTip(tr("What the program printed up to this step, with virtual time and task"));
    output_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    problems_ = new QPlainTextEdit(this);
    problems_->setReadOnly(true);
    problems_->setAccessibleName(tr("Errors and reports"));
    problems_->setToolTip(tr("Tracebacks, warnings and LoopLab's reports about the run"));
    timeline_ = new TimelineView(this);
    timeline_->setAccessibleName(tr("Timeline of all tasks"));
    timeline_->setToolTip(
        tr("Every task over virtual time. Wheel or +/-: zoom, 0: whole run, drag: pan, "
           "click: jump"));
    connect(timeline_, &TimelineView::timeClicked, this, [this](qint64 ns) {
        if (!isPresenting()) // presenting, a click is the spotlight's
            controller_.goToTime(ns);
    });
    bottomTabs_ = new QTabWidget(this);
    deadlock_ = new DeadlockView(this);
    deadlock_->setAccessibleName(tr("Deadlock: who waits for whom"));
    deadlock_->hide(); // shown as a tab only when a run deadlocks
    timeline_->viewport()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(timeline_->viewport(), &QWidget::customContextMenuRequested, this,
            [this](const QPoint& pos) {
                QMenu menu(this);
                menu.addAction(tr("Export timeline…"), this,
                               [this] { exportView(ExportView::Timeline); });
                menu.exec(timeline_->viewport()->mapToGlobal(pos));
            });
    charts_ = new ChartsPanel(this);
    charts_->setAccessibleName(tr("Charts of the run"));
    connect(charts_, &ChartsPanel::exportRequested, this, [this](ChartsPanel::ChartKind kind) {
        exportView(kind == ChartsPanel::ChartKind::Concurrency ? ExportView::Concurrency
                   : kind == ChartsPanel::ChartKind::Breakdown ? ExportView::Breakdown
                                                               : ExportView::Comparison);
    });
    export_ = new WindowExport(this, timeline_, charts_);
    bottomTabs_->addTab(timeline_, tr("Timeline"));
    bottomTabs_->addTab(charts_, tr("Charts"));
    bottomTabs_->addTab(output_, tr("Output"));
    bottomTabs_->addTab(problems_, tr("Errors and reports"));
    bottomTabs_->setAccessibleName(tr("Run views"));
    bottomTabs_->setTabToolTip(0, timeline_->toolTip());
    bottomTabs_->setTabToolTip(1, tr("Charts of the whole run"));
    bottomTabs_->setTabToolTip(2, output_->toolTip());
    bottomTabs_->setTabToolTip(3, problems_->toolTip());

    auto* right = new QSplitter(Qt::Vertical, this);
    right->addWidget(loop_);
    right->addWidget(tasksPanel);
    auto* top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(code_);
    top->addWidget(right);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);
    auto* main = new QSplitter(Qt::Vertical, this);
    main->addWidget(top);
    main->addWidget(bottomTabs_);
    main->setStretchFactor(0, 3);
    main->setStretchFactor(1, 2);
    main->setSizes({560, 380}); // proportions: the timeline needs room for several rows
    right->setSizes({300, 260});

    auto* header = new QWidget(this);
    auto* headerLayout = new QHBoxLayout(header);
    // The clock and the step count keep their whole text at any zoom; the narration wraps.
    clockLabel_->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Preferred);
    stepLabel_->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Preferred);
    headerLayout->addWidget(clockLabel_);
    headerLayout->addWidget(narrationLabel_, 1);
    headerLayout->addWidget(stepLabel_);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->addWidget(header);
    layout->addWidget(slider_);
    layout->addWidget(main, 1);
    setCentralWidget(central);
    buildPresentation(tasksPanel);
}

void MainWindow::buildPresentation(QWidget* tasksPanel) {
    zoom_ = new WindowZoom(this);
    for (QWidget* w : std::initializer_list<QWidget*>{
             narrationLabel_, clockLabel_, stepLabel_, loop_, taskTable_,
             taskTable_->horizontalHeader(), taskChain_, locals_, output_, problems_})
        zoom_->addFont(w);
    zoom_->addScaler([this](double scale) { code_->setScale(scale); });
    zoom_->addScaler([this](double scale) { timeline_->setScale(scale); });
    zoom_->addScaler([this](double scale) { charts_->setScale(scale); });
    // Tab bars take their font from the style, not from setFont: a style sheet reaches them
    // (the bottom tabs and the charts' own tabs).
    const QFontInfo tabFont(bottomTabs_->tabBar()->font());
    const double tabPoints = tabFont.pointSizeF();
    zoom_->addScaler([this, tabPoints](double scale) {
        bottomTabs_->setStyleSheet(
            scale == 1.0 ? QString()
                         : QStringLiteral("QTabBar { font-size: %1pt; }").arg(tabPoints * scale));
    });
    connect(zoom_, &WindowZoom::scaleChanged, this, [this](double scale) {
        narrationLabel_->setMinimumHeight(narrationLabel_->fontMetrics().height() * 2 + 8);
        statusBar()->showMessage(tr("Zoom %1%").arg(qRound(scale * 100)), 2000);
        // Once the views have their new size, the current line is centred again.
        QTimer::singleShot(0, this, [this] { showStep(); });
    });

    // The audience sees code, loop, clock, narration and timeline; the task table goes.
    presentation_ = new PresentationMode(this, {tasksPanel}, bottomTabs_, timeline_);
    connect(presentation_, &PresentationMode::stepRequested, this,
            [this](int direction) { direction > 0 ? controller_.forward() : controller_.back(); });
    connect(presentation_, &PresentationMode::activeChanged, this, [this](bool active) {
        player_.stop();
        zoom_->setMode(active ? QStringLiteral("present") : QStringLiteral("normal"));
        if (!active)
            spotlight_->clear();
    });
    // Presenting, a click puts a task or a lock in the spotlight instead of jumping or
    // selecting.
    spotlight_ = new Spotlight(
        timeline_, taskTable_, taskModel_, loop_, [this] { return isPresenting(); },
        [this]() -> const LoopState& { return controller_.state(); }, this);
}

void MainWindow::setPresenting(bool on, bool fullScreen) {
    if (on)
        presentation_->enter(fullScreen);
    else
        presentation_->leave();
}

bool MainWindow::isPresenting() const {
    return presentation_->isActive();
}

void MainWindow::toggleSpotlight(const QString& key, const QSet<QString>& tasks) {
    spotlight_->toggle(key, tasks);
}

QSet<QString> MainWindow::spotlightTasks() const {
    return spotlight_->tasks();
}

void MainWindow::buildActions() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QMenu* step = menuBar()->addMenu(tr("&Step"));
    QMenu* view = menuBar()->addMenu(tr("&View"));
    auto* reduceMotion = new QAction(tr("&Reduce motion"), this);
    reduceMotion->setCheckable(true);
    reduceMotion->setStatusTip(tr("Show changes instantly instead of animating them"));
    reduceMotion->setChecked(QSettings().value(QStringLiteral("reduceMotion"), false).toBool());
    loop_->setReduceMotion(reduceMotion->isChecked());
    connect(reduceMotion, &QAction::toggled, this, [this](bool on) {
        loop_->setReduceMotion(on);
        QSettings().setValue(QStringLiteral("reduceMotion"), on);
    });
    view->addAction(reduceMotion);
    view->addMenu(new ThemeMenu(this));
    view->addSeparator();
    auto viewAction = [&](const QString& text, const QList<QKeySequence>& keys, const QString& tip,
                          auto slot) {
        auto* action = new QAction(text, this);
        action->setShortcuts(keys);
        action->setToolTip(QStringLiteral("%1 (%2)").arg(tip, keys.first().toString()));
        action->setStatusTip(tip);
        connect(action, &QAction::triggered, this, slot);
        view->addAction(action);
        addAction(action); // shortcuts work while the menu bar is hidden (presenting)
        return action;
    };
    viewAction(tr("&Present"), {QKeySequence(Qt::Key_F5)},
               tr("Full screen for an audience: large code, loop and timeline; a remote's Page "
                  "Down/Page Up step, B blanks, Esc leaves"),
               [this] { setPresenting(!isPresenting()); });
    viewAction(tr("Zoom &in"), {QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)},
               tr("Larger text, markers and lines (up to 300%)"), [this] { zoom_->zoomIn(); });
    viewAction(tr("Zoom &out"), {QKeySequence::ZoomOut}, tr("Smaller (down to 100%)"),
               [this] { zoom_->zoomOut(); });
    viewAction(tr("&Actual size"), {QKeySequence(Qt::CTRL | Qt::Key_0)},
               tr("Back to this mode's usual size"), [this] { zoom_->reset(); });
    view->addSeparator();
    QAction* showLessonPanel = lessonDock_->toggleViewAction();
    showLessonPanel->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    showLessonPanel->setStatusTip(tr("Show or hide the lesson: goals, prediction, notes"));
    view->addAction(showLessonPanel);
    QAction* showCourse = courseDock_->toggleViewAction();
    showCourse->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    showCourse->setStatusTip(tr("Show or hide the list of lessons"));
    view->addAction(showCourse);
    QToolBar* bar = addToolBar(tr("Stepping"));
    bar->setObjectName(QStringLiteral("stepping"));
    auto add = [&](QMenu* menu, const QString& text, const QKeySequence& keys, const QString& tip,
                   auto slot, bool onToolbar) {
        auto* action = new QAction(text, this);
        action->setShortcut(keys);
        action->setToolTip(QStringLiteral("%1 (%2)").arg(tip, keys.toString()));
        action->setStatusTip(tip);
        connect(action, &QAction::triggered, this, slot);
        menu->addAction(action);
        if (onToolbar)
            bar->addAction(action);
        addAction(action);
        return action;
    };
    add(
        file, tr("&Open…"), QKeySequence::Open, tr("Open a Python program"),
        [this] {
            const QString path = QFileDialog::getOpenFileName(this, tr("Open a program"), QString(),
                                                              tr("Python programs (*.py)"));
            if (!path.isEmpty())
                openProgram(path);
        },
        false);
    add(
        file, tr("Open &Lesson Folder…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
        tr("Show a folder of lesson files in the Course list"),
        [this] {
            const QString folder = QFileDialog::getExistingDirectory(
                this, tr("Open a folder of lessons"), browser_->folder());
            if (!folder.isEmpty())
                openLessonFolder(folder);
        },
        false);
    add(
        file, tr("&Next lesson"), QKeySequence(Qt::CTRL | Qt::Key_N),
        tr("Open the next lesson of the course"), [this] { openNextLesson(); }, false);
    add(file, tr("&Run"), QKeySequence(Qt::CTRL | Qt::Key_R),
        tr("Run the code in the editor again, keeping your place"), &MainWindow::runEditedCode,
        true);
    add(
        file, tr("&Export…"), QKeySequence(Qt::CTRL | Qt::Key_E),
        tr("Export the timeline or a chart as PNG, SVG or PDF, or the run as CSV or Chrome "
           "trace JSON"),
        [this] { exportView(ExportView::Timeline); }, false);
    add(file, tr("&Quit"), QKeySequence::Quit, tr("Quit LoopLab"), &QWidget::close, false);
    bar->addSeparator();
    using Unit = StepController::Unit;
    add(
        step, tr("To &start"), QKeySequence(Qt::Key_Home), tr("Go to the start of the run"),
        [this] { controller_.toStart(); }, true);
    add(
        step, tr("Back one &iteration"), QKeySequence(Qt::SHIFT | Qt::Key_Left),
        tr("Back to the previous loop iteration"), [this] { controller_.back(Unit::Iteration); },
        false);
    add(
        step, tr("Back one task step"), QKeySequence(Qt::CTRL | Qt::Key_Left),
        tr("Back to the previous end of a task step"), [this] { controller_.back(Unit::TaskStep); },
        false);
    add(
        step, tr("&Back"), QKeySequence(Qt::Key_Left), tr("Step back"),
        [this] { controller_.back(); }, true);
    add(step, tr("&Play / pause"), QKeySequence(Qt::Key_Space), tr("Play the run step by step"),
        &MainWindow::togglePlay, true);
    add(
        step, tr("&Forward"), QKeySequence(Qt::Key_Right), tr("Step forward"),
        [this] { controller_.forward(); }, true);
    add(
        step, tr("Forward one task step"), QKeySequence(Qt::CTRL | Qt::Key_Right),
        tr("Run until the current task yields"), [this] { controller_.forward(Unit::TaskStep); },
        false);
    add(
        step, tr("Forward one i&teration"), QKeySequence(Qt::SHIFT | Qt::Key_Right),
        tr("Forward to the next loop iteration"), [this] { controller_.forward(Unit::Iteration); },
        false);
    add(
        step, tr("Back one &line"), QKeySequence(Qt::ALT | Qt::Key_Left),
        tr("Back to the previous program line that ran"), [this] { controller_.back(Unit::Line); },
        false);
    add(
        step, tr("Forward one l&ine"), QKeySequence(Qt::ALT | Qt::Key_Right),
        tr("Forward to the next program line that runs"),
        [this] { controller_.forward(Unit::Line); }, false);
    add(
        step, tr("To &end"), QKeySequence(Qt::Key_End), tr("Go to the end of the run"),
        [this] { controller_.toEnd(); }, true);
    add(
        step, tr("&Continue to breakpoint"), QKeySequence(Qt::Key_F8),
        tr("Run forward to the next line with a breakpoint (click the margin to set one)"),
        [this] { controller_.continueToBreakpoint(); }, true);
    add(file, tr("Re&vert edits"), QKeySequence(), tr("Discard your edits and reload the file"),
        &MainWindow::revertEdits, false);

    bar->addSeparator();
    timeBox_ = new QDoubleSpinBox(this);
    QDoubleSpinBox* timeBox = timeBox_;
    timeBox->setPrefix(tr("go to t = "));
    timeBox->setSuffix(tr(" s"));
    timeBox->setDecimals(3);
    timeBox->setRange(0, 1e9);
    timeBox->setAccessibleName(tr("Jump to a virtual time"));
    timeBox->setToolTip(tr("Type a virtual time and press Enter to jump there"));
    connect(timeBox, &QDoubleSpinBox::editingFinished, this,
            [this, timeBox] { controller_.goToTime(static_cast<qint64>(timeBox->value() * 1e9)); });
    bar->addWidget(timeBox);
    auto* speed = new QComboBox(this);
    speed->setAccessibleName(tr("Play speed"));
    speed->setToolTip(tr("How many steps a second Play shows"));
    for (const double perSecond : {1.0, 2.5, 5.0, 10.0, 25.0})
        speed->addItem(tr("%1 steps/s").arg(perSecond), perSecond);
    speed->setCurrentIndex(1);
    connect(speed, &QComboBox::currentIndexChanged, this,
            [this, speed](int) { setPlaySpeed(speed->currentData().toDouble()); });
    bar->addWidget(speed);
}

void MainWindow::buildLessonDocks() {
    lessonPanel_ = new LessonPanel(progress_, this);
    lessonDock_ = new QDockWidget(tr("Lesson"), this);
    lessonDock_->setObjectName(QStringLiteral("lesson"));
    lessonDock_->setWidget(lessonPanel_);
    browser_ = new LessonBrowser(progress_, this);
    courseDock_ = new QDockWidget(tr("Course"), this);
    courseDock_->setObjectName(QStringLiteral("course"));
    courseDock_->setWidget(browser_);
    addDockWidget(Qt::LeftDockWidgetArea, lessonDock_);
    addDockWidget(Qt::LeftDockWidgetArea, courseDock_);
    tabifyDockWidget(lessonDock_, courseDock_);
    lessonDock_->raise();
    resizeDocks({lessonDock_}, {340}, Qt::Horizontal);
    // The lesson and the course grow with the zoom like every other view, and their dock
    // widens with them (their radio buttons and titles do not wrap forever).
    zoom_->addFont(lessonPanel_);
    zoom_->addFont(browser_);
    connect(zoom_, &WindowZoom::scaleChanged, this, [this](double scale) {
        resizeDocks({lessonDock_}, {static_cast<int>(340 * scale)}, Qt::Horizontal);
    });
    lessonDock_->hide();
    courseDock_->hide();

    connect(lessonPanel_, &LessonPanel::resetRequested, this, &MainWindow::revertEdits);
    connect(lessonPanel_, &LessonPanel::nextRequested, this, &MainWindow::openNextLesson);
    connect(lessonPanel_, &LessonPanel::progressChanged, browser_, &LessonBrowser::refreshProgress);
    connect(browser_, &LessonBrowser::lessonActivated, this, [this](const QString& path) {
        saveEdits();
        openProgram(path);
    });
    // The folder the user chose last, else the built-in course.
    const QString saved = QSettings().value(QStringLiteral("lessonFolder")).toString();
    browser_->setFolder(!saved.isEmpty() && QDir(saved).exists()
                            ? saved
                            : QString::fromStdString(findLessonFolder(looplab_.toStdString())));
}

void MainWindow::openLessonFolder(const QString& folder) {
    if (folder.isEmpty())
        return;
    browser_->setFolder(folder);
    if (browser_->folder() != QString::fromStdString(findLessonFolder(looplab_.toStdString())))
        QSettings().setValue(QStringLiteral("lessonFolder"), folder);
    if (isVisible()) {
        courseDock_->show();
        courseDock_->raise();
    }
    if (browser_->lessonCount() == 0)
        statusBar()->showMessage(tr("No lessons (.py files) in %1").arg(folder));
}

void MainWindow::openNextLesson() {
    const QString next = browser_->nextLesson(run_.programPath);
    if (next.isEmpty()) {
        statusBar()->showMessage(browser_->lessonCount() > 0
                                     ? tr("This is the last lesson of the course.")
                                     : tr("No course is open: File → Open Lesson Folder."));
        return;
    }
    saveEdits();
    openProgram(next);
}

const std::vector<TraceEvent>& MainWindow::runEvents() const {
    static const std::vector<TraceEvent> none; // a run that left no trace
    return run_.replay ? run_.replay->events() : none;
}

void MainWindow::showLesson() {
    const Lesson lesson = loadLesson(run_.programPath.toStdString());
    if (!lesson.isLesson()) {
        lessonPanel_->clear();
        lessonDock_->hide();
        return;
    }
    const LessonChecker checker(runEvents());
    std::vector<QuestionVerdict> verdicts;
    for (const LessonQuestion& question : lesson.questions)
        verdicts.push_back(checker.judge(question));
    lessonPanel_->setLesson(lesson, verdicts, checker.noteEvents(lesson),
                            run_.replay ? checker.verify(lesson) : lesson.problems);
    browser_->setCurrentLesson(run_.programPath);
    const bool wasHidden = lessonDock_->isHidden();
    lessonDock_->show();
    courseDock_->show();
    lessonDock_->raise();
    if (wasHidden && zoom_->scale() > 1.0) // zoomed text needs a wider lesson
        resizeDocks({lessonDock_}, {static_cast<int>(340 * zoom_->scale())}, Qt::Horizontal);
}

void MainWindow::setPlaySpeed(double stepsPerSecond) {
    player_.setInterval(static_cast<int>(1000.0 / std::max(0.1, stepsPerSecond)));
}

QString MainWindow::editsPath() const {
    // One file per program, named by a hash of its full path so programs with the same name in
    // different folders do not share edits.
    const QString folder =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/unsaved";
    QDir().mkpath(folder);
    const QByteArray key = QCryptographicHash::hash(
        QFileInfo(run_.programPath).absoluteFilePath().toUtf8(), QCryptographicHash::Sha1);
    return folder + "/" + QString::fromLatin1(key.toHex().left(16)) + "-" +
           QFileInfo(run_.programPath).fileName();
}

void MainWindow::saveEdits() {
    if (run_.programPath.isEmpty())
        return;
    editSaver_.stop();
    const QString text = code_->text();
    if (text == fileSource_) {
        QFile::remove(editsPath()); // nothing unsaved
        return;
    }
    QFile file(editsPath());
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(text.toUtf8());
}

void MainWindow::revertEdits() {
    QFile::remove(editsPath());
    openProgram(run_.programPath);
}

bool MainWindow::openProgram(const QString& path) {
    run_ = recordProgram(looplab_, path);
    fileSource_ = run_.source;
    code_->blockSignals(true);
    code_->setText(run_.source);
    QFile edits(editsPath());
    restoredEdits_ = false;
    if (edits.open(QIODevice::ReadOnly)) {
        const QString text = QString::fromUtf8(edits.readAll());
        if (text != fileSource_) {
            code_->setText(text);
            restoredEdits_ = true;
        }
    }
    code_->blockSignals(false);
    setWindowTitle(tr("LoopLab — %1").arg(QFileInfo(path).fileName()));
    showLesson();
    showRun(0);
    if (restoredEdits_)
        statusBar()->showMessage(tr("Your unsaved edits from last time are back in the editor. "
                                    "Ctrl+R runs them; File → Revert edits discards them."));
    return run_.recorded();
}

QString MainWindow::autosavePath() const {
    const QString folder =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/autosave";
    QDir().mkpath(folder);
    return folder + "/" + QFileInfo(run_.programPath).fileName();
}

void MainWindow::runEditedCode() {
    saveEdits();
    // The edited code runs from a copy beside the user's settings, so the original file is
    // untouched and the edits survive a crash of anything.
    const QString copy = autosavePath();
    QFile file(copy);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(code_->text().toUtf8());
    file.close();
    const int keep = controller_.currentStop();
    const QString original = run_.programPath;
    run_ = recordProgram(looplab_, copy);
    run_.programPath = original;
    if (lessonPanel_->hasLesson()) {
        // The notes follow the edited code's lines and its new run.
        const Lesson edited = parseLesson(code_->text().toStdString(), original.toStdString());
        lessonPanel_->setNoteEvents(edited, LessonChecker(runEvents()).noteEvents(edited));
    }
    showRun(keep);
}

void MainWindow::showRun(int keepStop) {
    code_->markerDeleteAll(); // markers of the previous run, errors included
    narrator_.reset();
    outputModel_->setReplay(run_.replay.get());
    controller_.setReplay(run_.replay);
    timelineModel_ = run_.replay ? std::make_shared<const TimelineModel>(*run_.replay)
                                 : std::make_shared<const TimelineModel>();
    timeline_->setModel(timelineModel_);
    statistics_ = std::make_shared<const RunStatistics>(*timelineModel_);
    export_->setRun({timelineModel_.get(), statistics_.get(),
                     run_.replay ? &run_.replay->events() : nullptr, run_.programPath});
    const bool edited = code_->text() != fileSource_;
    charts_->setRun(run_.replay ? statistics_ : nullptr,
                    QFileInfo(run_.programPath).fileName() +
                        (edited ? tr(" (edited)") : QString()));
    slider_->blockSignals(true);
    slider_->setRange(0, controller_.stopCount() - 1);
    slider_->blockSignals(false);
    controller_.goToStop(keepStop);
    markProblems();
    showStep();
}

void MainWindow::markProblems() {
    QString report = run_.problem.isEmpty() ? run_.standardError : run_.problem;
    problems_->setPlainText(report.isEmpty() ? tr("The program %1.").arg(run_.endSummary())
                                             : report);
    if (run_.exitStatus != 0 && !report.isEmpty())
        bottomTabs_->setCurrentWidget(problems_);
    // A deadlock gets its own tab: the wait-for graph with the cycle, explained.
    const int deadlockTab = bottomTabs_->indexOf(deadlock_);
    const TraceEvent* end = nullptr;
    if (run_.replay && run_.replay->eventCount() > 0 &&
        run_.replay->events().back().kind == EventKind::End)
        end = &run_.replay->events().back();
    deadlock_->setDeadlock(end ? QString::fromStdString(end->detail) : QString());
    if (deadlock_->hasDeadlock() && deadlockTab < 0)
        bottomTabs_->setTabToolTip(bottomTabs_->insertTab(0, deadlock_, tr("Deadlock")),
                                   tr("Which tasks wait for each other, and why none can go on"));
    else if (!deadlock_->hasDeadlock() && deadlockTab >= 0)
        bottomTabs_->removeTab(deadlockTab);
    if (deadlock_->hasDeadlock())
        bottomTabs_->setCurrentWidget(deadlock_);
    // Python names the failing line as `File "<program>", line N`: mark the last such line.
    static const QRegularExpression where(QStringLiteral("File \"([^\"]+)\", line (\\d+)"));
    int line = 0;
    auto matches = where.globalMatch(run_.standardError);
    while (matches.hasNext()) {
        const auto match = matches.next();
        if (QFileInfo(match.captured(1)).fileName() == QFileInfo(run_.programPath).fileName())
            line = match.captured(2).toInt();
    }
    const QStringList lines = run_.standardError.trimmed().split('\n');
    errorLine_ = line > 0 && !lines.isEmpty() ? line : 0;
    errorMessage_ = errorLine_ ? lines.last() : QString();
}

QString MainWindow::narration() const {
    return narrationLabel_->text();
}
QString MainWindow::clockText() const {
    return clockLabel_->text();
}
QString MainWindow::outputText() const {
    return outputModel_->text();
}

void MainWindow::showStep() {
    const LoopState& state = controller_.state();
    const TraceEvent* last = controller_.lastEvent();
    clockLabel_->setText(QStringLiteral("t = %1").arg(formatTime(state.timeNs)));
    stepLabel_->setText(tr("step %1 of %2")
                            .arg(controller_.currentStop())
                            .arg(std::max(0, controller_.stopCount() - 1)));
    slider_->blockSignals(true);
    slider_->setValue(controller_.currentStop());
    slider_->blockSignals(false);

    if (!last) {
        narrationLabel_->setText(run_.recorded() ? tr("Press → to watch the event loop run the "
                                                      "program one step at a time.")
                                                 : run_.problem);
    } else {
        if (!narrator_)
            narrator_ = std::make_unique<Narrator>(*controller_.replay());
        narrationLabel_->setText(
            QString::fromStdString(narrator_->sentence(controller_.lastEventIndex())));
    }

    int line = 0;
    if (state.runningTask >= 0 && state.tasks.count(state.runningTask))
        line = static_cast<int>(state.tasks.at(state.runningTask).line);
    else if (last && last->kind == EventKind::Line)
        line = static_cast<int>(last->line);
    timeline_->setCurrentTime(state.timeNs);
    charts_->setCurrentTime(state.timeNs);
    // The go-to box shows where the stepping is, except while someone types into it.
    if (timeBox_ && !timeBox_->hasFocus()) {
        const QSignalBlocker quiet(timeBox_);
        timeBox_->setValue(static_cast<double>(state.timeNs) / 1e9);
    }
    lessonPanel_->showPosition(state.eventsApplied,
                               controller_.stopCount() > 1 &&
                                   controller_.currentStop() == controller_.stopCount() - 1);
    code_->setLessonNote(lessonPanel_->currentNoteLine(), lessonPanel_->currentNoteText());
    code_->showState(state, line);
    code_->markError(errorLine_, errorMessage_);
    // One line is kept in view, chosen after every note is in place (notes push lines down):
    // the running line; else the await (or blocking call) a task just stopped at, where its
    // marker is; else the line where the run failed.
    int focus = line;
    if (focus == 0 && last && last->line > 0 &&
        (last->kind == EventKind::StepYield || last->kind == EventKind::Block))
        focus = static_cast<int>(last->line);
    if (focus == 0)
        focus = errorLine_;
    if (focus > 0)
        code_->ensureLineVisible(focus - 1);
    loop_->showState(state, controller_.replay());
    taskModel_->setState(state);
    showTaskDetails();

    // Output printed so far, each line with its time and task.
    outputModel_->showUpTo(state.eventsApplied);
    output_->scrollToBottom();
}

void MainWindow::showTaskDetails() {
    const qint64 task = taskModel_->taskAt(taskTable_->currentIndex().row());
    const auto& tasks = controller_.state().tasks;
    locals_->setRowCount(0);
    if (task < 0 || !tasks.count(task)) {
        locals_->hide();
        taskChain_->setText(tr("Select a task to see its await chain and locals."));
        return;
    }
    const TaskView& view = tasks.at(task);
    const QStringList chain = awaitChain(view);
    taskChain_->setText(chain.isEmpty()
                            ? tr("%1 has not waited yet.").arg(QString::fromStdString(view.name))
                            : tr("Await chain: %1").arg(chain.join(" → ")));
    const auto locals = frameLocals(view);
    locals_->setVisible(!locals.isEmpty());
    locals_->setRowCount(locals.size());
    for (int row = 0; row < locals.size(); ++row) {
        locals_->setItem(row, 0, new QTableWidgetItem(locals[row].first));
        locals_->setItem(row, 1, new QTableWidgetItem(locals[row].second));
    }
}

void MainWindow::togglePlay() {
    if (player_.isActive())
        player_.stop();
    else
        player_.start();
}

void MainWindow::exportView(ExportView view) {
    export_->ask(view);
}

bool MainWindow::exportTo(const ExportRequest& request, QString* error) {
    return export_->write(request, error);
}

} // namespace looplab
