#include "TimelineModel.h"

#include "HeldResources.h"
#include "SegmentList.h"
#include "TaskLabel.h"
#include "TaskWait.h"
#include "TraceReplay.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>
#include <unordered_map>

namespace looplab {

namespace {

bool isLoopThread(const std::string& label) {
    return label.empty() || label == "loop";
}

// A timer that runs this much after its deadline is drawn late: the loop was blocked or busy.
// Lines cost 100 ns, so other tasks' steps delay a timer by microseconds, and the loop's poll
// wakes timers up to 1 ms after their deadline (lesson 7's sleeps run exactly 1 ms late); a
// delay beyond that takes tens of thousands of lines or a blocking call.
constexpr int64_t kLateTimerNs = 5'000'000;

// The timer callbacks asyncio schedules for a timeout: asyncio.timeout / wait_for (3.11+) and
// asyncio.wait(timeout=) (and wait_for before 3.11).
bool isTimeoutCallback(const std::string& what) {
    return what == "Timeout._on_timeout" || what == "_release_waiter";
}

// The state a task is in right now, still open at its start time.
struct TaskTrack {
    size_t row = 0;
    bool open = false;
    SegmentKind kind = SegmentKind::Ready;
    int64_t startNs = 0;
    std::string detail;
    WaitKind waitKind = WaitKind::None;
    bool wokenWhileRunning = false; // a ready push for it came during its own step
    bool finished = false;
    bool cancelRequested = false;         // woken out of a sleep before its deadline: task.cancel()
    bool cancelDelivered = false;         // CancelledError went into this step
    std::shared_ptr<const TaskWait> wait; // since its last yield
};

struct WorkerTrack {
    size_t row = 0;
    std::vector<Segment> busy;    // one per job, in the order recorded
    std::vector<Segment> blocked; // blocking calls on that thread
    std::vector<Segment> gil;     // ready to run but waiting for the GIL
};

// Walks the events once, in order, turning state changes into closed segments.
class ModelBuilder {
  public:
    std::vector<TimelineRow> rows;
    int64_t endNs = 0;

    void add(const TraceEvent& e) {
        endNs = std::max(endNs, e.t);
        switch (e.kind) {
        case EventKind::TaskCreated: {
            TaskView task; // the label's parts, by the rule every view uses
            task.name = e.text;
            task.coroutine = e.detail;
            const auto parent = e.num >= 0 ? tasks_.find(e.num) : tasks_.end();
            task.asyncioCleanup = TraceReplay::isCleanupTask(
                cleanupBegun_, e.num,
                parent != tasks_.end() && rows[parent->second.row].asyncioCleanup);
            rows.emplace_back(TimelineRow::Kind::Task, e.task, e.text, std::vector<Segment>{},
                              coroutineLabel(task), task.asyncioCleanup);
            tasks_[e.task].row = rows.size() - 1;
            break;
        }
        case EventKind::TaskRenamed:
            if (TaskTrack* task = find(e.task))
                rows[task->row].label = e.text;
            break;
        case EventKind::ReadyPush:
            if (TaskTrack* task = find(e.task)) {
                // The trace marks a wake whose awaited future was cancelled (`cancel`: what
                // Task.cancel() does to a waiting task, whatever it waits on). Traces from before
                // that field: a sleep woken before its deadline was cancelled too.
                const bool cancelledWake =
                    e.num == 1 ||
                    (task->wait && task->wait->kind == "sleep" && task->wait->untilNs > e.t);
                if (e.text == "wake" && task->open && task->kind == SegmentKind::Waiting &&
                    cancelledWake) {
                    task->cancelRequested = true;
                    mark(*task, {e.t, MarkKind::CancelRequested, {}});
                }
                if (task->open && task->kind == SegmentKind::Running)
                    task->wokenWhileRunning = true;
                else if (!(task->open && task->kind == SegmentKind::Ready))
                    open(*task, SegmentKind::Ready, e.t, {});
            }
            break;
        case EventKind::TimerPush:
            timers_[e.handle] = {e.task, e.num, e.text};
            break;
        case EventKind::Poll:
            appendSegment(loop_.segments, e.t, e.t + e.num, SegmentKind::Waiting, "idle",
                          WaitKind::Sleep);
            endNs = std::max(endNs, e.t + e.num);
            break;
        case EventKind::Sync:
            held_.apply(e);
            break;
        case EventKind::TimerDue:
            timerDue(e);
            break;
        case EventKind::HandleCancel:
            timers_.erase(e.handle);
            break;
        case EventKind::StepBegin:
            if (TaskTrack* task = find(e.task)) {
                open(*task, SegmentKind::Running, e.t, {});
                task->wokenWhileRunning = false;
                task->cancelDelivered = task->cancelRequested;
                if (task->cancelRequested)
                    mark(*task, {e.t, MarkKind::Cancelled, {}});
                task->cancelRequested = false;
                running_ = e.task;
                loopStep_ = {e.t, rows[task->row].label};
            }
            break;
        case EventKind::StepYield:
            if (TaskTrack* task = find(e.task)) {
                task->wait = parsedWait(e);
                if (task->wokenWhileRunning) {
                    open(*task, SegmentKind::Ready, e.t, {});
                } else {
                    const std::string kind = task->wait->kind;
                    open(*task, SegmentKind::Waiting, e.t, kind, waitKindOf(kind));
                }
            }
            endLoopStep(e.t);
            break;
        case EventKind::TaskDone:
            if (TaskTrack* task = find(e.task)) {
                close(*task, e.t);
                task->finished = true;
                done(*task, e);
            }
            endLoopStep(e.t);
            break;
        case EventKind::Phase:
            cleanupBegun_ = cleanupBegun_ || TraceReplay::beginsCleanup(e);
            if (e.text == "deadlock")
                deadlock(e);
            break;
        case EventKind::Block:
            block(e);
            break;
        case EventKind::GilWait:
            gilWait(e);
            break;
        case EventKind::Line:
        case EventKind::LinesSkipped:
            noteWorkerThread(e.text);
            break;
        case EventKind::Print:
            noteWorkerThread(e.detail);
            break;
        case EventKind::Job:
            job(e);
            break;
        default:
            break;
        }
    }

    void finish() {
        for (auto& entry : tasks_)
            close(entry.second, endNs);
        endLoopStep(endNs);
        auto holds = held_.finish(endNs);
        for (auto& entry : tasks_) {
            auto found = holds.find(entry.first);
            if (found != holds.end())
                rows[entry.second.row].holds = std::move(found->second);
        }
        // A worker is busy for the whole of its job, even inside a blocking call: the call
        // blocks that worker, which is what workers are for, never the loop.
        for (auto& entry : workers_) {
            for (Segment& s : entry.second.blocked)
                s.kind = SegmentKind::Busy;
            rows[entry.second.row].segments = overlaySegments(
                overlaySegments(entry.second.blocked, entry.second.busy), entry.second.gil);
        }
        // Tasks first, workers after, each group in order of appearance. A task that never
        // spent any virtual time (asyncio's own shutdown tasks) has nothing to show: no row.
        std::stable_partition(rows.begin(), rows.end(), [](const TimelineRow& r) {
            return r.kind == TimelineRow::Kind::Task;
        });
        rows.erase(std::remove_if(rows.begin(), rows.end(),
                                  [](const TimelineRow& r) {
                                      return r.kind == TimelineRow::Kind::Task &&
                                             r.segments.empty();
                                  }),
                   rows.end());
        // Lists grown by appending hold up to twice what they use: a million-step run's
        // timeline gives the slack back once it is built.
        for (TimelineRow& row : rows)
            row.segments.shrink_to_fit();
        loop_.segments.shrink_to_fit();
    }

  private:
    struct Timer {
        int64_t task = -1;
        int64_t whenNs = 0;
        std::string what;
    };

    void mark(TaskTrack& task, RowMark m) { rows[task.row].marks.push_back(std::move(m)); }

    // How the task ended, as a mark: returned, raised, or cancelled (unless the CancelledError
    // was already marked where it went in).
    void done(TaskTrack& task, const TraceEvent& e) {
        const nlohmann::json info = nlohmann::json::parse(e.detail, nullptr, false);
        const std::string state =
            info.is_object() ? info.value("state", std::string()) : std::string();
        if (state == "failed")
            mark(task, {e.t, MarkKind::Exception, info.value("exception", std::string())});
        else if (state == "cancelled" && !task.cancelDelivered)
            mark(task, {e.t, MarkKind::Cancelled, {}});
        else if (state == "finished")
            mark(task, {e.t, MarkKind::Finished, {}});
    }

    // The loop found nothing to run: a square on its row, and one on the row of every task
    // stuck for good, saying what it waits on ("lock lock_bob"), since in a deadlock those
    // last waits often take no time at all and would not show.
    void deadlock(const TraceEvent& e) {
        loop_.marks.push_back({e.t, MarkKind::Deadlock, {}});
        const nlohmann::json info = nlohmann::json::parse(e.detail, nullptr, false);
        if (!info.is_object() || !info.contains("tasks") || !info["tasks"].is_array())
            return;
        for (const nlohmann::json& stuck : info["tasks"]) {
            if (!stuck.is_object() || !stuck.contains("task") || !stuck["task"].is_number_integer())
                continue;
            TaskTrack* task = find(stuck["task"].get<int64_t>());
            if (!task)
                continue;
            std::string what;
            if (stuck.contains("wait") && stuck["wait"].is_object()) {
                const nlohmann::json& wait = stuck["wait"];
                what = wait.value("kind", std::string());
                if (wait.contains("name") && wait["name"].is_string())
                    what += " " + wait["name"].get<std::string>();
            }
            mark(*task, {e.t, MarkKind::Deadlock, what});
        }
    }

    // The loop ran a task's step from loopStep_.startNs to `t`.
    void endLoopStep(int64_t t) {
        if (!loopStep_.label.empty())
            appendSegment(loop_.segments, loopStep_.startNs, t, SegmentKind::Running,
                          loopStep_.label);
        loopStep_ = {};
        running_ = -1;
    }

    TaskTrack* find(int64_t id) {
        auto found = tasks_.find(id);
        if (found == tasks_.end() || found->second.finished)
            return nullptr;
        return &found->second;
    }

    void close(TaskTrack& task, int64_t t) {
        if (task.open)
            appendSegment(rows[task.row].segments, task.startNs, t, task.kind, task.detail,
                          task.waitKind);
        task.open = false;
    }

    void open(TaskTrack& task, SegmentKind kind, int64_t t, const std::string& detail,
              WaitKind wait = WaitKind::None) {
        close(task, t);
        task.open = true;
        task.kind = kind;
        task.startNs = t;
        task.detail = detail;
        task.waitKind = wait;
    }

    // A due timer makes its task ready only if it is the deadline that task sleeps until;
    // other timers a task set (call_later callbacks, timeouts) do not wake it by themselves,
    // and the `ready` push that follows them will.
    void timerDue(const TraceEvent& e) {
        auto timer = timers_.find(e.handle);
        if (timer == timers_.end())
            return;
        TaskTrack* task = find(timer->second.task);
        if (task && isTimeoutCallback(timer->second.what))
            mark(*task, {e.t, MarkKind::TimeoutExpired, {}});
        if (task && task->open && task->kind == SegmentKind::Waiting && task->wait &&
            task->wait->untilNs == timer->second.whenNs) {
            // A late timer is its due time plus the extra delay, each drawn as what it was.
            const int64_t due = timer->second.whenNs;
            if (e.t - due >= kLateTimerNs && due > task->startNs) {
                close(*task, due);
                appendSegment(rows[task->row].segments, due, e.t, SegmentKind::Waiting,
                              "late timer", WaitKind::Late);
            }
            open(*task, SegmentKind::Ready, e.t, {});
        }
        timers_.erase(timer);
    }

    // A thread ready to run Python code while another holds the GIL: drawn as ready, as a task
    // in the ready queue is, since both wait for their turn rather than for an event.
    void gilWait(const TraceEvent& e) {
        endNs = std::max(endNs, e.t + e.num);
        const std::string detail = "waits for the GIL: " + e.detail + " computes";
        if (isLoopThread(e.text))
            stopLoopThread(e, SegmentKind::Ready, detail);
        else
            worker(e.text).gil.push_back({e.t, e.t + e.num, SegmentKind::Ready, detail});
    }

    void block(const TraceEvent& e) {
        const int64_t end = e.t + e.num;
        endNs = std::max(endNs, end);
        const std::string detail = "line " + std::to_string(e.line);
        if (!isLoopThread(e.text)) {
            worker(e.text).blocked.push_back({e.t, end, SegmentKind::Blocked, detail});
            return;
        }
        stopLoopThread(e, SegmentKind::Blocked, detail);
    }

    // The loop thread stops for [e.t, e.t + e.num) as `kind`. Inside a step the running task
    // is the one stuck, and it resumes running after; between steps only the loop's row (for
    // a GIL wait) says so.
    void stopLoopThread(const TraceEvent& e, SegmentKind kind, const std::string& detail) {
        const int64_t end = e.t + e.num;
        TaskTrack* task = find(e.task >= 0 ? e.task : running_);
        if (!task || !task->open || task->kind != SegmentKind::Running) {
            if (kind == SegmentKind::Ready)
                appendSegment(loop_.segments, e.t, end, kind, detail);
            return;
        }
        close(*task, e.t);
        appendSegment(rows[task->row].segments, e.t, end, kind, detail);
        open(*task, SegmentKind::Running, end, {});
        // The loop is stuck in the same call: its row says so, then runs the step on.
        if (!loopStep_.label.empty()) {
            appendSegment(loop_.segments, loopStep_.startNs, e.t, SegmentKind::Running,
                          loopStep_.label);
            appendSegment(loop_.segments, e.t, end, kind, detail);
            loopStep_.startNs = end;
        }
    }

    void noteWorkerThread(const std::string& label) {
        if (isLoopThread(label))
            return;
        worker(label);
        lastThreadLabel_ = label;
    }

    // A pool's worker thread is labelled "<pool> worker <index>", but a threading.Thread's is
    // "thread <name>" while its job says only pool "threads": the thread's own events come
    // just before its job event, so the label last seen names it.
    void job(const TraceEvent& e) {
        std::string label;
        if (e.text != "threads")
            label = e.text + " worker " + std::to_string(e.line);
        else if (!lastThreadLabel_.empty())
            label = lastThreadLabel_;
        else
            label = "thread " + std::to_string(e.line);
        lastThreadLabel_.clear();
        endNs = std::max(endNs, e.num);
        worker(label).busy.push_back({e.t, e.num, SegmentKind::Busy, e.detail});
    }

    WorkerTrack& worker(const std::string& label) {
        auto found = workers_.find(label);
        if (found != workers_.end())
            return found->second;
        rows.emplace_back(TimelineRow::Kind::Worker, -1, label);
        WorkerTrack& track = workers_[label];
        track.row = rows.size() - 1;
        return track;
    }

    struct LoopStep {
        int64_t startNs = 0;
        std::string label; // the running task's name; empty while no step runs
    };

  public:
    TimelineRow loop_{TimelineRow::Kind::Loop, -1, "event loop"};

  private:
    std::unordered_map<int64_t, TaskTrack> tasks_;
    HeldResources held_;
    LoopStep loopStep_;
    std::map<std::string, WorkerTrack> workers_;
    std::unordered_map<int64_t, Timer> timers_;
    int64_t running_ = -1;
    std::string lastThreadLabel_;
    bool cleanupBegun_ = false;
};

} // namespace

std::string TimelineRow::displayLabel() const {
    return coroutine.empty() ? label : label + kTaskLabelSeparator + coroutine;
}

TimelineModel::TimelineModel(const std::vector<TraceEvent>& events) {
    ModelBuilder builder;
    for (const TraceEvent& event : events)
        builder.add(event);
    builder.finish();
    rows_ = std::move(builder.rows);
    loopRow_ = std::move(builder.loop_);
    endNs_ = builder.endNs;
    summarise();
}

TimelineModel::TimelineModel(const TraceReplay& replay) : TimelineModel(replay.events()) {}

TimelineModel::TimelineModel(std::vector<TimelineRow> rows, int64_t endNs)
    : rows_(std::move(rows)), endNs_(endNs) {
    for (const TimelineRow& r : rows_)
        for (size_t i = 0; i < r.segments.size(); ++i)
            if (r.segments[i].endNs < r.segments[i].startNs ||
                (i > 0 && r.segments[i].startNs < r.segments[i - 1].endNs))
                throw std::invalid_argument("timeline segments must be sorted and disjoint");
    summarise();
}

TimelineModel::TimelineModel(std::vector<TimelineRow> rows, TimelineRow loopRow, int64_t endNs)
    : TimelineModel(std::move(rows), endNs) {
    loopRow_ = std::move(loopRow);
    summarise();
}

void TimelineModel::summarise() {
    kinds_ = waits_ = marks_ = holds_ = 0;
    gilWaits_ = false;
    for (size_t r = 0; r < drawnRowCount(); ++r) {
        const TimelineRow& row = drawnRow(r);
        for (const Segment& s : row.segments) {
            kinds_ |= 1u << static_cast<unsigned>(s.kind);
            // Only tasks sit in the ready queue: a thread that is ready waits for the GIL.
            gilWaits_ =
                gilWaits_ || (s.kind == SegmentKind::Ready && row.kind != TimelineRow::Kind::Task);
            if (s.kind == SegmentKind::Waiting)
                waits_ |= 1u << static_cast<unsigned>(s.wait);
        }
        for (const RowMark& m : row.marks)
            marks_ |= 1u << static_cast<unsigned>(m.kind);
        for (const RowHold& h : row.holds)
            holds_ |= h.semaphore ? 2u : 1u;
    }
}

size_t TimelineModel::segmentCount() const {
    size_t count = 0;
    for (const TimelineRow& r : rows_)
        count += r.segments.size();
    return count;
}

std::pair<size_t, size_t> TimelineModel::visibleRange(size_t row, int64_t fromNs,
                                                      int64_t toNs) const {
    return visibleRange(segments(row), fromNs, toNs);
}

std::pair<size_t, size_t> TimelineModel::visibleRange(const std::vector<Segment>& list,
                                                      int64_t fromNs, int64_t toNs) {
    // Segments are disjoint and sorted, so both their starts and their ends ascend.
    auto first = std::upper_bound(list.begin(), list.end(), fromNs,
                                  [](int64_t ns, const Segment& s) { return ns < s.endNs; });
    auto last = std::lower_bound(first, list.end(), toNs,
                                 [](const Segment& s, int64_t ns) { return s.startNs < ns; });
    return {static_cast<size_t>(first - list.begin()), static_cast<size_t>(last - list.begin())};
}

std::ptrdiff_t TimelineModel::segmentAt(size_t row, int64_t ns) const {
    const auto range = visibleRange(row, ns, ns + 1);
    if (range.first == range.second)
        return -1;
    return static_cast<std::ptrdiff_t>(range.first);
}

} // namespace looplab
