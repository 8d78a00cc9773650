// Cost of the exports on large synthetic runs: statistics over 10,000 tasks, and the Chrome
// trace and CSV of a 1,000,000-event trace. Run by hand (build/bin/export_bench), not a test.

#include "ChromeTraceWriter.h"
#include "IntervalCsvWriter.h"
#include "RunStatistics.h"
#include "TaskWait.h"

#include <benchmark/benchmark.h>

#include <sstream>

namespace {

using namespace looplab;

// 10,000 tasks of 10 segments each (100,000 segments), staggered so the concurrency sweep
// meets many distinct boundaries and counts that go up and down all the time.
TimelineModel tenThousandTasks() {
    const char* waits[] = {"sleep", "lock", "queue.get", ""};
    std::vector<TimelineRow> rows;
    int64_t end = 0;
    for (int t = 0; t < 10000; ++t) {
        TimelineRow row{TimelineRow::Kind::Task, t + 1, "Task-" + std::to_string(t + 1), {}};
        int64_t now = t * 1009;
        for (int i = 0; i < 10; ++i) {
            const int64_t length = 100 + (t * 7919 + i * 104729) % 50000;
            const SegmentKind kind = i % 3 == 0   ? SegmentKind::Running
                                     : i % 3 == 1 ? SegmentKind::Waiting
                                                  : SegmentKind::Ready;
            row.segments.push_back(
                {now, now + length, kind, kind == SegmentKind::Waiting ? waits[t % 4] : ""});
            now += length;
        }
        end = std::max(end, now);
        rows.push_back(std::move(row));
    }
    return TimelineModel(std::move(rows), end);
}

// 1,000,000 events in the pattern of the engine's replay benchmark (1,000 tasks taking turns
// to run one step and sleep), but with virtual time passing inside each step and a print in
// every step, so every kind of output the Chrome trace has is there in bulk.
struct MillionEventRun {
    std::vector<TraceEvent> events;
    TimelineModel model;
};

const MillionEventRun& millionEventRun() {
    static const MillionEventRun run = [] {
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
            const int64_t task = 1 + (handle / 2) % tasks;
            events.push_back({EventKind::ReadyPush, now, task, handle, -1, 0, "step", {}});
            events.push_back({EventKind::HandleRun, now + 200, task, handle, 0, 0, {}, {}});
            events.push_back({EventKind::StepBegin, now + 200, task, handle, 0, 0, {}, {}});
            events.push_back({EventKind::Print, now + 500, task, -1, 0, 0,
                              "step " + std::to_string(handle), "loop"});
            events.push_back({EventKind::TimerPush,
                              now + 600,
                              task,
                              handle + 1,
                              handle,
                              now + 100'000'000,
                              "sleep",
                              {}});
            events.push_back({EventKind::StepYield, now + 800, task, -1, 4, 0, {}, sleeping});
            events.push_back({EventKind::TimerDue, now + 800, task, handle + 1, 0, 0, {}, {}});
            events.push_back({EventKind::HandleRun, now + 800, task, handle + 1, 0, 0, {}, {}});
            handle += 2;
            now += 1000;
        }
        TimelineModel model(events);
        return MillionEventRun{std::move(events), std::move(model)};
    }();
    return run;
}

void BM_RunStatistics10kTasks(benchmark::State& state) {
    const TimelineModel model = tenThousandTasks();
    size_t steps = 0;
    for (auto _ : state) {
        const RunStatistics stats(model);
        steps = stats.concurrency().size();
        benchmark::DoNotOptimize(stats.peakConcurrency());
    }
    state.counters["segments"] = static_cast<double>(model.segmentCount());
    state.counters["steps"] = static_cast<double>(steps);
}
BENCHMARK(BM_RunStatistics10kTasks)->Unit(benchmark::kMillisecond);

void BM_ChromeTraceMillionEvents(benchmark::State& state) {
    const MillionEventRun& run = millionEventRun();
    size_t bytes = 0;
    for (auto _ : state) {
        std::ostringstream out;
        writeChromeTrace(out, run.model, run.events, "bench.py");
        bytes = out.str().size();
        benchmark::DoNotOptimize(bytes);
    }
    state.SetBytesProcessed(static_cast<int64_t>(bytes) * state.iterations());
    state.counters["bytes"] = static_cast<double>(bytes);
    state.counters["segments"] = static_cast<double>(run.model.segmentCount());
    state.SetLabel("1,000,000 events, 1,000 tasks");
}
BENCHMARK(BM_ChromeTraceMillionEvents)->Unit(benchmark::kMillisecond);

void BM_IntervalCsvMillionEvents(benchmark::State& state) {
    const MillionEventRun& run = millionEventRun();
    size_t bytes = 0;
    for (auto _ : state) {
        std::ostringstream out;
        writeIntervalCsv(out, run.model);
        bytes = out.str().size();
        benchmark::DoNotOptimize(bytes);
    }
    state.SetBytesProcessed(static_cast<int64_t>(bytes) * state.iterations());
    state.counters["bytes"] = static_cast<double>(bytes);
    state.counters["segments"] = static_cast<double>(run.model.segmentCount());
    state.SetLabel("1,000,000 events, 1,000 tasks");
}
BENCHMARK(BM_IntervalCsvMillionEvents)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
