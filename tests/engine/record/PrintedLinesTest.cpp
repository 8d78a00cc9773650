// The parent's copy of the program's stdout lines: frames as they come through the pipe,
// rendered as the worker would have rendered them.
#include "PrintedLines.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

namespace looplab {
namespace {

// The bytes sendPrintedLine() puts on a pipe, read back.
std::string framesOf(const std::vector<std::pair<int64_t, std::string>>& lines, bool rendered) {
    int ends[2];
    EXPECT_EQ(pipe(ends), 0);
    for (const auto& [stamp, text] : lines)
        sendPrintedLine(ends[1], stamp, text);
    if (rendered)
        sendOutputRendered(ends[1]);
    close(ends[1]);
    std::string bytes;
    char buffer[256];
    for (ssize_t got; (got = read(ends[0], buffer, sizeof buffer)) > 0;)
        bytes.append(buffer, static_cast<size_t>(got));
    close(ends[0]);
    return bytes;
}

TEST(PrintedLines, RendersInStampOrderKeepingThePrintedOrderOfEqualStamps) {
    // A simulated worker's line stamped 1.2 s is printed before the loop's lines at 0.5 s.
    const std::string bytes =
        framesOf({{1'200'000'000, "worker done"}, {500'000'000, "a"}, {500'000'000, "b"}}, false);
    PrintedLines lines(1 << 20);
    lines.take(bytes);
    EXPECT_FALSE(lines.renderedByWorker());
    EXPECT_EQ(lines.render(false), "a\nb\nworker done\n");
    EXPECT_EQ(lines.render(true), "[0.500] a\n[0.500] b\n[1.200] worker done\n");
}

TEST(PrintedLines, FramesSplitAnywhereAcrossReadsComeOutWhole) {
    const std::string bytes =
        framesOf({{0, "first line"}, {1'999'999, ""}, {2'000'000, "é"}}, true);
    for (size_t cut = 0; cut <= bytes.size(); ++cut) {
        PrintedLines lines(1 << 20);
        lines.take(bytes.substr(0, cut));
        lines.take(bytes.substr(cut));
        EXPECT_EQ(lines.render(true), "[0.000] first line\n[0.001] \n[0.002] é\n") << cut;
        EXPECT_TRUE(lines.renderedByWorker()) << cut;
    }
}

TEST(PrintedLines, KeepsNoMoreTextThanItsLimit) {
    PrintedLines lines(10);
    lines.take(framesOf({{0, "12345"}, {1, "678901"}, {2, "abcd"}}, false));
    EXPECT_EQ(lines.render(false), "12345\nabcd\n");
}

TEST(PrintedLines, ReadsWhatIsWaitingWithoutWaitingForMore) {
    int ends[2];
    ASSERT_EQ(pipe2(ends, O_NONBLOCK), 0);
    sendPrintedLine(ends[1], 3'000'000'000, "tick");
    PrintedLines lines(1 << 20);
    lines.readFrom(ends[0]); // must return with the pipe still open and empty
    EXPECT_EQ(lines.render(true), "[3.000] tick\n");
    close(ends[0]);
    close(ends[1]);
}

} // namespace
} // namespace looplab
