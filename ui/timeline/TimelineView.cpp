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
#include <array>
#include <cmath>
#include <string>
#include <unordered_map>
#include <vector>

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

constexpr size_t kKindCount = static_cast<size_t>(SegmentKind::Mixed) + 1;

} // namespace

// What one paint of the rows gathers before drawing: the rectangles of every visible row,
// grouped by state so each state costs one brush set-up for its fill and one for its pattern,
// and the captions to write on top afterwards.
struct TimelineView::PaintScratch {
    struct Caption {
        QRect box;
        SegmentKind kind;
        const Segment* segment;
    };

    // Per paint
    QFontMetrics fm{QFont()};
    int rowHeight = 0;
    int gutter = 0;
    int width = 0;
    int pad = 0;
    // Reused buffers
    std::vector<DrawRect> rects;
    std::vector<PixelSpan> spans;
    std::array<QList<QRect>, kKindCount> boxesByKind;
    std::vector<Caption> captions;
    // Caption widths of this paint's font: shaping text is the dearest thing a row does, and
    // the same few captions ("running", "sleep", ...) recur on thousands of segments.
    std::array<int, kKindCount> kindCaptionWidth{};
    std::unordered_map<std::string, int> detailCaptionWidth;

    void reset(const QFont& font, int rh, int gutterWidth, int viewportWidth) {
        fm = QFontMetrics(font);
        rowHeight = rh;
        gutter = gutterWidth;
        width = viewportWidth;
        pad = std::max(2, rh / 8);
        for (auto& boxes : boxesByKind)
            boxes.clear();
        captions.clear();
        kindCaptionWidth.fill(-1);
        detailCaptionWidth.clear();
    }

    int captionWidth(const Segment& s) {
        if (s.detail.empty() || s.kind == SegmentKind::Blocked) {
            int& cached = kindCaptionWidth[static_cast<size_t>(s.kind)];
            if (cached < 0)
                cached = fm.horizontalAdvance(segmentCaption(s));
            return cached;
        }
        auto found = detailCaptionWidth.find(s.detail);
        if (found == detailCaptionWidth.end())
            found =
                detailCaptionWidth.emplace(s.detail, fm.horizontalAdvance(segmentCaption(s))).first;
        return found->second;
    }
};

TimelineView::~TimelineView() = default;

TimelineView::TimelineView(QWidget* parent)
    : QAbstractScrollArea(parent), scratch_(std::make_unique<PaintScratch>()) {
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
    PaintScratch& scratch = *scratch_;
    scratch.reset(p.font(), rh, gutterWidth(), viewport()->width());
    p.save();
    p.setClipRect(QRect(0, top, viewport()->width(), viewport()->height() - top));
    // Stripes and labels row by row; the state rectangles of all rows are only collected.
    const size_t first = static_cast<size_t>(std::max(0, scroll / rh));
    for (size_t r = first; r < model_->rowCount(); ++r) {
        const int y = top + static_cast<int>(r) * rh - scroll;
        if (y >= viewport()->height())
            break;
        collectRow(p, scratch, r, y);
    }
    // Then one pass per state over every row: the fill, then its pattern on top. Rectangles of
    // one row never overlap (snapToPixels) nor do rows, so the order of the fills does not
    // matter and the picture is the one per-rectangle fills would paint.
    p.setPen(Qt::NoPen);
    p.setBrushOrigin(scratch.gutter, 0); // hatching stays put while the row is redrawn
    for (size_t k = 0; k < kKindCount; ++k) {
        const QList<QRect>& boxes = scratch.boxesByKind[k];
        if (boxes.isEmpty())
            continue;
        const auto kind = static_cast<SegmentKind>(k);
        p.setBrush(TimelinePalette::fill(kind));
        p.drawRects(boxes.constData(), static_cast<int>(boxes.size()));
        const QBrush pattern = TimelinePalette::pattern(kind);
        if (pattern.style() == Qt::NoBrush)
            continue;
        p.setBrush(pattern);
        p.drawRects(boxes.constData(), static_cast<int>(boxes.size()));
    }
    p.setBrush(Qt::NoBrush);
    // The state in words where it fits: colour and pattern are never the only cue.
    for (const PaintScratch::Caption& c : scratch.captions) {
        if (TimelinePalette::pattern(c.kind).style() != Qt::NoBrush)
            p.fillRect(c.box.adjusted(-2, 0, 2, 0), TimelinePalette::fill(c.kind));
        p.setPen(TimelinePalette::text(c.kind));
        p.drawText(c.box, Qt::AlignLeft | Qt::AlignVCenter, segmentCaption(*c.segment));
    }
    p.restore();
}

void TimelineView::collectRow(QPainter& p, PaintScratch& scratch, size_t row, int y) const {
    const int rh = scratch.rowHeight;
    const int gutter = scratch.gutter;
    const int width = scratch.width;
    const QFontMetrics& fm = scratch.fm;
    if (row % 2 == 1)
        p.fillRect(QRect(0, y, width, rh), palette().color(QPalette::AlternateBase));
    const TimelineRow& rowData = model_->row(row);
    p.setPen(palette().color(QPalette::Text));
    const QString label =
        fm.elidedText(QString::fromStdString(rowData.label), Qt::ElideMiddle, gutter - 6);
    p.drawText(QRect(4, y, gutter - 6, rh), Qt::AlignLeft | Qt::AlignVCenter, label);

    const auto range = model_->visibleRange(row, zoom_.startNs(), zoom_.endNs() + 1);
    mergeSubPixel(rowData.segments, range.first, range.second, zoom_.startNs(), zoom_.nsPerPx(),
                  scratch.rects);
    const double areaWidth = width - gutter;
    const int boxTop = y + scratch.pad;
    const int boxHeight = rh - 2 * scratch.pad;
    // At most one rectangle per pixel column, neighbours of one state already joined.
    snapToPixels(scratch.rects, areaWidth, scratch.spans);
    for (const PixelSpan& span : scratch.spans)
        scratch.boxesByKind[static_cast<size_t>(span.kind)].append(
            QRect(gutter + span.x0, boxTop, span.x1 - span.x0, boxHeight));

    const QRect rowArea(gutter, y, width - gutter, rh);
    for (const DrawRect& r : scratch.rects) {
        if (r.merged)
            continue;
        const PixelSpan columns = pixelBox(r, areaWidth);
        // Nothing is narrower than its padding plus a caption: skip before measuring.
        if (columns.x1 - columns.x0 < 8)
            continue;
        const QRect box(gutter + columns.x0, boxTop, columns.x1 - columns.x0, boxHeight);
        const QRect visible = box.intersected(rowArea);
        const Segment& segment = rowData.segments[r.firstSegment];
        const int textWidth = scratch.captionWidth(segment);
        if (textWidth + 8 > visible.width())
            continue;
        const QRect textBox(visible.left() + 4, box.top() + (box.height() - fm.height()) / 2,
                            textWidth, fm.height());
        scratch.captions.push_back({textBox, r.kind, &segment});
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
