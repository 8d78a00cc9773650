#pragma once
// Writes a run to a file: a view as a picture (PNG, SVG, PDF: title, axes in virtual seconds,
// task names, legend) or the run's state intervals as data (CSV, Chrome Trace Event JSON).
// Used by File → Export, the views' context menus and `looplab export`; needs a QApplication
// (offscreen is enough) for fonts and charts, but no window.

#include "ChartStyle.h"
#include "ComparisonChart.h"
#include "RunStatistics.h"
#include "TimelineModel.h"
#include "TraceEvent.h"

#include <QPalette>
#include <QSize>
#include <QString>

#include <functional>
#include <vector>

class QPainter;

namespace looplab {

enum class ExportView { Timeline, Concurrency, Breakdown, Comparison };

// What is exported: the run and, for the comparison, the runs kept beside it.
struct ExportSource {
    const TimelineModel* model = nullptr;
    const RunStatistics* stats = nullptr;
    const std::vector<TraceEvent>* events = nullptr; // prints and wake-ups for Chrome JSON
    std::vector<ComparedRun> keptRuns;               // for "Compare runs", beside this run
    // The window's charts panel builds charts as it shows them (kept runs, time window); the
    // command line leaves this empty and the charts are built from `stats` alone.
    std::function<QChart*(ExportView, const ChartStyle&, QSize)> chartMaker;
    QString programName; // shown in titles, e.g. "01_sync.py"
};

struct ExportRequest {
    QString path; // the format follows the extension
    ExportView view = ExportView::Timeline;
    QSize size{1920, 1080};
    qreal pixelRatio = 1.0; // PNG only: 2 gives twice the pixels across, same layout
    QPalette palette;       // the theme's colours
    qint64 fromNs = -1;     // -1: the start of the run
    qint64 toNs = -1;       // -1: its end
};

class ViewExporter {
  public:
    explicit ViewExporter(ExportSource source);

    // "png", "svg", "pdf", "csv" or "json" by the path's extension; "" if none of them.
    static QString formatOf(const QString& path);
    static QString viewName(ExportView view);

    // Writes the file; on failure returns false with one sentence in *error and leaves no
    // half-written file behind.
    bool write(const ExportRequest& request, QString* error) const;

    // The picture itself, for the picture formats and for tests.
    void render(QPainter& painter, const ExportRequest& request) const;

  private:
    bool writePicture(const ExportRequest& request, const QString& format, QString* error) const;
    bool writeData(const ExportRequest& request, const QString& format, QString* error) const;
    void renderTimeline(QPainter& painter, const ExportRequest& request, int top) const;
    void renderChart(QPainter& painter, const ExportRequest& request, int top) const;
    QString title(const ExportRequest& request) const;

    ExportSource source_;
};

} // namespace looplab
