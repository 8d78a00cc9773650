#include "UnsavedEdits.h"

#include "CodeView.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>
#include <QStatusBar>

namespace looplab {

UnsavedEdits::UnsavedEdits(CodeView* editor, QStatusBar* status, QObject* parent)
    : QObject(parent), editor_(editor), status_(status) {
    saver_.setSingleShot(true);
    saver_.setInterval(500);
    connect(&saver_, &QTimer::timeout, this, &UnsavedEdits::save);
    connect(editor_, &QsciScintilla::textChanged, this, [this] {
        if (!editor_->signalsBlocked())
            saver_.start();
    });
    // Leaving the editor saves at once, not half a second later.
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget* old, QWidget*) {
        if (old == editor_ && saver_.isActive())
            save();
    });
}

QString UnsavedEdits::editsPathFor(const QString& programPath) {
    // One file per program, named by a hash of its full path so programs with the same name in
    // different folders do not share edits.
    const QString folder =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/unsaved";
    QDir().mkpath(folder);
    const QByteArray key = QCryptographicHash::hash(
        QFileInfo(programPath).absoluteFilePath().toUtf8(), QCryptographicHash::Sha1);
    return folder + "/" + QString::fromLatin1(key.toHex().left(16)) + "-" +
           QFileInfo(programPath).fileName();
}

bool UnsavedEdits::open(const QString& programPath, const QString& fileSource) {
    saver_.stop();
    programPath_ = programPath;
    fileSource_ = fileSource;
    editor_->blockSignals(true);
    editor_->setText(fileSource);
    bool restored = false;
    QFile edits(editsPath());
    if (edits.open(QIODevice::ReadOnly)) {
        const QString text = QString::fromUtf8(edits.readAll());
        if (text != fileSource_) {
            editor_->setText(text);
            restored = true;
        }
    }
    editor_->blockSignals(false);
    return restored;
}

bool UnsavedEdits::edited() const {
    return editor_->text() != fileSource_;
}

bool UnsavedEdits::save() {
    if (programPath_.isEmpty())
        return true;
    saver_.stop();
    if (!edited()) {
        QFile::remove(editsPath()); // nothing unsaved
        return true;
    }
    const QString path = editsPath();
    const bool saved = writeWhole(path, editor_->text().toUtf8());
    if (!saved) {
        failed_ = true;
        status_->showMessage(tr("Your edits could not be kept in %1: they are only in the "
                                "editor.")
                                 .arg(QDir::toNativeSeparators(path)));
    } else if (failed_) {
        failed_ = false;
        status_->showMessage(tr("Your edits are kept again."), 5000);
    }
    return saved;
}

void UnsavedEdits::discard() {
    saver_.stop();
    QFile::remove(editsPath());
}

void UnsavedEdits::saved(const QString& path) {
    discard(); // the edits kept under the old name are in the file now
    programPath_ = path;
    fileSource_ = editor_->text();
    QFile::remove(editsPath()); // older edits of the file just overwritten
}

QString UnsavedEdits::writeRunCopy(const QString& fallbackFolder) {
    const QByteArray text = editor_->text().toUtf8();
    const QString folder =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/autosave";
    QDir().mkpath(folder);
    const QString copy = folder + "/" + QFileInfo(programPath_).fileName();
    if (writeWhole(copy, text))
        return copy;
    // An old copy must never run in place of the editor's text.
    const QString spare = fallbackFolder + "/" + QFileInfo(programPath_).fileName();
    return !fallbackFolder.isEmpty() && writeWhole(spare, text) ? spare : QString();
}

bool UnsavedEdits::writeWhole(const QString& path, const QByteArray& bytes) {
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit();
}

} // namespace looplab
