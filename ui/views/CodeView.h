#pragma once
// The program, with Python highlighting and line numbers; the line running at this step is
// highlighted, and every suspended task is marked at the line where it waits, by name.

#include "LoopState.h"

#include <QSet>
#include <Qsci/qsciscintilla.h>

#include <map>
#include <utility>
#include <vector>

namespace looplab {

class CodeView : public QsciScintilla {
    Q_OBJECT
  public:
    explicit CodeView(QWidget* parent = nullptr);

    void showState(const LoopState& state, int currentLine);
    // The lesson note the stepping reached last, shown under its line by the next showState
    // (line 0: none); `panelShown`: the lesson panel is on screen (where the folded lesson
    // text is, the line that stands for it says so; presenting, it does not).
    void setLessonNote(int line, const QString& text, bool panelShown = true);
    // Marks a line with an error (a syntax error, an uncaught exception) until the next run.
    void markError(int line, const QString& message);
    // For tests: the annotation text under a 1-based line, and the highlighted line.
    QString annotationAt(int line) const;
    // For tests: the widest line of the lesson note's annotation as drawn, px (0: no note).
    int noteTextWidth() const;
    // For tests: the widest line of the whole annotation under 1-based `line` (waiting tasks,
    // error, note), px, each line measured in the widest of the annotation styles; 0: none.
    int annotationWidth(int line) const;
    int highlightedLine() const { return highlighted_; }
    // Zoom (1.0 to 3.0): text, notes, line numbers and markers grow together, and the
    // line-number gutter widens so that every number stays whole. Above 1.0, code lines
    // longer than the pane wrap (indented, marked at the break).
    void setScale(double scale);
    double scale() const { return scale_; }

    // Scrolls as little as possible so that 1-based `line` is on screen with a few lines of
    // context above it (fewer when the view is short), and keeps it there when the view is
    // resized. Notes and folded lines are counted as the rows they take on screen.
    // With `alsoLine` (a lesson note's line), that line and its rows are brought into view as
    // well when the view can hold both without losing `line`.
    void keepInView(int line, int alsoLine = 0);
    int keptLine() const { return keptLine_; }
    // The rows of context kept above that line when the view has room for them.
    static constexpr int kContextAbove = 3;
    // For tests: the line-number gutter's width and the width of `text` in its font, px.
    int gutterWidth() const;
    int gutterTextWidth(const QString& text) const;

    // A lesson's text (its docstring, 1-based lines first..last) is shown in the lesson panel:
    // here it folds to its first line and a note saying where it went, so the code starts at
    // the top of the view and no Explain: gives an answer away. (0, 0) shows every line.
    void foldLessonText(int firstLine, int lastLine);
    bool isLineShown(int line) const; // 1-based
    // The lesson's `#>` notes (1-based line, 0-based byte column of the `#`) are the lesson
    // panel's to reveal when the stepping reaches them: a note on a line of its own is hidden,
    // one after code is drawn in the page's colour. Empty: none hidden.
    void hideNoteComments(const std::vector<std::pair<int, int>>& notes);
    // For tests: whether the text at (1-based line, 0-based column) is drawn invisibly.
    bool isHiddenText(int line, int column) const;

    // Breakpoints: 1-based program lines, toggled by clicking the margin.
    const QSet<int>& breakpoints() const { return breakpoints_; }
    void toggleBreakpoint(int line);

  signals:
    void breakpointsChanged(const QSet<int>& lines);

  protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

  private:
    // Page, syntax, margin, marker and note colours for the palette's theme (CodeColours).
    void applyColours();
    int noteWidth(int line) const; // px a note under 1-based `line` may take
    // Puts the lesson note (and the tasks waiting at its line) under its line, wrapped to the
    // pane's width now.
    void annotateNote();
    // Puts the waiting tasks (and the run's error) under their lines, wrapped the same way.
    void annotateTasks();
    // `text` broken into lines that fit a note under `line` in `style`.
    QString wrappedFor(int line, const QString& text, int style) const;
    // Sizes the gutter for the widest line number at the current zoom (and the marker margin).
    void fitGutter();
    void annotateFold();
    void paintHiddenNotes();
    int runningMarker_ = 0;
    int waitingMarker_ = 1;
    int errorMarker_ = 2;
    int breakpointMarker_ = 3;
    QSet<int> breakpoints_;
    int highlighted_ = 0;
    int keptLine_ = 0; // see keepInView
    int keptAlso_ = 0;
    int noteLine_ = 0;
    int foldedFirst_ = 0; // the lesson text's lines, folded (see foldLessonText)
    bool lessonPanelShown_ = true;
    int foldedLast_ = 0;
    std::vector<std::pair<int, int>> hiddenNotes_; // see hideNoteComments
    QString noteText_;
    // The tasks waiting at each 1-based line, a sentence each, as showState() found them.
    std::map<int, QStringList> waiting_;
    int errorLine_ = 0; // the run's error is shown under this line (0: none shown)
    QString errorMessage_;
    int wrappedAt_ = 0; // the viewport's width the notes were wrapped for, px
    double scale_ = 1.0;
};

} // namespace looplab
