#pragma once
// The student's edits of a program, kept safe until they are saved or reverted: written beside
// the user's settings as they are typed (half a second after the last key, at once when the
// editor loses the focus, on a run and when the window closes), whole or not at all, and put
// back in the editor when the same program is opened again. A failure to keep them is said in
// the status bar until a save works again; it is never silent.

#include <QObject>
#include <QString>
#include <QTimer>

class QStatusBar;

namespace looplab {

class CodeView;

class UnsavedEdits : public QObject {
    Q_OBJECT
  public:
    UnsavedEdits(CodeView* editor, QStatusBar* status, QObject* parent = nullptr);

    // A program was opened: `fileSource` is its text on disk (edits are whatever differs).
    // Shows the edits kept from last time in the editor, if any; true when it did.
    bool open(const QString& programPath, const QString& fileSource);
    const QString& fileSource() const { return fileSource_; }
    bool edited() const;

    // Writes the editor's text now; false (and a lasting message) when it could not be kept.
    bool save();
    bool failed() const { return failed_; }
    // Forgets the edits (File → Revert, a lesson's Reset, Discard when asked).
    void discard();
    // The editor's text was written to `path` (File → Save or Save As): it is now the file's
    // text, nothing is unsaved, and later edits are kept under the new path.
    void saved(const QString& path);

    // A copy of exactly the editor's text to run, beside the user's settings (or, when that
    // cannot be written, in `fallbackFolder`); empty when no copy could be written at all.
    QString writeRunCopy(const QString& fallbackFolder);

    // Where the edits of the open program (of `programPath`) are kept.
    QString editsPath() const { return editsPathFor(programPath_); }
    static QString editsPathFor(const QString& programPath);

    // Writes `bytes` to `path` whole or not at all (QSaveFile).
    static bool writeWhole(const QString& path, const QByteArray& bytes);

  private:
    CodeView* editor_;
    QStatusBar* status_;
    QString programPath_;
    QString fileSource_;
    QTimer saver_;
    bool failed_ = false;
};

} // namespace looplab
