#include "CompactText.h"
#include "TraceEvent.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace looplab {
namespace {

// Texts on both sides of the inline limit (7 bytes), with the bytes a trace can hold: NUL,
// non-UTF-8, multi-byte UTF-8.
std::vector<std::string> samples() {
    return {"",
            "a",
            "step",
            "1234567",
            "12345678",
            std::string("a\0b", 3),
            std::string("\xff\xfe\x00\x01\x80\x7f\x00", 7),
            std::string("\xff\xfe\x00\x01\x80\x7f\x00\x10", 8),
            "Übergröße — ∑",
            std::string(100000, 'x')};
}

TEST(CompactText, KeepsEveryTextByteForByte) {
    for (const std::string& text : samples()) {
        const CompactText kept(text);
        EXPECT_EQ(kept.size(), text.size()) << text.size();
        EXPECT_EQ(kept.str(), text);
        EXPECT_EQ(kept.view(), std::string_view(text));
        EXPECT_EQ(kept.empty(), text.empty());
        EXPECT_TRUE(kept == text);
        EXPECT_FALSE(kept != text);
        EXPECT_EQ(std::string(kept.begin(), kept.end()), text);
    }
}

TEST(CompactText, CopiesMovesAndAssignmentsKeepTheirOwnBytes) {
    for (const std::string& text : samples()) {
        CompactText original(text);
        CompactText copy = original;
        original = "changed after the copy";
        EXPECT_EQ(copy.str(), text);
        CompactText moved = std::move(copy);
        EXPECT_EQ(moved.str(), text);
        CompactText assigned;
        assigned = moved;
        assigned = assigned; // self-assignment keeps the text
        EXPECT_EQ(assigned.str(), text);
        assigned = std::string("12345678");
        EXPECT_EQ(assigned, "12345678");
        assigned = "";
        EXPECT_TRUE(assigned.empty());
        EXPECT_EQ(moved.str(), text);
    }
}

TEST(CompactText, ComparesAndReadsLikeAString) {
    const CompactText loop("loop"), worker("pool worker 0");
    EXPECT_TRUE(loop == "loop");
    EXPECT_TRUE("loop" == loop);
    EXPECT_TRUE(loop == std::string("loop"));
    EXPECT_TRUE(loop != "loo");
    EXPECT_TRUE(loop != worker);
    EXPECT_TRUE(worker == CompactText("pool worker 0"));
    EXPECT_EQ(worker.find("worker"), 5u);
    EXPECT_EQ(worker.rfind(' '), 11u);
    EXPECT_EQ(worker.substr(5, 6), "worker");
    EXPECT_EQ(worker[12], '0');
    EXPECT_EQ("in " + loop, "in loop");
    EXPECT_EQ(loop + "!", "loop!");
    const std::string converted = worker;
    EXPECT_EQ(converted, "pool worker 0");
}

TEST(CompactText, AnEventTakesFiftySixBytes) {
    // Two texts of 8 bytes each: a million-step run (6 million events) needs 350 MB of events
    // instead of 800 MB (issue 17, docs/performance.md).
    EXPECT_EQ(sizeof(CompactText), 8u);
    EXPECT_LE(sizeof(TraceEvent), 56u);
}

} // namespace
} // namespace looplab
