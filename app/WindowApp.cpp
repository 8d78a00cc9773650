#include "WindowApp.h"

#include "AppIcon.h"
#include "ConfinementNotice.h"
#include "LessonCatalog.h"
#include "MainWindow.h"
#include "RecentFiles.h"
#include "RunOptions.h"
#include "RunPermission.h"
#include "Theme.h"

#include <QApplication>
#include <QDir>
#include <QSettings>

#include <cstdio>

namespace looplab {

std::string defaultProgram() {
    // The course's first lesson, found from where this looplab is (installed or built).
    const QString folder = QString::fromStdString(
        findLessonFolder(QCoreApplication::applicationFilePath().toStdString()));
    const QStringList programs = folder.isEmpty() ? QStringList()
                                                  : QDir(folder).entryList({QStringLiteral("*.py")},
                                                                           QDir::Files, QDir::Name);
    return programs.isEmpty() ? std::string() : (folder + "/" + programs.first()).toStdString();
}

int runWindow(int argc, char** argv, const WindowOptions& options) {
    if (!options.screenshot.empty())
        qputenv("QT_QPA_PLATFORM", "offscreen"); // no display needed to render a screenshot
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("LoopLab"));
    QApplication::setOrganizationName(QStringLiteral("LoopLab"));
    QApplication::setWindowIcon(appIcon());
    // Wayland compositors and docks match the window to its menu entry (and icon) by this.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.looplab.LoopLab"));
    // --theme wins for this session only; otherwise the theme chosen last in View → Theme.
    QString theme = QString::fromStdString(options.theme);
    if (theme.isEmpty())
        theme = QSettings().value(QStringLiteral("theme"), QStringLiteral("light")).toString();
    applyTheme(app, isKnownTheme(theme) ? theme : QStringLiteral("light"));

    const std::string program = options.program.empty() ? defaultProgram() : options.program;
    MainWindow window(QCoreApplication::applicationFilePath());
    if (!options.screenshot.empty()) {
        // A screenshot is a command-line render of a file the user named: like `looplab run`,
        // it says the run is not confined (when so) instead of asking in a dialog nobody sees.
        window.runPermission()->setAsker([](QWidget*, const QString&, const QString&) {
            sayOnceIfUnconfined();
            return true;
        });
    }
    window.resize(options.width, options.height);
    if (!options.screenshot.empty()) {
        // Laid out at its size before stepping, as a window on a screen is: views that size
        // themselves to the moment (the deadlock graph's room) measure real panes, not the
        // few pixels of a window never shown. Offscreen, nothing appears.
        window.show();
        QApplication::processEvents();
    }
    window.setSchedule(options.scheduleSeed, options.jitter);
    if (!program.empty())
        window.openProgram(QString::fromStdString(program));
    if (!options.program.empty() && options.screenshot.empty())
        RecentFiles::add(QString::fromStdString(options.program)); // opened by name: remembered
    if (options.step >= 0)
        window.controller().goToStop(options.step);
    else if (options.timeSeconds >= 0)
        window.controller().goToTime(static_cast<qint64>(options.timeSeconds * 1e9));
    if (options.present)
        window.setPresenting(true, options.screenshot.empty()); // a screenshot keeps --size
    else
        window.show();
    QApplication::processEvents();
    window.refreshStep(); // now that the layout has its real size, the current line is in view

    if (!options.screenshot.empty()) {
        QApplication::processEvents();
        const QImage image = window.grab().toImage();
        if (!image.save(QString::fromStdString(options.screenshot))) {
            std::fprintf(stderr, "looplab: cannot write the screenshot %s\n",
                         options.screenshot.c_str());
            return kExitUsage;
        }
        return kExitFinished;
    }
    return QApplication::exec();
}

} // namespace looplab
