#include "CodeView.h"

#include "StateColors.h"
#include "WaitText.h"

#include <QFontDatabase>
#include <Qsci/qscilexerpython.h>
#include <Qsci/qscistyledtext.h>

#include <map>

namespace looplab {

namespace {
constexpr int kAnnotationStyle = 128; // styles past the lexer's own
constexpr int kErrorStyle = 129;
constexpr int kNoteStyle = 130;

// Annotations do not wrap: break a note into lines of about `width` characters.
QString wrapped(const QString& text, int width) {
    QStringList lines;
    QString line;
    for (const QString& word : text.split(' ', Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > width) {
            lines << line;
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    if (!line.isEmpty())
        lines << line;
    return lines.join('\n');
}
} // namespace

CodeView::CodeView(QWidget* parent) : QsciScintilla(parent) {
    auto* lexer = new QsciLexerPython(this);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    lexer->setDefaultFont(mono);
    lexer->setFont(mono);
    // The highlighting colours are made for a light page: keep the page light in every theme
    // so keywords stay readable.
    lexer->setDefaultPaper(Qt::white);
    lexer->setPaper(Qt::white);
    lexer->setDefaultColor(Qt::black);
    for (const int plain :
         {QsciLexerPython::Default, QsciLexerPython::Identifier, QsciLexerPython::Operator})
        lexer->setColor(Qt::black, plain);
    setCaretForegroundColor(Qt::black);
    setLexer(lexer);
    setUtf8(true);
    setMarginType(0, QsciScintilla::NumberMargin);
    setMarginWidth(0, QStringLiteral("0000"));
    setMarginLineNumbers(0, true);
    setIndentationsUseTabs(false);
    setTabWidth(4);
    setAutoIndent(true);
    setAnnotationDisplay(QsciScintilla::AnnotationBoxed);
    setAccessibleName(tr("Program code"));

    markerDefine(QsciScintilla::Background, runningMarker_);
    setMarkerBackgroundColor(stateColor(TaskState::Running).lighter(175), runningMarker_);
    markerDefine(QsciScintilla::RightTriangle, waitingMarker_);
    setMarkerBackgroundColor(stateColor(TaskState::Waiting), waitingMarker_);
    markerDefine(QsciScintilla::Circle, breakpointMarker_);
    setMarkerBackgroundColor(QColor(0xD5, 0x5E, 0x00), breakpointMarker_);
    setMarginSensitivity(1, true);
    setMarginWidth(1, 18);
    connect(this, &QsciScintilla::marginClicked, this,
            [this](int, int line, Qt::KeyboardModifiers) { toggleBreakpoint(line + 1); });
    markerDefine(QsciScintilla::Background, errorMarker_);
    setMarkerBackgroundColor(QColor(0xFF, 0xD6, 0xCC), errorMarker_);

    SendScintilla(SCI_STYLESETBACK, kAnnotationStyle, QColor(0xE8, 0xF4, 0xFC));
    SendScintilla(SCI_STYLESETFORE, kAnnotationStyle, QColor(0x00, 0x4A, 0x7A));
    SendScintilla(SCI_STYLESETBACK, kErrorStyle, QColor(0xFF, 0xE4, 0xDC));
    SendScintilla(SCI_STYLESETFORE, kErrorStyle, QColor(0x8A, 0x2B, 0x00));
    SendScintilla(SCI_STYLESETBACK, kNoteStyle, QColor(0xFF, 0xF5, 0xCC));
    SendScintilla(SCI_STYLESETFORE, kNoteStyle, QColor(0x4A, 0x36, 0x00));
    SendScintilla(SCI_STYLESETITALIC, kNoteStyle, true);
}

int CodeView::noteWidth() const {
    // As many characters as fit beside the margins, so a note never runs off the page.
    const QFontMetrics metrics(lexer() ? lexer()->defaultFont() : font());
    const int usable = viewport()->width() - 24;
    return std::max(30, usable / std::max(1, metrics.horizontalAdvance(QLatin1Char('m'))) - 14);
}

void CodeView::setLessonNote(int line, const QString& text) {
    noteLine_ = line;
    noteText_ = text;
}

void CodeView::showState(const LoopState& state, int currentLine) {
    markerDeleteAll(runningMarker_);
    markerDeleteAll(waitingMarker_);
    clearAnnotations();
    highlighted_ = currentLine;
    if (currentLine > 0) {
        markerAdd(currentLine - 1, runningMarker_);
        ensureLineVisible(currentLine - 1);
    }
    // Suspended tasks, by the line they wait at: the first few by name, then a count.
    constexpr int kNamedPerLine = 6;
    std::map<int, QStringList> waiting;
    std::map<int, int> counts;
    for (const auto& [id, task] : state.tasks)
        if ((task.state == TaskState::Waiting || task.state == TaskState::Ready) && task.line > 0 &&
            ++counts[static_cast<int>(task.line)] <= kNamedPerLine)
            waiting[static_cast<int>(task.line)] << QStringLiteral("%1: %2").arg(
                QString::fromStdString(task.name),
                task.state == TaskState::Waiting ? tr("waits for %1").arg(waitText(state, task))
                : task.waitInfo.empty()          ? tr("created here, ready to start")
                                                 : tr("ready to continue"));
    for (auto& [line, tasks] : waiting) {
        if (counts[line] > kNamedPerLine)
            tasks << tr("… and %1 more tasks here").arg(counts[line] - kNamedPerLine);
        markerAdd(line - 1, waitingMarker_);
        if (line != noteLine_)
            annotate(line - 1, tasks.join('\n'), kAnnotationStyle);
    }
    if (noteLine_ > 0) {
        QList<QsciStyledText> parts;
        if (waiting.count(noteLine_))
            parts << QsciStyledText(waiting[noteLine_].join('\n') + '\n', kAnnotationStyle);
        parts << QsciStyledText(
            QStringLiteral("Note: ") +
                wrapped(noteText_, std::max(24, noteWidth() - indentation(noteLine_ - 1))),
            kNoteStyle);
        annotate(noteLine_ - 1, parts);
    }
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
    annotate(line - 1, message, kErrorStyle);
    ensureLineVisible(line - 1);
}

QString CodeView::annotationAt(int line) const {
    return const_cast<CodeView*>(this)->annotation(line - 1);
}

void CodeView::setScale(double scale) {
    zoomTo(static_cast<int>((scale - 1.0) * 10));
    scale_ = scale;
}

} // namespace looplab
