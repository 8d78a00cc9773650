#include "ExportCommand.h"

#include "QuietRun.h"
#include "RunOptions.h"
#include "RunStatistics.h"
#include "Theme.h"
#include "TimelineModel.h"
#include "TraceReader.h"
#include "ViewExporter.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <unistd.h>

namespace looplab {

namespace {

bool isTraceFile(const std::string& path) {
    return QFileInfo(QString::fromStdString(path)).suffix().toLower() == QLatin1String("json");
}

ExportView viewFor(const std::string& name) {
    if (name == "concurrency")
        return ExportView::Concurrency;
    if (name == "breakdown")
        return ExportView::Breakdown;
    return ExportView::Timeline;
}

qint64 toNs(double seconds) {
    return seconds < 0 ? -1 : static_cast<qint64>(std::llround(seconds * 1e9));
}

} // namespace

void useOffscreenPlatform() {
    qputenv("QT_QPA_PLATFORM", "offscreen"); // exports never need a display
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        // Qt warns on stderr without one; errors of this command must stay one line.
        const QString runtime =
            QDir::temp().filePath(QStringLiteral("looplab-runtime-%1").arg(getuid()));
        QDir().mkpath(runtime);
        QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                           QFileDevice::ExeOwner);
        qputenv("XDG_RUNTIME_DIR", runtime.toLocal8Bit());
    }
}

int runExport(int argc, char** argv, const ExportOptions& options, const std::string& pythonDir) {
    const TraceReadResult read = isTraceFile(options.input)
                                     ? readTraceFile(options.input)
                                     : recordQuietly(options.input, pythonDir);
    if (!read.ok) {
        std::cerr << "looplab: cannot export " << options.input << ": " << read.error << '\n';
        return kExitUsage;
    }
    // A program that never ran (a syntax error, a source Python cannot decode) has nothing to
    // draw: say why instead of writing an empty picture.
    const auto& events = read.trace.events;
    const bool ran = std::any_of(events.begin(), events.end(), [](const TraceEvent& e) {
        return e.kind == EventKind::Line || e.kind == EventKind::TaskCreated;
    });
    if (!ran && !events.empty() && events.back().kind == EventKind::End) {
        const nlohmann::json end = nlohmann::json::parse(events.back().detail, nullptr, false);
        if (end.is_object() && end.value("status", "") == "exception") {
            std::cerr << "looplab: cannot export " << options.input
                      << ": the program did not run: " << end.value("error", "an error") << '\n';
            return kExitException;
        }
    }

    useOffscreenPlatform();
    QApplication app(argc, argv);
    applyTheme(app, QString::fromStdString(options.theme));

    const TimelineModel model(read.trace.events);
    const RunStatistics stats(model);
    ExportSource source;
    source.model = &model;
    source.stats = &stats;
    source.events = &read.trace.events;
    source.programName = QFileInfo(QString::fromStdString(options.input)).fileName();

    ExportRequest request;
    request.path = QString::fromStdString(options.output);
    request.view = viewFor(options.view);
    request.size = QSize(options.width, options.height);
    request.pixelRatio = options.pixelRatio;
    request.palette = themePalette(QString::fromStdString(options.theme));
    request.fromNs = toNs(options.fromSeconds);
    request.toNs = toNs(options.toSeconds);

    QString error;
    if (!ViewExporter(std::move(source)).write(request, &error)) {
        std::cerr << "looplab: " << error.toStdString() << '\n';
        return kExitUsage;
    }
    return kExitFinished;
}

} // namespace looplab
