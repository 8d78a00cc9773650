#include "TimelinePainter.h"

#include "RowDecorations.h"
#include "TaskLabel.h"
#include "TimelineLegend.h"
#include "TimelineMath.h"
#include "TimelinePalette.h"

#include <QFontMetrics>
#include <QList>
#include <QPainter>
#include <QRect>
#include <QStringList>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <unordered_map>
#include <vector>

namespace looplab {

namespace {

constexpr size_t kKindCount = static_cast<size_t>(SegmentKind::Mixed) + 1;
constexpr size_t kLookCount = static_cast<size_t>(TimelinePalette::kLookCount);

// Rows get at least this many pixels each before several share one band (dense drawing): an
// exported 31-task run on a slide is drawn and labelled row by row.
constexpr int kMinRowPixels = 6;

// Virtual seconds with `decimals` digits: the axis speaks the unit of the lessons.
QString seconds(qint64 ns, int decimals) {
    return QString::number(static_cast<double>(ns) / 1e9, 'f', decimals);
}

QString segmentCaption(const Segment& s) {
    // A late timer says when it was due and when it ran, the story of a blocked loop.
    if (s.kind == SegmentKind::Waiting && s.wait == WaitKind::Late)
        return (s.detail == kLateSoFar ? QStringLiteral("due %1 s, late at %2 s: the loop was "
                                                        "blocked")
                                       : QStringLiteral("due %1 s, ran %2 s: the loop was blocked"))
            .arg(seconds(s.startNs, 3), seconds(s.endNs, 3));
    if (!s.detail.empty() && s.kind != SegmentKind::Blocked)
        return QString::fromStdString(s.detail);
    return QString::fromLatin1(segmentKindName(s.kind));
}

} // namespace

// What one paint gathers before drawing: the rectangles of every visible row grouped by state,
// so each state costs one brush set-up for its fill and one for its pattern, and the captions
// to write on top afterwards.
struct TimelinePainter::Scratch {
    struct Caption {
        QRect box;
        SegmentKind kind;
        WaitKind wait;
        const Segment* segment;
    };
    // A row whose holds and marks go on top of the fills.
    struct Decorated {
        const TimelineRow* row;
        QRect box;
    };

    QFontMetrics fm{QFont()};
    int rowHeight = 0;
    int pad = 0;
    std::vector<DrawRect> rects;
    std::vector<PixelSpan> spans;
    std::array<QList<QRect>, kLookCount> boxesByLook;
    std::vector<Caption> captions;
    std::vector<Decorated> decorated;
    // Caption widths of this paint's font: shaping text is the dearest thing a row does, and
    // the same few captions ("running", "sleep", ...) recur on thousands of segments.
    std::array<int, kKindCount> kindCaptionWidth{};
    std::unordered_map<std::string, int> detailCaptionWidth;
    // A row's rectangles and pixel spans depend on its segments and the zoom, not on the
    // cursor: stepping through a million-step run repaints every row, and merging its
    // millions of sub-pixel segments again each time cost more than the whole rest of a jump.
    // Kept per row while the model, the zoom and the width stay the same.
    struct RowPixels {
        std::vector<DrawRect> rects;
        std::vector<PixelSpan> spans;
    };
    struct PixelsKey {
        uint64_t model = 0;
        int64_t startNs = 0;
        int64_t endNs = 0;
        double nsPerPx = 0;
        double areaWidth = 0;
        int lineScale = 0;
        bool operator==(const PixelsKey& o) const {
            return model == o.model && startNs == o.startNs && endNs == o.endNs &&
                   nsPerPx == o.nsPerPx && areaWidth == o.areaWidth && lineScale == o.lineScale;
        }
    };
    PixelsKey pixelsKey;
    std::unordered_map<const TimelineRow*, RowPixels> rowPixels;

    const RowPixels& pixelsOf(const TimelineRow& row, const PixelsKey& key) {
        if (!(key == pixelsKey)) {
            rowPixels.clear();
            pixelsKey = key;
        }
        auto [found, isNew] = rowPixels.try_emplace(&row);
        RowPixels& pixels = found->second;
        if (isNew) {
            const auto range =
                TimelineModel::visibleRange(row.segments, key.startNs, key.endNs + 1);
            mergeSubPixel(row.segments, range.first, range.second, key.startNs, key.nsPerPx,
                          pixels.rects);
            // At most one rectangle per pixel column, neighbours of one look already joined.
            snapToPixels(pixels.rects, key.areaWidth, pixels.spans);
            separateLooks(pixels.spans, key.lineScale);
        }
        return pixels;
    }

    // Dense mode: how many of a band's rows are in each look, per pixel column.
    std::vector<std::array<int, kLookCount>> columnCounts;

    void reset(const QFont& font, int rh) {
        fm = QFontMetrics(font);
        rowHeight = rh;
        pad = std::max(2, rh / 8);
        for (auto& boxes : boxesByLook)
            boxes.clear();
        captions.clear();
        decorated.clear();
        kindCaptionWidth.fill(-1);
        detailCaptionWidth.clear();
    }

    int captionWidth(const Segment& s) {
        if (s.wait == WaitKind::Late)
            return fm.horizontalAdvance(segmentCaption(s)); // rare, and unlike any other
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

TimelinePainter::TimelinePainter() : scratch_(std::make_unique<Scratch>()) {}
TimelinePainter::~TimelinePainter() = default;

int TimelinePainter::rowHeight(const QFont& font) {
    return QFontMetrics(font).height() * 3 / 2 + 2;
}

int TimelinePainter::headerHeight(const QFont& font, int width, const TimelineModel* model) {
    // The legend's lines, then the axis: labels above their tick marks.
    const int h = QFontMetrics(font).height();
    return h * (TimelineLegend::lines(font, width, model) + 2) + 4;
}

int TimelinePainter::rowsFitting(const QFont& font, const QSize& size, const TimelineModel* model,
                                 int rows) {
    const int available = size.height() - headerHeight(font, size.width(), model);
    return rows > 0 ? available / rows : available;
}

bool TimelinePainter::drawsDense(const QFont& font, const QSize& size, const TimelineModel* model) {
    if (!model)
        return false;
    const int rows = static_cast<int>(std::min<size_t>(model->drawnRowCount(), 1 << 30));
    return rows > 0 && rowsFitting(font, size, model, rows) < kMinRowPixels;
}

int TimelinePainter::gutterWidth(const TimelineModel* model, const QFont& font, int maxWidth) {
    const QFontMetrics fm(font);
    int widest = fm.horizontalAdvance(QStringLiteral("Task-00"));
    if (model)
        for (size_t r = 0; r < model->drawnRowCount(); ++r)
            widest = std::max(widest, fm.horizontalAdvance(QString::fromStdString(
                                          model->drawnRow(r).displayLabel())));
    // Long thread names are elided rather than squeezing the time area.
    return std::min(widest + fm.averageCharWidth() * 2, std::max(40, maxWidth));
}

QString TimelinePainter::fittedLabel(const TimelineRow& row, const QFontMetrics& fm, int width) {
    const QString name = QString::fromStdString(row.label);
    if (row.coroutine.empty())
        return fm.elidedText(name, Qt::ElideMiddle, width);
    const QString whole = QString::fromStdString(row.displayLabel());
    if (fm.horizontalAdvance(whole) <= width)
        return whole;
    const QString head = name + QString::fromUtf8(kTaskLabelSeparator);
    const int rest = width - fm.horizontalAdvance(head);
    // Worth showing only if a few letters of the coroutine fit besides the ellipsis.
    if (rest >= fm.horizontalAdvance(QStringLiteral("ma…")))
        return head + fm.elidedText(QString::fromStdString(row.coroutine), Qt::ElideRight, rest);
    return fm.elidedText(name, Qt::ElideMiddle, width);
}

void TimelinePainter::paint(QPainter& p, const TimelineModel* model, const TimelineFrame& frame) {
    p.save();
    p.fillRect(QRect(QPoint(0, 0), frame.size), frame.base);
    p.setFont(frame.font);
    if (model) {
        if (frame.dense && drawsDense(frame.font, frame.size, model))
            drawDenseRows(p, *model, frame);
        else
            drawRows(p, *model, frame);
    }
    TimelineLegend::draw(p, frame.size.width(), model, frame.base, frame.text,
                         frame.scale * lineFactor(paletteKind(frame.base, frame.text)));
    drawAxis(p, frame, model);
    drawCursor(p, frame, model);
    p.restore();
}

void TimelinePainter::drawAxis(QPainter& p, const TimelineFrame& frame,
                               const TimelineModel* model) const {
    const QFontMetrics fm(p.font());
    const int width = frame.size.width();
    const int top = fm.height() * TimelineLegend::lines(p.font(), width, model) + 2;
    const int bottom = headerHeight(p.font(), width, model);
    const int gutter = frame.gutter;
    const TimelineZoom& zoom = frame.zoom;
    p.fillRect(QRect(0, top, width, bottom - top), frame.base);
    p.setPen(frame.text);
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
            const int label = fm.horizontalAdvance(seconds(zoom.runEndNs(), decimals)) +
                              fm.averageCharWidth() * 3;
            if (step / zoom.nsPerPx() >= label || magnitude > (qint64(1) << 50)) {
                found = true;
                break;
            }
        }
        if (found)
            break;
    }
    const int lineWidth =
        std::max(1, static_cast<int>(std::lround(frame.scale *
                                                 lineFactor(paletteKind(frame.base, frame.text)))));
    std::vector<int> centres, widths;
    QStringList labels;
    for (qint64 t = (zoom.startNs() / step) * step; t <= zoom.endNs(); t += step) {
        if (t < zoom.startNs())
            continue;
        const int x = gutter + static_cast<int>(std::lround(zoom.nsToX(t)));
        p.fillRect(QRect(x, bottom - fm.height() / 2, lineWidth, fm.height() / 2), frame.text);
        labels << seconds(t, decimals);
        centres.push_back(x);
        widths.push_back(fm.horizontalAdvance(labels.back()));
    }
    // Each label over its tick; the last one, pushed in from the right edge, only when it
    // does not then run into the one before ("0.95 1.00").
    const std::vector<int> lefts =
        axisLabelLefts(centres, widths, gutter, width - 2, fm.averageCharWidth());
    for (qsizetype i = 0; i < labels.size(); ++i)
        if (lefts[size_t(i)] >= 0)
            p.drawText(QPoint(lefts[size_t(i)], bottom - fm.height() / 2 - fm.descent() - 1),
                       labels[i]);
    p.fillRect(QRect(gutter, bottom - lineWidth, width - gutter, lineWidth), frame.text);
}

void TimelinePainter::drawRows(QPainter& p, const TimelineModel& model,
                               const TimelineFrame& frame) {
    const int top = headerHeight(frame.font, frame.size.width(), &model);
    int rh = frame.rowHeight > 0 ? frame.rowHeight : rowHeight(frame.font);
    const int rows = static_cast<int>(model.drawnRowCount());
    // An export squeezes rows to fit the page while each still gets kMinRowPixels.
    if (frame.dense && rows > 0 && rh * rows > frame.size.height() - top)
        rh = std::max(kMinRowPixels, (frame.size.height() - top) / rows);
    // Labels of rows lower than the font get a font that fits them.
    QFont labelFont = p.font();
    if (QFontMetrics(labelFont).height() > rh - 1)
        labelFont.setPixelSize(std::max(5, rh - 2));
    p.save();
    p.setFont(labelFont);
    scratch_->reset(labelFont, rh);
    p.setClipRect(QRect(0, top, frame.size.width(), frame.size.height() - top));
    // Stripes and labels row by row; the state rectangles of all rows are only collected.
    const size_t first = static_cast<size_t>(std::max(0, frame.scrollY / rh));
    for (size_t r = first; r < model.drawnRowCount(); ++r) {
        const int y = top + static_cast<int>(r) * rh - frame.scrollY;
        if (y >= frame.size.height())
            break;
        collectRow(p, model, model.drawnRow(r), frame, r, y);
    }
    drawCollected(p, frame);
    const double lineWidth = frame.scale * lineFactor(paletteKind(frame.base, frame.text));
    // Decorations stop where the run (or, before a prediction, what has happened) ends: a mark
    // at that instant stays left of it, never a hint of what comes next.
    const int runRight = static_cast<int>(std::clamp(frame.zoom.nsToX(model.endNs()), 0.0,
                                                     double(frame.size.width() - frame.gutter)));
    for (Scratch::Decorated& d : scratch_->decorated)
        d.box.setWidth(std::max(1, runRight));
    for (const Scratch::Decorated& d : scratch_->decorated)
        RowDecorations::drawHolds(p, d.row->holds, frame.zoom, frame.gutter, d.box, lineWidth);
    // The state in words where it fits: colour and pattern are never the only cue.
    for (const Scratch::Caption& c : scratch_->captions) {
        if (TimelinePalette::pattern(c.kind, c.wait).style() != Qt::NoBrush)
            p.fillRect(c.box.adjusted(-2, 0, 2, 0), TimelinePalette::fill(c.kind, c.wait));
        p.setPen(TimelinePalette::text(c.kind, c.wait));
        p.drawText(c.box, Qt::AlignLeft | Qt::AlignVCenter, segmentCaption(*c.segment));
    }
    for (const Scratch::Decorated& d : scratch_->decorated)
        RowDecorations::drawMarks(p, d.row->marks, frame.zoom, frame.gutter, d.box, frame.text,
                                  frame.base);
    // The loop's row is the loop, not a task: a rule sets it apart from the tasks below.
    if (model.loopRow() && first == 0)
        p.fillRect(QRect(0, top + rh - 1, frame.gutter + runRight,
                         std::max(1, static_cast<int>(std::lround(lineWidth)))),
                   frame.text);
    // The spotlight: every other row fades behind a veil of the background colour.
    if (!frame.spotlight.isEmpty()) {
        QColor veil = frame.base;
        veil.setAlpha(190);
        for (size_t r = first; r < model.drawnRowCount(); ++r) {
            const int y = top + static_cast<int>(r) * rh - frame.scrollY;
            if (y >= frame.size.height())
                break;
            if (!frame.spotlight.contains(QString::fromStdString(model.drawnRow(r).label)))
                p.fillRect(QRect(0, y, frame.size.width(), rh), veil);
        }
    }
    p.restore();
}

// One pass per look over every collected rectangle: the fill, then its pattern on top.
// Rectangles never overlap (snapToPixels, and rows are apart), so the order of the fills does
// not matter and the picture is the one per-rectangle fills would paint.
void TimelinePainter::drawCollected(QPainter& p, const TimelineFrame& frame) {
    p.setPen(Qt::NoPen);
    p.setBrushOrigin(frame.gutter, 0); // hatching stays put while the row is redrawn
    for (size_t k = 0; k < kLookCount; ++k) {
        const QList<QRect>& boxes = scratch_->boxesByLook[k];
        if (boxes.isEmpty())
            continue;
        const SegmentKind kind = TimelinePalette::lookKind(static_cast<int>(k));
        const WaitKind wait = TimelinePalette::lookWait(static_cast<int>(k));
        p.setBrush(TimelinePalette::fill(kind, wait));
        p.drawRects(boxes.constData(), static_cast<int>(boxes.size()));
        const QBrush pattern = TimelinePalette::pattern(kind, wait);
        if (pattern.style() == Qt::NoBrush)
            continue;
        p.setBrush(pattern);
        p.drawRects(boxes.constData(), static_cast<int>(boxes.size()));
    }
    p.setBrush(Qt::NoBrush);
}

void TimelinePainter::collectRow(QPainter& p, const TimelineModel& model,
                                 const TimelineRow& rowData, const TimelineFrame& frame,
                                 size_t drawIndex, int y) {
    Scratch& scratch = *scratch_;
    const int rh = scratch.rowHeight;
    const int gutter = frame.gutter;
    const int width = frame.size.width();
    const QFontMetrics& fm = scratch.fm;
    if (drawIndex % 2 == 1)
        p.fillRect(QRect(0, y, width, rh), frame.alternate);
    p.setPen(frame.text);
    p.drawText(QRect(4, y, gutter - 6, rh), Qt::AlignLeft | Qt::AlignVCenter,
               fittedLabel(rowData, fm, gutter - 6));

    const TimelineZoom& zoom = frame.zoom;
    const double areaWidth = width - gutter;
    const int boxTop = y + scratch.pad;
    const int boxHeight = rh - 2 * scratch.pad;
    const Scratch::RowPixels& pixels = scratch.pixelsOf(
        rowData, {model.id(), zoom.startNs(), zoom.endNs(), zoom.nsPerPx(), areaWidth,
                  std::max(1, static_cast<int>(std::lround(frame.scale)))});
    for (const PixelSpan& span : pixels.spans)
        scratch.boxesByLook[static_cast<size_t>(TimelinePalette::look(span.kind, span.wait))]
            .append(QRect(gutter + span.x0, boxTop, span.x1 - span.x0, boxHeight));
    if (!rowData.holds.empty() || !rowData.marks.empty())
        scratch.decorated.push_back({&rowData, QRect(gutter, boxTop, width - gutter, boxHeight)});

    const QRect rowArea(gutter, y, width - gutter, rh);
    for (const DrawRect& r : pixels.rects) {
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
        scratch.captions.push_back({textBox, r.kind, r.wait, &segment});
    }
}

// Several rows per band of pixels: each pixel column of a band takes the look most of the
// band's rows are in there. Labels name the first row of a band, as often as they fit.
void TimelinePainter::drawDenseRows(QPainter& p, const TimelineModel& model,
                                    const TimelineFrame& frame) {
    Scratch& scratch = *scratch_;
    const int top = headerHeight(frame.font, frame.size.width(), &model);
    const int available = std::max(1, frame.size.height() - top);
    const size_t rows = model.drawnRowCount();
    const size_t rowsPerBand = (rows + static_cast<size_t>(available) - 1) / available;
    const size_t bands = (rows + rowsPerBand - 1) / rowsPerBand;
    const int areaWidth = std::max(1, frame.size.width() - frame.gutter);
    const TimelineZoom& zoom = frame.zoom;
    scratch.reset(p.font(), 1);
    scratch.columnCounts.assign(static_cast<size_t>(areaWidth), {});

    const int lineHeight = scratch.fm.height();
    int nextLabelY = top;
    p.setPen(frame.text);
    for (size_t band = 0; band < bands; ++band) {
        const int y0 = top + static_cast<int>(band * available / bands);
        const int y1 = top + static_cast<int>((band + 1) * available / bands);
        for (auto& column : scratch.columnCounts)
            column.fill(0);
        const size_t firstRow = band * rowsPerBand;
        const size_t endRow = std::min(rows, firstRow + rowsPerBand);
        for (size_t r = firstRow; r < endRow; ++r) {
            const std::vector<Segment>& segments = model.drawnRow(r).segments;
            const auto range =
                TimelineModel::visibleRange(segments, zoom.startNs(), zoom.endNs() + 1);
            mergeSubPixel(segments, range.first, range.second, zoom.startNs(), zoom.nsPerPx(),
                          scratch.rects);
            snapToPixels(scratch.rects, areaWidth, scratch.spans);
            for (const PixelSpan& span : scratch.spans) {
                const auto look = static_cast<size_t>(TimelinePalette::look(span.kind, span.wait));
                for (int x = std::max(0, span.x0); x < std::min(areaWidth, span.x1); ++x)
                    ++scratch.columnCounts[static_cast<size_t>(x)][look];
            }
        }
        // Runs of columns whose dominant look is the same become one rectangle.
        int runStart = 0;
        int runLook = -1;
        for (int x = 0; x <= areaWidth; ++x) {
            int look = -1;
            if (x < areaWidth) {
                const auto& counts = scratch.columnCounts[static_cast<size_t>(x)];
                int best = 0;
                for (size_t k = 0; k < kLookCount; ++k)
                    if (counts[k] > best) {
                        best = counts[k];
                        look = static_cast<int>(k);
                    }
            }
            if (look == runLook)
                continue;
            if (runLook >= 0)
                scratch.boxesByLook[static_cast<size_t>(runLook)].append(
                    QRect(frame.gutter + runStart, y0, x - runStart, std::max(1, y1 - y0)));
            runStart = x;
            runLook = look;
        }
        if (y0 >= nextLabelY && y0 + lineHeight <= frame.size.height()) {
            const QString label =
                fittedLabel(model.drawnRow(firstRow), scratch.fm, frame.gutter - 6);
            p.drawText(QRect(4, y0, frame.gutter - 6, lineHeight), Qt::AlignLeft | Qt::AlignTop,
                       label);
            nextLabelY = y0 + lineHeight * 3 / 2;
        }
    }
    drawCollected(p, frame);
}

void TimelinePainter::drawCursor(QPainter& p, const TimelineFrame& frame,
                                 const TimelineModel* model) const {
    if (frame.cursorNs < 0)
        return;
    const double x = frame.zoom.nsToX(frame.cursorNs);
    const int areaWidth = frame.size.width() - frame.gutter;
    if (x < 0 || x > areaWidth)
        return;
    const PaletteKind kind = paletteKind(frame.base, frame.text);
    const int w = std::max(2, static_cast<int>(std::lround(2 * frame.scale * lineFactor(kind))));
    const int cx = frame.gutter + static_cast<int>(std::lround(x));
    // The line starts at the axis's tick marks, below its labels: crossing "1.000" it would
    // read "1|000". A head across the tick band marks it on the axis.
    const QFontMetrics fm(p.font());
    const int rowsTop = headerHeight(frame.font, frame.size.width(), model);
    const int top = rowsTop - fm.height() / 2;
    const QRect line(cx - w / 2, top, w, frame.size.height() - top);
    if (frame.veilAfterCursor) {
        // Later is still there to read, but never to be confused with now.
        QColor veil = frame.base;
        veil.setAlpha(150);
        p.fillRect(QRect(cx, rowsTop, frame.size.width() - cx, frame.size.height() - rowsTop),
                   veil);
    }
    const QColor edge = TimelinePalette::cursorEdge(kind);
    if (edge.isValid())
        p.fillRect(line.adjusted(-1, 0, 1, 0), edge);
    p.fillRect(line, TimelinePalette::cursor(kind));
    const double half = std::max(3.0 * w, fm.height() / 4.0);
    const QPolygonF head{QPointF(cx - half, top), QPointF(cx + half, top),
                         QPointF(cx, top + fm.height() / 2.0)};
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(edge.isValid() ? QPen(edge, 1) : Qt::NoPen);
    p.setBrush(TimelinePalette::cursor(kind));
    p.drawPolygon(head);
    p.restore();
}

} // namespace looplab
