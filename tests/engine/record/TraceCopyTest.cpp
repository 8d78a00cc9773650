// The parent's copy of a streamed trace: put in place whole, or closed after a cut-off run.
#include "TraceCopy.h"
#include "TraceReader.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace looplab;
namespace fs = std::filesystem;

namespace {

const std::string kHeader =
    R"({"format":"looplab-trace","version":1,"program":"p.py","line_cost_ns":100,"seed":0,"events":[)"
    "\n";
const std::string kEvent1 =
    R"({"e":"task","t":0,"task":1,"parent":-1,"line":3,"name":"Task-1","coro":"main"})";
const std::string kEvent2 = R"({"e":"line","t":700,"task":1,"line":4,"f":1,"d":1})";

class TraceCopyTest : public ::testing::Test {
  protected:
    void SetUp() override {
        folder_ = fs::temp_directory_path() / ("looplab-copy-" + std::to_string(getpid()));
        fs::create_directories(folder_);
        destination_ = (folder_ / "trace.json").string();
    }
    void TearDown() override { fs::remove_all(folder_); }

    // Feeds `text` through a pipe into a TraceCopy, as the worker would.
    void feed(TraceCopy& copy, const std::string& text) {
        int ends[2];
        ASSERT_EQ(pipe(ends), 0);
        ASSERT_EQ(write(ends[1], text.data(), text.size()), static_cast<ssize_t>(text.size()));
        close(ends[1]);
        copy.copyFrom(ends[0]);
        close(ends[0]);
    }
    nlohmann::json written() const {
        std::ifstream in(destination_);
        return nlohmann::json::parse(in);
    }
    size_t filesInFolder() const {
        return static_cast<size_t>(std::distance(fs::directory_iterator(folder_), {}));
    }

    fs::path folder_;
    std::string destination_;
};

TEST_F(TraceCopyTest, AWholeTraceIsPutInPlaceOnlyOnCommit) {
    TraceCopy copy(destination_);
    feed(copy, kHeader + kEvent1 + ",\n" + kEvent2 + "\n]}\n");
    EXPECT_FALSE(fs::exists(destination_));
    ASSERT_TRUE(copy.commit());
    EXPECT_EQ(written()["events"].size(), 2u);
    EXPECT_EQ(filesInFolder(), 1u); // no temporary file left beside it
}

TEST_F(TraceCopyTest, ACutOffEventIsDroppedAndTheRunGetsAnEnd) {
    TraceCopy copy(destination_);
    feed(copy, kHeader + kEvent1 + ",\n" + kEvent2 + ",\n" + R"({"e":"line","t":80)");
    ASSERT_TRUE(copy.closeCutOff(R"({"status":"crashed","signal":11})"));
    ASSERT_TRUE(copy.commit());
    const nlohmann::json trace = written();
    ASSERT_EQ(trace["events"].size(), 3u);
    EXPECT_EQ(trace["events"][1]["t"], 700);
    EXPECT_EQ(trace["events"][2]["e"], "end");
    EXPECT_EQ(trace["events"][2]["t"], 700); // the last whole event's time
    EXPECT_EQ(trace["events"][2]["info"]["status"], "crashed");
    // And it is a trace LoopLab reads back.
    const TraceReadResult read = readTraceFile(destination_);
    EXPECT_TRUE(read.ok) << read.error;
}

TEST_F(TraceCopyTest, AHeaderWithNoEventsGetsAnEndAtTimeZero) {
    TraceCopy copy(destination_);
    feed(copy, kHeader);
    ASSERT_TRUE(copy.closeCutOff(R"({"status":"budget"})"));
    ASSERT_TRUE(copy.commit());
    ASSERT_EQ(written()["events"].size(), 1u);
    EXPECT_EQ(written()["events"][0]["t"], 0);
}

TEST_F(TraceCopyTest, ATraceTheWorkerClosedItselfIsKeptAsItIs) {
    TraceCopy copy(destination_);
    const std::string closed = kHeader + kEvent1 + "\n]}\n";
    feed(copy, closed);
    ASSERT_TRUE(copy.closeCutOff(R"({"status":"exit"})"));
    ASSERT_TRUE(copy.commit());
    std::ifstream in(destination_);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(text.str(), closed);
}

TEST_F(TraceCopyTest, NothingUsableLeavesTheDestinationAlone) {
    std::ofstream(destination_) << "the previous trace";
    {
        TraceCopy copy(destination_);
        feed(copy, R"({"format":"looplab-tr)");
        EXPECT_FALSE(copy.closeCutOff(R"({"status":"crashed"})"));
        EXPECT_FALSE(copy.commit());
    }
    std::ifstream in(destination_);
    std::string text;
    std::getline(in, text);
    EXPECT_EQ(text, "the previous trace");
    EXPECT_EQ(filesInFolder(), 1u);
}

TEST_F(TraceCopyTest, AnUnwritableFolderIsReportedBeforeAnythingRuns) {
    TraceCopy copy((folder_ / "missing" / "trace.json").string());
    EXPECT_EQ(copy.problem(), "No such file or directory");
}

} // namespace
