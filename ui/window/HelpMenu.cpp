#include "HelpMenu.h"

#include "AppIcon.h"
#include "GuideDialog.h"
#include "MainWindow.h"
#include "PythonVersion.h"
#include "ShortcutSheet.h"

#include <QAction>
#include <QMenu>
#include <QMessageBox>

#ifndef LOOPLAB_VERSION
#define LOOPLAB_VERSION "unknown"
#endif

namespace looplab {

namespace {

QAction* addHelpAction(MainWindow* window, QMenu* menu, const QString& text,
                       const QKeySequence& keys, const QString& tip) {
    auto* action = new QAction(text, window);
    action->setShortcut(keys);
    action->setToolTip(keys.isEmpty() ? tip : QStringLiteral("%1 (%2)").arg(tip, keys.toString()));
    action->setStatusTip(tip);
    menu->addAction(action);
    window->addAction(action); // presenters need the sheet while the menu bar is hidden
    return action;
}

} // namespace

HelpMenu::HelpMenu(MainWindow* window, QMenu* help) : QObject(window), window_(window) {
    connect(addHelpAction(window, help, tr("&Keyboard Shortcuts"),
                          QKeySequence(Qt::CTRL | Qt::Key_Slash),
                          tr("Every command that has a key, searchable")),
            &QAction::triggered, this, &HelpMenu::showShortcuts);
    connect(addHelpAction(window, help, tr("&User Guide"), QKeySequence::HelpContents,
                          tr("How to open, step through, present and export a run")),
            &QAction::triggered, this,
            [this] { showGuide(QStringLiteral(":/README.md"), tr("LoopLab User Guide")); });
    connect(addHelpAction(window, help, tr("&Lesson Format"), QKeySequence(),
                          tr("How to write a lesson: its text, questions and notes")),
            &QAction::triggered, this, [this] {
                showGuide(QStringLiteral(":/docs/lesson-format.md"), tr("Writing lessons"));
            });
    help->addSeparator();
    connect(addHelpAction(window, help, tr("&About LoopLab"), QKeySequence(),
                          tr("LoopLab's version, the Python it runs, and its licence")),
            &QAction::triggered, this,
            [this] { QMessageBox::about(window_, tr("About LoopLab"), aboutText()); });
}

QString HelpMenu::aboutText() {
    return tr("<h3>LoopLab %1</h3>"
              "<p>Learn Python's asyncio by watching it run: a real asyncio program on the real "
              "CPython, on a deterministic event loop with a virtual clock.</p>"
              "<p>Python %2 (embedded)<br>Qt %3</p>"
              "<p>Licence: %4</p>")
        .arg(QStringLiteral(LOOPLAB_VERSION), QString::fromStdString(embeddedPythonVersion()),
             QString::fromLatin1(qVersion()), QStringLiteral(LOOPLAB_LICENSE));
}

void HelpMenu::showGuide(const QString& resource, const QString& title) {
    auto* guide = new GuideDialog(resource, title, window_);
    guide->setAttribute(Qt::WA_DeleteOnClose);
    guide->show();
}

void HelpMenu::showShortcuts() {
    auto* sheet = new ShortcutSheet(window_);
    sheet->setAttribute(Qt::WA_DeleteOnClose);
    sheet->show();
}

} // namespace looplab
