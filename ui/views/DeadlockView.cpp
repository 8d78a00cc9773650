#include "DeadlockView.h"

#include "FocusFrame.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace looplab {

namespace {

// Okabe–Ito vermilion: stays distinct for the common colour-vision deficiencies.
const QColor kCycleColor(0xD5, 0x5E, 0x00);
const QColor kTaskTint(0x56, 0xB4, 0xE9);

constexpr double kMargin = DeadlockLayout::kMargin; // around the text too, logical pixels

QFont boldOf(QFont font) {
    font.setBold(true);
    return font;
}

// The second line of a node and the arrows' words: the body font's size (a projector and a
// small window both need every word readable), set apart by weight, not by size.
QFont smallOf(QFont font) {
    font.setBold(false);
    return font;
}

// The line that says the graph is of an earlier step: set apart by slant, not by size.
QFont momentFontOf(QFont font) {
    font.setBold(false);
    font.setItalic(true);
    return font;
}

// The graph grows to fill its panel, up to this many times the zoom.
constexpr double kMostGrowth = 2.0;
// The explanation beside the graph: a column of this many logical pixels at most, and never
// narrower than the least (else it goes below the graph).
constexpr double kWidestColumn = 520;
constexpr double kNarrowestColumn = 200;
// A cycle on an ellipse this flat fits a short, wide panel (the Deadlock tab under the code).
constexpr double kFlat = 0.55;

double length(const QPointF& v) {
    return std::hypot(v.x(), v.y());
}

} // namespace

DeadlockView::DeadlockView(QWidget* parent) : QWidget(parent) {
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    // Focusable, so keyboard and screen-reader users reach the explanation (its description).
    setFocusPolicy(Qt::StrongFocus);
    setToolTip(tr("Who waits for whom: the cycle of waits that can never end is drawn thick "
                  "and dashed. Double-click or F: the whole height for the graph, and back"));
}

void DeadlockView::setDeadlock(const QString& endInfoJson) {
    graph_ = DeadlockGraph(endInfoJson);
    if (graph_.empty()) {
        layout_ = DeadlockLayout();
        flatLayout_ = DeadlockLayout();
        rowLayout_ = DeadlockLayout();
        setAccessibleDescription(tr("No deadlock in this run."));
    } else {
        setAccessibleDescription(graph_.summary() + QLatin1Char(' ') +
                                 graph_.explanations().join(QLatin1Char(' ')));
        relayout();
    }
    updateGeometry();
    update();
}

void DeadlockView::setMoment(const QString& moment) {
    if (moment == moment_)
        return;
    moment_ = moment;
    updateGeometry();
    update();
}

void DeadlockView::setScale(double scale) {
    scale_ = std::clamp(scale, 0.25, 4.0);
    updateGeometry();
    update();
}

void DeadlockView::mouseDoubleClickEvent(QMouseEvent* event) {
    if (hasDeadlock() && event->button() == Qt::LeftButton)
        emit fillRequested();
    else
        QWidget::mouseDoubleClickEvent(event);
}

void DeadlockView::keyPressEvent(QKeyEvent* event) {
    if (hasDeadlock() && event->key() == Qt::Key_F && event->modifiers() == Qt::NoModifier)
        emit fillRequested();
    else
        QWidget::keyPressEvent(event);
}

void DeadlockView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::FontChange && hasDeadlock()) {
        relayout();
        updateGeometry();
    }
    QWidget::changeEvent(event);
}

void DeadlockView::relayout() {
    const std::vector<QSizeF> sizes = measureNodes();
    layout_ = DeadlockLayout(graph_, sizes);
    flatLayout_ = DeadlockLayout(graph_, sizes, kFlat);
    rowLayout_ = DeadlockLayout::inRow(graph_, sizes);
}

// Every node's outline size from the widget font, in node order: the two text lines and the
// shape around them (logical pixels, scale 1).
std::vector<QSizeF> DeadlockView::measureNodes() const {
    const QFont base = font();
    const QFontMetricsF bold(boldOf(base));
    const QFontMetricsF small(smallOf(base));
    std::vector<QSizeF> sizes;
    for (const DeadlockGraph::Node& node : graph_.nodes()) {
        // Tasks: bold name over a small "line N"; objects: small kind over a bold name.
        const double topW =
            node.isTask() ? bold.horizontalAdvance(node.top) : small.horizontalAdvance(node.top);
        const double bottomW = node.isTask() ? small.horizontalAdvance(node.bottom)
                                             : bold.horizontalAdvance(node.bottom);
        const double tw = std::max(topW, bottomW) + 4;
        const double th = bold.height() + small.height();
        sizes.push_back(DeadlockLayout::outlineSize(node.shape, QSizeF(tw, th)));
    }
    return sizes;
}

// The node's outline around its laid-out centre, `grow` px larger on every side.
QPainterPath DeadlockView::shapePath(int node, double grow) const {
    const double w = painting_->size(node).width() / 2 + grow;
    const double h = painting_->size(node).height() / 2 + grow;
    const QPointF c = painting_->center(node);
    QPainterPath path;
    switch (graph_.nodes()[size_t(node)].shape) {
    case DeadlockGraph::Shape::Box:
        path.addRoundedRect(QRectF(c.x() - w, c.y() - h, 2 * w, 2 * h), 9 + grow, 9 + grow);
        break;
    case DeadlockGraph::Shape::Circle:
        path.addEllipse(c, w, h);
        break;
    case DeadlockGraph::Shape::Hexagon: {
        const double tip = h; // pointed ends as deep as half the height
        path.moveTo(c.x() - w, c.y());
        path.lineTo(c.x() - w + tip, c.y() - h);
        path.lineTo(c.x() + w - tip, c.y() - h);
        path.lineTo(c.x() + w, c.y());
        path.lineTo(c.x() + w - tip, c.y() + h);
        path.lineTo(c.x() - w + tip, c.y() + h);
        path.closeSubpath();
        break;
    }
    case DeadlockGraph::Shape::Diamond:
        path.moveTo(c.x() - w, c.y());
        path.lineTo(c.x(), c.y() - h);
        path.lineTo(c.x() + w, c.y());
        path.lineTo(c.x(), c.y() + h);
        path.closeSubpath();
        break;
    }
    return path;
}

void DeadlockView::paintEdge(QPainter& p, int index) const {
    const DeadlockGraph::Edge& edge = graph_.edges()[size_t(index)];
    const QPointF a = painting_->center(edge.from);
    const QPointF b = painting_->center(edge.to);
    const QPointF control = painting_->edgeControl(index);

    // Keep the part of the curve outside both shapes (with a little air before the arrowhead).
    const QPainterPath fromShape = shapePath(edge.from, 3);
    const QPainterPath toShape = shapePath(edge.to, 4);
    constexpr int kSteps = 160;
    QPolygonF curve;
    for (int i = 0; i <= kSteps; ++i) {
        const QPointF pt = DeadlockLayout::curvePoint(a, control, b, double(i) / kSteps);
        if (!fromShape.contains(pt) && !toShape.contains(pt))
            curve << pt;
    }
    if (curve.size() < 2)
        return;

    const QColor ink = edge.inCycle ? kCycleColor : palette().color(QPalette::WindowText);
    const double thick = lineFactor(paletteKind(palette()));
    const double width = (edge.inCycle ? 3.5 : 1.6) * thick;
    p.setPen(QPen(ink, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(Qt::NoBrush);
    const QPointF tip = curve.last();
    QPointF dir = tip - curve.at(std::max(0, int(curve.size()) - 4));
    dir /= std::max(length(dir), 1e-6);
    const double head = edge.inCycle ? 15 : 11;
    QPolygonF line = curve;
    line.last() = tip - dir * head * 0.7; // the line stops inside the arrowhead
    p.drawPolyline(line);
    const QPointF side(-dir.y(), dir.x());
    p.setPen(Qt::NoPen);
    p.setBrush(ink);
    p.drawPolygon(QPolygonF{tip, tip - dir * head + side * head * 0.45,
                            tip - dir * head - side * head * 0.45});

    // The arrow's meaning at its middle, on a small plate so that it reads over other lines.
    const QString text =
        edge.kind == DeadlockGraph::EdgeKind::HeldBy ? tr("held by") : tr("waits for");
    const QFont labelFont = edge.inCycle ? boldOf(smallOf(font())) : smallOf(font());
    const QFontMetricsF fm(labelFont);
    QPointF mid = curve.at(curve.size() / 2);
    // Along a level arrow (the row form's) the plate would hide the arrow and its head between
    // two close nodes: it sits just above the line instead.
    const QPointF along = curve.at(std::min(int(curve.size()) - 1, int(curve.size()) / 2 + 1)) -
                          curve.at(std::max(0, int(curve.size()) / 2 - 1));
    if (std::abs(along.y()) < 0.2 * std::abs(along.x()))
        mid.ry() -= fm.height() / 2 + width + 1;
    const QRectF plate(mid.x() - fm.horizontalAdvance(text) / 2 - 4, mid.y() - fm.height() / 2,
                       fm.horizontalAdvance(text) + 8, fm.height());
    QColor back = palette().color(QPalette::Base);
    back.setAlpha(225);
    p.setBrush(back);
    p.drawRoundedRect(plate, 4, 4);
    p.setFont(labelFont);
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(plate, Qt::AlignCenter, text);
}

void DeadlockView::paintNode(QPainter& p, int index) const {
    const DeadlockGraph::Node& node = graph_.nodes()[size_t(index)];
    const QPointF center = painting_->center(index);
    const QSizeF size = painting_->size(index);
    const QColor base = palette().color(QPalette::Base);
    const QColor ink = palette().color(QPalette::WindowText);
    QColor tint = node.inCycle ? kCycleColor : (node.isTask() ? kTaskTint : ink);
    tint.setAlpha(node.inCycle ? 40 : (node.isTask() ? 55 : 22));
    const QPainterPath path = shapePath(index, 0);
    p.setPen(Qt::NoPen);
    p.setBrush(base);
    p.drawPath(path);
    p.setBrush(tint);
    if (node.inCycle) // dashed as well as coloured: the cycle does not rely on colour alone
        p.setPen(QPen(kCycleColor, 3.2 * lineFactor(paletteKind(palette())), Qt::DashLine,
                      Qt::FlatCap, Qt::MiterJoin));
    else
        p.setPen(QPen(ink, 1.5 * lineFactor(paletteKind(palette()))));
    p.drawPath(path);

    const QFont strong = boldOf(font());
    const QFont weak = smallOf(font());
    const bool task = node.isTask();
    const QFontMetricsF topFm(task ? strong : weak);
    const QFontMetricsF bottomFm(task ? weak : strong);
    const double total = topFm.height() + bottomFm.height();
    const double y = center.y() - total / 2;
    const double x = center.x() - size.width() / 2;
    p.setPen(ink);
    p.setFont(task ? strong : weak);
    p.drawText(QRectF(x, y, size.width(), topFm.height()), Qt::AlignCenter, node.top);
    p.setFont(task ? weak : strong);
    p.drawText(QRectF(x, y + topFm.height(), size.width(), bottomFm.height()), Qt::AlignCenter,
               node.bottom);
}

double DeadlockView::textHeight(double width) const {
    const QFontMetricsF strong(boldOf(font()));
    const QFontMetricsF plain(font());
    const int w = std::max(1, int(width));
    double h =
        strong.boundingRect(QRectF(0, 0, w, 1e6), Qt::TextWordWrap, graph_.summary()).height();
    if (!moment_.isEmpty())
        h += QFontMetricsF(momentFontOf(font()))
                 .boundingRect(QRectF(0, 0, w, 1e6), Qt::TextWordWrap, moment_)
                 .height() +
             plain.height() * 0.4;
    h += plain.height() * 0.6;
    for (const QString& line : graph_.explanations())
        h += plain.boundingRect(QRectF(0, 0, w - 18, 1e6), Qt::TextWordWrap, line).height() + 2;
    return h;
}

QSize DeadlockView::sizeHint() const {
    if (!hasDeadlock())
        return QSize(360, 120);
    const double w = std::max(layout_.graphSize().width(), 480.0);
    const double h = layout_.graphSize().height() + textHeight(w - 2 * kMargin) + 2 * kMargin;
    return QSize(int(std::ceil(w * scale_)), int(std::ceil(h * scale_)));
}

QSize DeadlockView::minimumSizeHint() const {
    return QSize(200, 120);
}

DeadlockView::Arrangement DeadlockView::arrange(const QSizeF& panel, bool growText) const {
    // The round picture, the flat one or the row, whichever can be drawn larger (the round one
    // when they are about as large: it shows the cycle as a cycle best).
    Arrangement best = arrange(panel, layout_);
    for (const DeadlockLayout* other : {&flatLayout_, &rowLayout_}) {
        const Arrangement a = arrange(panel, *other);
        if (a.fit > best.fit * 1.05)
            best = a;
    }
    if (!growText)
        return best;
    // The explanation as large as the room the graph leaves it lets it be, up to the zoom's
    // size: below a graph that met the panel's width before its height, or in a column taller
    // than its text.
    const bool beside = best.text.left() > 0;
    const QSizeF room = beside ? QSizeF(best.text.width(), panel.height()) : best.text.size();
    double height = best.text.height();
    best.textScale = largestTextScale(room, best.textScale, &height);
    if (beside)
        best.text =
            QRectF(best.text.left(), (panel.height() - height) / 2, best.text.width(), height);
    return best;
}

DeadlockView::Arrangement DeadlockView::arrange(const QSizeF& panel,
                                                const DeadlockLayout& layout) const {
    const QSizeF graph = layout.graphSize();
    const double most = kMostGrowth * scale_;
    Arrangement a;
    a.textScale = scale_;
    a.layout = &layout;
    if (graph.isEmpty() || panel.isEmpty())
        return a;
    // Beside: the text in a column on the right, the graph in the rest; the column as narrow
    // as lets the whole text stand in the panel's height.
    // Zoomed for a room, a long explanation beside the graph at the zoom's size can leave the
    // graph too little width: it then shrinks (never below the body size) while that lets the
    // graph's labels reach the zoom's size, and before it goes below the graph.
    double column = 0, besideText = 0, besideFit = 0, textScale = scale_;
    bool besideFits = false;
    for (const double ts : {scale_, std::max(1.0, scale_ * 0.75), 1.0}) {
        for (const double share : {0.2, 0.24, 0.28, 0.34, 0.4, 0.46, 0.52}) {
            const double c = std::min(panel.width() * share, kWidestColumn * ts);
            const double w = c / ts - 2 * kMargin;
            const double t = (textHeight(w) + 2 * kMargin) * ts;
            if (w < kNarrowestColumn || t > panel.height())
                continue;
            const double f = std::min(
                {most, (panel.width() - c) / graph.width(), panel.height() / graph.height()});
            if (!besideFits || f > besideFit) {
                column = c;
                besideText = t;
                besideFit = f;
                textScale = ts;
                besideFits = true;
            }
        }
        // The graph's labels at the zoom's size come first: the text shrinks further while
        // that lets the graph reach it.
        if (besideFits && besideFit >= scale_ - 1e-6)
            break;
    }
    // Below: the text across the whole width under the graph; the graph keeps at least half of
    // the height even when the text would want more. Zoomed, the text shrinks here too (never
    // below the body size) while that lets the graph grow towards the zoom's size.
    double belowFit = 0, belowScale = scale_;
    for (const double ts : {scale_, std::max(1.0, scale_ * 0.75), 1.0}) {
        const double belowWidth = std::max(120.0, panel.width() / ts - 2 * kMargin);
        const double belowText = (textHeight(belowWidth) + 2 * kMargin) * ts;
        const double room = std::max(panel.height() - belowText, panel.height() * 0.5);
        const double f = std::min({most, panel.width() / graph.width(), room / graph.height()});
        if (f > belowFit + 1e-6) {
            belowFit = f;
            belowScale = ts;
        }
        if (belowFit >= scale_ - 1e-6)
            break;
    }
    if (besideFits && besideFit >= belowFit) {
        a.fit = std::max(0.1, besideFit);
        const QSizeF drawn = graph * a.fit;
        const double left = panel.width() - column;
        a.graph = QRectF(QPointF((left - drawn.width()) / 2, (panel.height() - drawn.height()) / 2),
                         drawn);
        a.text = QRectF(left, (panel.height() - besideText) / 2, column, besideText);
        a.textScale = textScale;
    } else {
        a.fit = std::max(0.1, belowFit);
        const QSizeF drawn = graph * a.fit;
        a.graph = QRectF(QPointF((panel.width() - drawn.width()) / 2, 0), drawn);
        a.text = QRectF(0, drawn.height(), panel.width(), panel.height() - drawn.height());
        a.textScale = belowScale;
    }
    return a;
}

double DeadlockView::largestTextScale(const QSizeF& room, double least, double* height) const {
    // From the zoom's size down in small steps; `least` is known to fit (or is the floor).
    for (double ts = scale_; ts > least + 1e-6; ts -= 0.05) {
        const double width = room.width() / ts - 2 * kMargin;
        if (width < kNarrowestColumn)
            continue;
        const double needed = (textHeight(width) + 2 * kMargin) * ts;
        if (needed <= room.height()) {
            if (height)
                *height = needed;
            return ts;
        }
    }
    return least;
}

int DeadlockView::readableHeight(int width) const {
    if (!hasDeadlock())
        return 0;
    // The least height at which the graph is drawn at the zoom's size, found by halving.
    int low = 60, high = 4000;
    while (low < high) {
        const int middle = (low + high) / 2;
        if (arrange(QSizeF(width, middle), false).fit >= scale_ - 1e-6)
            high = middle;
        else
            low = middle + 1;
    }
    return low;
}

double DeadlockView::smallestLabelHeight() const {
    if (!hasDeadlock())
        return 0;
    // Every label of the graph is in the body font, bold or not (see smallOf).
    return std::min(QFontMetricsF(font()).height(), QFontMetricsF(boldOf(font())).height()) *
           graphFit();
}

void DeadlockView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.fillRect(rect(), palette().color(QPalette::Base));
    const QColor ink = palette().color(QPalette::WindowText);

    if (!hasDeadlock()) {
        p.scale(scale_, scale_);
        p.setPen(ink);
        p.setFont(font());
        p.drawText(QRectF(0, 0, width() / scale_, height() / scale_),
                   Qt::AlignCenter | Qt::TextWordWrap, tr("No deadlock in this run."));
        return;
    }

    const Arrangement a = arrange(QSizeF(size()));
    const double fit = a.fit;
    painting_ = a.layout;
    p.save();
    p.translate(a.graph.topLeft());
    p.scale(fit, fit);
    const std::vector<DeadlockGraph::Edge>& edges = graph_.edges();
    for (size_t e = 0; e < edges.size(); ++e) // the cycle's arrows last, on top
        if (!edges[e].inCycle)
            paintEdge(p, int(e));
    for (size_t e = 0; e < edges.size(); ++e)
        if (edges[e].inCycle)
            paintEdge(p, int(e));
    for (int node = 0; node < painting_->nodeCount(); ++node)
        paintNode(p, node);
    if (graph_.cycle().size() >= 2) {
        // A caption in the middle of the circle, so the cycle is named and not only coloured.
        const QFont captionFont = boldOf(font());
        const QFontMetricsF fm(captionFont);
        p.setFont(captionFont);
        p.setPen(kCycleColor);
        const QPointF middle = painting_->captionCenter();
        const QRectF box(middle.x() - 60, middle.y() - fm.height(), 120, 2 * fm.height());
        p.drawText(box, Qt::AlignCenter, tr("deadlock\ncycle"));
    }
    p.restore();

    const double textWidth = std::max(120.0, a.text.width() / a.textScale - 2 * kMargin);
    p.save();
    p.translate(a.text.topLeft());
    p.scale(a.textScale, a.textScale);
    p.setPen(ink);
    double y = kMargin;
    QRectF used;
    if (!moment_.isEmpty()) {
        p.setFont(momentFontOf(font()));
        p.drawText(QRectF(kMargin, y, textWidth, 1e6), Qt::TextWordWrap, moment_, &used);
        y += used.height() + QFontMetricsF(font()).height() * 0.4;
    }
    p.setFont(boldOf(font()));
    p.drawText(QRectF(kMargin, y, textWidth, 1e6), Qt::TextWordWrap, graph_.summary(), &used);
    y += used.height() + QFontMetricsF(font()).height() * 0.6;
    p.setFont(font());
    for (const QString& line : graph_.explanations()) {
        p.drawText(QRectF(kMargin, y, 18, 1e6), Qt::AlignLeft, QStringLiteral("\u2022"));
        p.drawText(QRectF(kMargin + 18, y, textWidth - 18, 1e6), Qt::TextWordWrap, line, &used);
        y += used.height() + 2;
    }
    p.restore();
    if (hasFocus())
        paintFocusFrame(p, rect(), palette());
}

} // namespace looplab
