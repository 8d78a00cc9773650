#include "ViewExporter.h"

#include "BreakdownChart.h"
#include "ChromeTraceWriter.h"
#include "ConcurrencyChart.h"
#include "IntervalCsvWriter.h"
#include "TimelinePainter.h"

#include <QFileInfo>
#include <QFontMetrics>
#include <QGraphicsScene>
#include <QGuiApplication>
#include <QImage>
#include <QLocale>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <algorithm>
#include <limits>
#include <sstream>

namespace looplab {

namespace {

QString seconds(qint64 ns) {
    return QString::number(static_cast<double>(ns) / 1e9, 'f', 3);
}

// Export text scales with the picture, so a 1920×1080 slide and a 1280×720 handout both read
// well: about 60 lines of text fit the height.
QFont exportFont(const QSize& size) {
    QFont font = QGuiApplication::font();
    font.setPixelSize(std::clamp(size.height() / 60, 11, 40));
    return font;
}

} // namespace

ViewExporter::ViewExporter(ExportSource source) : source_(std::move(source)) {}

QString ViewExporter::formatOf(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    for (const char* known : {"png", "svg", "pdf", "csv", "json"})
        if (suffix == QLatin1String(known))
            return suffix;
    return {};
}

QString ViewExporter::viewName(ExportView view) {
    switch (view) {
    case ExportView::Timeline:
        return QStringLiteral("Timeline");
    case ExportView::Concurrency:
        return QStringLiteral("Concurrency over time");
    case ExportView::Breakdown:
        return QStringLiteral("Where the time went");
    case ExportView::Comparison:
        return QStringLiteral("Compare runs");
    }
    return {};
}

bool ViewExporter::write(const ExportRequest& request, QString* error) const {
    const QString format = formatOf(request.path);
    if (format.isEmpty()) {
        *error = QStringLiteral("cannot export to %1: unknown extension (use .png, .svg, .pdf, "
                                ".csv or .json)")
                     .arg(request.path);
        return false;
    }
    if (!source_.model || !source_.stats) {
        *error = QStringLiteral("nothing to export: no run is loaded");
        return false;
    }
    if (format == QLatin1String("csv") || format == QLatin1String("json"))
        return writeData(request, format, error);
    return writePicture(request, format, error);
}

bool ViewExporter::writePicture(const ExportRequest& request, const QString& format,
                                QString* error) const {
    // QSaveFile writes beside the target and renames at the end: a failed export leaves the
    // old file (or none), never half a picture.
    QSaveFile file(request.path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(request.path, file.errorString());
        return false;
    }
    const QSize size = request.size;
    if (format == QLatin1String("png")) {
        const qreal ratio = std::max<qreal>(1.0, request.pixelRatio);
        QImage image(size * ratio, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(ratio);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::TextAntialiasing);
            render(painter, request);
        }
        if (!image.save(&file, "PNG")) {
            *error = QStringLiteral("cannot write %1: the PNG encoder failed").arg(request.path);
            file.cancelWriting();
            return false;
        }
    } else if (format == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(title(request));
        svg.setDescription(QStringLiteral("Exported by LoopLab"));
        QPainter painter(&svg);
        render(painter, request);
    } else {
        QPdfWriter pdf(&file);
        pdf.setTitle(title(request));
        pdf.setCreator(QStringLiteral("LoopLab"));
        // One point per picture pixel: the page is exactly the requested size.
        pdf.setResolution(72);
        pdf.setPageSize(
            QPageSize(QSizeF(size), QPageSize::Point, QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter(&pdf);
        render(painter, request);
    }
    if (!file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(request.path, file.errorString());
        return false;
    }
    return true;
}

QString ViewExporter::title(const ExportRequest& request) const {
    QString text = viewName(request.view);
    if (!source_.programName.isEmpty())
        text = source_.programName + QStringLiteral(" — ") + text;
    return text;
}

void ViewExporter::render(QPainter& painter, const ExportRequest& request) const {
    const QSize size = request.size;
    const QFont font = exportFont(size);
    painter.fillRect(QRect(QPoint(0, 0), size), request.palette.color(QPalette::Base));
    int top = 0;
    if (request.view == ExportView::Timeline) {
        // Charts carry their own title; the timeline gets one here, with its time range.
        QFont titleFont = font;
        titleFont.setPixelSize(font.pixelSize() * 3 / 2);
        titleFont.setBold(true);
        const QFontMetrics titleMetrics(titleFont);
        const int margin = font.pixelSize();
        painter.setFont(titleFont);
        painter.setPen(request.palette.color(QPalette::Text));
        painter.drawText(QPoint(margin, margin + titleMetrics.ascent()), title(request));
        const qint64 end = source_.model ? source_.model->endNs() : 0;
        const qint64 from = request.fromNs >= 0 ? request.fromNs : 0;
        const qint64 to = request.toNs >= 0 ? request.toNs : end;
        const size_t rows = source_.model ? source_.model->rowCount() : 0;
        const int subtitleTop = margin + titleMetrics.height();
        const int rowsTop = subtitleTop + QFontMetrics(font).height() + margin;
        const bool dense = TimelinePainter::drawsDense(
            exportFont(request.size),
            QSize(request.size.width() - 2 * margin, request.size.height() - rowsTop - margin),
            source_.model);
        QString subtitle = QStringLiteral("virtual time %1 s to %2 s · %3 %4 (tasks and worker "
                                          "threads)")
                               .arg(seconds(from), seconds(to),
                                    QLocale(QLocale::English).toString(qulonglong(rows)),
                                    rows == 1 ? QStringLiteral("row") : QStringLiteral("rows"));
        if (dense)
            subtitle += QStringLiteral(", too many to draw one by one: each line of pixels "
                                       "shows the state most of its rows are in");
        painter.setFont(font);
        painter.drawText(QPoint(margin, subtitleTop + QFontMetrics(font).ascent()), subtitle);
        top = rowsTop;
        renderTimeline(painter, request, top);
    } else {
        renderChart(painter, request, top);
    }
}

void ViewExporter::renderTimeline(QPainter& painter, const ExportRequest& request, int top) const {
    const TimelineModel& model = *source_.model;
    TimelineFrame frame;
    frame.font = exportFont(request.size);
    const int margin = frame.font.pixelSize();
    frame.size = QSize(request.size.width() - 2 * margin, request.size.height() - top - margin);
    frame.base = request.palette.color(QPalette::Base);
    frame.alternate = request.palette.color(QPalette::AlternateBase);
    frame.text = request.palette.color(QPalette::Text);
    frame.gutter = TimelinePainter::gutterWidth(&model, frame.font, frame.size.width() / 4);
    frame.dense = true;
    // A handful of rows would leave most of a slide empty: rows grow up to twice their height;
    // many rows shrink to share the page, each drawn and labelled while it gets 6 pixels.
    const int normalRow = TimelinePainter::rowHeight(frame.font);
    if (model.drawnRowCount() > 0)
        frame.rowHeight =
            std::min(TimelinePainter::rowsFitting(frame.font, frame.size, &model,
                                                  static_cast<int>(model.drawnRowCount())),
                     normalRow * 2);
    const qint64 end = std::max<qint64>(1, model.endNs());
    const qint64 from = std::clamp<qint64>(request.fromNs >= 0 ? request.fromNs : 0, 0, end - 1);
    const qint64 to = std::clamp<qint64>(request.toNs >= 0 ? request.toNs : end, from + 1, end);
    frame.zoom = TimelineZoom(end, std::max(1, frame.size.width() - frame.gutter));
    frame.zoom.setVisible(from, to - from);
    painter.save();
    painter.translate(margin, top);
    TimelinePainter timelinePainter;
    timelinePainter.paint(painter, &model, frame);
    painter.restore();
}

void ViewExporter::renderChart(QPainter& painter, const ExportRequest& request, int top) const {
    // Charts scale their text with the picture like the timeline does (1080 rows: about 1.35).
    const double scale = std::clamp(request.size.height() / 800.0, 1.0, 3.0);
    const ChartStyle style = ChartStyle::fromPalette(request.palette, scale);
    QChart* chart =
        source_.chartMaker ? source_.chartMaker(request.view, style, request.size) : nullptr;
    if (!chart)
        switch (request.view) {
        case ExportView::Concurrency:
            chart = ConcurrencyChart::build(*source_.stats, style,
                                            request.fromNs >= 0 ? request.fromNs : 0, request.toNs);
            break;
        case ExportView::Breakdown:
            chart = BreakdownChart::build(
                *source_.stats, style,
                BreakdownChart::rowsThatFit(request.size.height() - top, style.scale()));
            break;
        case ExportView::Comparison:
        case ExportView::Timeline: {
            const ComparedRun current{source_.programName, source_.model->endNs()};
            chart = ComparisonChart::build(source_.keptRuns, &current, style);
            break;
        }
        }
    chart->setAnimationOptions(QChart::NoAnimation);
    if (!source_.programName.isEmpty() && request.view != ExportView::Comparison)
        chart->setTitle(source_.programName + QStringLiteral(" — ") + chart->title());
    const QRectF area(0, 0, request.size.width(), request.size.height() - top);
    QGraphicsScene scene; // owns the chart from here on
    scene.addItem(chart);
    chart->setGeometry(area);
    scene.setSceneRect(area);
    scene.render(&painter, area.translated(0, top), area);
}

bool ViewExporter::writeData(const ExportRequest& request, const QString& format,
                             QString* error) const {
    QSaveFile file(request.path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(request.path, file.errorString());
        return false;
    }
    const int64_t from = request.fromNs >= 0 ? request.fromNs : std::numeric_limits<int64_t>::min();
    const int64_t to = request.toNs >= 0 ? request.toNs : std::numeric_limits<int64_t>::max();
    std::ostringstream out;
    if (format == QLatin1String("csv")) {
        writeIntervalCsv(out, *source_.model, from, to);
    } else {
        static const std::vector<TraceEvent> none;
        writeChromeTrace(out, *source_.model, source_.events ? *source_.events : none,
                         source_.programName.toStdString(), from, to);
    }
    const std::string text = out.str();
    if (file.write(text.data(), static_cast<qint64>(text.size())) !=
            static_cast<qint64>(text.size()) ||
        !file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(request.path, file.errorString());
        return false;
    }
    return true;
}

} // namespace looplab
