#include "TraceRecorder.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace looplab;

TEST(TraceRecorder, WritesVersionedJsonWithEveryEvent) {
    TraceRecorder recorder;
    recorder.add({EventKind::TaskCreated, 0, 1, -1, 7, -1, "Task-1", "main"});
    recorder.add({EventKind::ReadyPush, 0, 1, 1, 0, 0, "step Task-1", {}});
    recorder.add({EventKind::TimerPush, 100, 1, 2, 0, 1'000'000'100, "sleep", {}});
    recorder.add({EventKind::StepYield, 100, 1, -1, 8, 0, {}, R"({"wait":{"kind":"sleep"}})"});
    recorder.add({EventKind::Print, 1'000'000'200, 1, -1, 0, 0, "h\"i\n", "loop"});
    std::ostringstream out;
    recorder.writeJson(out, {"prog.py", 100, 0});

    const auto trace = nlohmann::json::parse(out.str());
    EXPECT_EQ(trace["format"], "looplab-trace");
    EXPECT_EQ(trace["version"], TraceRecorder::kFormatVersion);
    EXPECT_EQ(trace["program"], "prog.py");
    ASSERT_EQ(trace["events"].size(), 5u);
    EXPECT_EQ(trace["events"][0]["e"], "task");
    EXPECT_EQ(trace["events"][0]["name"], "Task-1");
    EXPECT_EQ(trace["events"][0]["line"], 7);
    EXPECT_EQ(trace["events"][2]["when"], 1'000'000'100);
    EXPECT_EQ(trace["events"][3]["info"]["wait"]["kind"], "sleep");
    EXPECT_EQ(trace["events"][4]["text"], "h\"i\n");
    EXPECT_EQ(trace["events"][4]["t"], 1'000'000'200);
}

TEST(TraceRecorder, DisabledRecorderKeepsNothing) {
    TraceRecorder recorder;
    recorder.setEnabled(false);
    recorder.add({EventKind::Poll, 0, -1, -1, 0, 5, {}, {}});
    EXPECT_EQ(recorder.size(), 0u);
}

TEST(TraceRecorder, InvalidUtf8IsReplacedNotThrown) {
    TraceRecorder recorder;
    recorder.add({EventKind::Print, 0, -1, -1, 0, 0, std::string("bad \xff byte"), "loop"});
    std::ostringstream out;
    EXPECT_NO_THROW(recorder.writeJson(out, {"p.py", 0, 0}));
    EXPECT_TRUE(nlohmann::json::accept(out.str()));
}
