// Benchmarks of the window (offscreen): opening a lesson-sized program (record it in a child
// process, load the trace, build every view) and re-running it after an edit. Cold start adds
// process start-up and QApplication creation, measured by bench_app.py.
#include "CodeView.h"
#include "MainWindow.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <benchmark/benchmark.h>
#include <sys/resource.h>

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

// Writes `source` to a temporary program, opens it in a shown window and jumps to pseudo-random
// steps (a fixed seed: every run visits the same steps) with every view updated, as when a
// student drags the slider. The label gives the run's events and this process's peak resident
// memory (getrusage), which is the window's alone when the benchmark runs by itself.
void jumpToRandomSteps(benchmark::State& state, const char* fileName, const char* source,
                       uint64_t seed) {
    const QString path = QDir::temp().filePath(QString::fromLatin1(fileName));
    QFile program(path);
    if (program.open(QIODevice::WriteOnly | QIODevice::Truncate))
        program.write(source);
    program.close();
    looplab::MainWindow window{QStringLiteral(LOOPLAB_BINARY)};
    window.resize(1600, 1000);
    window.show();
    window.openProgram(path);
    const int stops = window.controller().stopCount();
    for (auto _ : state) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        window.controller().goToStop(static_cast<int>((seed >> 33) % static_cast<uint64_t>(stops)));
        QApplication::processEvents();
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const size_t events =
        window.controller().replay() ? window.controller().replay()->eventCount() : 0;
    state.SetLabel(QStringLiteral("%1 events, peak %2 MB")
                       .arg(events)
                       .arg(usage.ru_maxrss / 1024)
                       .toStdString());
}

// A large run: 20,000 tasks, several hundred thousand events.
void BM_JumpInLargeRun(benchmark::State& state) {
    jumpToRandomSteps(state, "looplab_large_run.py",
                      "import asyncio\n"
                      "async def job(n):\n"
                      "    await asyncio.sleep(n % 50 / 100)\n"
                      "    print('job', n, 'done')\n"
                      "async def main():\n"
                      "    await asyncio.gather(*(job(n) for n in range(20_000)))\n"
                      "asyncio.run(main())\n",
                      7);
}
BENCHMARK(BM_JumpInLargeRun)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(20);

// The longest run the budget allows (issue 17): a million `await asyncio.sleep(0)` over four
// tasks, 6.25 million events (run it alone, --benchmark_filter=Million, for the window's peak).
void BM_JumpInMillionStepRun(benchmark::State& state) {
    jumpToRandomSteps(state, "looplab_million_steps.py",
                      "import asyncio\n"
                      "async def worker(n):\n"
                      "    for i in range(n):\n"
                      "        await asyncio.sleep(0)\n"
                      "async def main():\n"
                      "    await asyncio.gather(*(worker(250_000) for _ in range(4)))\n"
                      "asyncio.run(main())\n",
                      11);
}
BENCHMARK(BM_JumpInMillionStepRun)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(20);

} // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
