// The replayed state is cheap to copy because copies share their task records and list chunks
// (TaskTable, SharedList). These tests check that sharing never shows: a change to one copy is
// invisible in the others, and a state reached by any path equals the one reached by another.
#include "SharedList.h"
#include "TaskTable.h"
#include "TraceReplay.h"

#include <gtest/gtest.h>

#include <random>
#include <stdexcept>

using namespace looplab;

namespace {

std::vector<int> items(const SharedList<int>& list) {
    return std::vector<int>(list.begin(), list.end());
}

// Waits are parsed where a state is made (parsedWait): the same moment reached two ways holds
// two records of the same wait.
bool sameWait(const std::shared_ptr<const TaskWait>& a, const std::shared_ptr<const TaskWait>& b) {
    if (!a || !b)
        return !a && !b;
    return a->kind == b->kind && a->object == b->object && a->name == b->name &&
           a->task == b->task && a->untilNs == b->untilNs && a->tasks == b->tasks &&
           a->chain == b->chain && a->locals == b->locals;
}

bool sameTask(const TaskView& a, const TaskView& b) {
    return a.id == b.id && a.name == b.name && a.coroutine == b.coroutine && a.parent == b.parent &&
           a.createdAtLine == b.createdAtLine && a.state == b.state && a.line == b.line &&
           sameWait(a.wait, b.wait) && a.outcome == b.outcome;
}

// Every field of two states, for "the same moment reached two ways".
void expectSameState(const LoopState& a, const LoopState& b, size_t at) {
    ASSERT_EQ(a.eventsApplied, b.eventsApplied) << at;
    EXPECT_EQ(a.timeNs, b.timeNs) << at;
    EXPECT_EQ(a.iteration, b.iteration) << at;
    EXPECT_EQ(a.runningTask, b.runningTask) << at;
    EXPECT_EQ(a.blockedUntilNs, b.blockedUntilNs) << at;
    EXPECT_EQ(a.linesPrinted, b.linesPrinted) << at;
    ASSERT_EQ(a.ready.size(), b.ready.size()) << at;
    for (size_t i = 0; i < a.ready.size(); ++i) {
        EXPECT_EQ(a.ready[i].handle, b.ready[i].handle) << at;
        EXPECT_EQ(a.ready[i].what, b.ready[i].what) << at;
    }
    ASSERT_EQ(a.timers.size(), b.timers.size()) << at;
    for (size_t i = 0; i < a.timers.size(); ++i) {
        EXPECT_EQ(a.timers[i].handle, b.timers[i].handle) << at;
        EXPECT_EQ(a.timers[i].whenNs, b.timers[i].whenNs) << at;
    }
    ASSERT_EQ(a.tasks.size(), b.tasks.size()) << at;
    for (const auto& [id, task] : a.tasks)
        EXPECT_TRUE(sameTask(task, b.tasks.at(id))) << "task " << id << " at " << at;
}

// 300 tasks; each is created, runs, sleeps on a timer (deadlines out of order), wakes and
// finishes: enough events to cross several checkpoints and split list chunks.
std::vector<TraceEvent> sleepersRun() {
    std::vector<TraceEvent> events;
    constexpr int kTasks = 300;
    int64_t handle = 1;
    for (int64_t task = 1; task <= kTasks; ++task) {
        events.push_back(
            {EventKind::TaskCreated, 0, task, -1, 3, -1, "Task-" + std::to_string(task), "job"});
        events.push_back({EventKind::ReadyPush, 0, task, handle++, -1, 0, "step", {}});
    }
    for (int64_t task = 1; task <= kTasks; ++task) {
        events.push_back({EventKind::HandleRun, 0, task, task, 0, 0, {}, {}});
        events.push_back({EventKind::StepBegin, 0, task, task, 0, 0, {}, {}});
        const int64_t until = (task * 7919) % 1000 + 1;
        events.push_back({EventKind::TimerPush,
                          0,
                          task,
                          1000 + task,
                          3,
                          until,
                          "_set_result_unless_cancelled",
                          {}});
        events.push_back({EventKind::StepYield,
                          0,
                          task,
                          -1,
                          3,
                          0,
                          {},
                          R"({"wait":{"kind":"sleep","until":)" + std::to_string(until) + "}}"});
    }
    for (int64_t task = 1; task <= kTasks; ++task) {
        const int64_t timer = 1000 + task;
        events.push_back({EventKind::TimerDue, 1000, -1, timer, 0, 0, {}, {}});
        events.push_back({EventKind::HandleRun, 1000, task, timer, 0, 0, {}, {}});
        events.push_back({EventKind::StepBegin, 1000, task, timer, 0, 0, {}, {}});
        events.push_back(
            {EventKind::TaskDone, 1000, task, -1, 0, 0, {}, R"({"state":"finished"})"});
    }
    return events;
}

TEST(SharedList, BehavesLikeAVectorThroughInsertsErasesAndSplits) {
    SharedList<int> list;
    std::vector<int> expected;
    std::mt19937 random(7);
    for (int step = 0; step < 5000; ++step) {
        const size_t at = expected.empty() ? 0 : random() % (expected.size() + 1);
        if (expected.empty() || random() % 3 != 0) {
            list.insert(at, step);
            expected.insert(expected.begin() + static_cast<std::ptrdiff_t>(at), step);
        } else {
            const size_t gone = at % expected.size();
            list.erase(gone);
            expected.erase(expected.begin() + static_cast<std::ptrdiff_t>(gone));
        }
    }
    ASSERT_EQ(list.size(), expected.size());
    EXPECT_EQ(items(list), expected);
    for (size_t i = 0; i < expected.size(); i += 37)
        EXPECT_EQ(list[i], expected[i]);
    EXPECT_EQ(list.indexWhere([&](int v) { return v == expected[100]; }), 100u);
    EXPECT_EQ(list.indexWhere([](int v) { return v < 0; }), list.size());
}

TEST(SharedList, SortedInsertsFindTheirPlace) {
    SharedList<int> list;
    std::vector<int> expected;
    for (int i = 0; i < 1000; ++i) {
        const int value = (i * 7919) % 500;
        list.insert(list.upperBound(value, std::less<int>()), value);
        expected.insert(std::upper_bound(expected.begin(), expected.end(), value), value);
    }
    EXPECT_EQ(items(list), expected);
    EXPECT_EQ(list.lowerBound(250, std::less<int>()),
              size_t(std::lower_bound(expected.begin(), expected.end(), 250) - expected.begin()));
}

TEST(SharedList, ACopyKeepsItsItemsWhenTheOriginalChanges) {
    SharedList<int> original;
    for (int i = 0; i < 1000; ++i)
        original.push_back(i);
    const SharedList<int> copy = original;
    const std::vector<int> before = items(copy);
    original.edit(5) = -1;
    original.erase(500);
    original.insert(900, 42);
    EXPECT_EQ(items(copy), before);
    EXPECT_EQ(original[5], -1);
    // Only the chunks that changed were copied.
    EXPECT_FALSE(original.sharesChunk(copy, 0));
    EXPECT_TRUE(original.sharesChunk(copy, 3));
}

TEST(TaskTable, ReadsLikeAMapAndThrowsForUnknownTasks) {
    TaskTable tasks;
    for (const int64_t id : {5, 1, 3})
        tasks.edit(id).name = "T" + std::to_string(id);
    std::vector<int64_t> order;
    for (const auto& [id, task] : tasks) {
        order.push_back(id);
        EXPECT_EQ(task.name, "T" + std::to_string(id));
    }
    EXPECT_EQ(order, (std::vector<int64_t>{1, 3, 5}));
    EXPECT_EQ(tasks.count(3), 1u);
    EXPECT_EQ(tasks.count(4), 0u);
    EXPECT_EQ(tasks.find(4), tasks.end());
    EXPECT_EQ(tasks.find(5)->second.name, "T5");
    EXPECT_THROW(tasks.at(2), std::out_of_range);
}

TEST(TaskTable, EditingACopyLeavesTheOriginalsRecordAlone) {
    TaskTable original;
    for (int64_t id = 1; id <= 200; ++id)
        original.edit(id).line = id;
    TaskTable copy = original;
    copy.edit(7).line = 700;
    copy.edit(201).line = 201;
    EXPECT_EQ(original.at(7).line, 7);
    EXPECT_EQ(original.count(201), 0u);
    EXPECT_EQ(copy.at(7).line, 700);
    EXPECT_FALSE(copy.sharesRecord(original, 7));
    EXPECT_TRUE(copy.sharesRecord(original, 8)); // untouched: one record for both
}

TEST(SharedState, JumpingBackAndForthGivesTheStateSteppedTo) {
    const std::vector<TraceEvent> events = sleepersRun();
    ASSERT_GT(events.size(), 2 * TraceReplay::kCheckpointInterval);
    const TraceReplay replay(events);
    std::vector<LoopState> stepped{LoopState{}};
    for (const TraceEvent& e : events) {
        stepped.push_back(stepped.back());
        TraceReplay::apply(stepped.back(), e);
    }
    // Forward, then back, then at random: each jump equals the state stepped to, and none of
    // them changed the states kept along the way (they share records with the jumps).
    std::vector<size_t> jumps;
    for (size_t n = 0; n <= events.size(); n += 97)
        jumps.push_back(n);
    for (size_t n = events.size(); n > 0; n -= std::min<size_t>(n, 131))
        jumps.push_back(n);
    std::mt19937 random(3);
    for (int i = 0; i < 50; ++i)
        jumps.push_back(random() % (events.size() + 1));
    for (const size_t n : jumps)
        expectSameState(replay.stateAfter(n), stepped[n], n);
    LoopState fresh;
    for (size_t n = 0; n < events.size(); ++n) {
        TraceReplay::apply(fresh, events[n]);
        if (n % 211 == 0)
            expectSameState(stepped[n + 1], fresh, n + 1);
    }
}

TEST(SharedState, AStateKeepsItsTasksWhileLaterStatesChangeThem) {
    const std::vector<TraceEvent> events = sleepersRun();
    const TraceReplay replay(events);
    const size_t asleep = 1500; // every task created, the first ones asleep
    const LoopState kept = replay.stateAfter(asleep);
    const TaskView first = kept.tasks.at(1);
    LoopState later = kept;
    for (size_t n = asleep; n < events.size(); ++n)
        TraceReplay::apply(later, events[n]);
    EXPECT_EQ(later.tasks.at(1).state, TaskState::Finished);
    EXPECT_TRUE(sameTask(kept.tasks.at(1), first));
    EXPECT_EQ(kept.tasks.at(1).state, TaskState::Waiting);
    expectSameState(kept, replay.stateAfter(asleep), asleep);
    // A state one event on shares every task record that event did not touch.
    const LoopState next = replay.stateAfter(asleep + 1);
    EXPECT_TRUE(next.tasks.sharesRecord(kept.tasks, 1));
}

} // namespace
