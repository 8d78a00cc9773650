#include "TimelineLegend.h"

#include "RowDecorations.h"
#include "TimelineModel.h"
#include "TimelinePalette.h"

#include <QFontMetrics>
#include <QPainter>

namespace looplab {

namespace {

QString stateText(SegmentKind kind) {
    switch (kind) {
    case SegmentKind::Running:
        return QStringLiteral("running");
    case SegmentKind::Ready:
        return QStringLiteral("ready (queued)");
    case SegmentKind::Waiting:
        return QStringLiteral("waiting");
    case SegmentKind::Blocked:
        return QStringLiteral("blocked (blocking call)");
    case SegmentKind::Busy:
        return QStringLiteral("worker busy");
    case SegmentKind::Mixed:
        break;
    }
    return QStringLiteral("several (zoom in)");
}

LegendItem lookItem(SegmentKind kind, WaitKind wait = WaitKind::None) {
    LegendItem item;
    item.look = TimelinePalette::look(kind, wait);
    item.text = kind == SegmentKind::Waiting
                    ? QStringLiteral("waits: %1").arg(QString::fromLatin1(waitKindLegend(wait)))
                    : stateText(kind);
    return item;
}

int itemWidth(const QFontMetrics& fm, const LegendItem& item) {
    return fm.height() * 3 / 2 + fm.averageCharWidth() / 2 + fm.horizontalAdvance(item.text) +
           fm.averageCharWidth() * 2;
}

} // namespace

std::vector<LegendItem> TimelineLegend::items(const TimelineModel* model) {
    std::vector<LegendItem> out;
    if (!model) {
        for (const SegmentKind kind :
             {SegmentKind::Running, SegmentKind::Ready, SegmentKind::Waiting, SegmentKind::Blocked,
              SegmentKind::Busy})
            out.push_back(lookItem(kind, WaitKind::Sleep));
        out[2].text = stateText(SegmentKind::Waiting);
        return out;
    }
    const uint32_t kinds = model->kindsPresent();
    auto has = [kinds](SegmentKind k) { return (kinds >> static_cast<unsigned>(k)) & 1u; };
    for (const SegmentKind kind : {SegmentKind::Running, SegmentKind::Ready})
        if (has(kind))
            out.push_back(lookItem(kind));
    if (model->gilWaitsPresent())
        out.back().text = QStringLiteral("ready (queued, or for the GIL)");
    for (int w = 0; w < kWaitKindCount; ++w)
        if ((model->waitsPresent() >> w) & 1u)
            out.push_back(lookItem(SegmentKind::Waiting, static_cast<WaitKind>(w)));
    for (const SegmentKind kind : {SegmentKind::Blocked, SegmentKind::Busy})
        if (has(kind))
            out.push_back(lookItem(kind));
    // A worker thread's computing is what holds the GIL: say so where it mattered.
    if (model->gilWaitsPresent() && has(SegmentKind::Busy))
        out.back().text = QStringLiteral("worker busy (holds the GIL when it computes)");
    for (const bool semaphore : {false, true})
        if ((model->holdsPresent() >> (semaphore ? 1 : 0)) & 1u) {
            LegendItem item;
            item.type = LegendItem::Type::Hold;
            item.semaphore = semaphore;
            item.text = semaphore ? QStringLiteral("holds a semaphore permit")
                                  : QStringLiteral("holds a lock");
            out.push_back(item);
        }
    for (int m = 0; m < kMarkKindCount; ++m)
        if ((model->marksPresent() >> m) & 1u) {
            LegendItem item;
            item.type = LegendItem::Type::Mark;
            item.mark = static_cast<MarkKind>(m);
            item.text = QString::fromLatin1(markKindName(item.mark));
            out.push_back(item);
        }
    return out;
}

int TimelineLegend::lines(const QFont& font, int width, const TimelineModel* model) {
    const QFontMetrics fm(font);
    int count = 1;
    int x = fm.averageCharWidth();
    for (const LegendItem& item : items(model)) {
        const int w = itemWidth(fm, item);
        if (x + w > width && x > fm.averageCharWidth()) {
            ++count;
            x = fm.averageCharWidth();
        }
        x += w;
    }
    return count;
}

void TimelineLegend::draw(QPainter& p, int width, const TimelineModel* model, const QColor& base,
                          const QColor& text, double lineWidth) {
    const QFontMetrics fm(p.font());
    const int h = fm.height();
    const int left = fm.averageCharWidth();
    int x = left;
    int y = 0;
    p.fillRect(QRect(0, 0, width, h * lines(p.font(), width, model)), base);
    for (const LegendItem& item : items(model)) {
        if (x + itemWidth(fm, item) > width && x > left) {
            x = left;
            y += h;
        }
        const QRect swatch(x, y + h / 4, h * 3 / 2, h * 3 / 4);
        switch (item.type) {
        case LegendItem::Type::Look: {
            const SegmentKind kind = TimelinePalette::lookKind(item.look);
            const WaitKind wait = TimelinePalette::lookWait(item.look);
            p.fillRect(swatch, TimelinePalette::fill(kind, wait));
            p.setBrushOrigin(swatch.topLeft());
            p.fillRect(swatch, TimelinePalette::pattern(kind, wait));
            break;
        }
        case LegendItem::Type::Hold:
            RowDecorations::drawHoldBand(
                p, QRect(swatch.left(), swatch.bottom() - h / 4, swatch.width(), h / 4 + 1),
                item.semaphore, lineWidth);
            break;
        case LegendItem::Type::Mark:
            RowDecorations::drawMark(p, item.mark, QPointF(swatch.center()) + QPointF(0.5, 0.5),
                                     swatch.height(), text, base);
            break;
        }
        p.setPen(text);
        x += swatch.width() + fm.averageCharWidth() / 2;
        p.drawText(QPoint(x, y + fm.ascent()), item.text);
        x += fm.horizontalAdvance(item.text) + fm.averageCharWidth() * 2;
    }
}

} // namespace looplab
