#include "TaskTable.h"

#include <algorithm>
#include <stdexcept>

namespace looplab {

bool pausedAtAwait(const TaskView& task) {
    return task.wait && (task.state == TaskState::Waiting || task.state == TaskState::Ready);
}

bool inCall(const TaskView& task) {
    return task.callDepth > 0 && task.coroutineLine > 0 && task.coroutineLine != task.line;
}

size_t TaskTable::lowerBound(int64_t id) const {
    return entries_.lowerBound(
        id, [](const Entry& entry, int64_t wanted) { return entry.id < wanted; });
}

TaskTable::const_iterator TaskTable::find(int64_t id) const {
    const size_t at = lowerBound(id);
    return at < entries_.size() && entries_[at].id == id ? const_iterator(entries_.iteratorAt(at))
                                                         : end();
}

const TaskView& TaskTable::at(int64_t id) const {
    const auto found = find(id);
    if (found == end())
        throw std::out_of_range("no task " + std::to_string(id));
    return found->second;
}

TaskView& TaskTable::edit(int64_t id) {
    const size_t at = lowerBound(id);
    if (at == entries_.size() || entries_[at].id != id) {
        entries_.insert(at, Entry{id, std::make_shared<TaskView>()});
        return *entries_[at].record; // new, so this table's alone
    }
    Entry& entry = entries_.edit(at);
    if (entry.record.use_count() > 1)
        // Another table (a snapshot, or the state a view still shows) sees this record as it
        // is: change a copy. A count of 1 means no other table can reach it.
        entry.record = std::make_shared<TaskView>(*entry.record);
    return *entry.record;
}

bool TaskTable::sharesRecord(const TaskTable& other, int64_t id) const {
    const auto mine = find(id);
    const auto theirs = other.find(id);
    return mine != end() && theirs != other.end() && &mine->second == &theirs->second;
}

} // namespace looplab
