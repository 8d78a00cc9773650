#include "TimelineView.h"

#include "FocusFrame.h"
#include "TimelineMath.h"

#include <QApplication>
#include <QHelpEvent>
#include <QKeyEvent>
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

} // namespace

TimelineView::~TimelineView() = default;

TimelineView::TimelineView(QWidget* parent)
    : QAbstractScrollArea(parent), painter_(std::make_unique<TimelinePainter>()) {
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
    shown_ = model_;
    revealNs_ = -1;
    gutterCache_ = -1;
    fitRows();
    zoom_ = TimelineZoom(model_ ? model_->endNs() : 0, timeAreaWidth());
    syncScrollBars();
    viewport()->update();
}

void TimelineView::setRevealLimit(qint64 ns, const std::unordered_set<int64_t>& tasks) {
    if (ns < 0 || !model_) {
        if (revealNs_ < 0)
            return;
        revealNs_ = -1;
        shown_ = model_;
        gutterCache_ = -1;
        zoom_.setRunEnd(model_ ? model_->endNs() : 0);
        zoom_.showAll();
    } else {
        const bool first = revealNs_ < 0;
        revealNs_ = ns;
        shown_ = std::make_shared<const TimelineModel>(model_->upTo(ns, tasks));
        gutterCache_ = -1;
        // The axis must not tell how long the run is: it ends a little past "now", never
        // before 1 s.
        constexpr qint64 kShortestAxisNs = 1'000'000'000;
        const qint64 span = std::max(kShortestAxisNs, ns + ns / 4);
        if (first || span > zoom_.runEndNs() || ns < zoom_.runEndNs() / 2) {
            zoom_.setRunEnd(span);
            zoom_.showAll();
        }
    }
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

void TimelineView::setSpotlight(const QSet<QString>& labels) {
    spotlight_ = labels;
    viewport()->update();
}

int TimelineView::rowAt(int viewportY) const {
    if (!shown_ || viewportY < headerHeight())
        return -1;
    const int index = drawnRowAt(viewportY);
    // The loop's row is drawn first but is no row of the model: it is not a task to click.
    const int offset = shown_->loopRow() ? 1 : 0;
    return index >= offset ? index - offset : -1;
}

int TimelineView::drawnRowAt(int viewportY) const {
    if (!shown_ || viewportY < headerHeight())
        return -1;
    const int index = (viewportY - headerHeight() + verticalScrollBar()->value()) / rowHeight();
    return index < static_cast<int>(shown_->drawnRowCount()) ? index : -1;
}

void TimelineView::setScale(double scale) {
    scale_ = std::clamp(scale, 0.5, 4.0);
    drawn_ = scale_;
    fitRows();
    gutterCache_ = -1;
    zoom_.setWidth(timeAreaWidth());
    syncScrollBars();
    viewport()->update();
}

void TimelineView::setAxisEnd(qint64 ns) {
    zoom_.setRunEnd(std::max<qint64>(ns, model_ ? model_->endNs() : 0));
    zoom_.showAll();
    syncScrollBars();
    viewport()->update();
}

void TimelineView::setVisibleRange(qint64 startNs, qint64 durationNs) {
    zoom_.setVisible(startNs, durationNs);
    syncScrollBars();
    viewport()->update();
}

QFont TimelineView::scaledFont() const {
    return fontAt(drawn_);
}

QFont TimelineView::fontAt(double scale) const {
    QFont f = font();
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * scale);
    else
        f.setPixelSize(std::max(1, static_cast<int>(std::lround(f.pixelSize() * scale))));
    return f;
}

int TimelineView::rowsInView() const {
    const QFont f = scaledFont();
    return std::max(0, viewport()->height() -
                           TimelinePainter::headerHeight(f, viewport()->width(), shown_.get())) /
           TimelinePainter::rowHeight(f);
}

void TimelineView::fitRows() {
    // Zoomed for a room in a short panel (200% on a 1280x720 projector), rows at the zoom's
    // size leave room for one task: the timeline then draws smaller, never below 100%, until
    // the run's rows (up to kRowsToFit of them) are all in view. Only the height decides, so
    // the scale does not change from step to step.
    const double before = drawn_;
    drawn_ = scale_;
    const int rows =
        model_ ? static_cast<int>(std::min<size_t>(model_->drawnRowCount(), size_t(kRowsToFit)))
               : 0;
    const int height = viewport()->height();
    while (rows > 0 && drawn_ > 1.0) {
        const QFont f = fontAt(drawn_);
        const int header = TimelinePainter::headerHeight(f, viewport()->width(), model_.get());
        if (height - header >= rows * TimelinePainter::rowHeight(f))
            break;
        drawn_ = std::max(1.0, drawn_ - 0.05);
    }
    if (drawn_ != before)
        gutterCache_ = -1;
}

int TimelineView::rowHeight() const {
    return TimelinePainter::rowHeight(scaledFont());
}

int TimelineView::headerHeight() const {
    return TimelinePainter::headerHeight(scaledFont(), viewport()->width(), shown_.get());
}

int TimelineView::gutterWidth() const {
    // Measuring every label is too slow to repeat for each paint: cached until the model,
    // font, scale or width changes.
    if (gutterCache_ < 0)
        gutterCache_ =
            TimelinePainter::gutterWidth(shown_.get(), scaledFont(), viewport()->width() * 3 / 10);
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
    const int rows = shown_ ? static_cast<int>(shown_->drawnRowCount()) : 0;
    const int visible = std::max(0, viewport()->height() - headerHeight());
    v->setRange(0, std::max(0, rows * rowHeight() - visible));
    v->setPageStep(visible);
    v->setSingleStep(rowHeight());
    syncing_ = false;
}

void TimelineView::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    // Only the width bounds the gutter. The height changes on many steps (the narration above
    // wraps to more or fewer lines), and measuring 20,000 labels each time was 10% of a jump.
    if (event->size().width() != event->oldSize().width())
        gutterCache_ = -1;
    fitRows();
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
    TimelineFrame frame;
    frame.size = viewport()->size();
    frame.font = scaledFont();
    frame.scale = drawn_;
    frame.base = palette().color(QPalette::Base);
    frame.alternate = palette().color(QPalette::AlternateBase);
    frame.text = palette().color(QPalette::Text);
    frame.zoom = zoom_;
    frame.gutter = gutterWidth();
    frame.scrollY = verticalScrollBar()->value();
    frame.cursorNs = currentNs_;
    frame.spotlight = spotlight_;
    frame.veilAfterCursor = revealNs_ < 0 && veilAfterCursor_;
    painter_->paint(p, shown_.get(), frame);
    if (hasFocus())
        paintFocusFrame(p, viewport()->rect(), palette());
}

void TimelineView::keyPressEvent(QKeyEvent* event) {
    const double cursorX = std::clamp<double>(zoom_.nsToX(currentNs_), 0, timeAreaWidth());
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoom_.zoomAround(cursorX, 2.0);
        break;
    case Qt::Key_Minus:
        zoom_.zoomAround(cursorX, 0.5);
        break;
    case Qt::Key_0:
        zoom_.showAll();
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    syncScrollBars();
    viewport()->update();
    event->accept();
}

void TimelineView::focusInEvent(QFocusEvent* event) {
    QAbstractScrollArea::focusInEvent(event);
    viewport()->update(); // the focus frame is drawn on the viewport
}

void TimelineView::focusOutEvent(QFocusEvent* event) {
    QAbstractScrollArea::focusOutEvent(event);
    viewport()->update();
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
    if (!click)
        return;
    const int x = static_cast<int>(event->position().x());
    const int row = rowAt(static_cast<int>(event->position().y()));
    if (row >= 0)
        emit rowClicked(row, timeAtX(x));
    if (x >= gutterWidth())
        emit timeClicked(timeAtX(x));
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
    const int index = drawnRowAt(pos.y());
    if (index < 0)
        return {};
    const TimelineRow& rowData = shown_->drawnRow(static_cast<size_t>(index));
    if (pos.x() < gutterWidth()) // the whole label, which the gutter may have elided
        return QString::fromStdString(rowData.displayLabel()) +
               (rowData.asyncioCleanup
                    ? tr("\nasyncio.run made this task to clean up before it closes the loop: "
                         "asyncio's own, not the program's")
                    : QString());
    const qint64 ns = timeAtX(pos.x());
    const auto range = TimelineModel::visibleRange(rowData.segments, ns, ns + 1);
    if (range.first == range.second)
        return {};
    const Segment& s = rowData.segments[range.first];
    QString what = QString::fromLatin1(segmentKindName(s.kind));
    if (s.kind == SegmentKind::Waiting && s.wait == WaitKind::Late)
        what = (s.detail == kLateSoFar
                    ? tr("its timer was due at %1 s and is %2 s late so far: the loop was "
                         "blocked or busy")
                    : tr("its timer was due at %1 s but ran %2 s later: the loop was blocked or "
                         "busy"))
                   .arg(seconds(s.startNs, 3), seconds(s.endNs - s.startNs, 3));
    else if (!s.detail.empty())
        what += QStringLiteral(" (%1)").arg(QString::fromStdString(s.detail));
    QString text =
        QStringLiteral("%1: %2\n%3 s to %4 s, %5 s")
            .arg(QString::fromStdString(rowData.displayLabel()), what, seconds(s.startNs, 9),
                 seconds(s.endNs, 9), seconds(s.endNs - s.startNs, 9));
    // Marks near the pointer: they are small, and at the run's end several share a spot.
    for (const RowMark& mark : rowData.marks) {
        const double markX = gutterWidth() + zoom_.nsToX(mark.ns);
        if (std::abs(markX - pos.x()) > rowHeight() / 2)
            continue;
        text += QStringLiteral("\n%1 at %2 s")
                    .arg(QString::fromLatin1(markKindName(mark.kind)), seconds(mark.ns, 9));
        if (!mark.detail.empty())
            text += QStringLiteral(" (%1)").arg(QString::fromStdString(mark.detail));
    }
    for (const RowHold& hold : rowData.holds)
        if (hold.startNs <= ns && ns < hold.endNs)
            text += tr("\nholds %1 '%2'")
                        .arg(hold.semaphore ? tr("a permit of semaphore") : tr("lock"),
                             QString::fromStdString(hold.name));
    return text;
}

} // namespace looplab
