#include "WindowLayout.h"

#include "ChartsPanel.h"
#include "CodeView.h"
#include "DeadlockView.h"
#include "LessonBrowser.h"
#include "LessonPanel.h"
#include "LoopView.h"
#include "OutputModel.h"
#include "TaskTableModel.h"
#include "TimelineView.h"
#include "WindowZoom.h"

#include <QDockWidget>
#include <QFontDatabase>
#include <QFontInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QSlider>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace looplab {

namespace {

// The lesson dock's width at 100% zoom.
constexpr int kLessonWidth = 340;

} // namespace

WindowLayout::WindowLayout(QMainWindow* window, LessonProgress& progress)
    : QObject(window), window_(window) {
    buildViews();
    arrange();
    buildLessonDocks(progress);
}

void WindowLayout::buildViews() {
    QMainWindow* window = window_;
    narrationLabel_ = new QLabel(window);
    narrationLabel_->setWordWrap(true);
    narrationLabel_->setTextFormat(Qt::PlainText);
    narrationLabel_->setAccessibleName(tr("Narration"));
    QFont narrationFont = window->font();
    narrationFont.setPointSizeF(narrationFont.pointSizeF() * 1.25);
    narrationLabel_->setFont(narrationFont);
    narrationFont_ = narrationFont;
    keepTwoNarrationLines();

    clockLabel_ = new QLabel(window);
    QFont clockFont = window->font();
    clockFont.setPointSizeF(clockFont.pointSizeF() * 1.5);
    clockFont.setBold(true);
    clockLabel_->setFont(clockFont);
    clockLabel_->setAccessibleName(tr("Virtual clock"));
    clockLabel_->setToolTip(tr("Virtual time: the clock of the simulated event loop"));
    stepLabel_ = new QLabel(window);

    slider_ = new QSlider(Qt::Horizontal, window);
    slider_->setAccessibleName(tr("Step slider"));
    slider_->setToolTip(tr("Drag to any step of the run"));

    code_ = new CodeView(window);
    loop_ = new LoopView(window);

    taskModel_ = new TaskTableModel(window);
    taskTable_ = new QTableView(window);
    taskTable_->setModel(taskModel_);
    taskTable_->setSelectionBehavior(QAbstractItemView::SelectRows);
    taskTable_->setSelectionMode(QAbstractItemView::SingleSelection);
    taskTable_->horizontalHeader()->setStretchLastSection(true);
    taskTable_->setTextElideMode(Qt::ElideRight); // "Task-2 · downl…": the name stays whole
    taskTable_->verticalHeader()->hide();
    sizeTaskColumns();
    taskTable_->setAccessibleName(tr("Tasks"));
    taskTable_->setToolTip(tr("Every task at this step: its state, what it waits for, its line. "
                              "Select one to see its await chain and locals"));
    taskChain_ = new QLabel(tr("Select a task to see its await chain and locals."), window);
    taskChain_->setWordWrap(true);
    taskChain_->setAccessibleName(tr("Selected task"));
    locals_ = new QTableWidget(0, 2, window);
    locals_->setHorizontalHeaderLabels({tr("Local"), tr("Value")});
    locals_->horizontalHeader()->setStretchLastSection(true);
    locals_->verticalHeader()->hide();
    locals_->setAccessibleName(tr("Locals of the selected task"));
    locals_->setToolTip(tr("The selected task's local variables at this step"));
    tasksPanel_ = new QWidget(window);
    auto* tasksLayout = new QVBoxLayout(tasksPanel_);
    tasksLayout->setContentsMargins(0, 0, 0, 0);
    tasksLayout->addWidget(taskTable_, 3);
    tasksLayout->addWidget(taskChain_);
    tasksLayout->addWidget(locals_, 1);
    locals_->setMaximumHeight(locals_->fontMetrics().height() * 7);
    locals_->hide(); // shown when a task with locals is selected

    outputModel_ = new OutputModel(window);
    output_ = new QListView(window);
    output_->setModel(outputModel_);
    output_->setUniformItemSizes(true);
    output_->setAccessibleName(tr("Program output"));
    output_->setToolTip(tr("What the program printed up to this step, with virtual time and task"));
    output_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    problems_ = new QPlainTextEdit(window);
    problems_->setReadOnly(true);
    problems_->setAccessibleName(tr("Errors and reports"));
    problems_->setToolTip(tr("Tracebacks, warnings and LoopLab's reports about the run"));
    timeline_ = new TimelineView(window);
    timeline_->setAccessibleName(tr("Timeline of all tasks"));
    timeline_->setToolTip(
        tr("Every task over virtual time. Wheel or +/-: zoom, 0: whole run, drag: pan, "
           "click: jump"));
    timeline_->viewport()->setContextMenuPolicy(Qt::CustomContextMenu);
    bottomTabs_ = new QTabWidget(window);
    deadlock_ = new DeadlockView(window);
    deadlock_->setAccessibleName(tr("Deadlock: who waits for whom"));
    deadlock_->hide(); // shown as a tab only when a run deadlocks
    charts_ = new ChartsPanel(window);
    charts_->setAccessibleName(tr("Charts of the run"));
    // Qt Charts asks for a tall minimum that grows with the zoom and does not shrink back; as a
    // page of the tabs it would hold every tab (and so the code above) to that height. The
    // charts draw smaller instead.
    charts_->setMinimumSize(160, 100);
    bottomTabs_->addTab(timeline_, tr("Timeline"));
    bottomTabs_->addTab(charts_, tr("Charts"));
    bottomTabs_->addTab(output_, tr("Output"));
    bottomTabs_->addTab(problems_, tr("Errors and reports"));
    bottomTabs_->setAccessibleName(tr("Run views"));
    bottomTabs_->setTabToolTip(0, timeline_->toolTip());
    bottomTabs_->setTabToolTip(1, tr("Charts of the whole run"));
    bottomTabs_->setTabToolTip(2, output_->toolTip());
    bottomTabs_->setTabToolTip(3, problems_->toolTip());
}

void WindowLayout::arrange() {
    QMainWindow* window = window_;
    auto* right = new QSplitter(Qt::Vertical, window);
    right->addWidget(loop_);
    right->addWidget(tasksPanel_);
    auto* top = new QSplitter(Qt::Horizontal, window);
    top->addWidget(code_);
    top->addWidget(right);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);
    auto* main = new QSplitter(Qt::Vertical, window);
    mainSplitter_ = main;
    main->addWidget(top);
    main->addWidget(bottomTabs_);
    main->setStretchFactor(0, 3);
    main->setStretchFactor(1, 2);
    main->setSizes({560, 380}); // proportions: the timeline needs room for several rows
    right->setSizes({300, 260});

    auto* header = new QWidget(window);
    header_ = new QGridLayout(header);
    // The clock and the step count keep their whole text at any zoom; the narration wraps.
    clockLabel_->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Preferred);
    stepLabel_->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Preferred);
    arrangeHeader(1.0);

    auto* central = new QWidget(window);
    auto* layout = new QVBoxLayout(central);
    layout->addWidget(header);
    layout->addWidget(slider_);
    layout->addWidget(main, 1);
    window->setCentralWidget(central);
}

void WindowLayout::buildLessonDocks(LessonProgress& progress) {
    QMainWindow* window = window_;
    lessonPanel_ = new LessonPanel(progress, window);
    lessonDock_ = new QDockWidget(tr("Lesson"), window);
    lessonDock_->setObjectName(QStringLiteral("lesson"));
    lessonDock_->setWidget(lessonPanel_);
    browser_ = new LessonBrowser(progress, window);
    courseDock_ = new QDockWidget(tr("Course"), window);
    courseDock_->setObjectName(QStringLiteral("course"));
    courseDock_->setWidget(browser_);
    window->addDockWidget(Qt::LeftDockWidgetArea, lessonDock_);
    window->addDockWidget(Qt::LeftDockWidgetArea, courseDock_);
    window->tabifyDockWidget(lessonDock_, courseDock_);
    lessonDock_->raise();
    widenLessonDock(1.0);
    lessonDock_->hide();
    courseDock_->hide();
}

void WindowLayout::growWith(WindowZoom& zoom) {
    for (QWidget* w : std::initializer_list<QWidget*>{clockLabel_, stepLabel_, loop_, taskTable_,
                                                      taskTable_->horizontalHeader(), taskChain_,
                                                      locals_, output_, problems_})
        zoom.addFont(w);
    zoom.addScaler([this](double scale) { code_->setScale(scale); });
    zoom.addScaler([this](double scale) { timeline_->setScale(scale); });
    zoom.addScaler([this](double scale) { charts_->setScale(scale); });
    zoom.addScaler([this](double scale) { deadlock_->setScale(scale); });
    // Tab bars take their font from the style, not from setFont: a style sheet reaches them
    // (the bottom tabs and the charts' own tabs).
    const QFontInfo tabFont(bottomTabs_->tabBar()->font());
    const double tabPoints = tabFont.pointSizeF();
    zoom.addScaler([this, tabPoints](double scale) {
        bottomTabs_->setStyleSheet(
            scale == 1.0 ? QString()
                         : QStringLiteral("QTabBar { font-size: %1pt; }").arg(tabPoints * scale));
    });
    zoom.addScaler([this](double scale) {
        narrationScale_ = scale;
        fitNarration();
    });
    connect(&zoom, &WindowZoom::scaleChanged, this, &WindowLayout::arrangeHeader);
    connect(&zoom, &WindowZoom::scaleChanged, this, &WindowLayout::keepTwoNarrationLines);
    connect(&zoom, &WindowZoom::scaleChanged, this, &WindowLayout::sizeTaskColumns);
}

void WindowLayout::sizeTaskColumns() {
    // Room for a name and its coroutine ("Task-10 · download()"; longer ones are elided, the
    // tooltip has them whole), a state and a line number; what it waits on takes the rest.
    // Measured from the font, not from the rows: a run can have 20,000 tasks.
    const QFontMetrics fm(taskTable_->font());
    const int pad = fm.averageCharWidth() * 2;
    QHeaderView* header = taskTable_->horizontalHeader();
    header->resizeSection(TaskTableModel::Name,
                          fm.horizontalAdvance(QStringLiteral("Task-10 \u00b7 download()")) + pad);
    header->resizeSection(TaskTableModel::State, fm.horizontalAdvance(QStringLiteral("cancelled")) +
                                                     fm.height() + 2 * pad);
    header->resizeSection(TaskTableModel::Line,
                          std::max(fm.horizontalAdvance(QStringLiteral("0000")),
                                   header->fontMetrics().horizontalAdvance(tr("Line"))) +
                              2 * pad);
}

void WindowLayout::arrangeHeader(double scale) {
    // At the desk the narration sits between the clock and the step count. Zoomed for a room,
    // that middle is a narrow column where a sentence wraps to five lines and pushes the code
    // off the screen: the narration then gets a row of its own, the whole width.
    const bool ownRow = scale >= 2.0;
    if (header_->indexOf(narrationLabel_) >= 0 && ownRow == narrationOwnRow_)
        return;
    narrationOwnRow_ = ownRow;
    for (QWidget* w : {clockLabel_, narrationLabel_, stepLabel_})
        header_->removeWidget(w);
    header_->setColumnStretch(1, 1);
    header_->addWidget(clockLabel_, 0, 0);
    header_->addWidget(stepLabel_, 0, 2, Qt::AlignRight);
    if (ownRow)
        header_->addWidget(narrationLabel_, 1, 0, 1, 3);
    else
        header_->addWidget(narrationLabel_, 0, 1);
}

void WindowLayout::fitNarration() {
    // The narration grows with the zoom, but a long sentence (a deadlock, asyncio.run's
    // clean-up) at 300% would fill half of a projector's height: past three lines its text
    // shrinks, down to 60% of the zoomed size, so the code below keeps its room. In a short
    // window (300% at 1280x720 is a 427x240 window at 100%) it takes at most a sixth of the
    // height, and shrinks further for that, never below the body text.
    QFont font = narrationFont_;
    const double full = narrationFont_.pointSizeF() * narrationScale_;
    font.setPointSizeF(full);
    const int width = narrationLabel_->contentsRect().width();
    if (width > 100) {
        const int most =
            std::min(QFontMetrics(font).lineSpacing() * 3 + 2, std::max(window_->height() / 6, 60));
        const double least = std::min(0.6, 1.0 / narrationScale_);
        for (double share = 1.0; share > least; share -= 0.05) {
            font.setPointSizeF(full * share);
            const QRect needed = QFontMetrics(font).boundingRect(
                QRect(0, 0, width, 100000), Qt::TextWordWrap, narrationLabel_->text());
            if (needed.height() <= most)
                break;
        }
    }
    if (font != narrationLabel_->font()) {
        narrationLabel_->setFont(font);
        keepTwoNarrationLines();
    }
}

void WindowLayout::keepTwoNarrationLines() {
    narrationLabel_->setMinimumHeight(narrationLabel_->fontMetrics().height() * 2 + 8);
}

void WindowLayout::growLessonWith(WindowZoom& zoom) {
    zoom.addFont(lessonPanel_);
    zoom.addFont(browser_);
    connect(&zoom, &WindowZoom::scaleChanged, this, &WindowLayout::widenLessonDock);
}

void WindowLayout::widenLessonDock(double scale) {
    // Never more than a third of the window: at 300% in a small window the lesson would
    // otherwise leave the code a sliver.
    const int width = std::min(static_cast<int>(kLessonWidth * scale), window_->width() / 3);
    window_->resizeDocks({lessonDock_}, {std::max(width, kLessonWidth)}, Qt::Horizontal);
}

void WindowLayout::showLessonDocks(double scale) {
    const bool wasHidden = lessonDock_->isHidden();
    lessonDock_->show();
    courseDock_->show();
    lessonDock_->raise();
    if (wasHidden && scale > 1.0)
        widenLessonDock(scale);
}

void WindowLayout::toggleDeadlockFill() {
    if (!beforeFill_.isEmpty()) {
        mainSplitter_->setSizes(beforeFill_);
        beforeFill_.clear();
        return;
    }
    const QList<int> sizes = mainSplitter_->sizes();
    if (sizes.size() != 2 || sizes[0] + sizes[1] <= 0)
        return;
    beforeFill_ = sizes;
    mainSplitter_->setSizes({0, sizes[0] + sizes[1]});
}

void WindowLayout::roomForDeadlock(bool give, double most) {
    if (!give && !beforeFill_.isEmpty()) // the sizes from before the fill, then before the room
        toggleDeadlockFill();
    if (!give) {
        if (!beforeDeadlock_.isEmpty())
            mainSplitter_->setSizes(beforeDeadlock_);
        beforeDeadlock_.clear();
        return;
    }
    QList<int> sizes = mainSplitter_->sizes();
    if (sizes.size() != 2 || !beforeDeadlock_.isEmpty())
        return;
    const int total = sizes[0] + sizes[1];
    const int wanted = deadlock_->readableHeight(bottomTabs_->width() - 6) +
                       bottomTabs_->tabBar()->sizeHint().height() + 6;
    if (total <= 0 || sizes[1] >= wanted)
        return;
    // The code keeps six rows (the stuck line and context above it) or what it has, if less:
    // at 300% in a 1280x720 window 70% of the panes left it one row.
    const int row = static_cast<int>(code_->SendScintilla(QsciScintillaBase::SCI_TEXTHEIGHT, 0));
    const int chrome = code_->height() - code_->viewport()->height(); // scroll bar, frame
    const int keep = std::min(sizes[0], 6 * row + chrome + 4);
    const int room = std::min(static_cast<int>(total * most), total - keep);
    if (room <= sizes[1])
        return; // room is given, never taken: the pane has that much already
    beforeDeadlock_ = sizes;
    sizes[1] = std::min(wanted, room);
    sizes[0] = total - sizes[1];
    mainSplitter_->setSizes(sizes);
}

void WindowLayout::sharePresentingHeight(bool presenting) {
    beforeDeadlock_.clear(); // sizes of the other mode
    beforeFill_.clear();
    if (!presenting)
        return; // PresentationMode gives back every splitter's desk sizes
    // Sizes are shares: the splitter scales them to its height, now and as it changes. The
    // tabs get nearly half: on a 1280x720 projector the timeline (drawn smaller there, see
    // TimelineView::setScale) needs it for five rows, and the code keeps nine.
    mainSplitter_->setSizes({2600, 2400});
}

} // namespace looplab
