#include "TimelineModel.h"

#include "TaskLabel.h"
#include "TaskWait.h"
#include "TraceReplay.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <unordered_map>

namespace looplab {

namespace {

bool isLoopThread(const std::string& label) {
    return label.empty() || label == "loop";
}

// Appends a segment, joining it to the previous one when they continue each other: repeated
// events for the same state (two ready pushes, say) must not split what the student sees.
void appendSegment(std::vector<Segment>& out, int64_t start, int64_t end, SegmentKind kind,
                   const std::string& detail) {
    if (end <= start)
        return; // nothing to draw: zero virtual time passed in this state
    if (!out.empty() && out.back().endNs == start && out.back().kind == kind &&
        out.back().detail == detail) {
        out.back().endNs = end;
        return;
    }
    out.push_back({start, end, kind, detail});
}

// The state a task is in right now, still open at its start time.
struct TaskTrack {
    size_t row = 0;
    bool open = false;
    SegmentKind kind = SegmentKind::Ready;
    int64_t startNs = 0;
    std::string detail;
    bool wokenWhileRunning = false; // a ready push for it came during its own step
    bool finished = false;
    std::shared_ptr<const TaskWait> wait; // since its last yield
};

struct WorkerTrack {
    size_t row = 0;
    std::vector<Segment> busy;    // one per job, in the order recorded
    std::vector<Segment> blocked; // blocking calls on that thread
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
        case EventKind::Phase:
            cleanupBegun_ = cleanupBegun_ || TraceReplay::beginsCleanup(e);
            break;
        case EventKind::TaskRenamed:
            if (TaskTrack* task = find(e.task))
                rows[task->row].label = e.text;
            break;
        case EventKind::ReadyPush:
            if (TaskTrack* task = find(e.task)) {
                if (task->open && task->kind == SegmentKind::Running)
                    task->wokenWhileRunning = true;
                else if (!(task->open && task->kind == SegmentKind::Ready))
                    open(*task, SegmentKind::Ready, e.t, {});
            }
            break;
        case EventKind::TimerPush:
            timers_[e.handle] = {e.task, e.num};
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
                running_ = e.task;
            }
            break;
        case EventKind::StepYield:
            if (TaskTrack* task = find(e.task)) {
                task->wait = e.wait;
                if (task->wokenWhileRunning)
                    open(*task, SegmentKind::Ready, e.t, {});
                else
                    open(*task, SegmentKind::Waiting, e.t, e.wait ? e.wait->kind : std::string());
            }
            running_ = -1;
            break;
        case EventKind::TaskDone:
            if (TaskTrack* task = find(e.task)) {
                close(*task, e.t);
                task->finished = true;
            }
            running_ = -1;
            break;
        case EventKind::Block:
            block(e);
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
        for (auto& entry : workers_)
            rows[entry.second.row].segments = overlay(entry.second.busy, entry.second.blocked);
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
    }

  private:
    struct Timer {
        int64_t task = -1;
        int64_t whenNs = 0;
    };

    TaskTrack* find(int64_t id) {
        auto found = tasks_.find(id);
        if (found == tasks_.end() || found->second.finished)
            return nullptr;
        return &found->second;
    }

    void close(TaskTrack& task, int64_t t) {
        if (task.open)
            appendSegment(rows[task.row].segments, task.startNs, t, task.kind, task.detail);
        task.open = false;
    }

    void open(TaskTrack& task, SegmentKind kind, int64_t t, const std::string& detail) {
        close(task, t);
        task.open = true;
        task.kind = kind;
        task.startNs = t;
        task.detail = detail;
    }

    // A due timer makes its task ready only if it is the deadline that task sleeps until;
    // other timers a task set (call_later callbacks, timeouts) do not wake it by themselves,
    // and the `ready` push that follows them will.
    void timerDue(const TraceEvent& e) {
        auto timer = timers_.find(e.handle);
        if (timer == timers_.end())
            return;
        TaskTrack* task = find(timer->second.task);
        if (task && task->open && task->kind == SegmentKind::Waiting && task->wait &&
            task->wait->untilNs == timer->second.whenNs)
            open(*task, SegmentKind::Ready, e.t, {});
        timers_.erase(timer);
    }

    void block(const TraceEvent& e) {
        const int64_t end = e.t + e.num;
        endNs = std::max(endNs, end);
        const std::string detail = "line " + std::to_string(e.line);
        if (!isLoopThread(e.text)) {
            worker(e.text).blocked.push_back({e.t, end, SegmentKind::Blocked, detail});
            return;
        }
        // On the loop thread the running task is the one stuck; it resumes running after.
        TaskTrack* task = find(e.task >= 0 ? e.task : running_);
        if (!task || !task->open || task->kind != SegmentKind::Running)
            return;
        close(*task, e.t);
        appendSegment(rows[task->row].segments, e.t, end, SegmentKind::Blocked, detail);
        open(*task, SegmentKind::Running, end, {});
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

    // Busy jobs with the blocking calls inside them drawn on top. Both lists are cut at every
    // boundary of either, then each piece takes the top-most state covering it.
    static std::vector<Segment> overlay(std::vector<Segment> base, std::vector<Segment> top) {
        auto byStart = [](const Segment& a, const Segment& b) { return a.startNs < b.startNs; };
        std::sort(base.begin(), base.end(), byStart);
        std::sort(top.begin(), top.end(), byStart);
        std::vector<int64_t> cuts;
        for (const auto* list : {&base, &top})
            for (const Segment& s : *list) {
                cuts.push_back(s.startNs);
                cuts.push_back(s.endNs);
            }
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
        std::vector<Segment> out;
        size_t b = 0, t = 0;
        for (size_t i = 0; i + 1 < cuts.size(); ++i) {
            const int64_t from = cuts[i], to = cuts[i + 1];
            while (t < top.size() && top[t].endNs <= from)
                ++t;
            while (b < base.size() && base[b].endNs <= from)
                ++b;
            const Segment* cover = nullptr;
            if (t < top.size() && top[t].startNs <= from)
                cover = &top[t];
            else if (b < base.size() && base[b].startNs <= from)
                cover = &base[b];
            if (cover)
                appendSegment(out, from, to, cover->kind, cover->detail);
        }
        return out;
    }

    std::unordered_map<int64_t, TaskTrack> tasks_;
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
    endNs_ = builder.endNs;
}

TimelineModel::TimelineModel(const TraceReplay& replay) : TimelineModel(replay.events()) {}

TimelineModel::TimelineModel(std::vector<TimelineRow> rows, int64_t endNs)
    : rows_(std::move(rows)), endNs_(endNs) {
    for (const TimelineRow& r : rows_)
        for (size_t i = 0; i < r.segments.size(); ++i)
            if (r.segments[i].endNs < r.segments[i].startNs ||
                (i > 0 && r.segments[i].startNs < r.segments[i - 1].endNs))
                throw std::invalid_argument("timeline segments must be sorted and disjoint");
}

TimelineModel TimelineModel::upTo(int64_t ns, const std::unordered_set<int64_t>& tasks) const {
    std::vector<TimelineRow> rows;
    for (const TimelineRow& row : rows_) {
        const bool exists = row.kind == TimelineRow::Kind::Task
                                ? tasks.count(row.taskId) > 0
                                : !row.segments.empty() && row.segments.front().startNs < ns;
        if (!exists)
            continue;
        TimelineRow cut(row.kind, row.taskId, row.label, {}, row.coroutine, row.asyncioCleanup);
        for (const Segment& s : row.segments) {
            if (s.startNs >= ns)
                break;
            cut.segments.push_back(s);
            cut.segments.back().endNs = std::min(s.endNs, ns);
        }
        rows.push_back(std::move(cut));
    }
    return TimelineModel(std::move(rows), ns);
}

size_t TimelineModel::segmentCount() const {
    size_t count = 0;
    for (const TimelineRow& r : rows_)
        count += r.segments.size();
    return count;
}

std::pair<size_t, size_t> TimelineModel::visibleRange(size_t row, int64_t fromNs,
                                                      int64_t toNs) const {
    const std::vector<Segment>& list = segments(row);
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
