#include "WalkthroughCommand.h"

#include "ConfinementNotice.h"
#include "ExportCommand.h"
#include "MainWindow.h"
#include "RunOptions.h"
#include "RunPermission.h"
#include "Theme.h"
#include "WalkthroughRenderer.h"

#include <QApplication>

#include <iostream>

namespace looplab {

namespace {

// The offscreen platform warns about what it cannot do for a window ("does not support
// propagateSizeHints()") each time the layout changes a size limit; stderr of this command is
// for its own one-line errors, so only Qt's critical messages pass.
void quietQt(QtMsgType type, const QMessageLogContext&, const QString& text) {
    if (type == QtCriticalMsg || type == QtFatalMsg)
        std::cerr << "looplab: " << text.toStdString() << '\n';
}

} // namespace

int runWalkthroughExport(int argc, char** argv, const ExportOptions& options) {
    useOffscreenPlatform();
    qInstallMessageHandler(quietQt);
    QApplication app(argc, argv);
    // The window's own settings (Reduce motion, zoom) apply, as they would on screen.
    QApplication::setApplicationName(QStringLiteral("LoopLab"));
    QApplication::setOrganizationName(QStringLiteral("LoopLab"));
    applyTheme(app, QString::fromStdString(options.theme));

    MainWindow window(QCoreApplication::applicationFilePath());
    // Like `looplab run`: the user named the program on the command line, so it runs, with a
    // line on stderr when it cannot be confined, instead of a dialog nobody sees.
    window.runPermission()->setAsker([](QWidget*, const QString&, const QString&) {
        sayOnceIfUnconfined();
        return true;
    });
    window.resize(options.width, options.height);
    const QString input = QString::fromStdString(options.input);
    if (!window.openProgram(input)) {
        std::cerr << "looplab: cannot export " << options.input << ": "
                  << window.run().problem.toStdString() << '\n';
        return kExitUsage;
    }
    if (options.present)
        window.setPresenting(true, false); // keeps --size: the film is that big
    else
        window.show();
    QApplication::processEvents();
    // The window's layout has a smallest size; a film of another size would not be the one
    // asked for, so say what fits.
    const QSize asked(options.width, options.height);
    if (window.size() != asked) {
        const QSize least = window.size().expandedTo(asked);
        std::cerr << "looplab: the window cannot be filmed at " << asked.width() << 'x'
                  << asked.height() << ": it needs at least " << least.width() << 'x'
                  << least.height() << " (--size)\n";
        return kExitUsage;
    }

    const int last = window.controller().stopCount() - 1;
    const int to = options.toStep < 0 ? last : options.toStep;
    for (const auto& [name, step] : {std::pair{"--from-step", options.fromStep}, {"--to-step", to}})
        if (step > last) {
            std::cerr << "looplab: " << name << ' ' << step << " is past the end of "
                      << options.input << ": its steps are 0 to " << last << '\n';
            return kExitUsage;
        }

    WalkthroughRequest request;
    request.path = QString::fromStdString(options.output);
    request.fromStep = options.fromStep;
    request.toStep = to;
    request.fps = options.fps;
    WalkthroughRenderer renderer(&window,
                                 [&window](int step) { window.controller().goToStop(step); });
    QString error;
    if (renderer.render(request, {}, &error) != WalkthroughRenderer::Outcome::Written) {
        std::cerr << "looplab: " << error.toStdString() << '\n';
        return kExitUsage;
    }
    return kExitFinished;
}

} // namespace looplab
