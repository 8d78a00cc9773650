#pragma once
// The timeline's colours and patterns, in one place so every part (rows, legend, tests) agrees.
//
// Colours follow the Okabe-Ito palette, chosen to stay apart for the common kinds of colour
// blindness; on top of that each state has its own pattern or shape, so no state is told apart
// by colour alone (a greyscale print or a projector with washed-out colours still works).
//
// Waiting is split by what the task waits on (WaitKind): cool shades from pale sky to navy and
// violet, each with its own hatch, chosen (PaletteTest) so that every pair of fills, wait kinds
// and states alike, stays at least a CIE76 distance of 10 apart under simulated protanopia,
// deuteranopia and tritanopia, and apart from every theme's page.

#include "PaletteKind.h"
#include "TimelineSegment.h"
#include "WaitKind.h"

#include <QBrush>
#include <QColor>

#include <cmath>

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

    // A wait kind's fill; None is the plain "waiting" sky of a wait recorded without a kind.
    static QColor waitFill(WaitKind wait) {
        switch (wait) {
        case WaitKind::None:
        case WaitKind::Sleep:
            return QColor(0xC6, 0xE6, 0xF7); // pale sky: the quiet wait
        case WaitKind::Lock:
            return QColor(0x54, 0x3C, 0x6D); // dusky purple
        case WaitKind::Semaphore:
            return QColor(0x50, 0x0C, 0x9F); // violet
        case WaitKind::Queue:
            return QColor(0x30, 0x5C, 0x63); // dark teal
        case WaitKind::Event:
            return QColor(0x7F, 0xB3, 0xC8); // steel blue
        case WaitKind::Network:
            return QColor(0x9B, 0x8B, 0xFF); // periwinkle
        case WaitKind::Executor:
            return QColor(0x00, 0x00, 0x6E); // navy
        case WaitKind::Await:
            return QColor(0xA8, 0x58, 0xFF); // lilac
        case WaitKind::Late:
            return QColor(0x3C, 0x30, 0xE7); // indigo
        }
        return QColor(0xC6, 0xE6, 0xF7);
    }

    static Qt::BrushStyle waitHatch(WaitKind wait) {
        switch (wait) {
        case WaitKind::None:
        case WaitKind::Sleep:
            return Qt::BDiagPattern;
        case WaitKind::Lock:
            return Qt::CrossPattern;
        case WaitKind::Semaphore:
            return Qt::VerPattern;
        case WaitKind::Queue:
            return Qt::HorPattern;
        case WaitKind::Event:
            return Qt::FDiagPattern;
        case WaitKind::Network:
            return Qt::Dense7Pattern;
        case WaitKind::Executor:
            return Qt::Dense4Pattern; // a checker: Ready owns Dense6, Mixed Dense5
        case WaitKind::Await:
            return Qt::NoBrush; // solid: the commonest wait stays calm
        case WaitKind::Late:
            return Qt::DiagCrossPattern; // Blocked's hatch: the block made it late
        }
        return Qt::NoBrush;
    }

    // The hatch's ink: a lighter shade on a dark fill, a darker one on a light fill, so the
    // pattern reads without leaving the colour's family.
    static QBrush waitPattern(WaitKind wait) {
        const Qt::BrushStyle hatch = waitHatch(wait);
        if (hatch == Qt::NoBrush)
            return QBrush(Qt::NoBrush);
        if (wait == WaitKind::None || wait == WaitKind::Sleep)
            return QBrush(QColor(0x56, 0xB4, 0xE9), hatch); // the timeline's original hatch
        const QColor fill = waitFill(wait);
        const bool dark = isDark(fill);
        const QColor toward = dark ? QColor(Qt::white) : QColor(Qt::black);
        const float t = dark ? 0.45f : 0.35f;
        return QBrush(QColor::fromRgbF(fill.redF() + (toward.redF() - fill.redF()) * t,
                                       fill.greenF() + (toward.greenF() - fill.greenF()) * t,
                                       fill.blueF() + (toward.blueF() - fill.blueF()) * t),
                      hatch);
    }

    // Fill and pattern of a segment: Waiting by its wait kind, every other state by itself.
    static QColor fill(SegmentKind kind, WaitKind wait) {
        return kind == SegmentKind::Waiting ? waitFill(wait) : fill(kind);
    }
    static QBrush pattern(SegmentKind kind, WaitKind wait) {
        return kind == SegmentKind::Waiting ? waitPattern(wait) : pattern(kind);
    }
    static QColor text(SegmentKind kind, WaitKind wait) {
        if (kind != SegmentKind::Waiting)
            return text(kind);
        return isDark(waitFill(wait)) ? QColor(Qt::white) : QColor(0x10, 0x10, 0x10);
    }

    // Whether white text reads better than near-black on `fill`: WCAG relative luminance
    // below 0.18, where both contrasts are equal (HSL lightness misjudges saturated blues).
    static bool isDark(const QColor& fill) {
        auto linear = [](float c) {
            return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
        };
        const float luminance = 0.2126f * linear(fill.redF()) + 0.7152f * linear(fill.greenF()) +
                                0.0722f * linear(fill.blueF());
        return luminance < 0.18f;
    }

    // One index per distinct look: the states, then Waiting's wait kinds. Painters group
    // rectangles by it so each look costs one brush set-up.
    static constexpr int kLookCount = static_cast<int>(SegmentKind::Mixed) + 1 + kWaitKindCount;
    static int look(SegmentKind kind, WaitKind wait) {
        return kind == SegmentKind::Waiting
                   ? static_cast<int>(SegmentKind::Mixed) + 1 + static_cast<int>(wait)
                   : static_cast<int>(kind);
    }
    static SegmentKind lookKind(int look) {
        return look > static_cast<int>(SegmentKind::Mixed) ? SegmentKind::Waiting
                                                           : static_cast<SegmentKind>(look);
    }
    static WaitKind lookWait(int look) {
        return look > static_cast<int>(SegmentKind::Mixed)
                   ? static_cast<WaitKind>(look - static_cast<int>(SegmentKind::Mixed) - 1)
                   : WaitKind::None;
    }

    // What a task holds (a lock, a semaphore permit): a band along its row. Okabe-Ito's
    // reddish purple for locks and yellow for permits stand out from every state fill.
    static QColor holdBand(bool semaphore) {
        return semaphore ? QColor(0xF0, 0xE4, 0x42) : QColor(0xCC, 0x79, 0xA7);
    }
    static QColor holdEdge() { return QColor(0x20, 0x20, 0x20); }

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
