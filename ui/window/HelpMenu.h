#pragma once
// The Help menu: Keyboard Shortcuts (a searchable sheet made from the window's own actions),
// the User Guide and the Lesson Format guide (the Markdown of README.md and docs/, compiled in
// so an installed LoopLab shows the guide of its own version), and About LoopLab.

#include <QObject>
#include <QString>

class QMenu;

namespace looplab {

class MainWindow;

class HelpMenu : public QObject {
    Q_OBJECT
  public:
    HelpMenu(MainWindow* window, QMenu* help);

    // LoopLab's version (from the build), the embedded Python's, Qt's, and the licence.
    static QString aboutText();
    // Opens the guide at `resource` (":/README.md", ":/docs/lesson-format.md") in a window of
    // its own, left open beside the main window while the user works.
    void showGuide(const QString& resource, const QString& title);
    void showShortcuts();

  private:
    MainWindow* window_;
};

} // namespace looplab
