#pragma once
// The File menu as in every editor: New (a small asyncio program to start from), Open, Open
// Recent, Save, Save As, Revert, and a `*` in the title while the editor differs from the file.
// Nothing typed is lost by accident: opening another file, New and closing the window ask
// Save / Discard / Cancel first, and Cancel leaves the editor and the file as they were.
// A `.py` file (or a recorded trace) dropped on the window opens as File → Open would.

#include <QObject>
#include <QString>

#include <functional>

class QAction;
class QMenu;

namespace looplab {

class CodeView;
class MainWindow;
class UnsavedEdits;

class FileActions : public QObject {
    Q_OBJECT
  public:
    enum class Choice { Save, Discard, Cancel };
    // What the user answers to "Save your changes to NAME?"; tests answer without a dialog.
    using AskToSave = std::function<Choice(const QString& fileName)>;
    // Where to save ("" = cancelled), starting from `suggested`.
    using AskForPath = std::function<QString(const QString& suggested)>;
    // "Throw away your changes to NAME?" (File → Revert).
    using AskToRevert = std::function<bool(const QString& fileName)>;

    FileActions(MainWindow* window, CodeView* editor, UnsavedEdits* edits);

    // New, Open…, Open Recent, Save, Save As…, Revert to Saved, at the end of `file`.
    void addTo(QMenu* file);

    bool newProgram();
    // Opens `path` after asking about unsaved edits; remembered in Open Recent.
    bool openFile(const QString& path);
    // False when nothing was written (cancelled, or the file cannot be written).
    bool save();
    bool saveAs();
    void revert();
    // Before the editor's text is replaced or the window closes: true when it may go ahead
    // (nothing unsaved, saved, or discarded), false on Cancel.
    bool confirmLeave();

    bool isModified() const;
    // A program made with File → New that was never saved: Save asks where.
    bool isUntitled() const;
    QMenu* recentMenu() const { return recent_; }
    // Where File → New keeps the program until it is saved.
    static QString untitledPath();

    void setAskToSave(AskToSave ask) { askToSave_ = std::move(ask); }
    void setAskForPath(AskForPath ask) { askForPath_ = std::move(ask); }
    void setAskToRevert(AskToRevert ask) { askToRevert_ = std::move(ask); }

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    void showTitle();
    void fillRecentMenu();
    bool writeTo(const QString& path);
    QString fileName() const;
    QAction* add(QMenu* menu, const QString& text, const QKeySequence& keys, const QString& tip);

    MainWindow* window_;
    CodeView* editor_;
    UnsavedEdits* edits_;
    QMenu* recent_ = nullptr;
    AskToSave askToSave_;
    AskForPath askForPath_;
    AskToRevert askToRevert_;
};

} // namespace looplab
