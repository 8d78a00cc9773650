#pragma once
// Every task of a run at one moment, by id: a std::map<int64_t, TaskView> to read, but cheap
// to copy.
//
// A replay keeps a snapshot of the state every 1,024 events and copies one on every jump. With
// 20,000 tasks, copying 20,000 records (each with a few strings and a wait)
// was most of a jump, and the snapshots took gigabytes. Here a copy shares every record with
// the table it came from; a record is copied only when one of the two tables changes it
// (copy-on-write), so the few hundred tasks that move between two snapshots are all that gets
// duplicated. Records reachable from a table never change under it.

#include "SharedList.h"
#include "TaskWait.h"

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace looplab {

enum class TaskState { Created, Ready, Running, Waiting, Finished, Failed, Cancelled };
const char* taskStateName(TaskState state);

struct TaskView {
    int64_t id = -1;
    std::string name;
    std::string coroutine;
    int64_t parent = -1;
    int64_t createdAtLine = 0;
    TaskState state = TaskState::Created;
    // The program line it runs or waits at: the innermost program frame's, which may be in a
    // function its coroutine called. Before its first step, the line that created it; at the
    // start of its first step 0 (no line of its own has run); once it has ended, its
    // coroutine's last line.
    int64_t line = 0;
    // Its coroutine's own line: `line`, or the line that made the call `line` runs in (0 before
    // any). And how many program frames `line` is below the coroutine (0: its own line).
    int64_t coroutineLine = 0;
    int64_t callDepth = 0;
    // The call its coroutine runs in (the trace's `f` of its first line) and that call's depth.
    int32_t coroutineFrame = 0;
    int32_t coroutineDepth = 0;
    bool started = false;                 // its first step has begun
    std::shared_ptr<const TaskWait> wait; // what it awaits since its last yield; null before
    std::string outcome; // JSON of its end: {"state": ..., "result" | "exception": ...}
    // asyncio's own task, not the program's: asyncio.run made it (or one of these made it)
    // after its clean-up began, e.g. shutdown_asyncgens. Set by TraceReplay::createdForCleanup.
    bool asyncioCleanup = false;
};

// Whether the task is stopped at an await: waiting, or woken (or back from a bare yield) and
// queued to go on from there. Only then do its wait's await chain and locals describe it: while
// it runs it has moved on from its last await, once it has ended there is none, and before its
// first step it has had none.
bool pausedAtAwait(const TaskView& task);
// Whether `line` runs in a function (or awaited coroutine) that the task's coroutine called at
// another line, coroutineLine: "line 48, inside a call made at line 70".
bool inCall(const TaskView& task);

class TaskTable {
    struct Entry {
        int64_t id;
        std::shared_ptr<TaskView> record; // shared with copies of this table: never changed
                                          // in place unless this table holds the only reference
    };
    using Entries = SharedList<Entry>;

  public:
    // What iterating yields, like a map's entries: `for (const auto& [id, task] : tasks)`.
    using value_type = std::pair<int64_t, const TaskView&>;

    class const_iterator {
      public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = TaskTable::value_type;
        using difference_type = std::ptrdiff_t;
        using reference = value_type; // made on the fly: there is no stored pair to point at
        struct pointer {
            value_type entry;
            const value_type* operator->() const { return &entry; }
        };

        const_iterator() = default;
        reference operator*() const { return {at_->id, *at_->record}; }
        pointer operator->() const { return {**this}; }
        const_iterator& operator++() {
            ++at_;
            return *this;
        }
        const_iterator operator++(int) {
            const_iterator before = *this;
            ++at_;
            return before;
        }
        bool operator==(const const_iterator& other) const { return at_ == other.at_; }
        bool operator!=(const const_iterator& other) const { return at_ != other.at_; }

      private:
        friend class TaskTable;
        explicit const_iterator(Entries::const_iterator at) : at_(at) {}
        Entries::const_iterator at_;
    };
    using iterator = const_iterator;

    const_iterator begin() const { return const_iterator(entries_.begin()); }
    const_iterator end() const { return const_iterator(entries_.end()); }
    size_t size() const { return entries_.size(); }
    bool empty() const { return entries_.empty(); }

    const_iterator find(int64_t id) const;
    size_t count(int64_t id) const { return find(id) != end() ? 1 : 0; }
    // The task with this id; throws std::out_of_range when there is none, like std::map.
    const TaskView& at(int64_t id) const;

    // The task to change, added (default-constructed) when missing like std::map's []. If
    // another table shares the record, this table gets its own copy first.
    TaskView& edit(int64_t id);

    // Whether both tables hold the very same record for `id` (tests check the sharing).
    bool sharesRecord(const TaskTable& other, int64_t id) const;

  private:
    size_t lowerBound(int64_t id) const;

    // By id (ids come in growing order, so adding appends). A copy of the table shares the
    // chunks of entries as well as the records, so it costs little however many tasks.
    Entries entries_;
};

} // namespace looplab
