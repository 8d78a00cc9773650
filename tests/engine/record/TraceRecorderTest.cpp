#include "TraceRecorder.h"
#include "TraceReader.h"

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

// A `line` names its frame and depth only when they change for its task (or thread); the
// reader carries them forward, per task, and reads the loops of the header.
TEST(TraceRecorder, FramesAreWrittenOnlyWhenTheyChangeAndReadBackForEveryLine) {
    TraceRecorder recorder;
    const auto line = [](int64_t task, int64_t lineNo, int32_t frame, int32_t depth,
                         const std::string& thread = {}) {
        return TraceEvent{EventKind::Line, 0, task, -1, lineNo, 0, thread, {}, frame, depth};
    };
    recorder.add(line(1, 5, 2, 2));                    // 0: task 1's first line
    recorder.add(line(1, 6, 2, 2));                    // 1: same frame
    recorder.add(line(2, 9, 3, 2));                    // 2: task 2's first line
    recorder.add(line(1, 3, 4, 3));                    // 3: task 1 calls a function
    recorder.add(line(-1, 12, 5, 3, "pool worker 0")); // 4: a worker's line
    recorder.add(line(1, 7, 2, 2));                    // 5: back in task 1's frame
    recorder.add(line(2, 10, 3, 2));                   // 6: same frame for task 2
    recorder.add({EventKind::LinesSkipped, 0, 1, -1, 3, 40, {}, {}, 4, 3}); // 7: a call
    recorder.add(line(1, 3, 4, 3)); // 8: as the `lines` left it
    std::ostringstream out;
    recorder.writeJson(out, {"prog.py", 100, 0, {{6, 7}, {20, 24}}});

    const auto trace = nlohmann::json::parse(out.str());
    EXPECT_EQ(trace["loops"], nlohmann::json::parse("[[6,7],[20,24]]"));
    const auto& events = trace["events"];
    const std::vector<bool> named = {true, false, true, true, true, true, false, true, false};
    for (size_t i = 0; i < named.size(); ++i) {
        EXPECT_EQ(events[i].contains("f"), named[i]) << i;
        EXPECT_EQ(events[i].contains("d"), named[i]) << i;
    }
    EXPECT_EQ(events[3]["f"], 4);
    EXPECT_EQ(events[3]["d"], 3);

    // The reader checks that every task was created first: the two tasks are made up front.
    nlohmann::json withTasks = trace;
    withTasks["events"].insert(withTasks["events"].begin(),
                               {nlohmann::json::parse(R"({"e":"task","t":0,"task":1})"),
                                nlohmann::json::parse(R"({"e":"task","t":0,"task":2})")});
    std::istringstream in(withTasks.dump());
    const TraceReadResult read = readTrace(in);
    ASSERT_TRUE(read.ok) << read.error;
    ASSERT_EQ(read.trace.events.size(), recorder.size() + 2);
    for (size_t i = 0; i < recorder.size(); ++i) {
        EXPECT_EQ(read.trace.events[i + 2].frame, recorder.events()[i].frame) << i;
        EXPECT_EQ(read.trace.events[i + 2].depth, recorder.events()[i].depth) << i;
    }
    ASSERT_EQ(read.trace.header.loops.size(), 2u);
    EXPECT_EQ(read.trace.header.loops[1], (LoopLines{20, 24}));
}

// A trace written before lines had frames reads as lines without one (frame and depth 0).
TEST(TraceRecorder, LinesOfAnOlderTraceHaveNoFrame) {
    std::istringstream in(R"({"format":"looplab-trace","version":1,"program":"p.py",
        "line_cost_ns":100,"seed":0,"events":[{"e":"task","t":0,"task":1,"name":"main"},
        {"e":"line","t":100,"task":1,"line":3}]})");
    const TraceReadResult read = readTrace(in);
    ASSERT_TRUE(read.ok) << read.error;
    ASSERT_EQ(read.trace.events.size(), 2u);
    EXPECT_EQ(read.trace.events[1].frame, 0);
    EXPECT_EQ(read.trace.events[1].depth, 0);
    EXPECT_TRUE(read.trace.header.loops.empty());
}

namespace {

// A run of `count` line events across two tasks and frames, with a print now and then.
void recordRun(TraceRecorder& recorder, int count) {
    recorder.setProgramLoops({{3, 5}});
    recorder.add({EventKind::TaskCreated, 0, 1, -1, 7, -1, "Task-1", "main"});
    recorder.add({EventKind::TaskCreated, 0, 2, -1, 8, -1, "Task-2", "worker"});
    for (int i = 0; i < count; ++i) {
        TraceEvent line{EventKind::Line, 100 * i, 1 + i % 2, -1, 10 + i % 7, 0, {}, {}};
        line.frame = 1 + (i / 50) % 3;
        line.depth = 1 + (i / 50) % 3;
        recorder.add(line);
        if (i % 1000 == 0)
            recorder.add({EventKind::Print, 100 * i, 1, -1, 0, 0, "p" + std::to_string(i), ""});
    }
}

} // namespace

TEST(TraceRecorder, AStreamedTraceIsTheSameDocumentAndLeavesMemory) {
    const TraceHeader header{"prog.py", 100, 3, {{3, 5}}, ""};
    TraceRecorder whole;
    recordRun(whole, 30'000);
    std::ostringstream expected;
    whole.writeJson(expected, header);

    TraceRecorder streamed;
    std::ostringstream out;
    streamed.startStreaming(&out, {"prog.py", 100, 3, {}, ""}); // loops arrive later, as in a run
    recordRun(streamed, 30'000);
    // Chunks went out during the run, and the events written are no longer held.
    EXPECT_GT(out.str().size(), 0u);
    EXPECT_LT(streamed.events().size(), 30'000u);
    EXPECT_EQ(streamed.size(), whole.size());
    streamed.finishStream();
    EXPECT_EQ(out.str(), expected.str()); // byte for byte, frames and all
    EXPECT_FALSE(streamed.streaming());
}

TEST(TraceRecorder, WhatWasStreamedAtAnyMomentEndsWithAWholeEvent) {
    TraceRecorder recorder;
    std::ostringstream out;
    recorder.startStreaming(&out, {"prog.py", 100, 0, {}, ""});
    recorder.setProgramLoops({});
    recordRun(recorder, 100);
    recorder.flush();
    const std::string text = out.str();
    ASSERT_EQ(text.back(), '}');
    const std::string lastLine = text.substr(text.rfind('\n') + 1);
    EXPECT_TRUE(nlohmann::json::accept(lastLine)) << lastLine;
}

TEST(TraceReader, ReadsLoopLabsLinesOneAtATimeAndAnyOtherLayoutWhole) {
    TraceRecorder recorder;
    recordRun(recorder, 3'000);
    std::ostringstream written;
    recorder.writeJson(written, {"prog.py", 100, 3, {{3, 5}}, "why not"});
    std::istringstream lines(written.str());
    const TraceReadResult byLine = readTrace(lines);
    ASSERT_TRUE(byLine.ok) << byLine.error;
    // The same document laid out by another tool (indented, several lines per event).
    std::istringstream pretty(nlohmann::json::parse(written.str()).dump(2));
    const TraceReadResult whole = readTrace(pretty);
    ASSERT_TRUE(whole.ok) << whole.error;
    ASSERT_EQ(byLine.trace.events.size(), whole.trace.events.size());
    ASSERT_EQ(byLine.trace.events.size(), recorder.size());
    ASSERT_GT(recorder.size(), 3'000u);
    for (size_t i = 0; i < whole.trace.events.size(); ++i) {
        EXPECT_EQ(byLine.trace.events[i].line, whole.trace.events[i].line) << i;
        EXPECT_EQ(byLine.trace.events[i].frame, whole.trace.events[i].frame) << i;
        EXPECT_EQ(byLine.trace.events[i].text, whole.trace.events[i].text) << i;
    }
    EXPECT_EQ(byLine.trace.header.loops.size(), 1u);
    EXPECT_EQ(byLine.trace.header.unconfined, "why not");
    EXPECT_EQ(whole.trace.header.unconfined, "why not");
    // Cut off halfway: not read as a shorter run, but refused with the parser's reason.
    std::istringstream cut(written.str().substr(0, written.str().size() / 2));
    const TraceReadResult partial = readTrace(cut);
    EXPECT_FALSE(partial.ok);
    EXPECT_NE(partial.error.find("not valid JSON"), std::string::npos) << partial.error;
}
