// Micro-benchmarks: how fast the loop core turns callbacks over, and how fast the recorder
// writes events. Run: build/bin/engine_bench
#include "EngineSession.h"
#include "TraceReplay.h"

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

// The line tracer on a program's loop, as in a CPU-bound lesson. Each round runs five program
// lines in two frames (the loop and a function it calls) and calls a library function, whose
// calls and lines the tracer must see and let pass for free, as it does asyncio's.
// 1,000 rounds per iteration: about 5,000 recorded `line` events.
void BM_LineTracerProgramLoop(benchmark::State& state) {
    EngineSession session;
    py::dict scope;
    py::exec(R"(
library = {}
exec(compile("def helper(x):\n    return x + 1\n", "library.py", "exec"), library)
program = {"helper": library["helper"]}
exec(compile("""
def square(x):
    y = x * x
    return y

def run(rounds):
    total = 0
    for i in range(rounds):
        total += square(i)
        total = helper(total) % 1_000_003
    return total
""", "bench_program.py", "exec"), program)
run = program["run"]
)",
             scope);
    py::object run = scope["run"];
    session.tracer.install("bench_program.py", 100);
    size_t recorded = 0;
    for (auto _ : state) {
        session.tracer.beginSpan();
        benchmark::DoNotOptimize(run(1000).ptr());
        recorded = session.recorder.size();
        session.recorder.clear();
    }
    state.counters["events"] = static_cast<double>(recorded);
    session.tracer.uninstall();
    state.SetItemsProcessed(state.iterations() * 5000);
    state.SetLabel("items = program lines");
}
BENCHMARK(BM_LineTracerProgramLoop)->Unit(benchmark::kMicrosecond);

// The tracer's cost on library code alone (asyncio's part of every task step): a program line
// calls a library function that makes 20 nested library calls; none of it is recorded.
void BM_LineTracerLibraryCalls(benchmark::State& state) {
    EngineSession session;
    py::dict scope;
    py::exec(R"(
library = {}
exec(compile("""
def leaf(x):
    return x + 1

def helper(x):
    for _ in range(20):
        x = leaf(x)
    return x
""", "library.py", "exec"), library)
program = {"helper": library["helper"]}
exec(compile("""
def run(rounds):
    total = 0
    for i in range(rounds):
        total = helper(total)
    return total
""", "bench_program.py", "exec"), program)
run = program["run"]
)",
             scope);
    py::object run = scope["run"];
    session.tracer.install("bench_program.py", 100);
    for (auto _ : state) {
        session.tracer.beginSpan();
        benchmark::DoNotOptimize(run(100).ptr());
        session.recorder.clear();
    }
    session.tracer.uninstall();
    state.SetItemsProcessed(state.iterations() * 100 * 21);
    state.SetLabel("items = library calls");
}
BENCHMARK(BM_LineTracerLibraryCalls)->Unit(benchmark::kMicrosecond);

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

// A 1,000,000-event trace of 1,000 tasks taking turns (step, sleep on a timer, wake up);
// measures a jump to a random event, as when a student drags the slider.
void BM_ReplayJumpToAnyEvent(benchmark::State& state) {
    std::vector<TraceEvent> events;
    events.reserve(1'000'000);
    const int tasks = 1000;
    for (int t = 1; t <= tasks; ++t)
        events.push_back(
            {EventKind::TaskCreated, 0, t, -1, 3, 1, "Task-" + std::to_string(t), "job"});
    int64_t handle = 1;
    int64_t now = 0;
    const std::string sleeping =
        R"({"wait":{"kind":"sleep","delay":"0.1","until":0},"chain":["job"]})";
    while (events.size() < 1'000'000) {
        const int64_t task = 1 + handle % tasks;
        events.push_back({EventKind::ReadyPush, now, task, handle, -1, 0, "step", {}});
        events.push_back({EventKind::HandleRun, now, task, handle, 0, 0, {}, {}});
        events.push_back({EventKind::StepBegin, now, task, handle, 0, 0, {}, {}});
        events.push_back({EventKind::Line, now, task, -1, 4, 0, {}, {}});
        events.push_back(
            {EventKind::TimerPush, now, task, handle + 1, handle, now + 100'000'000, "sleep", {}});
        events.push_back({EventKind::StepYield, now, task, -1, 4, 0, {}, sleeping});
        events.push_back({EventKind::TimerDue, now, task, handle + 1, 0, 0, {}, {}});
        events.push_back({EventKind::HandleRun, now, task, handle + 1, 0, 0, {}, {}});
        handle += 2;
        now += 1000;
    }
    const TraceReplay replay(std::move(events));
    uint64_t seed = 12345;
    for (auto _ : state) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        const LoopState at = replay.stateAfter((seed >> 20) % replay.eventCount());
        benchmark::DoNotOptimize(at.ready.size());
    }
    state.SetLabel("1,000,000 events, 1,000 tasks");
}
BENCHMARK(BM_ReplayJumpToAnyEvent)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char** argv) {
    py::scoped_interpreter interpreter;
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
