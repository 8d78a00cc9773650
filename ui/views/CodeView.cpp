#include "CodeView.h"

#include "CodeColours.h"
#include "TaskLabel.h"
#include "WaitText.h"

#include <QEvent>
#include <QFontDatabase>
#include <Qsci/qscilexerpython.h>
#include <Qsci/qscistyledtext.h>
#include <algorithm>
#include <cmath>
#include <map>

namespace looplab {

namespace {
constexpr int kAnnotationStyle = 128; // styles past the lexer's own
constexpr int kErrorStyle = 129;
constexpr int kNoteStyle = 130;

// Annotations do not wrap: break a text into lines no wider than `width` px as `measure` (the
// annotation style's width of a text) gives them, each line of the text on its own; the lines a
// long one is broken into after its first start with `hang` (an indent that shows they go on).
template <typename Measure>
QString wrapped(const QString& text, int width, Measure measure, const QString& hang = {}) {
    QStringList lines;
    for (const QString& paragraph : text.split('\n')) {
        QString line;
        bool first = true;
        for (const QString& word : paragraph.split(' ', Qt::SkipEmptyParts)) {
            const QString start = first ? QString() : hang;
            const QString longer = line.isEmpty() ? start + word : line + QLatin1Char(' ') + word;
            if (!line.isEmpty() && measure(longer) > width) {
                lines << line;
                first = false;
                line = hang + word;
            } else {
                line = longer;
            }
        }
        lines << line;
    }
    return lines.join('\n');
}
} // namespace

CodeView::CodeView(QWidget* parent) : QsciScintilla(parent) {
    auto* lexer = new QsciLexerPython(this);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    lexer->setDefaultFont(mono);
    lexer->setFont(mono);
    setLexer(lexer);
    setUtf8(true);
    setMarginType(0, QsciScintilla::NumberMargin);
    setMarginLineNumbers(0, true);
    setIndentationsUseTabs(false);
    setTabWidth(4);
    setAutoIndent(true);
    setAnnotationDisplay(QsciScintilla::AnnotationBoxed);
    setAccessibleName(tr("Program code"));
    setToolTip(tr("The program: the running line is marked, waiting tasks at their lines. Edit "
                  "it and press Ctrl+R to run your edits; click the margin for a breakpoint"));

    markerDefine(QsciScintilla::Background, runningMarker_);
    markerDefine(QsciScintilla::RightTriangle, waitingMarker_);
    markerDefine(QsciScintilla::Circle, breakpointMarker_);
    setMarginSensitivity(1, true);
    fitGutter();
    // A program that grows past 999 lines needs another digit.
    connect(this, &QsciScintilla::linesChanged, this, &CodeView::fitGutter);
    connect(this, &QsciScintilla::marginClicked, this,
            [this](int, int line, Qt::KeyboardModifiers) { toggleBreakpoint(line + 1); });
    markerDefine(QsciScintilla::Background, errorMarker_);
    SendScintilla(SCI_STYLESETITALIC, kNoteStyle, true);
    applyColours();
}

void CodeView::changeEvent(QEvent* event) {
    QsciScintilla::changeEvent(event);
    // View → Theme switches live: the editor follows the new palette.
    if (event->type() == QEvent::PaletteChange)
        applyColours();
}

void CodeView::applyColours() {
    const CodeColours c = CodeColours::forKind(paletteKind(palette()));
    if (QsciLexer* python = lexer()) {
        python->setDefaultPaper(c.page);
        python->setDefaultColor(c.text);
        python->setPaper(c.page);
        QFont plain = python->defaultFont();
        for (const int style : CodeColours::styles()) {
            python->setColor(c.syntax(style, python->defaultColor(style)), style);
            QFont f = plain;
            f.setItalic(c.italicComments && (style == QsciLexerPython::Comment ||
                                             style == QsciLexerPython::CommentBlock));
            f.setBold(c.boldKeywords && style == QsciLexerPython::Keyword);
            python->setFont(f, style);
        }
    }
    setCaretForegroundColor(c.text);
    setMarginsBackgroundColor(c.margin);
    setMarginsForegroundColor(c.marginText);
    setFoldMarginColors(c.margin, c.margin);
    setSelectionBackgroundColor(c.selection);
    setSelectionForegroundColor(c.selectionText);
    setMarkerBackgroundColor(c.runningLine, runningMarker_);
    setMarkerBackgroundColor(c.waitingMark, waitingMarker_);
    setMarkerForegroundColor(c.text, waitingMarker_);
    setMarkerBackgroundColor(c.breakpoint, breakpointMarker_);
    setMarkerForegroundColor(c.text, breakpointMarker_);
    setMarkerBackgroundColor(c.errorLine, errorMarker_);
    SendScintilla(SCI_STYLESETBACK, kAnnotationStyle, c.annotationBack);
    SendScintilla(SCI_STYLESETFORE, kAnnotationStyle, c.annotationText);
    SendScintilla(SCI_STYLESETBACK, kErrorStyle, c.errorBack);
    SendScintilla(SCI_STYLESETFORE, kErrorStyle, c.errorText);
    SendScintilla(SCI_STYLESETBACK, kNoteStyle, c.noteBack);
    SendScintilla(SCI_STYLESETFORE, kNoteStyle, c.noteText);
    paintHiddenNotes(); // hidden in the new page colour
}

int CodeView::noteWidth(int line) const {
    // The text area right of the line's indentation (where the boxed note starts), less the
    // box's border and padding and a character of air, in px at the current zoom.
    const long em = SendScintilla(SCI_TEXTWIDTH, kNoteStyle, "m");
    const long space = SendScintilla(SCI_TEXTWIDTH, STYLE_DEFAULT, " ");
    const int margins = marginWidth(0) + marginWidth(1) + marginWidth(2);
    const int indent = static_cast<int>(space) * indentation(line - 1);
    return std::max(static_cast<int>(em) * 30, // "Note: " and 24 characters, in any pane
                    viewport()->width() - margins - indent - static_cast<int>(em) * 2);
}

int CodeView::gutterTextWidth(const QString& text) const {
    return static_cast<int>(
        SendScintilla(SCI_TEXTWIDTH, STYLE_LINENUMBER, text.toUtf8().constData()));
}

int CodeView::gutterWidth() const {
    return marginWidth(0);
}

void CodeView::fitGutter() {
    // Scintilla draws a line number right-aligned a few pixels from the margin's edge and
    // clips what does not fit: "13" would read "3". Room for the widest number (at least
    // three digits, so the code does not jump sideways as a program grows past 99 lines),
    // one digit's width of air, in the zoomed line-number font.
    const int digits = std::max(3, static_cast<int>(QString::number(lines()).size()));
    const int digit = gutterTextWidth(QStringLiteral("9"));
    const int width = gutterTextWidth(QString(digits, QLatin1Char('9'))) + digit + 4;
    if (marginWidth(0) != width)
        setMarginWidth(0, width);
    // The marker margin (waiting tasks, breakpoints) grows with the zoom too.
    const int markers = static_cast<int>(std::lround(18 * scale_));
    if (marginWidth(1) != markers)
        setMarginWidth(1, markers);
}

void CodeView::setLessonNote(int line, const QString& text, bool panelShown) {
    noteLine_ = line;
    noteText_ = text;
    lessonPanelShown_ = panelShown;
}

void CodeView::foldLessonText(int firstLine, int lastLine) {
    SendScintilla(SCI_SHOWLINES, 0, std::max(0, lines() - 1));
    foldedFirst_ = 0;
    foldedLast_ = 0;
    if (firstLine <= 0 || lastLine <= firstLine || lastLine > lines())
        return;
    foldedFirst_ = firstLine;
    foldedLast_ = lastLine;
    SendScintilla(SCI_HIDELINES, firstLine, lastLine - 1); // keeps the title line
    annotateFold();
}

void CodeView::annotateFold() {
    if (foldedFirst_ > 0)
        annotate(foldedFirst_ - 1,
                 wrappedFor(foldedFirst_,
                            (lessonPanelShown_
                                 ? tr("… the lesson's text (lines %1–%2) is in the Lesson panel")
                                 : tr("… lines %1–%2: the lesson's text, folded"))
                                .arg(foldedFirst_ + 1)
                                .arg(foldedLast_),
                            kAnnotationStyle),
                 kAnnotationStyle);
}

// A style Scintilla neither draws nor gives room to: the text stays (it is the program's), it is
// only not shown, and a line does not wrap for it. It is set over the lexer's styles, so an
// edit that makes the lexer style those lines again takes it away; an indicator that draws the
// text in the page's colour moves with the edits and keeps it out of sight until the notes are
// hidden again (the lesson reopened).
constexpr int kHiddenStyle = 131;
constexpr int kHiddenTextIndicator = 9;

void CodeView::hideNoteComments(const std::vector<std::pair<int, int>>& notes) {
    hiddenNotes_.clear();
    for (const auto& [line, column] : notes) {
        if (line <= 0 || line > lines())
            continue;
        const QString before = text(line - 1).left(column);
        if (before.trimmed().isEmpty() && line != foldedFirst_) // a line of its own: hide it
            SendScintilla(SCI_HIDELINES, line - 1, line - 1);
        else
            hiddenNotes_.emplace_back(line, column);
    }
    paintHiddenNotes();
}

void CodeView::paintHiddenNotes() {
    SendScintilla(SCI_STYLESETVISIBLE, kHiddenStyle, 0L);
    SendScintilla(SCI_INDICSETSTYLE, kHiddenTextIndicator, 17 /* INDIC_TEXTFORE */);
    SendScintilla(SCI_INDICSETFORE, kHiddenTextIndicator,
                  lexer() ? lexer()->defaultPaper() : paper());
    SendScintilla(SCI_COLOURISE, 0L, -1L); // the lexer's styles everywhere first
    // (Set after colouring: QScintilla's own handlers choose other indicators meanwhile.)
    SendScintilla(SCI_SETINDICATORCURRENT, kHiddenTextIndicator);
    SendScintilla(SCI_INDICATORCLEARRANGE, 0, length());
    for (const auto& [line, column] : hiddenNotes_) {
        const long start = SendScintilla(SCI_POSITIONFROMLINE, line - 1) + column;
        const long end = SendScintilla(SCI_GETLINEENDPOSITION, line - 1);
        if (end > start) {
            SendScintilla(SCI_INDICATORFILLRANGE, start, end - start);
            SendScintilla(SCI_STARTSTYLING, start);
            SendScintilla(SCI_SETSTYLING, end - start, kHiddenStyle);
        }
    }
    // Styled to the end: the lexer has nothing left to style over them.
    SendScintilla(SCI_STARTSTYLING, static_cast<long>(length()));
}

bool CodeView::isHiddenText(int line, int column) const {
    const long at = SendScintilla(SCI_POSITIONFROMLINE, line - 1) + column;
    // Scintilla gives a style as a (signed) char: 131 reads as -125.
    const bool invisible = (SendScintilla(SCI_GETSTYLEAT, at) & 0xFF) == kHiddenStyle &&
                           SendScintilla(SCI_STYLEGETVISIBLE, kHiddenStyle) == 0;
    return invisible || SendScintilla(SCI_INDICATORVALUEAT, kHiddenTextIndicator, at) != 0;
}

bool CodeView::isLineShown(int line) const {
    return SendScintilla(SCI_GETLINEVISIBLE, line - 1) != 0;
}

void CodeView::showState(const LoopState& state, int currentLine) {
    markerDeleteAll(runningMarker_);
    markerDeleteAll(waitingMarker_);
    clearAnnotations();
    annotateFold(); // where the lesson's text went stays said
    highlighted_ = currentLine;
    if (currentLine > 0)
        markerAdd(currentLine - 1, runningMarker_); // the window keeps it in view (keepInView)
    // Suspended tasks, by the line they wait at: the first few by name, then a count.
    constexpr int kNamedPerLine = 6;
    std::map<int, QStringList> waiting;
    std::map<int, int> counts;
    for (const auto& [id, task] : state.tasks)
        if ((task.state == TaskState::Waiting || task.state == TaskState::Ready) && task.line > 0 &&
            ++counts[static_cast<int>(task.line)] <= kNamedPerLine)
            waiting[static_cast<int>(task.line)] << QStringLiteral("%1: %2").arg(
                // asyncio.run's clean-up tasks say whose they are wherever tasks are listed.
                QString::fromStdString(task.asyncioCleanup ? taskLabel(task) : task.name),
                task.state == TaskState::Waiting ? tr("waits for %1").arg(waitText(state, task))
                : !task.wait                     ? tr("created here, ready to start")
                                                 : tr("ready to continue"));
    for (auto& [line, tasks] : waiting) {
        if (counts[line] > kNamedPerLine)
            tasks << tr("… and %1 more tasks here").arg(counts[line] - kNamedPerLine);
        markerAdd(line - 1, waitingMarker_);
    }
    waiting_ = std::move(waiting);
    errorLine_ = 0;
    annotateTasks();
    annotateNote();
}

QString CodeView::wrappedFor(int line, const QString& text, int style) const {
    const auto measure = [this, style](const QString& piece) {
        return SendScintilla(SCI_TEXTWIDTH, style, piece.toUtf8().constData());
    };
    return wrapped(text, noteWidth(line), measure, QStringLiteral("    "));
}

void CodeView::annotateTasks() {
    wrappedAt_ = viewport()->width();
    for (const auto& [line, tasks] : waiting_)
        if (line != noteLine_ && line != errorLine_)
            annotate(line - 1, wrappedFor(line, tasks.join('\n'), kAnnotationStyle),
                     kAnnotationStyle);
    if (errorLine_ > 0 && errorLine_ != noteLine_) {
        // The run's error under its line, after the tasks waiting there (if any).
        QList<QsciStyledText> parts;
        const auto tasks = waiting_.find(errorLine_);
        if (tasks != waiting_.end())
            parts << QsciStyledText(
                wrappedFor(errorLine_, tasks->second.join('\n'), kAnnotationStyle) + '\n',
                kAnnotationStyle);
        parts << QsciStyledText(wrappedFor(errorLine_, errorMessage_, kErrorStyle), kErrorStyle);
        annotate(errorLine_ - 1, parts);
    }
}

void CodeView::annotateNote() {
    wrappedAt_ = viewport()->width();
    if (noteLine_ <= 0 || noteLine_ > lines())
        return;
    QList<QsciStyledText> parts;
    const auto tasks = waiting_.find(noteLine_);
    if (tasks != waiting_.end())
        parts << QsciStyledText(wrappedFor(noteLine_, tasks->second.join('\n'), kAnnotationStyle) +
                                    '\n',
                                kAnnotationStyle);
    if (errorLine_ == noteLine_)
        parts << QsciStyledText(wrappedFor(noteLine_, errorMessage_, kErrorStyle) + '\n',
                                kErrorStyle);
    parts << QsciStyledText(wrappedFor(noteLine_, QStringLiteral("Note: ") + noteText_, kNoteStyle),
                            kNoteStyle);
    annotate(noteLine_ - 1, parts);
}

int CodeView::noteTextWidth() const {
    if (noteLine_ <= 0)
        return 0;
    int widest = 0;
    const QString text = const_cast<CodeView*>(this)->annotation(noteLine_ - 1);
    const qsizetype note = text.indexOf(QStringLiteral("Note: ")); // after the waiting tasks
    for (const QString& line : text.mid(std::max<qsizetype>(0, note)).split('\n'))
        widest = std::max(widest, static_cast<int>(SendScintilla(SCI_TEXTWIDTH, kNoteStyle,
                                                                 line.toUtf8().constData())));
    return widest;
}

int CodeView::annotationWidth(int line) const {
    int widest = 0;
    for (const QString& text : const_cast<CodeView*>(this)->annotation(line - 1).split('\n'))
        for (const int style : {kAnnotationStyle, kErrorStyle, kNoteStyle})
            widest = std::max(widest, static_cast<int>(SendScintilla(SCI_TEXTWIDTH, style,
                                                                     text.toUtf8().constData())));
    return widest;
}

void CodeView::toggleBreakpoint(int line) {
    if (line <= 0)
        return;
    if (breakpoints_.remove(line)) {
        markerDelete(line - 1, breakpointMarker_);
    } else {
        breakpoints_.insert(line);
        markerAdd(line - 1, breakpointMarker_);
    }
    emit breakpointsChanged(breakpoints_);
}

void CodeView::markError(int line, const QString& message) {
    if (line <= 0)
        return;
    markerAdd(line - 1, errorMarker_);
    errorLine_ = line; // the caller decides which line to show
    errorMessage_ = message;
    if (errorLine_ == noteLine_)
        annotateNote();
    else
        annotateTasks();
}

QString CodeView::annotationAt(int line) const {
    return const_cast<CodeView*>(this)->annotation(line - 1);
}

void CodeView::setScale(double scale) {
    // Scintilla's zoom adds points to every style: (scale - 1) times the base size scales it.
    const QFont base = lexer() ? lexer()->defaultFont() : font();
    const double points = base.pointSizeF() > 0 ? base.pointSizeF() : 10.0;
    zoomTo(static_cast<int>(std::lround((scale - 1.0) * points)));
    scale_ = scale;
    // Zoomed (presenting, or a large desk zoom), a code line longer than the pane goes on
    // below itself, indented one step past it and marked at the break, instead of running out
    // of sight behind a scroll bar. At 100% the editor keeps the file's own lines.
    if (scale > 1.0) {
        setWrapMode(QsciScintilla::WrapWord);
        setWrapVisualFlags(QsciScintilla::WrapFlagByText, QsciScintilla::WrapFlagNone);
        setWrapIndentMode(QsciScintilla::WrapIndentIndented);
    } else {
        setWrapMode(QsciScintilla::WrapNone);
    }
    SendScintilla(SCI_SETHSCROLLBAR, scale <= 1.0); // wrapped, nothing is off to the side
    fitGutter();
    annotateFold(); // wider characters: fewer of them to a line
    annotateTasks();
    annotateNote();
}

void CodeView::keepInView(int line, int alsoLine) {
    keptLine_ = line;
    keptAlso_ = alsoLine;
    if (line <= 0 || line > lines())
        return;
    // Rows on screen, not lines of the file: a folded docstring takes one row, a note under a
    // line takes as many rows as it has lines, a wrapped line as many as it wraps into.
    const auto rowsOf = [this](int at) {
        return static_cast<long>(SendScintilla(SCI_WRAPCOUNT, at - 1) +
                                 SendScintilla(SCI_ANNOTATIONGETLINES, at - 1));
    };
    const long row = SendScintilla(SCI_VISIBLEFROMDOCLINE, line - 1);
    const long rows = rowsOf(line); // the line and, room permitting, its note below it
    const long screen = std::max(1L, static_cast<long>(SendScintilla(SCI_LINESONSCREEN)));
    // A short view keeps at most a third of itself for context, so the line stays well inside.
    const long context = std::min<long>(kContextAbove, (screen - 1) / 3);
    const long highest = std::max(0L, row - context); // the first row that still shows context
    long first = SendScintilla(SCI_GETFIRSTVISIBLELINE);
    if (first > highest)
        first = highest;
    else if (row + rows > first + screen)
        first = std::min(highest, row + rows - screen);
    // The other line (a note's) with all its rows too, when the view can hold both; the line
    // itself is never given up for it, its context may be.
    if (alsoLine > 0 && alsoLine <= lines() && alsoLine != line && isLineShown(alsoLine)) {
        const long alsoRow = SendScintilla(SCI_VISIBLEFROMDOCLINE, alsoLine - 1);
        const long alsoEnd = alsoRow + rowsOf(alsoLine);
        long moved = first;
        if (alsoEnd > first + screen)
            moved = alsoEnd - screen; // below: scroll down just enough
        else if (alsoRow < first)
            moved = alsoRow; // above: scroll up just enough
        const bool both = moved <= row && row + 1 <= moved + screen && moved <= alsoRow &&
                          alsoEnd <= moved + screen;
        if (both)
            first = moved;
    }
    SendScintilla(SCI_SETFIRSTVISIBLELINE, std::max(0L, first));
}

void CodeView::resizeEvent(QResizeEvent* event) {
    QsciScintilla::resizeEvent(event);
    // Notes are wrapped to the pane's width: a pane that widens or narrows (the window laid
    // out, presenting began, a splitter moved) wraps them again.
    if (viewport()->width() != wrappedAt_) {
        annotateFold();
        annotateTasks();
        annotateNote();
    }
    // A pane that shrinks (a splitter moved, presenting began) keeps the line in view.
    if (keptLine_ > 0)
        keepInView(keptLine_, keptAlso_);
}

} // namespace looplab
