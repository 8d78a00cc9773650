#include "CodeColours.h"

#include "StateColors.h"

#include <Qsci/qscilexerpython.h>

namespace looplab {

std::vector<int> CodeColours::styles() {
    std::vector<int> all;
    for (int style = QsciLexerPython::Default; style <= QsciLexerPython::TripleDoubleQuotedFString;
         ++style)
        all.push_back(style);
    return all;
}

CodeColours CodeColours::forKind(PaletteKind kind) {
    CodeColours c;
    c.kind_ = kind;
    c.breakpoint = QColor(0xD5, 0x5E, 0x00);
    c.waitingMark = stateColor(TaskState::Waiting);
    switch (kind) {
    case PaletteKind::Light:
        c.page = Qt::white;
        c.text = Qt::black;
        c.margin = QColor(0xEE, 0xEE, 0xEE);
        c.marginText = QColor(0x40, 0x40, 0x40);
        c.selection = QColor(0xC0, 0xDC, 0xF3);
        c.selectionText = Qt::black;
        // A pale tint of the running blue: QScintilla's green, teal and purple code keep 3:1
        // on it (a saturated blue would swallow them).
        c.runningLine = QColor(0xBC, 0xDC, 0xF2);
        c.errorLine = QColor(0xFF, 0xD6, 0xCC);
        c.annotationBack = QColor(0xE8, 0xF4, 0xFC);
        c.annotationText = QColor(0x00, 0x4A, 0x7A);
        c.errorBack = QColor(0xFF, 0xE4, 0xDC);
        c.errorText = QColor(0x8A, 0x2B, 0x00);
        c.noteBack = QColor(0xFF, 0xF5, 0xCC);
        c.noteText = QColor(0x4A, 0x36, 0x00);
        break;
    case PaletteKind::Dark:
        // Dark tints of the same meanings, so light code text stays readable on top of them.
        c.page = QColor(0x1E, 0x1E, 0x1E);
        c.text = QColor(0xE6, 0xE6, 0xE6);
        c.margin = QColor(0x2B, 0x2B, 0x2B);
        c.marginText = QColor(0xB0, 0xB0, 0xB0);
        c.selection = QColor(0x26, 0x4F, 0x78);
        c.selectionText = Qt::white;
        c.runningLine = QColor(0x0B, 0x3D, 0x62);
        c.errorLine = QColor(0x5A, 0x22, 0x10);
        c.annotationBack = QColor(0x16, 0x30, 0x46);
        c.annotationText = QColor(0xBF, 0xE3, 0xF8);
        c.errorBack = QColor(0x48, 0x1C, 0x0C);
        c.errorText = QColor(0xFF, 0xC8, 0xB0);
        c.noteBack = QColor(0x40, 0x35, 0x0A);
        c.noteText = QColor(0xFF, 0xEC, 0xA8);
        break;
    case PaletteKind::HighContrast:
        // Black page, white code; the running line is a strong blue band (white on it is 8:1),
        // notes and messages are boxed in black with yellow, cyan or orange text.
        c.page = Qt::black;
        c.text = Qt::white;
        c.margin = QColor(0x1C, 0x1C, 0x1C);
        c.marginText = Qt::white;
        c.selection = QColor(0xFF, 0xFF, 0x00);
        c.selectionText = Qt::black;
        c.runningLine = QColor(0x00, 0x3C, 0x8C);
        c.errorLine = QColor(0x6E, 0x1E, 0x00);
        c.annotationBack = Qt::black;
        c.annotationText = QColor(0x00, 0xFF, 0xFF);
        c.errorBack = Qt::black;
        c.errorText = QColor(0xFF, 0xA0, 0x70);
        c.noteBack = Qt::black;
        c.noteText = QColor(0xFF, 0xFF, 0x00);
        c.italicComments = true;
        c.boldKeywords = true;
        break;
    }
    return c;
}

QColor CodeColours::syntax(int style, const QColor& lexerDefault) const {
    using L = QsciLexerPython;
    const bool plain = style == L::Default || style == L::Identifier || style == L::Operator;
    if (kind_ == PaletteKind::Light) {
        if (style == L::CommentBlock) // QScintilla's grey is 4:1 on white; a darker one reads
            return QColor(0x60, 0x60, 0x60);
        return plain ? text : lexerDefault;
    }
    const bool dark = kind_ == PaletteKind::Dark;
    switch (style) {
    case L::Comment:
    case L::CommentBlock:
        return dark ? QColor(0x8C, 0xC2, 0x7A) : QColor(0x9D, 0xFF, 0x9D);
    case L::Number:
        return dark ? QColor(0xB5, 0xCE, 0xA8) : QColor(0xFF, 0xC8, 0xFF);
    case L::DoubleQuotedString:
    case L::SingleQuotedString:
    case L::TripleSingleQuotedString:
    case L::TripleDoubleQuotedString:
    case L::DoubleQuotedFString:
    case L::SingleQuotedFString:
    case L::TripleSingleQuotedFString:
    case L::TripleDoubleQuotedFString:
    case L::UnclosedString:
        return dark ? QColor(0xE8, 0xA8, 0x7C) : QColor(0x00, 0xFF, 0xFF);
    case L::Keyword:
        return dark ? QColor(0x6C, 0xB6, 0xFF) : QColor(0xFF, 0xFF, 0x00);
    case L::ClassName:
    case L::FunctionMethodName:
        return dark ? QColor(0xE8, 0xE0, 0x9A) : Qt::white;
    case L::Decorator:
    case L::HighlightedIdentifier:
        return dark ? QColor(0xD8, 0x9C, 0xE0) : QColor(0xFF, 0xC8, 0xFF);
    default:
        break;
    }
    return text;
}

} // namespace looplab
