// A yield's info JSON becomes a typed wait once: each kind's fields land in their members, and
// bad input gives an empty wait rather than an exception.

#include "TaskWait.h"
#include "TraceEvent.h"
#include "TraceReader.h"
#include "TraceReplay.h"

#include <gtest/gtest.h>

#include <sstream>

namespace looplab {
namespace {

TEST(TaskWait, ReadsEachKindsFieldsInAnyOrder) {
    const TaskWait sleep =
        TaskWait::fromYieldInfo(R"({"chain":["a","b"],"locals":{"x":"{\"kind\": 1}","n":"3"},)"
                                R"("wait":{"until":42,"kind":"sleep","delay":"0.5"}})");
    EXPECT_EQ(sleep.kind, "sleep");
    EXPECT_EQ(sleep.untilNs, 42);
    EXPECT_EQ(sleep.delay, "0.5");
    EXPECT_EQ(sleep.object, -1);
    EXPECT_EQ(sleep.chain, (std::vector<std::string>{"a", "b"}));
    // Locals by name, as JSON objects keep them.
    const std::vector<std::pair<std::string, std::string>> locals = {{"n", "3"},
                                                                     {"x", "{\"kind\": 1}"}};
    EXPECT_EQ(sleep.locals, locals);

    const TaskWait queue =
        TaskWait::fromYieldInfo(R"({"wait": {"kind": "queue get", "obj": 1, "name": "jobs"}})");
    EXPECT_EQ(queue.kind, "queue get");
    EXPECT_EQ(queue.objectKind(), "queue");
    EXPECT_EQ(queue.object, 1);
    EXPECT_EQ(queue.name, "jobs");
    EXPECT_EQ(queue.untilNs, -1);

    const TaskWait unnamed =
        TaskWait::fromYieldInfo(R"({"wait":{"kind":"lock","obj":4,"name":null}})");
    EXPECT_EQ(unnamed.name, "");
    EXPECT_EQ(unnamed.object, 4);

    const TaskWait gather = TaskWait::fromYieldInfo(
        R"({"wait":{"futures":[{"kind":"executor","until":9,"fn":"crunch","pool":"default",)"
        R"("worker":1}],"kind":"gather","tasks":[3,4,5]}})");
    EXPECT_EQ(gather.kind, "gather");
    EXPECT_EQ(gather.tasks, (std::vector<int64_t>{3, 4, 5}));
    ASSERT_EQ(gather.futures.size(), 1u);
    EXPECT_EQ(gather.futures[0].kind, "executor");
    EXPECT_EQ(gather.futures[0].function, "crunch");
    EXPECT_EQ(gather.futures[0].pool, "default");
    EXPECT_EQ(gather.futures[0].worker, 1);
    EXPECT_EQ(gather.futures[0].untilNs, 9);
    EXPECT_EQ(gather.untilNs, -1);

    const TaskWait shield =
        TaskWait::fromYieldInfo(R"({"wait":{"kind":"shield","task":7,"name":"save"}})");
    EXPECT_EQ(shield.task, 7);
    EXPECT_EQ(shield.name, "save");
    const TaskWait network = TaskWait::fromYieldInfo(
        R"({"wait":{"kind":"network","url":"http://x/delay/1","until":1000}})");
    EXPECT_EQ(network.url, "http://x/delay/1");
    EXPECT_EQ(network.untilNs, 1000);
    const TaskWait timeout =
        TaskWait::fromYieldInfo(R"({"wait":{"kind":"wait_for","timeout":"2"}})");
    EXPECT_EQ(timeout.timeout, "2");
    EXPECT_TRUE(TaskWait::fromYieldInfo(R"({"wait":{"kind":"ready"}})").isReady());
}

TEST(TaskWait, BadInputGivesAnEmptyWait) {
    for (const char* text : {"", "{}", "not json", "[1]", R"({"wait": 3})", R"({"wait": {"kind")",
                             R"({"wait": {"kind": "gather", "tasks": "x"}})"}) {
        const TaskWait wait = TaskWait::fromYieldInfo(text);
        EXPECT_TRUE(wait.kind.empty() || wait.kind == "gather") << text;
        EXPECT_EQ(wait.untilNs, -1) << text;
        EXPECT_TRUE(wait.tasks.empty()) << text;
    }
}

TEST(TaskWait, ATraceKeepsWaitsAsTextAndStatesFromOneCheckpointShareTheParsedRecord) {
    std::string text = R"({"format":"looplab-trace","version":1,"events":[)"
                       R"({"e":"task","t":0,"task":1,"name":"main"},)"
                       R"({"e":"step","t":0,"task":1,"h":1},)"
                       R"({"e":"yield","t":5,"task":1,"line":3,"info":{"wait":{"kind":"lock",)"
                       R"("obj":2,"name":"l"},"chain":["main"],"locals":{}}})";
    for (size_t i = 0; i < TraceReplay::kCheckpointInterval + 100; ++i)
        text += R"(,{"e":"iter","t":5,"num":2})";
    text += "]}";
    std::istringstream file(text);
    const TraceReadResult read = readTrace(file);
    ASSERT_TRUE(read.ok) << read.error;
    const TraceEvent& yield = read.trace.events[2];
    const std::shared_ptr<const TaskWait> wait = parsedWait(yield);
    ASSERT_NE(wait, nullptr);
    EXPECT_EQ(wait->kind, "lock");
    EXPECT_EQ(wait->name, "l");
    EXPECT_EQ(wait->chain, std::vector<std::string>{"main"});
    EXPECT_EQ(parsedWait(read.trace.events[0]), nullptr); // other kinds have none

    const TraceReplay replay(read.trace.events);
    const LoopState third = replay.stateAfter(3);
    const auto task = third.tasks.find(1);
    ASSERT_NE(task, third.tasks.end());
    EXPECT_EQ(task->second.state, TaskState::Waiting);
    EXPECT_EQ(task->second.wait->kind, "lock");
    // Past the first checkpoint, every state starts from the checkpoint's copy of the task:
    // one parsed record, however many states show it.
    const size_t past = TraceReplay::kCheckpointInterval + 10;
    const LoopState one = replay.stateAfter(past);
    const LoopState other = replay.stateAfter(past + 50);
    EXPECT_EQ(one.tasks.find(1)->second.wait.get(), other.tasks.find(1)->second.wait.get());
    EXPECT_EQ(one.tasks.find(1)->second.wait->name, "l");
}

} // namespace
} // namespace looplab
