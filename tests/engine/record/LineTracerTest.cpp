// The line tracer tells which call of a function each line ran in and how deep it is: a real
// run of a program with calls, a generator and coroutines that await, read back from its trace.
#include "TraceReader.h"
#include "TraceReplay.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace looplab;

namespace {

#ifdef LOOPLAB_BINARY
const char* const kProgram = R"(import asyncio

def square(x):
    return x * x

def numbers():
    yield 1
    yield 2

async def child(n):
    await asyncio.sleep(0)
    return n

async def main():
    total = 0
    for i in range(3):
        total += square(i)
    g = numbers()
    total += next(g) + next(g)
    total += await child(1)
    total += await child(2)
    return total

asyncio.run(main())

import contextlib

@contextlib.contextmanager
def opened():
    yield 5
    print("closed")

with opened() as value:
    pass
)";

class LineTracerTest : public ::testing::Test {
  protected:
    void SetUp() override {
        // Named after the test: ctest runs these tests in parallel processes.
        const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
        const std::string program = ::testing::TempDir() + "tracer_" + name + ".py";
        const std::string trace = ::testing::TempDir() + "tracer_" + name + ".json";
        std::ofstream(program) << kProgram;
        const std::string command =
            std::string(LOOPLAB_BINARY) + " run " + program + " --trace " + trace + " > /dev/null";
        ASSERT_EQ(std::system(command.c_str()), 0);
        read_ = readTraceFile(trace);
        ASSERT_TRUE(read_.ok) << read_.error;
        for (const TraceEvent& e : read_.trace.events)
            if (e.kind == EventKind::Line)
                lines_.push_back(e);
        std::remove(program.c_str());
        std::remove(trace.c_str());
    }

    // The lines that ran at `line` of the program, in order.
    std::vector<TraceEvent> at(int64_t line) const {
        std::vector<TraceEvent> found;
        for (const TraceEvent& e : lines_)
            if (e.line == line)
                found.push_back(e);
        return found;
    }

    TraceReadResult read_;
    std::vector<TraceEvent> lines_;
};

TEST_F(LineTracerTest, TheModuleIsDepthOneAndACoroutineIsOneFrameAcrossItsAwaits) {
    const auto module = at(24); // asyncio.run(main())
    ASSERT_EQ(module.size(), 1u);
    EXPECT_EQ(module[0].depth, 1);
    EXPECT_GT(module[0].frame, 0);
    std::set<int32_t> mainFrames;
    for (int64_t line = 15; line <= 22; ++line) {
        for (const TraceEvent& e : at(line)) {
            EXPECT_EQ(e.task, 1) << line;
            EXPECT_EQ(e.depth, 2) << line;
            mainFrames.insert(e.frame);
        }
    }
    EXPECT_EQ(mainFrames.size(), 1u) << "main resumes after each await in the same frame";
    EXPECT_NE(*mainFrames.begin(), module[0].frame);
}

TEST_F(LineTracerTest, EachCallIsAFrameOfItsOwnOneLevelDeeper) {
    const auto calls = at(4); // return x * x, three calls of square
    ASSERT_EQ(calls.size(), 3u);
    std::set<int32_t> frames;
    for (const TraceEvent& e : calls) {
        EXPECT_EQ(e.depth, 3);
        frames.insert(e.frame);
    }
    EXPECT_EQ(frames.size(), 3u);
    // A generator keeps its frame between its yields.
    const auto first = at(7);
    const auto second = at(8);
    ASSERT_EQ(first.size(), 1u);
    ASSERT_EQ(second.size(), 1u);
    EXPECT_EQ(first[0].frame, second[0].frame);
    EXPECT_EQ(first[0].depth, 3);
    EXPECT_EQ(frames.count(first[0].frame), 0u);
}

TEST_F(LineTracerTest, AnAwaitedCoroutineKeepsItsFrameAcrossItsOwnAwait) {
    const auto awaits = at(11); // await asyncio.sleep(0), once per call of child
    const auto returns = at(12);
    ASSERT_EQ(awaits.size(), 2u);
    ASSERT_EQ(returns.size(), 2u);
    for (size_t call = 0; call < 2; ++call) {
        EXPECT_EQ(awaits[call].frame, returns[call].frame) << call;
        EXPECT_EQ(awaits[call].depth, 3);
        EXPECT_EQ(returns[call].depth, 3);
    }
    EXPECT_NE(awaits[0].frame, awaits[1].frame);
}

TEST_F(LineTracerTest, AProgramFunctionCalledByLibraryCodeIsTracedLineByLine) {
    // contextlib's own lines are not reported to the tracer (f_trace_lines is off in library
    // frames); the program's generator it drives still is, in one frame under the module's.
    const auto entered = at(30); // yield 5, from contextlib's __enter__
    const auto left = at(31);    // print("closed"), from its __exit__
    ASSERT_EQ(entered.size(), 1u);
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(entered[0].frame, left[0].frame);
    EXPECT_EQ(entered[0].depth, 2);
    EXPECT_EQ(left[0].depth, 2);
    EXPECT_EQ(at(34).size(), 1u); // the with statement's body, in the module
}

// A print whose arguments call a helper: the helper's line runs last, but the task prints at
// its own line. The print event says so, and the replay puts the task there (in its coroutine,
// not in the helper that has returned).
TEST(LineTracerPrint, APrintIsAtItsOwnLineAfterTheHelpersItsArgumentsCalled) {
    const std::string program = ::testing::TempDir() + "tracer_print.py";
    const std::string trace = ::testing::TempDir() + "tracer_print.json";
    std::ofstream(program) << "import asyncio\n"
                              "\n"
                              "def stamp():\n"
                              "    return 't'\n"
                              "\n"
                              "async def main():\n"
                              "    print(f'{stamp()} one')\n"
                              "    await asyncio.sleep(0)\n"
                              "\n"
                              "asyncio.run(main())\n";
    const std::string command =
        std::string(LOOPLAB_BINARY) + " run " + program + " --trace " + trace + " > /dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0);
    const TraceReadResult read = readTraceFile(trace);
    std::remove(program.c_str());
    std::remove(trace.c_str());
    ASSERT_TRUE(read.ok) << read.error;
    const std::vector<TraceEvent>& events = read.trace.events;
    size_t printed = events.size();
    int32_t mainFrame = 0;
    int64_t lastLine = 0;
    for (size_t i = 0; i < events.size() && printed == events.size(); ++i) {
        if (events[i].kind == EventKind::Line && events[i].line == 7)
            mainFrame = events[i].frame;
        if (events[i].kind == EventKind::Line)
            lastLine = events[i].line;
        if (events[i].kind == EventKind::Print)
            printed = i;
    }
    ASSERT_LT(printed, events.size());
    EXPECT_EQ(lastLine, 4) << "stamp()'s line ran last before the print";
    const TraceEvent& print = events[printed];
    EXPECT_EQ(print.text, "t one");
    EXPECT_EQ(print.task, 1);
    EXPECT_EQ(print.line, 7);
    EXPECT_EQ(print.frame, mainFrame);
    EXPECT_EQ(print.depth, 2);
    const TraceReplay replay(events);
    const LoopState before = replay.stateAfter(printed);
    const LoopState after = replay.stateAfter(printed + 1);
    EXPECT_EQ(before.tasks.at(1).line, 4);
    EXPECT_EQ(before.tasks.at(1).callDepth, 1);
    EXPECT_EQ(after.tasks.at(1).line, 7);
    EXPECT_EQ(after.tasks.at(1).callDepth, 0);
}

TEST_F(LineTracerTest, TheHeaderListsTheProgramsLoops) {
    ASSERT_EQ(read_.trace.header.loops.size(), 1u);
    EXPECT_EQ(read_.trace.header.loops[0], (LoopLines{16, 17}));
}
#endif

} // namespace
