#include "WalkthroughExport.h"

#include "WalkthroughDialog.h"

#include <QDir>
#include <QFileInfo>
#include <QMainWindow>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSettings>
#include <QStatusBar>

namespace looplab {

void WalkthroughExport::ask(QMainWindow* window, const Run& run) {
    if (run.lastStep < 0) {
        QMessageBox::information(window, QObject::tr("Export Walkthrough"),
                                 QObject::tr("There is no run to export yet."));
        return;
    }
    WalkthroughDialog dialog(run.lastStep, window->size(), run.presenting, window);
    QSettings settings;
    const QString folder =
        settings.value(QStringLiteral("exportFolder"), QDir::homePath()).toString();
    const QString extension =
        settings.value(QStringLiteral("walkthroughFormat"), QStringLiteral("mp4")).toString();
    dialog.setPath(QDir(folder).filePath(QFileInfo(run.programPath).completeBaseName() +
                                         QStringLiteral("-walkthrough.") + extension));
    // From here to the end is what a lecture usually wants after stepping to the moment.
    dialog.setSteps(run.currentStep, run.lastStep);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const WalkthroughRequest request = dialog.request();
    settings.setValue(QStringLiteral("exportFolder"), QFileInfo(request.path).absolutePath());
    settings.setValue(QStringLiteral("walkthroughFormat"), QFileInfo(request.path).suffix());

    QString error;
    if (run.setUp && !run.setUp(request, &error)) {
        if (run.giveBack)
            run.giveBack();
        QMessageBox::warning(window, QObject::tr("Export Walkthrough"), error);
        return;
    }
    QProgressDialog progress(
        QObject::tr("Filming steps %1 to %2…").arg(request.fromStep).arg(request.toStep),
        QObject::tr("Cancel"), 0, 0, window);
    progress.setWindowTitle(QObject::tr("Export Walkthrough"));
    progress.setWindowModality(Qt::WindowModal); // no stepping in the window while it films
    progress.setMinimumDuration(0);
    progress.setAutoReset(false);
    WalkthroughRenderer renderer(window, run.showStep);
    const auto outcome = renderer.render(
        request,
        [&progress](int done, int total) {
            progress.setMaximum(total);
            progress.setValue(done); // (modal: lets Cancel be clicked)
            return !progress.wasCanceled();
        },
        &error);
    progress.close();
    if (run.giveBack)
        run.giveBack();
    run.showStep(run.currentStep); // back where the user was
    switch (outcome) {
    case WalkthroughRenderer::Outcome::Written:
        window->statusBar()->showMessage(
            QObject::tr("Exported %1").arg(QDir::toNativeSeparators(request.path)), 8000);
        break;
    case WalkthroughRenderer::Outcome::Cancelled:
        window->statusBar()->showMessage(QObject::tr("Walkthrough export cancelled"), 8000);
        break;
    case WalkthroughRenderer::Outcome::Failed:
        QMessageBox::warning(window, QObject::tr("Export failed"), error);
        break;
    }
}

} // namespace looplab
