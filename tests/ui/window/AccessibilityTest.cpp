// An accessibility audit of the window: every control a student can use has a name for screen
// readers, a tooltip, and can be reached with the keyboard; every menu action says what it
// does; custom-painted views show where the keyboard focus is; and the interface grows with
// the system's font size. Exceptions are listed in `exemption()` with the reason for each.
#include "DeadlockView.h"
#include "ExportDialog.h"
#include "MainWindow.h"
#include "TimelineView.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSlider>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QWidgetAction>
#include <gtest/gtest.h>

#include <array>
#include <memory>

using namespace looplab;

namespace {

QString lessonPath() {
    return QStringLiteral(LOOPLAB_PROGRAMS "/../../../lessons/05_gather.py");
}

QString describe(const QWidget* w) {
    return QStringLiteral("%1 '%2' (%3)")
        .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName(),
             w->accessibleName());
}

bool isControl(const QWidget* w) {
    return qobject_cast<const QAbstractButton*>(w) || qobject_cast<const QComboBox*>(w) ||
           qobject_cast<const QAbstractSpinBox*>(w) || qobject_cast<const QLineEdit*>(w) ||
           qobject_cast<const QSlider*>(w) || qobject_cast<const QAbstractItemView*>(w) ||
           qobject_cast<const QAbstractScrollArea*>(w) || qobject_cast<const QTabBar*>(w);
}

// Parts of a composite control (a combo box's line edit and popup list, a spin box's line
// edit) are announced and focused as that control: they are audited through it.
bool isPartOfAControl(const QWidget* w, const QWidget* top) {
    for (const QWidget* p = w->parentWidget(); p && p != top; p = p->parentWidget())
        if (qobject_cast<const QComboBox*>(p) || qobject_cast<const QAbstractSpinBox*>(p))
            return true;
    return false;
}

// Why a control is exempt from a check, or "" when it is not.
enum class Check { Name, Tooltip, Focus };
QString exemption(const QWidget* w, Check check) {
    // A table's header is read out by the table (column names) and takes no focus of its own.
    if (qobject_cast<const QHeaderView*>(w))
        return QStringLiteral("header of its table");
    // Tool bar buttons take no focus (Qt's design); each is its action, audited with the
    // actions, and every one has a keyboard shortcut (checked in ToolBarActions...).
    if (auto* button = qobject_cast<const QToolButton*>(w);
        button && qobject_cast<const QToolBar*>(w->parentWidget())) {
        if (button->defaultAction())
            return QStringLiteral("tool bar button: audited as its action");
        // Qt's overflow chevron, shown only when the bar is too narrow; every action behind it
        // is in the menus too.
        if (w->objectName() == QLatin1String("qt_toolbar_ext_button"))
            return QStringLiteral("tool bar overflow button");
    }
    // A tab bar's scroll arrows (Qt's, named by Qt): the arrow keys move between tabs.
    if (qobject_cast<const QTabBar*>(w->parentWidget()) && check != Check::Name)
        return QStringLiteral("tab bar scroll arrow: arrow keys move between tabs");
    // A table's top-left corner (select all): part of the table, Ctrl+A does the same.
    if (w->inherits("QTableCornerButton"))
        return QStringLiteral("table corner button: part of the table");
    // The menu bar's overflow chevron, shown only when the window is too narrow for its menus:
    // F10 or Alt+letter opens every menu.
    if (w->objectName() == QLatin1String("qt_menubar_ext_button"))
        return QStringLiteral("menu bar overflow button");
    // A dock's close and float buttons are Qt's own: named by Qt, no focus; View → Lesson
    // (Ctrl+L) and View → Course (Ctrl+K) do the same from the keyboard.
    if (w->objectName().startsWith(QLatin1String("qt_dockwidget_")) && check != Check::Name)
        return QStringLiteral("dock title button: the View menu does the same");
    if (auto* bar = qobject_cast<const QTabBar*>(w)) {
        // A tab bar is announced with its tab widget's name; the tabs each have a tooltip
        // (checked separately), which is where the mouse rests.
        if (check == Check::Tooltip)
            return QStringLiteral("tabs have their own tooltips");
        // The bars QMainWindow makes for docks in one place: Qt builds and rebuilds them; their
        // tabs are the docks' titles.
        if (check == Check::Name && qobject_cast<const QMainWindow*>(bar->parentWidget()))
            return QStringLiteral("dock tab bar made by Qt, tabs named by the docks' titles");
    }
    return {};
}

QString nameOf(const QWidget* w) {
    if (!w->accessibleName().isEmpty())
        return w->accessibleName();
    // A tab bar is announced with its tab widget's name.
    if (qobject_cast<const QTabBar*>(w))
        if (auto* tabs = qobject_cast<const QTabWidget*>(w->parentWidget()))
            return tabs->accessibleName();
    // A button's text is its accessible name (what QAccessible reports when none is set).
    if (auto* button = qobject_cast<const QAbstractButton*>(w))
        return button->text().remove(QLatin1Char('&'));
    return {};
}

// Every control under `top`: the failures, one line each. *controls counts what was checked.
QStringList auditControls(const QWidget* top, int* controls) {
    QStringList failures;
    const QList<QWidget*> all = top->findChildren<QWidget*>();
    for (const QWidget* w : all) {
        if (!isControl(w) || isPartOfAControl(w, top))
            continue;
        ++*controls;
        if (nameOf(w).trimmed().isEmpty() && exemption(w, Check::Name).isEmpty())
            failures << QStringLiteral("no accessible name: ") + describe(w);
        if (w->toolTip().trimmed().isEmpty() && exemption(w, Check::Tooltip).isEmpty())
            failures << QStringLiteral("no tooltip: ") + describe(w);
        if (!(w->focusPolicy() & Qt::TabFocus) && exemption(w, Check::Focus).isEmpty())
            failures << QStringLiteral("not reachable with Tab: ") + describe(w);
        if (auto* bar = qobject_cast<const QTabBar*>(w))
            for (int i = 0; i < bar->count(); ++i)
                if (bar->tabToolTip(i).isEmpty() || bar->tabText(i).isEmpty())
                    failures << QStringLiteral("tab %1 without text or tooltip: ").arg(i) +
                                    describe(w);
    }
    return failures;
}

void collectActions(const QMenu* menu, QList<QAction*>& out) {
    for (QAction* action : menu->actions()) {
        if (action->isSeparator())
            continue;
        out << action;
        if (action->menu())
            collectActions(action->menu(), out);
    }
}

class AccessibilityTest : public ::testing::Test {
  protected:
    void SetUp() override {
        window_ = std::make_unique<MainWindow>(QStringLiteral(LOOPLAB_BINARY));
        window_->resize(1280, 800);
        ASSERT_TRUE(window_->openProgram(lessonPath()));
        window_->show();
        window_->lessonDock()->show();
        QApplication::processEvents();
    }

    std::unique_ptr<MainWindow> window_;
};

TEST_F(AccessibilityTest, EveryControlHasANameATooltipAndKeyboardFocus) {
    int controls = 0;
    const QStringList failures = auditControls(window_.get(), &controls);
    EXPECT_GT(controls, 20); // the lesson's answers and buttons, views, toolbar, tabs
    EXPECT_TRUE(failures.isEmpty()) << failures.join('\n').toStdString();
}

TEST_F(AccessibilityTest, TheDeadlockTabAndItsViewAreAuditedToo) {
    ASSERT_TRUE(
        window_->openProgram(QStringLiteral(LOOPLAB_PROGRAMS "/39_deadlock_lock_order.py")));
    window_->controller().toEnd(); // the Deadlock tab shows from the deadlock's step on
    QApplication::processEvents();
    ASSERT_GE(window_->bottomTabs()->indexOf(window_->deadlockView()), 0);
    int controls = 0;
    const QStringList failures = auditControls(window_.get(), &controls);
    EXPECT_TRUE(failures.isEmpty()) << failures.join('\n').toStdString();
    // The graph takes focus, so a screen reader can read its explanation.
    DeadlockView* view = window_->deadlockView();
    EXPECT_TRUE(view->focusPolicy() & Qt::TabFocus);
    EXPECT_FALSE(view->toolTip().isEmpty());
    EXPECT_TRUE(view->accessibleDescription().contains(view->summary()));
}

TEST_F(AccessibilityTest, TheExportDialogsControlsAreAudited) {
    ExportDialog dialog(window_.get());
    int controls = 0;
    const QStringList failures = auditControls(&dialog, &controls);
    EXPECT_GE(controls, 12);
    EXPECT_TRUE(failures.isEmpty()) << failures.join('\n').toStdString();
}

TEST_F(AccessibilityTest, EveryMenuActionSaysWhatItDoes) {
    QList<QAction*> actions;
    for (QAction* top : window_->menuBar()->actions())
        if (top->menu())
            collectActions(top->menu(), actions);
    EXPECT_GT(actions.size(), 15);
    for (const QAction* action : actions) {
        const std::string text = action->text().toStdString();
        EXPECT_FALSE(action->text().isEmpty());
        EXPECT_FALSE(action->toolTip().trimmed().isEmpty()) << text;
        // The status tip is set by hand (Qt makes no default), so this proves someone wrote one.
        EXPECT_FALSE(action->statusTip().trimmed().isEmpty()) << text;
    }
}

TEST_F(AccessibilityTest, ToolBarActionsHaveTooltipsAndShortcuts) {
    int checked = 0;
    for (const QToolBar* bar : window_->findChildren<QToolBar*>())
        for (const QAction* action : bar->actions()) {
            if (action->isSeparator() || qobject_cast<const QWidgetAction*>(action))
                continue;
            ++checked;
            EXPECT_FALSE(action->toolTip().isEmpty()) << action->text().toStdString();
            EXPECT_FALSE(action->shortcut().isEmpty()) << action->text().toStdString();
        }
    EXPECT_GE(checked, 3);
}

TEST_F(AccessibilityTest, FocusedCustomViewsDrawAFocusFrame) {
    window_->activateWindow();
    QApplication::setActiveWindow(window_.get());
    TimelineView* timeline = window_->timelineView();
    window_->bottomTabs()->setCurrentWidget(timeline);
    QApplication::processEvents();
    const QColor highlight = timeline->palette().color(QPalette::Active, QPalette::Highlight);
    const int y = timeline->viewport()->height() / 2;

    timeline->clearFocus();
    QApplication::processEvents();
    EXPECT_NE(timeline->viewport()->grab().toImage().pixelColor(0, y), highlight);
    timeline->setFocus(Qt::TabFocusReason);
    QApplication::processEvents();
    ASSERT_TRUE(timeline->hasFocus());
    const QImage focused = timeline->viewport()->grab().toImage();
    EXPECT_EQ(focused.pixelColor(0, y), highlight);
    EXPECT_EQ(focused.pixelColor(1, y), highlight); // 2 px wide
    EXPECT_EQ(focused.pixelColor(focused.width() / 2, 0), highlight);
}

TEST_F(AccessibilityTest, TheTimelineZoomsFromTheKeyboard) {
    TimelineView* timeline = window_->timelineView();
    const qint64 whole = timeline->zoom().durationNs();
    auto press = [timeline](int key, const QString& text) {
        QKeyEvent event(QEvent::KeyPress, key, Qt::NoModifier, text);
        QApplication::sendEvent(timeline, &event);
    };
    press(Qt::Key_Plus, QStringLiteral("+"));
    EXPECT_LT(timeline->zoom().durationNs(), whole * 3 / 4);
    press(Qt::Key_Minus, QStringLiteral("-"));
    press(Qt::Key_Plus, QStringLiteral("+"));
    press(Qt::Key_0, QStringLiteral("0"));
    EXPECT_EQ(timeline->zoom().durationNs(), whole);
}

// The interface follows the system's font size: nothing that shows text has a fixed size.
TEST(AccessibilityFonts, ALargerApplicationFontMakesTheWindowsTextLarger) {
    auto measure = [] {
        MainWindow window{QStringLiteral(LOOPLAB_BINARY)};
        EXPECT_TRUE(window.openProgram(lessonPath()));
        auto labelNamed = [&window](const QString& name) {
            for (QLabel* label : window.findChildren<QLabel*>())
                if (label->accessibleName() == name)
                    return label;
            return static_cast<QLabel*>(nullptr);
        };
        QLabel* clock = labelNamed(QStringLiteral("Virtual clock"));
        QLabel* narration = labelNamed(QStringLiteral("Narration"));
        EXPECT_TRUE(clock && narration);
        return std::array<double, 3>{clock ? clock->font().pointSizeF() : 0,
                                     narration ? double(narration->fontMetrics().height()) : 0.0,
                                     double(window.timelineView()->rowHeight())};
    };
    const QFont original = QApplication::font();
    ASSERT_GT(original.pointSizeF(), 0);
    const auto normal = measure();
    QFont larger = original;
    larger.setPointSizeF(original.pointSizeF() * 2);
    QApplication::setFont(larger);
    const auto large = measure();
    QApplication::setFont(original);
    const char* what[] = {"clock point size", "narration line height", "timeline row height"};
    for (size_t i = 0; i < normal.size(); ++i)
        EXPECT_GT(large[i], normal[i] * 1.6) << what[i] << ": " << normal[i] << " -> " << large[i];
}

} // namespace
