#pragma once
// Hand-built timelines and a small recorded run shared by the export tests, so every test
// states its expectations against the same few, readable intervals.

#include "TaskWait.h"
#include "TimelineModel.h"

#include <string>
#include <utility>
#include <vector>

namespace looplab::exporttest {

inline Segment seg(int64_t from, int64_t to, SegmentKind kind, const std::string& detail = {}) {
    return {from, to, kind, detail};
}

inline TimelineRow taskRow(int64_t id, const std::string& label, std::vector<Segment> segments) {
    return {TimelineRow::Kind::Task, id, label, std::move(segments)};
}

inline TimelineRow workerRow(const std::string& label, std::vector<Segment> segments) {
    return {TimelineRow::Kind::Worker, -1, label, std::move(segments)};
}

// A runs 0-1 then sleeps 1-3; B is ready 0-1, runs 1-2 and waits on a lock 2-3.
inline TimelineModel twoTasks() {
    using K = SegmentKind;
    return TimelineModel(
        {taskRow(1, "A", {seg(0, 1, K::Running), seg(1, 3, K::Waiting, "sleep")}),
         taskRow(2, "B",
                 {seg(0, 1, K::Ready), seg(1, 2, K::Running), seg(2, 3, K::Waiting, "lock")})},
        3);
}

inline TraceEvent event(EventKind kind, int64_t t, int64_t task = -1, int64_t handle = -1,
                        std::string text = {}, std::string detail = {}) {
    TraceEvent e;
    e.kind = kind;
    e.t = t;
    e.task = task;
    e.handle = handle;
    e.text = std::move(text);
    e.detail = std::move(detail);
    return e;
}

// A recorded run in miniature. main starts a task named `fetch "a"` and a thread job, then
// awaits the task; fetch sleeps until 1150, is woken, blocks the loop 1250-1350 with
// time.sleep and finishes; main is woken and finishes at 1500. Prints come from main, from
// the worker thread, from fetch (with a newline and quotes) and from a loop callback (no row).
// The model it makes (checked in ChromeTraceWriterTest):
//   0 main             running 0-100, waiting task 100-1400, ready 1400-1450, running -1500
//   1 fetch "a"        ready 60-100, running -150, waiting sleep -1150, ready -1200,
//                      running -1250, blocked line 9 -1350, running -1400
//   2 default worker 0 busy blocking_io 70-300
inline std::vector<TraceEvent> miniRun() {
    using K = EventKind;
    TraceEvent timer = event(K::TimerPush, 150, 2, 3);
    timer.num = 1150;
    TraceEvent job = event(K::Job, 70, 1, -1, "default", "blocking_io");
    job.num = 300;
    TraceEvent block = event(K::Block, 1250, -1, -1, "loop");
    block.num = 100;
    block.line = 9;
    return {
        event(K::TaskCreated, 0, 1, -1, "main"),
        event(K::ReadyPush, 0, 1, 1, "start main"),
        event(K::HandleRun, 0, -1, 1),
        event(K::StepBegin, 0, 1, 1),
        event(K::Print, 50, 1, -1, "hello, world", "loop"),
        event(K::TaskCreated, 60, 2, -1, "fetch \"a\""),
        event(K::ReadyPush, 60, 2, 2, "create_task"),
        event(K::Line, 70, -1, -1, "default worker 0"),
        event(K::Print, 80, -1, -1, "in thread", "default worker 0"),
        job,
        event(K::StepYield, 100, 1, -1, {}, R"({"wait":{"kind":"task","task":2}})"),
        event(K::HandleRun, 100, -1, 2),
        event(K::StepBegin, 100, 2, 2),
        timer,
        event(K::StepYield, 150, 2, -1, {}, R"({"wait":{"kind":"sleep","until":1150}})"),
        event(K::TimerDue, 1150, -1, 3),
        event(K::ReadyPush, 1150, 2, 4, "sleep done"),
        event(K::HandleRun, 1200, -1, 4),
        event(K::StepBegin, 1200, 2, 4),
        event(K::Print, 1210, 2, -1, "two\nlines \"quoted\"", "loop"),
        block,
        event(K::TaskDone, 1400, 2),
        event(K::ReadyPush, 1400, 1, 5, "task fetch done"),
        event(K::HandleRun, 1450, -1, 5),
        event(K::StepBegin, 1450, 1, 5),
        event(K::TaskDone, 1500, 1),
        event(K::Print, 1500, -1, -1, "callback", "loop"),
        event(K::End, 1500),
    };
}

} // namespace looplab::exporttest
