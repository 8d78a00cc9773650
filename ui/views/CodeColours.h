#pragma once
// The code editor's colours for each kind of theme: the page, line numbers, the running and
// error lines, the boxed notes under lines, and the Python syntax colours. The light theme keeps
// QScintilla's own syntax colours, made for a white page; dark and high contrast get a dark page
// with their own syntax colours, each readable on it (PaletteTest checks 4.5:1 for every one).

#include "PaletteKind.h"

#include <QColor>
#include <vector>

namespace looplab {

struct CodeColours {
    QColor page;
    QColor text; // identifiers, operators, plain code
    QColor margin;
    QColor marginText;
    QColor selection;
    QColor selectionText;
    QColor runningLine; // behind the line running at this step
    QColor errorLine;   // behind a line that failed
    QColor breakpoint;
    QColor waitingMark;                    // the margin triangle at a line where tasks wait
    QColor noteBack, noteText;             // lesson notes
    QColor annotationBack, annotationText; // who waits at this line
    QColor errorBack, errorText;           // an error's message

    // A QsciLexerPython style's colour; `lexerDefault` is what QScintilla would use (light).
    QColor syntax(int style, const QColor& lexerDefault) const;
    bool italicComments = false;
    bool boldKeywords = false;

    static CodeColours forKind(PaletteKind kind);
    // The QsciLexerPython styles (Default .. TripleDoubleQuotedFString) this class colours.
    static std::vector<int> styles();

  private:
    PaletteKind kind_ = PaletteKind::Light;
};

} // namespace looplab
