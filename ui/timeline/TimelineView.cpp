#include "TimelineView.h"

#include "TimelineMath.h"
#include "TimelinePalette.h"

#include <QApplication>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace looplab {

namespace {

// Virtual seconds with `decimals` digits: the axis and tooltips speak the unit of the lessons.
QString seconds(qint64 ns, int decimals) {
    return QString::number(static_cast<double>(ns) / 1e9, 'f', decimals);
}

// The horizontal scroll bar works in ints; runs can be longer than 2^31 ns, so it counts in
// units small enough to scroll smoothly yet big enough to fit.
qint64 scrollUnit(qint64 runNs) {
    return std::max<qint64>(1, runNs / 100000);
}

QString segmentCaption(const Segment& s) {
    if (!s.detail.empty() && s.kind != SegmentKind::Blocked)
        return QString::fromStdString(s.detail);
    return QString::fromLatin1(segmentKindName(s.kind));
}

} // namespace

TimelineView::TimelineView(QWidget* parent) : QAbstractScrollArea(parent) {
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    viewport()->setMouseTracking(false);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    connect(horizontalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (syncing_)
            return;
        zoom_.setVisible(value * scrollUnit(zoom_.runEndNs()), zoom_.durationNs());
        viewport()->update();
    });
}

void TimelineView::setModel(std::shared_ptr<const TimelineModel> model) {
    model_ = std::move(model);
    gutterCache_ = -1;
    zoom_ = TimelineZoom(model_ ? model_->endNs() : 0, timeAreaWidth());
    syncScrollBars();
    viewport()->update();
}

void TimelineView::setCurrentTime(qint64 ns) {
    currentNs_ = ns;
    // Stepping past the edge of the window drags the window along: the cursor stays in sight.
    zoom_.ensureVisible(ns);
    syncScrollBars();
    viewport()->update();
}

void TimelineView::setScale(double scale) {
    scale_ = std::clamp(scale, 0.5, 4.0);
    gutterCache_ = -1;
    zoom_.setWidth(timeAreaWidth());
    syncScrollBars();
    viewport()->update();
}

void TimelineView::setVisibleRange(qint64 startNs, qint64 durationNs) {
    zoom_.setVisible(startNs, durationNs);
    syncScrollBars();
    viewport()->update();
}

QFont TimelineView::scaledFont() const {
    QFont f = font();
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * scale_);
    else
        f.setPixelSize(std::max(1, static_cast<int>(std::lround(f.pixelSize() * scale_))));
    return f;
}

int TimelineView::rowHeight() const {
    return QFontMetrics(scaledFont()).height() * 3 / 2 + 2;
}

int TimelineView::headerHeight() const {
    // A legend line, then the axis: labels above their tick marks.
    return QFontMetrics(scaledFont()).height() * 3 + 4;
}

int TimelineView::gutterWidth() const {
    if (gutterCache_ >= 0)
        return gutterCache_;
    const QFontMetrics fm(scaledFont());
    int widest = fm.horizontalAdvance(QStringLiteral("Task-00"));
    if (model_)
        for (size_t r = 0; r < model_->rowCount(); ++r)
            widest =
                std::max(widest, fm.horizontalAdvance(QString::fromStdString(model_->rowLabel(r))));
    // Long thread names are elided rather than squeezing the time area.
    gutterCache_ =
        std::min(widest + fm.averageCharWidth() * 2, std::max(40, viewport()->width() * 3 / 10));
    return gutterCache_;
}

int TimelineView::timeAreaWidth() const {
    return std::max(1, viewport()->width() - gutterWidth());
}

qint64 TimelineView::timeAtX(int viewportX) const {
    const double x = std::clamp<double>(viewportX - gutterWidth(), 0, timeAreaWidth());
    return xToNs(x, zoom_.startNs(), zoom_.nsPerPx());
}

void TimelineView::syncScrollBars() {
    syncing_ = true;
    const qint64 unit = scrollUnit(zoom_.runEndNs());
    QScrollBar* h = horizontalScrollBar();
    h->setRange(
        0, static_cast<int>(std::max<qint64>(0, zoom_.runEndNs() - zoom_.durationNs()) / unit));
    h->setPageStep(static_cast<int>(std::max<qint64>(1, zoom_.durationNs() / unit)));
    h->setSingleStep(std::max(1, h->pageStep() / 20));
    h->setValue(static_cast<int>(zoom_.startNs() / unit));
    QScrollBar* v = verticalScrollBar();
    const int rows = model_ ? static_cast<int>(model_->rowCount()) : 0;
    const int visible = std::max(0, viewport()->height() - headerHeight());
    v->setRange(0, std::max(0, rows * rowHeight() - visible));
    v->setPageStep(visible);
    v->setSingleStep(rowHeight());
    syncing_ = false;
}

void TimelineView::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    gutterCache_ = -1;
    zoom_.setWidth(timeAreaWidth());
    syncScrollBars();
}

void TimelineView::changeEvent(QEvent* event) {
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        gutterCache_ = -1;
        zoom_.setWidth(timeAreaWidth());
        syncScrollBars();
        viewport()->update();
    }
}

void TimelineView::paintEvent(QPaintEvent*) {
    QPainter p(viewport());
    p.fillRect(viewport()->rect(), palette().base());
    p.setFont(scaledFont());
    drawRows(p);
    drawLegend(p);
    drawAxis(p);
    drawCursor(p);
}

void TimelineView::drawLegend(QPainter& p) const {
    static const struct {
        SegmentKind kind;
        const char* text;
    } entries[] = {{SegmentKind::Running, "running"},
                   {SegmentKind::Ready, "ready (queued)"},
                   {SegmentKind::Waiting, "waiting (on what: in the bar)"},
                   {SegmentKind::Blocked, "blocked (blocking call)"},
                   {SegmentKind::Busy, "worker busy"},
                   {SegmentKind::Mixed, "several (zoom in)"}};
    const QFontMetrics fm(p.font());
    const int h = fm.height();
    int x = fm.averageCharWidth();
    for (const auto& entry : entries) {
        const QRect swatch(x, h / 4, h * 3 / 2, h * 3 / 4);
        p.fillRect(swatch, TimelinePalette::fill(entry.kind));
        p.fillRect(swatch, TimelinePalette::pattern(entry.kind));
        p.setPen(palette().color(QPalette::Text));
        x += swatch.width() + fm.averageCharWidth() / 2;
        const QString text = QString::fromLatin1(entry.text);
        p.drawText(QPoint(x, fm.ascent()), text);
        x += fm.horizontalAdvance(text) + fm.averageCharWidth() * 2;
    }
}

void TimelineView::drawAxis(QPainter& p) const {
    const QFontMetrics fm(p.font());
    const int top = fm.height() + 2;
    const int bottom = headerHeight();
    const int gutter = gutterWidth();
    p.fillRect(QRect(0, top, viewport()->width(), bottom - top), palette().base());
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QRect(0, top, gutter - 4, bottom - top), Qt::AlignRight | Qt::AlignVCenter,
               QStringLiteral("virtual s"));

    // The smallest 1-2-5 step whose labels do not collide.
    qint64 step = 1;
    int decimals = 9;
    for (qint64 magnitude = 1;; magnitude *= 10) {
        bool found = false;
        for (int m : {1, 2, 5}) {
            step = magnitude * m;
            decimals = std::max(0, 9 - static_cast<int>(std::floor(std::log10(double(step)))));
            const int label = fm.horizontalAdvance(seconds(zoom_.runEndNs(), decimals)) +
                              fm.averageCharWidth() * 3;
            if (step / zoom_.nsPerPx() >= label || magnitude > (qint64(1) << 50)) {
                found = true;
                break;
            }
        }
        if (found)
            break;
    }
    const int lineWidth = std::max(1, static_cast<int>(std::lround(scale_)));
    for (qint64 t = (zoom_.startNs() / step) * step; t <= zoom_.endNs(); t += step) {
        if (t < zoom_.startNs())
            continue;
        const int x = gutter + static_cast<int>(std::lround(zoom_.nsToX(t)));
        p.fillRect(QRect(x, bottom - fm.height() / 2, lineWidth, fm.height() / 2),
                   palette().color(QPalette::Text));
        const QString label = seconds(t, decimals);
        const int w = fm.horizontalAdvance(label);
        const int left = std::min(x - w / 2, viewport()->width() - w - 2);
        if (left >= gutter)
            p.drawText(QPoint(left, bottom - fm.height() / 2 - fm.descent() - 1), label);
    }
    p.fillRect(QRect(gutter, bottom - lineWidth, viewport()->width(), lineWidth),
               palette().color(QPalette::Text));
}

void TimelineView::drawRows(QPainter& p) const {
    if (!model_)
        return;
    const int top = headerHeight();
    const int rh = rowHeight();
    const int scroll = verticalScrollBar()->value();
    p.save();
    p.setClipRect(QRect(0, top, viewport()->width(), viewport()->height() - top));
    const size_t first = static_cast<size_t>(std::max(0, scroll / rh));
    for (size_t r = first; r < model_->rowCount(); ++r) {
        const int y = top + static_cast<int>(r) * rh - scroll;
        if (y >= viewport()->height())
            break;
        drawRow(p, r, y);
    }
    p.restore();
}

void TimelineView::drawRow(QPainter& p, size_t row, int y) const {
    const int rh = rowHeight();
    const int gutter = gutterWidth();
    const int width = viewport()->width();
    if (row % 2 == 1)
        p.fillRect(QRect(0, y, width, rh), TimelinePalette::rowStripe());
    const QFontMetrics fm(p.font());
    const TimelineRow& rowData = model_->row(row);
    p.setPen(palette().color(QPalette::Text));
    const QString label =
        fm.elidedText(QString::fromStdString(rowData.label), Qt::ElideMiddle, gutter - 6);
    p.drawText(QRect(4, y, gutter - 6, rh), Qt::AlignLeft | Qt::AlignVCenter, label);

    const auto range = model_->visibleRange(row, zoom_.startNs(), zoom_.endNs() + 1);
    const std::vector<DrawRect> rects = mergeSubPixel(rowData.segments, range.first, range.second,
                                                      zoom_.startNs(), zoom_.nsPerPx());
    const int pad = std::max(2, rh / 8);
    const double areaWidth = width - gutter;
    for (const DrawRect& r : rects) {
        // Clip before converting to int: deep zoom puts far segment ends way off screen, and
        // nothing may spill into the label gutter.
        const double x0 = std::max(r.x0, 0.0), x1 = std::min(r.x1, areaWidth);
        if (x1 <= x0)
            continue;
        const QRect box(gutter + static_cast<int>(std::floor(x0)), y + pad,
                        std::max(1, static_cast<int>(std::ceil(x1) - std::floor(x0))),
                        rh - 2 * pad);
        p.fillRect(box, TimelinePalette::fill(r.kind));
        p.setBrushOrigin(gutter, 0); // hatching stays put while the row is redrawn
        p.fillRect(box, TimelinePalette::pattern(r.kind));
        if (r.merged)
            continue;
        // The state in words where it fits: colour and pattern are never the only cue.
        const QString caption = segmentCaption(rowData.segments[r.firstSegment]);
        const int textWidth = fm.horizontalAdvance(caption);
        const QRect visible = box.intersected(QRect(gutter, y, width - gutter, rh));
        if (textWidth + 8 > visible.width())
            continue;
        const QRect textBox(visible.left() + 4, box.top() + (box.height() - fm.height()) / 2,
                            textWidth, fm.height());
        if (TimelinePalette::pattern(r.kind).style() != Qt::NoBrush)
            p.fillRect(textBox.adjusted(-2, 0, 2, 0), TimelinePalette::fill(r.kind));
        p.setPen(TimelinePalette::text(r.kind));
        p.drawText(textBox, Qt::AlignLeft | Qt::AlignVCenter, caption);
    }
}

void TimelineView::drawCursor(QPainter& p) const {
    const double x = zoom_.nsToX(currentNs_);
    if (x < 0 || x > timeAreaWidth())
        return;
    const int w = std::max(2, static_cast<int>(std::lround(2 * scale_)));
    const int cx = gutterWidth() + static_cast<int>(std::lround(x));
    const int top = QFontMetrics(p.font()).height() + 2;
    p.fillRect(QRect(cx - w / 2, top, w, viewport()->height() - top), TimelinePalette::cursor());
}

void TimelineView::wheelEvent(QWheelEvent* event) {
    const QPoint delta = event->angleDelta();
    if (event->modifiers() & Qt::ShiftModifier) {
        QAbstractScrollArea::wheelEvent(event); // scroll through the rows
        return;
    }
    const double x = event->position().x() - gutterWidth();
    if (std::abs(delta.x()) > std::abs(delta.y()))
        zoom_.pan(delta.x() / 2.0);
    else
        zoom_.zoomAround(std::max(0.0, x), std::pow(2.0, delta.y() / 240.0));
    syncScrollBars();
    viewport()->update();
    event->accept();
}

void TimelineView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton)
        return QAbstractScrollArea::mousePressEvent(event);
    pressed_ = true;
    dragging_ = false;
    pressPos_ = event->position().toPoint();
}

void TimelineView::mouseMoveEvent(QMouseEvent* event) {
    if (!pressed_)
        return QAbstractScrollArea::mouseMoveEvent(event);
    const QPoint pos = event->position().toPoint();
    if (!dragging_ && (pos - pressPos_).manhattanLength() < QApplication::startDragDistance())
        return;
    dragging_ = true;
    zoom_.pan(pos.x() - pressPos_.x());
    pressPos_ = pos;
    syncScrollBars();
    viewport()->update();
}

void TimelineView::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton)
        return QAbstractScrollArea::mouseReleaseEvent(event);
    const bool click = pressed_ && !dragging_;
    pressed_ = dragging_ = false;
    if (click && event->position().x() >= gutterWidth())
        emit timeClicked(timeAtX(static_cast<int>(event->position().x())));
}

bool TimelineView::viewportEvent(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = tooltipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, viewport());
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

QString TimelineView::tooltipAt(const QPoint& pos) const {
    if (!model_ || pos.y() < headerHeight() || pos.x() < gutterWidth())
        return {};
    const int index = (pos.y() - headerHeight() + verticalScrollBar()->value()) / rowHeight();
    if (index < 0 || static_cast<size_t>(index) >= model_->rowCount())
        return {};
    const size_t row = static_cast<size_t>(index);
    const std::ptrdiff_t found = model_->segmentAt(row, timeAtX(pos.x()));
    if (found < 0)
        return {};
    const Segment& s = model_->segments(row)[static_cast<size_t>(found)];
    QString what = QString::fromLatin1(segmentKindName(s.kind));
    if (!s.detail.empty())
        what += QStringLiteral(" (%1)").arg(QString::fromStdString(s.detail));
    return QStringLiteral("%1: %2\n%3 s to %4 s, %5 s")
        .arg(QString::fromStdString(model_->rowLabel(row)), what, seconds(s.startNs, 9),
             seconds(s.endNs, 9), seconds(s.endNs - s.startNs, 9));
}

} // namespace looplab
