#include "RunPermission.h"

#include "ConfinementSupport.h"
#include "InputFile.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>

namespace looplab {

namespace {

const char* const kTrustedFolders = "security/trustedFolders";

QString folderOf(const QString& path) {
    return QFileInfo(path).absoluteDir().canonicalPath();
}

bool askWithDialog(QWidget* parent, const QString& folder, const QString& whyNot) {
    const std::unique_ptr<QMessageBox> box = RunPermission::question(parent, folder, whyNot);
    box->exec();
    return box->clickedButton() == box->buttons().first();
}

} // namespace

std::unique_ptr<QMessageBox> RunPermission::question(QWidget* parent, const QString& folder,
                                                     const QString& whyNot) {
    auto box = std::make_unique<QMessageBox>(QMessageBox::Warning, QObject::tr("Run this program?"),
                                             QObject::tr("This program comes from %1.").arg(folder),
                                             QMessageBox::NoButton, parent);
    box->setInformativeText(
        QObject::tr("LoopLab cannot confine programs on this computer (%1), so this one would "
                    "run with your account's full access: it could read and change your files "
                    "and use the network. Run it only if you trust where it comes from.\n\n"
                    "Run It trusts every program in this folder from now on.")
            .arg(whyNot));
    box->addButton(QObject::tr("Run It"), QMessageBox::AcceptRole);
    QPushButton* no = box->addButton(QObject::tr("Don't Run"), QMessageBox::RejectRole);
    box->setDefaultButton(no);
    box->setAccessibleName(QObject::tr("Run this program?"));
    return box;
}

RunPermission::RunPermission(const QString& courseFolder)
    : RunPermission(courseFolder, confinementSupport().complete(),
                    QString::fromStdString(confinementSupport().notice())) {}

RunPermission::RunPermission(QString courseFolder, bool confined, QString whyNot)
    : courseFolder_(QDir(courseFolder).canonicalPath()), confined_(confined),
      whyNot_(std::move(whyNot)), ask_(askWithDialog) {}

bool RunPermission::mayRun(QWidget* parent, const QString& programPath) {
    if (confined_ || isTraceFile(programPath.toStdString()))
        return true;
    const QString folder = folderOf(programPath);
    if (!courseFolder_.isEmpty() && folder == courseFolder_)
        return true;
    QSettings settings;
    QStringList trusted = settings.value(kTrustedFolders).toStringList();
    if (trusted.contains(folder))
        return true;
    if (!ask_(parent, folder, whyNot_))
        return false;
    trusted.append(folder);
    settings.setValue(kTrustedFolders, trusted);
    return true;
}

} // namespace looplab

namespace looplab {

void RunPermission::attachBadge(QStatusBar* bar) {
    badge_ = new QLabel(QObject::tr("⚠ Not confined"), bar);
    badge_->setAccessibleName(QObject::tr("This run is not confined"));
    badge_->setStyleSheet(QStringLiteral("QLabel { color: palette(bright-text); background: "
                                         "#b35900; padding: 1px 6px; border-radius: 3px; }"));
    bar->addPermanentWidget(badge_);
    badge_->hide();
}

void RunPermission::showRunState(const QString& unconfined) {
    if (!badge_)
        return;
    badge_->setToolTip(QObject::tr("The program on screen ran with your account's full "
                                   "access: %1. See docs/security.md.")
                           .arg(unconfined));
    badge_->setVisible(!unconfined.isEmpty());
}

} // namespace looplab
