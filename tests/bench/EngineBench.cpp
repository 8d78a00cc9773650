// Micro-benchmarks: how fast the loop core turns callbacks over, and how fast the recorder
// writes events. Run: build/bin/engine_bench
#include "EngineSession.h"

#include <benchmark/benchmark.h>
#include <pybind11/embed.h>

#include <sstream>

namespace py = pybind11;
using namespace looplab;

namespace {

// 1,000 ready callbacks (no-op Python callables wrapped in asyncio Handles) per iteration.
void BM_LoopCoreRunsReadyCallbacks(benchmark::State& state) {
    EngineSession session;
    session.recorder.setEnabled(state.range(0) != 0);
    py::dict scope;
    py::exec(R"(
import asyncio.events as events
class FakeLoop:
    def get_debug(self): return False
fake = FakeLoop()
def make(): return events.Handle(lambda: None, (), fake, None)
)",
             scope);
    py::object make = scope["make"];
    for (auto _ : state) {
        for (int i = 0; i < 1000; ++i)
            session.loop.callSoon(make(), -1, "cb");
        session.loop.runOnce(false);
        session.recorder.clear();
    }
    state.SetItemsProcessed(state.iterations() * 1000);
    state.SetLabel(state.range(0) ? "recording" : "not recording");
}
BENCHMARK(BM_LoopCoreRunsReadyCallbacks)->Arg(0)->Arg(1);

void BM_TraceWriterEventsPerSecond(benchmark::State& state) {
    TraceRecorder recorder;
    for (int i = 0; i < 100'000; ++i) {
        recorder.add({EventKind::Line, i * 100, 3, -1, 12, 0, {}, {}});
        recorder.add(
            {EventKind::StepYield,
             i * 100,
             3,
             -1,
             12,
             0,
             {},
             R"({"wait":{"kind":"sleep","delay":"0.1","until":100000},"chain":["main"]})"});
    }
    for (auto _ : state) {
        std::ostringstream out;
        recorder.writeJson(out, {"bench.py", 100, 0});
        benchmark::DoNotOptimize(out.str().size());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(recorder.size()));
}
BENCHMARK(BM_TraceWriterEventsPerSecond)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char** argv) {
    py::scoped_interpreter interpreter;
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
