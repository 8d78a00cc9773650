// What the views say a task waits on: long gathers stop at a readable length, and the quick
// reading of the group key agrees with a full parse whatever the wait looks like.
#include "WaitText.h"

#include <gtest/gtest.h>

using namespace looplab;

namespace {

LoopState withTasks(int64_t count) {
    LoopState state;
    for (int64_t id = 1; id <= count; ++id)
        state.tasks.edit(id).name = "Task-" + std::to_string(id);
    return state;
}

TaskView waiting(const std::string& wait) {
    TaskView task;
    task.state = TaskState::Waiting;
    task.wait = std::make_shared<const TaskWait>(TaskWait::fromYieldInfo(
        R"({"wait":)" + wait + R"(,"chain":["main"],"locals":{"obj":"1"}})"));
    return task;
}

TEST(WaitText, AGatherListsItsFirstTasksAndCountsTheRest) {
    const LoopState state = withTasks(20);
    std::string ids;
    for (int id = 2; id <= 20; ++id)
        ids += (ids.empty() ? "" : ",") + std::to_string(id);
    EXPECT_EQ(waitText(state, waiting(R"({"kind":"gather","tasks":[)" + ids + "]}")),
              "gather: Task-2, Task-3, Task-4, Task-5, Task-6, Task-7, Task-8, Task-9 … and 11 "
              "more");
    EXPECT_EQ(waitText(state, waiting(R"({"kind":"gather","tasks":[2,3]})")),
              "gather: Task-2, Task-3");
    EXPECT_EQ(waitText(state, waiting(R"({"kind":"gather","tasks":[2,99],"futures":[{}]})")),
              "gather: Task-2, #99, 1 job(s)");
    EXPECT_EQ(waitText(state, waiting(R"({"kind":"gather","futures":[1,2]})")), "gather: 2 job(s)");
}

TEST(WaitText, TaskGroupsAndShieldsNameWhatTheyWaitFor) {
    const LoopState state = withTasks(12);
    EXPECT_EQ(waitText(state, waiting(R"({"kind":"taskgroup","tasks":[2,3]})")),
              "end of TaskGroup: Task-2, Task-3");
    EXPECT_EQ(waitText(state, waiting(R"({"kind":"taskgroup","tasks":[2,3,4,5,6,7,8,9,10,11]})")),
              "end of TaskGroup: Task-2, Task-3, Task-4, Task-5, Task-6, Task-7, Task-8, Task-9 "
              "… and 2 more");
    EXPECT_EQ(waitText(state, waiting(R"({"kind":"shield","task":4,"name":"Task-4"})")),
              "task Task-4 (shielded)");
}

TEST(WaitText, HoldersOfABusySemaphoreStopAtAReadableLength) {
    LoopState state = withTasks(30);
    SyncView& semaphore = state.sync[4];
    for (int64_t id = 1; id <= 30; ++id)
        semaphore.holders.push_back(id);
    const QString text = waitText(state, waiting(R"({"kind":"semaphore","obj":4,"name":"slots"})"));
    EXPECT_TRUE(text.startsWith("semaphore 'slots' (held by Task-1, Task-2,"))
        << text.toStdString();
    EXPECT_TRUE(text.endsWith("Task-8 … and 22 more)")) << text.toStdString();
}

TEST(WaitText, GroupKeysNameTheObjectWaitedOnElseTheKind) {
    // Escapes, spacing and a float id are read as JSON; an id past int's range stays whole.
    const std::vector<std::pair<std::string, QString>> cases = {
        {R"({"kind":"sleep","until":5})", "sleep"},
        {R"({"kind":"lock","obj":3,"name":"first"})", "lock 'first'"},
        {R"({"kind":"lock","obj":3})", "lock #3"},
        {R"({"kind":"queue get","obj":12,"name":"jobs"})", "queue 'jobs'"},
        {R"({ "kind" : "event", "obj" : 7, "name" : "go" })", "event 'go'"},
        {R"({"kind":"lock","obj":3,"name":"say \"hi\""})", "lock 'say \"hi\"'"},
        {R"({"kind":"condition","obj":3.0,"name":""})", "condition #3"},
        {R"({"kind":"lock","obj":99999999999})", "lock #99999999999"},
        {R"({"kind":"gather","tasks":[2,3]})", "gather"},
    };
    for (const auto& [wait, key] : cases)
        EXPECT_EQ(waitGroupKey(waiting(wait)), key) << wait;
    TaskView neverWaited;
    EXPECT_EQ(waitGroupKey(neverWaited), QString());
}

TEST(WaitText, ChainAndLocalsComeFromTheTypedWait) {
    const TaskView task = waiting(R"({"kind":"sleep","until":1500000000})");
    EXPECT_EQ(awaitChain(task), QStringList{"main"});
    const auto locals = frameLocals(task);
    ASSERT_EQ(locals.size(), 1);
    EXPECT_EQ(locals[0].first, "obj");
    EXPECT_EQ(locals[0].second, "1");
    EXPECT_EQ(waitText(withTasks(1), task), "sleep until 1.500 s");
    TaskView neverWaited;
    EXPECT_TRUE(awaitChain(neverWaited).isEmpty());
    EXPECT_TRUE(frameLocals(neverWaited).isEmpty());
}

} // namespace
