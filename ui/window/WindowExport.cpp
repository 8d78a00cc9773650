#include "WindowExport.h"

#include "ChartsPanel.h"
#include "ExportDialog.h"
#include "Theme.h"
#include "TimelineView.h"

#include <QDir>
#include <QFileInfo>
#include <QMainWindow>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

namespace looplab {

namespace {

QString fileSuffix(ExportView view) {
    switch (view) {
    case ExportView::Timeline:
        return QStringLiteral("timeline");
    case ExportView::Concurrency:
        return QStringLiteral("concurrency");
    case ExportView::Breakdown:
        return QStringLiteral("breakdown");
    case ExportView::Comparison:
        return QStringLiteral("comparison");
    }
    return {};
}

} // namespace

WindowExport::WindowExport(QMainWindow* window, TimelineView* timeline, ChartsPanel* charts)
    : QObject(window), window_(window), timeline_(timeline), charts_(charts) {}

void WindowExport::ask(ExportView view) {
    if (!run_.events || !run_.model) {
        QMessageBox::information(window_, tr("Export"), tr("There is no run to export yet."));
        return;
    }
    ExportDialog dialog(window_);
    dialog.setView(view);
    const TimelineZoom& zoom = timeline_->zoom();
    dialog.setTimes(run_.model->endNs(), zoom.startNs(), zoom.endNs());
    dialog.setTheme(themeNameOf(window_->palette()));
    // The folder of the last export, and a name saying which program and which view.
    QSettings settings;
    const QString folder =
        settings.value(QStringLiteral("exportFolder"), QDir::homePath()).toString();
    dialog.setPath(QDir(folder).filePath(QFileInfo(run_.programPath).completeBaseName() +
                                         QLatin1Char('-') + fileSuffix(view) +
                                         QStringLiteral(".png")));
    if (dialog.exec() != QDialog::Accepted)
        return;
    const ExportRequest request = dialog.request();
    settings.setValue(QStringLiteral("exportFolder"), QFileInfo(request.path).absolutePath());
    QString error;
    if (!write(request, &error)) {
        QMessageBox::warning(window_, tr("Export failed"), error);
        return;
    }
    window_->statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(request.path)),
                                      8000);
}

bool WindowExport::write(const ExportRequest& request, QString* error) const {
    ExportSource source;
    source.model = run_.model;
    source.stats = run_.stats;
    source.events = run_.events;
    source.programName = QFileInfo(run_.programPath).fileName();
    ChartsPanel* charts = charts_;
    source.chartMaker = [charts](ExportView view, const ChartStyle& style, QSize size) -> QChart* {
        using Kind = ChartsPanel::ChartKind;
        switch (view) {
        case ExportView::Concurrency:
            return charts->buildChart(Kind::Concurrency, style, size);
        case ExportView::Breakdown:
            return charts->buildChart(Kind::Breakdown, style, size);
        case ExportView::Comparison:
            return charts->buildChart(Kind::Comparison, style, size);
        case ExportView::Timeline:
            break;
        }
        return nullptr;
    };
    return ViewExporter(std::move(source)).write(request, error);
}

} // namespace looplab
