// Benchmarks of the window (offscreen): opening a lesson-sized program (record it in a child
// process, load the trace, build every view) and re-running it after an edit. Cold start adds
// process start-up and QApplication creation, measured by bench_app.py.
#include "CodeView.h"
#include "MainWindow.h"

#include <QApplication>
#include <QFile>
#include <benchmark/benchmark.h>

namespace {

const QString kProgram = QStringLiteral(LOOPLAB_PROGRAMS "/20_semaphore.py");

void BM_OpenProgram(benchmark::State& state) {
    for (auto _ : state) {
        looplab::MainWindow window{QStringLiteral(LOOPLAB_BINARY)};
        window.resize(1600, 1000);
        benchmark::DoNotOptimize(window.openProgram(kProgram));
        QApplication::processEvents();
    }
}
BENCHMARK(BM_OpenProgram)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_RerunAfterEdit(benchmark::State& state) {
    looplab::MainWindow window{QStringLiteral(LOOPLAB_BINARY)};
    window.resize(1600, 1000);
    window.openProgram(kProgram);
    window.controller().goToStop(60);
    int n = 0;
    for (auto _ : state) {
        // A real edit each time: a comment line that changes.
        window.codeView()->append(QStringLiteral("\n# edit %1").arg(++n));
        window.runEditedCode();
        QApplication::processEvents();
    }
    window.revertEdits();
}
BENCHMARK(BM_RerunAfterEdit)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_StepForward(benchmark::State& state) {
    looplab::MainWindow window{QStringLiteral(LOOPLAB_BINARY)};
    window.resize(1600, 1000);
    window.openProgram(kProgram);
    for (auto _ : state) {
        if (window.controller().currentStop() >= window.controller().stopCount() - 1)
            window.controller().toStart();
        window.controller().forward();
        QApplication::processEvents();
    }
}
BENCHMARK(BM_StepForward)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
