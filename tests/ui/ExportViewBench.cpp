// Benchmarks of exporting a 10,000-task run (tests/bench/semaphore_10k.py, recorded once):
// the timeline and the charts as PNG, SVG and PDF, and the run as CSV and Chrome JSON. Each
// reports the file's size; the targets are in docs/performance.md. Run by hand, not a test.
#include "RunStatistics.h"
#include "Theme.h"
#include "TimelineModel.h"
#include "TraceReader.h"
#include "ViewExporter.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <benchmark/benchmark.h>

#include <memory>

namespace {

using namespace looplab;

struct Run {
    Trace trace;
    std::unique_ptr<TimelineModel> model;
    std::unique_ptr<RunStatistics> stats;
};

const Run& tenThousandTasks() {
    static const Run run = [] {
        Run r;
        const QString trace = QDir::temp().filePath(QStringLiteral("looplab_export_bench.json"));
        QProcess::execute(QStringLiteral(LOOPLAB_BINARY),
                          {QStringLiteral("run"), QStringLiteral(LOOPLAB_BENCH_PROGRAM),
                           QStringLiteral("--trace"), trace});
        TraceReadResult read = readTraceFile(trace.toStdString());
        r.trace = std::move(read.trace);
        r.model = std::make_unique<TimelineModel>(r.trace.events);
        r.stats = std::make_unique<RunStatistics>(*r.model);
        return r;
    }();
    return run;
}

void exportOnce(benchmark::State& state, ExportView view, const char* extension) {
    const Run& run = tenThousandTasks();
    ExportSource source;
    source.model = run.model.get();
    source.stats = run.stats.get();
    source.events = &run.trace.events;
    source.programName = QStringLiteral("semaphore_10k.py");
    const ViewExporter exporter(std::move(source));
    ExportRequest request;
    request.view = view;
    request.palette = themePalette(QStringLiteral("light"));
    request.path =
        QDir::temp().filePath(QStringLiteral("looplab_export_bench.") + QLatin1String(extension));
    QString error;
    for (auto _ : state)
        if (!exporter.write(request, &error))
            state.SkipWithError(error.toStdString().c_str());
    state.counters["bytes"] = static_cast<double>(QFileInfo(request.path).size());
    state.SetLabel(std::to_string(run.model->rowCount()) + " rows, " +
                   std::to_string(run.model->segmentCount()) + " segments");
}

void BM_TimelinePng(benchmark::State& s) {
    exportOnce(s, ExportView::Timeline, "png");
}
void BM_TimelineSvg(benchmark::State& s) {
    exportOnce(s, ExportView::Timeline, "svg");
}
void BM_TimelinePdf(benchmark::State& s) {
    exportOnce(s, ExportView::Timeline, "pdf");
}
void BM_ConcurrencyPng(benchmark::State& s) {
    exportOnce(s, ExportView::Concurrency, "png");
}
void BM_ConcurrencySvg(benchmark::State& s) {
    exportOnce(s, ExportView::Concurrency, "svg");
}
void BM_BreakdownPdf(benchmark::State& s) {
    exportOnce(s, ExportView::Breakdown, "pdf");
}
void BM_IntervalsCsv(benchmark::State& s) {
    exportOnce(s, ExportView::Timeline, "csv");
}
void BM_ChromeJson(benchmark::State& s) {
    exportOnce(s, ExportView::Timeline, "json");
}
BENCHMARK(BM_TimelinePng)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_TimelineSvg)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_TimelinePdf)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ConcurrencyPng)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ConcurrencySvg)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_BreakdownPdf)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_IntervalsCsv)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ChromeJson)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
