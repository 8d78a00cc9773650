#pragma once
// The timeline's colours and patterns, in one place so every part (rows, legend, tests) agrees.
//
// Colours follow the Okabe-Ito palette, chosen to stay apart for the common kinds of colour
// blindness; on top of that each state has its own pattern or shape, so no state is told apart
// by colour alone (a greyscale print or a projector with washed-out colours still works).

#include "PaletteKind.h"
#include "TimelineSegment.h"

#include <QBrush>
#include <QColor>

namespace looplab {

struct TimelinePalette {
    static QColor fill(SegmentKind kind) {
        switch (kind) {
        case SegmentKind::Running:
            return QColor(0x00, 0x72, 0xB2); // blue
        case SegmentKind::Ready:
            return QColor(0xE6, 0x9F, 0x00); // orange
        case SegmentKind::Waiting:
            return QColor(0xC6, 0xE6, 0xF7); // sky blue, lightened: waiting is the quiet state
        case SegmentKind::Blocked:
            return QColor(0xD5, 0x5E, 0x00); // vermillion
        case SegmentKind::Busy:
            return QColor(0x00, 0x9E, 0x73); // bluish green
        case SegmentKind::Mixed:
            break;
        }
        return QColor(0x99, 0x99, 0x99); // neutral grey: "zoom in to see"
    }

    // Drawn over the fill; Qt::NoBrush for solid states.
    static QBrush pattern(SegmentKind kind) {
        switch (kind) {
        case SegmentKind::Ready:
            return QBrush(QColor(0x7A, 0x55, 0x00), Qt::Dense6Pattern); // dotted
        case SegmentKind::Waiting:
            return QBrush(QColor(0x56, 0xB4, 0xE9), Qt::BDiagPattern); // diagonal hatch
        case SegmentKind::Blocked:
            return QBrush(QColor(0x6B, 0x2F, 0x00), Qt::DiagCrossPattern); // cross hatch
        case SegmentKind::Mixed:
            return QBrush(QColor(0x55, 0x55, 0x55), Qt::Dense5Pattern);
        default:
            return QBrush(Qt::NoBrush);
        }
    }

    // Text drawn on a segment must read on its fill.
    static QColor text(SegmentKind kind) {
        return kind == SegmentKind::Waiting || kind == SegmentKind::Ready ? QColor(0x10, 0x10, 0x10)
                                                                          : QColor(Qt::white);
    }

    // The "now" line follows the page: black on a light one (it stands out against every state
    // colour and pattern above), white on a dark one, yellow in high contrast. Light lines
    // would blend into the light fills (waiting, ready), so on dark pages the line gets edges
    // of cursorEdge(): invalid (none) on a light page.
    static QColor cursor(PaletteKind kind = PaletteKind::Light) {
        switch (kind) {
        case PaletteKind::Dark:
            return QColor(0xFF, 0xFF, 0xFF);
        case PaletteKind::HighContrast:
            return QColor(0xFF, 0xFF, 0x00);
        case PaletteKind::Light:
            break;
        }
        return QColor(0x00, 0x00, 0x00);
    }
    static QColor cursorEdge(PaletteKind kind) {
        return kind == PaletteKind::Light ? QColor() : QColor(0x00, 0x00, 0x00);
    }
    static QColor grid() { return QColor(0xE2, 0xE2, 0xE2); }
};

} // namespace looplab
