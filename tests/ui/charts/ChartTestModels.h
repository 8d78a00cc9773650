#pragma once
// Hand-built timelines for the chart tests: a small run whose every count is known, and large
// synthetic runs for downsampling and speed. Times are written in milliseconds for reading.

#include "TimelineModel.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace looplab::charts_test {

constexpr int64_t ms(int64_t v) {
    return v * 1000000;
}

inline Segment seg(int64_t fromMs, int64_t toMs, SegmentKind kind, std::string detail = {}) {
    return Segment{ms(fromMs), ms(toMs), kind, std::move(detail)};
}

inline TimelineRow taskRow(int64_t id, std::string label, std::vector<Segment> segments) {
    TimelineRow row;
    row.kind = TimelineRow::Kind::Task;
    row.taskId = id;
    row.label = std::move(label);
    row.segments = std::move(segments);
    return row;
}

// Three tasks and one executor worker over 2.5 s, with every state and three wait kinds:
//   main      run 0-100, sleep 100-1000, run 1000-1200, lock 1200-2000, run 2000-2500
//   fetcher   ready 0-100, run 100-300, sleep 300-1500, ready 1500-1600, run 1600-1800,
//             blocked 1800-2000
//   consumer  queue.get 0-1500, ready 1500-2000, run 2000-2200 (overlaps main: counts only)
//   worker    busy 300-1300
inline TimelineModel sampleModel() {
    using K = SegmentKind;
    std::vector<TimelineRow> rows;
    rows.push_back(taskRow(1, "main",
                           {seg(0, 100, K::Running), seg(100, 1000, K::Waiting, "sleep"),
                            seg(1000, 1200, K::Running), seg(1200, 2000, K::Waiting, "lock"),
                            seg(2000, 2500, K::Running)}));
    rows.push_back(taskRow(2, "fetcher",
                           {seg(0, 100, K::Ready), seg(100, 300, K::Running),
                            seg(300, 1500, K::Waiting, "sleep"), seg(1500, 1600, K::Ready),
                            seg(1600, 1800, K::Running), seg(1800, 2000, K::Blocked)}));
    rows.push_back(taskRow(3, "consumer",
                           {seg(0, 1500, K::Waiting, "queue.get"), seg(1500, 2000, K::Ready),
                            seg(2000, 2200, K::Running)}));
    TimelineRow worker;
    worker.kind = TimelineRow::Kind::Worker;
    worker.label = "default worker 0";
    worker.segments = {seg(300, 1300, K::Busy, "blocking_io")};
    rows.push_back(worker);
    return TimelineModel(std::move(rows), ms(2500));
}

// `tasks` staggered tasks, each running, then sleeping or waiting on a queue, then ready and
// running again: every task start and end is its own concurrency step, so the step count
// grows with the task count (about 4 per task). Task i's length grows with i % 50, so the
// "top N" rows are well defined.
inline TimelineModel manyTasksModel(int tasks) {
    using K = SegmentKind;
    std::vector<TimelineRow> rows;
    rows.reserve(size_t(tasks));
    int64_t end = 0;
    for (int i = 0; i < tasks; ++i) {
        const int64_t start = int64_t(i) * 10000; // 10 us apart
        const int64_t waitNs = 200000 + int64_t(i % 50) * 3000;
        std::vector<Segment> s = {
            {start, start + 1000, K::Running, ""},
            {start + 1000, start + 1000 + waitNs, K::Waiting, i % 3 == 0 ? "queue.get" : "sleep"},
            {start + 1000 + waitNs, start + 3000 + waitNs, K::Ready, ""},
            {start + 3000 + waitNs, start + 4000 + waitNs, K::Running, ""}};
        end = std::max(end, s.back().endNs);
        rows.push_back(taskRow(i + 1, "Task-" + std::to_string(i + 1), std::move(s)));
    }
    return TimelineModel(std::move(rows), end);
}

} // namespace looplab::charts_test
