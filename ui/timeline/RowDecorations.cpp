#include "RowDecorations.h"

#include "TimelinePalette.h"

#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QPen>
#include <QPolygonF>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace looplab {

void RowDecorations::drawHoldBand(QPainter& p, const QRect& band, bool semaphore,
                                  double lineWidth) {
    p.fillRect(band, TimelinePalette::holdBand(semaphore));
    // A dark rim keeps the band apart from a fill of a similar lightness (the pale sleep).
    const int rim = std::max(1, static_cast<int>(std::lround(lineWidth)));
    p.fillRect(QRect(band.left(), band.top(), band.width(), rim), TimelinePalette::holdEdge());
}

void RowDecorations::drawHolds(QPainter& p, const std::vector<RowHold>& holds,
                               const TimelineZoom& zoom, int gutter, const QRect& box,
                               double lineWidth) {
    if (holds.empty())
        return;
    const int height = std::max(3, box.height() / 4);
    const int top = box.bottom() + 1 - height;
    for (const RowHold& hold : holds) {
        if (hold.endNs < zoom.startNs() || hold.startNs > zoom.endNs())
            continue;
        const double x0 = std::max(0.0, zoom.nsToX(hold.startNs));
        const double x1 =
            std::min(static_cast<double>(box.right() + 1 - gutter), zoom.nsToX(hold.endNs));
        if (x1 <= x0)
            continue;
        const int left = gutter + static_cast<int>(std::floor(x0));
        const int width = std::max(1, static_cast<int>(std::ceil(x1 - x0)));
        drawHoldBand(p, QRect(left, top, width, height), hold.semaphore, lineWidth);
    }
}

void RowDecorations::drawMark(QPainter& p, MarkKind kind, QPointF c, double size, const QColor& ink,
                              const QColor& halo) {
    const double r = size / 2;
    QPainterPath path;
    bool filled = true;
    switch (kind) {
    case MarkKind::CancelRequested: // a hollow down-pointing triangle: "stop, please"
        filled = false;
        [[fallthrough]];
    case MarkKind::Cancelled: // the same triangle, filled: CancelledError went in
        path.addPolygon(QPolygonF({c + QPointF(-r, -r), c + QPointF(r, -r), c + QPointF(0, r)}));
        path.closeSubpath();
        break;
    case MarkKind::TimeoutExpired: // an hourglass
        path.addPolygon(QPolygonF(
            {c + QPointF(-r, -r), c + QPointF(r, -r), c + QPointF(-r, r), c + QPointF(r, r)}));
        path.closeSubpath();
        break;
    case MarkKind::Exception: // a cross
        filled = false;
        path.moveTo(c + QPointF(-r, -r));
        path.lineTo(c + QPointF(r, r));
        path.moveTo(c + QPointF(r, -r));
        path.lineTo(c + QPointF(-r, r));
        break;
    case MarkKind::Finished: // a dot
        path.addEllipse(c, r * 0.8, r * 0.8);
        break;
    case MarkKind::Deadlock: // a square
        path.addRect(QRectF(c.x() - r * 0.85, c.y() - r * 0.85, r * 1.7, r * 1.7));
        break;
    }
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setBrush(Qt::NoBrush);
    const double stroke = std::max(1.5, size / 6);
    p.setPen(QPen(halo, stroke + 3, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.drawPath(path);
    p.setPen(QPen(ink, stroke, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(filled ? QBrush(ink) : QBrush(halo));
    if (kind == MarkKind::Exception)
        p.setBrush(Qt::NoBrush);
    p.drawPath(path);
    p.restore();
}

namespace {

// One glyph drawn once into an image and blitted after: antialiased paths with a halo cost
// tens of microseconds each, and a run with thousands of marks must still paint in a frame.
const QImage& markImage(MarkKind kind, int size, const QColor& ink, const QColor& halo) {
    struct Key {
        MarkKind kind;
        int size;
        QRgb ink;
        QRgb halo;
        bool operator==(const Key& o) const {
            return kind == o.kind && size == o.size && ink == o.ink && halo == o.halo;
        }
    };
    static std::vector<std::pair<Key, QImage>> cache; // a handful: kinds x sizes x themes
    const Key key{kind, size, ink.rgba(), halo.rgba()};
    for (const auto& entry : cache)
        if (entry.first == key)
            return entry.second;
    if (cache.size() > 64)
        cache.clear();
    const int side = size + 8; // room for the halo
    QImage image(side, side, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter p(&image);
        RowDecorations::drawMark(p, kind, QPointF(side / 2.0, side / 2.0), size, ink, halo);
    }
    cache.emplace_back(key, std::move(image));
    return cache.back().second;
}

} // namespace

void RowDecorations::drawMarks(QPainter& p, const std::vector<RowMark>& marks,
                               const TimelineZoom& zoom, int gutter, const QRect& box,
                               const QColor& ink, const QColor& halo) {
    const int size = std::max(6, box.height() / 2);
    const double areaRight = box.right() + 1 - gutter;
    // Right to left: a mark keeps its place unless the later one beside it needs the room,
    // then it steps left, so marks of one instant (deadlock, then the CancelledError of the
    // clean-up) sit side by side instead of on top of each other.
    double limit = areaRight - size / 2.0 - 1;
    for (auto it = marks.rbegin(); it != marks.rend(); ++it) {
        const RowMark& m = *it;
        if (m.ns < zoom.startNs() || m.ns > zoom.endNs())
            continue;
        double x = zoom.nsToX(m.ns);
        // The area ends at a whole pixel; a mark at its very end (the cursor's instant, say) may
        // lie a fraction past it and is still drawn, moved inside.
        if (x < 0 || x > areaRight + 1)
            continue;
        // A mark at the very end of the run (most of them: finished, cancelled, deadlock)
        // stays whole inside the time area rather than cut in half by its edge.
        x = std::max(std::min(x, limit), size / 2.0 + 1);
        limit = x - size - 2;
        const QImage& glyph = markImage(m.kind, size, ink, halo);
        p.drawImage(QPointF(gutter + x - glyph.width() / 2.0,
                            box.top() + size / 2.0 - glyph.height() / 2.0),
                    glyph);
    }
}

} // namespace looplab
