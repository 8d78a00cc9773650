#include "CommandLine.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

using looplab::Command;
using looplab::parseCommandLine;

namespace {

std::string existingProgram() {
    static const std::string path = [] {
        std::string p = ::testing::TempDir() + "looplab_cli_test.py";
        if (FILE* f = std::fopen(p.c_str(), "w")) {
            std::fputs("print('hi')\n", f);
            std::fclose(f);
        }
        return p;
    }();
    return path;
}

TEST(CommandLine, RunWithEveryOption) {
    const Command c = parseCommandLine({"run", existingProgram(), "--stamp", "--trace", "t.json",
                                        "--line-cost", "0", "--seed", "7", "--max-steps", "50"});
    ASSERT_EQ(c.kind, Command::Kind::Run) << c.error;
    EXPECT_EQ(c.run.program, existingProgram());
    EXPECT_TRUE(c.run.stamp);
    EXPECT_EQ(c.run.traceOut, "t.json");
    EXPECT_EQ(c.run.lineCostNs, 0);
    EXPECT_EQ(c.run.seed, 7);
    EXPECT_EQ(c.run.maxSteps, 50);
}

TEST(CommandLine, DefaultsMatchTheModel) {
    const Command c = parseCommandLine({"run", existingProgram()});
    ASSERT_EQ(c.kind, Command::Kind::Run);
    EXPECT_FALSE(c.run.stamp);
    EXPECT_EQ(c.run.lineCostNs, 100);
    EXPECT_EQ(c.run.seed, 0);
}

struct BadCase {
    std::vector<std::string> args;
    std::string messagePart;
};

TEST(CommandLine, UsageErrorsSayWhatIsWrong) {
    const std::vector<BadCase> cases = {
        {{"run"}, "needs a program"},
        {{"run", "/no/such/file.py"}, "cannot read /no/such/file.py"},
        {{"run", existingProgram(), "--bogus"}, "unknown option --bogus"},
        {{"run", existingProgram(), "--line-cost", "-5"}, "--line-cost"},
        {{"run", existingProgram(), "--line-cost"}, "--line-cost"},
        {{"run", existingProgram(), "--seed", "x"}, "--seed"},
        {{"run", existingProgram(), "--max-steps", "0"}, "--max-steps"},
        {{"run", existingProgram(), "--trace"}, "--trace"},
        {{"run", existingProgram(), existingProgram()}, "one program"},
        {{"--frobnicate"}, "unknown option"},
    };
    for (const auto& bad : cases) {
        const Command c = parseCommandLine(bad.args);
        EXPECT_EQ(c.kind, Command::Kind::UsageError) << bad.args.back();
        EXPECT_NE(c.error.find(bad.messagePart), std::string::npos) << c.error;
        EXPECT_EQ(c.error.find('\n'), std::string::npos) << "one line: " << c.error;
    }
}

TEST(CommandLine, HelpAndVersion) {
    EXPECT_EQ(parseCommandLine({"--help"}).kind, Command::Kind::Help);
    EXPECT_EQ(parseCommandLine({"--version"}).kind, Command::Kind::Version);
    EXPECT_EQ(parseCommandLine({}).kind, Command::Kind::Window);
}

} // namespace
