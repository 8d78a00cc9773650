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
                                        "--line-cost", "0", "--seed", "7", "--max-steps", "50",
                                        "--max-events", "70", "--max-seconds", "9", "--progress"});
    ASSERT_EQ(c.kind, Command::Kind::Run) << c.error;
    EXPECT_EQ(c.run.program, existingProgram());
    EXPECT_TRUE(c.run.stamp);
    EXPECT_EQ(c.run.traceOut, "t.json");
    EXPECT_EQ(c.run.lineCostNs, 0);
    EXPECT_EQ(c.run.seed, 7);
    EXPECT_EQ(c.run.maxSteps, 50);
    EXPECT_EQ(c.run.maxEvents, 70);
    EXPECT_EQ(c.run.wallClockLimitSeconds, 9);
    EXPECT_TRUE(c.run.progress);
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

// Each case is refused with one line that contains the expected words.
void expectUsageErrors(const std::vector<BadCase>& cases) {
    for (const auto& bad : cases) {
        const Command c = parseCommandLine(bad.args);
        EXPECT_EQ(c.kind, Command::Kind::UsageError) << bad.args.back();
        EXPECT_NE(c.error.find(bad.messagePart), std::string::npos) << c.error;
        EXPECT_EQ(c.error.find('\n'), std::string::npos) << "one line: " << c.error;
    }
}

TEST(CommandLine, UsageErrorsSayWhatIsWrong) {
    const std::vector<BadCase> cases = {
        {{"run"}, "needs a program"},
        {{"run", "/no/such/file.py"}, "cannot run /no/such/file.py: no such file"},
        {{"run", existingProgram(), "--bogus"}, "unknown option --bogus"},
        {{"run", existingProgram(), "--line-cost", "-5"}, "--line-cost"},
        {{"run", existingProgram(), "--line-cost"}, "--line-cost"},
        {{"run", existingProgram(), "--seed", "x"}, "--seed"},
        {{"run", existingProgram(), "--max-steps", "0"}, "--max-steps"},
        {{"run", existingProgram(), "--max-events", "-1"}, "--max-events"},
        {{"run", existingProgram(), "--max-seconds", "0"}, "--max-seconds"},
        {{"run", existingProgram(), "--max-seconds", "86401"}, "--max-seconds"},
        {{"run", existingProgram(), "--trace"}, "--trace"},
        {{"run", existingProgram(), existingProgram()}, "one program"},
        {{"--frobnicate"}, "unknown option"},
    };
    expectUsageErrors(cases);
}

TEST(CommandLine, ExportWithEveryOption) {
    const Command c = parseCommandLine({"export", existingProgram(), "-o", "out.SVG", "--view",
                                        "breakdown", "--size", "1280x720", "--dpr", "2", "--theme",
                                        "dark", "--from", "0.5", "--to", "2"});
    ASSERT_EQ(c.kind, Command::Kind::Export) << c.error;
    EXPECT_EQ(c.exportOptions.input, existingProgram());
    EXPECT_EQ(c.exportOptions.output, "out.SVG");
    EXPECT_EQ(c.exportOptions.view, "breakdown");
    EXPECT_EQ(c.exportOptions.width, 1280);
    EXPECT_EQ(c.exportOptions.height, 720);
    EXPECT_EQ(c.exportOptions.pixelRatio, 2.0);
    EXPECT_EQ(c.exportOptions.theme, "dark");
    EXPECT_EQ(c.exportOptions.fromSeconds, 0.5);
    EXPECT_EQ(c.exportOptions.toSeconds, 2.0);
}

TEST(CommandLine, ExportDefaultsToAFullHdTimeline) {
    const Command c = parseCommandLine({"export", existingProgram(), "-o", "t.png"});
    ASSERT_EQ(c.kind, Command::Kind::Export) << c.error;
    EXPECT_EQ(c.exportOptions.view, "timeline");
    EXPECT_EQ(c.exportOptions.width, 1920);
    EXPECT_EQ(c.exportOptions.height, 1080);
    EXPECT_EQ(c.exportOptions.pixelRatio, 1.0);
    EXPECT_EQ(c.exportOptions.theme, "light");
    EXPECT_LT(c.exportOptions.fromSeconds, 0);
    EXPECT_LT(c.exportOptions.toSeconds, 0);
}

TEST(CommandLine, ExportFormatFollowsTheExtension) {
    const std::vector<std::pair<std::string, std::string>> table = {
        {"a.png", "png"},  {"a.PNG", "png"},   {"dir/a.svg", "svg"}, {"a.pdf", "pdf"},
        {"a.csv", "csv"},  {"a.json", "json"}, {"a.bmp", ""},        {"a", ""},
        {"dir.png/a", ""}, {"a.png.txt", ""},  {"a.MP4", "mp4"},     {"a.webm", "webm"},
        {"a.gif", "gif"},  {"a.avi", ""},
    };
    for (const auto& [path, format] : table)
        EXPECT_EQ(looplab::exportFormatOf(path), format) << path;
}

TEST(CommandLine, WalkthroughWithEveryOption) {
    const Command c =
        parseCommandLine({"export", existingProgram(), "-o", "walk.webm", "--from-step", "3",
                          "--to-step", "40", "--fps", "24", "--size", "1920x1080", "--present"});
    ASSERT_EQ(c.kind, Command::Kind::Export) << c.error;
    EXPECT_TRUE(looplab::isWalkthroughFormat(looplab::exportFormatOf(c.exportOptions.output)));
    EXPECT_EQ(c.exportOptions.fromStep, 3);
    EXPECT_EQ(c.exportOptions.toStep, 40);
    EXPECT_EQ(c.exportOptions.fps, 24);
    EXPECT_EQ(c.exportOptions.width, 1920);
    EXPECT_EQ(c.exportOptions.height, 1080);
    EXPECT_TRUE(c.exportOptions.present);
}

TEST(CommandLine, WalkthroughDefaultsToEveryStepAt720p) {
    const Command c = parseCommandLine({"export", existingProgram(), "-o", "walk.gif"});
    ASSERT_EQ(c.kind, Command::Kind::Export) << c.error;
    EXPECT_EQ(c.exportOptions.fromStep, 0);
    EXPECT_EQ(c.exportOptions.toStep, -1); // the last, once the run is known
    EXPECT_EQ(c.exportOptions.fps, 10);
    EXPECT_EQ(c.exportOptions.width, 1280);
    EXPECT_EQ(c.exportOptions.height, 720);
    EXPECT_FALSE(c.exportOptions.present);
    EXPECT_FALSE(looplab::isWalkthroughFormat("png"));
}

TEST(CommandLine, WalkthroughUsageErrorsSayWhatIsWrong) {
    const std::string p = existingProgram();
    const std::vector<BadCase> cases = {
        {{"export", p, "-o", "w.mp4", "--from-step", "-1"}, "--from-step needs a step number"},
        {{"export", p, "-o", "w.mp4", "--to-step", "x"}, "--to-step needs a step number"},
        {{"export", p, "-o", "w.mp4", "--from-step", "4", "--to-step", "3"},
         "--to-step must not be before --from-step"},
        {{"export", p, "-o", "w.mp4", "--fps", "61"}, "--fps needs frames per second from 1 to 60"},
        {{"export", p, "-o", "w.mp4", "--fps"}, "--fps needs frames per second"},
        {{"export", p, "-o", "w.webm", "--size", "1281x720"}, "--size of a .webm needs an even"},
        {{"export", p, "-o", "x.png", "--from-step", "2"}, "--from-step is for a walkthrough"},
        {{"export", p, "-o", "x.csv", "--present"}, "--present is for a walkthrough"},
        {{"export", p, "-o", "w.gif", "--from", "1"}, "--from is for a picture or data"},
        {{"export", p, "-o", "w.mp4", "--view", "breakdown"}, "--view is for a picture or data"},
    };
    expectUsageErrors(cases);
    EXPECT_EQ(parseCommandLine({"export", p, "-o", "w.gif", "--size", "1281x721"}).kind,
              Command::Kind::Export); // a GIF has no 4:2:0 colour, so any size
}

TEST(CommandLine, ExportUsageErrorsSayWhatIsWrong) {
    const std::string p = existingProgram();
    const std::vector<BadCase> cases = {
        {{"export"}, "needs a program"},
        {{"export", p}, "needs an output file"},
        {{"export", p, "-o"}, "-o needs a file name"},
        {{"export", p, "-o", "x.bmp"}, "unknown extension"},
        {{"export", "/no/such.py", "-o", "x.png"}, "cannot export /no/such.py: no such file"},
        {{"export", p, "-o", "x.png", "--view", "pie"}, "--view is timeline"},
        {{"export", p, "-o", "x.png", "--size", "10x10"}, "--size"},
        {{"export", p, "-o", "x.png", "--dpr", "1.5"}, "--dpr"},
        {{"export", p, "-o", "x.png", "--theme", "pink"}, "--theme"},
        {{"export", p, "-o", "x.png", "--from", "-1"}, "--from"},
        {{"export", p, "-o", "x.png", "--from", "2", "--to", "1"}, "later than --from"},
        {{"export", p, "-o", "x.png", "--bogus"}, "unknown option --bogus"},
        {{"export", p, p, "-o", "x.png"}, "one program"},
    };
    expectUsageErrors(cases);
}

TEST(CommandLine, ThemeNamesForTheWindowAndExports) {
    const std::string p = existingProgram();
    for (const std::string theme : {"light", "dark", "high-contrast"}) {
        const Command window = parseCommandLine({p, "--theme", theme});
        ASSERT_EQ(window.kind, Command::Kind::Window) << window.error;
        EXPECT_EQ(window.window.theme, theme);
        const Command exported = parseCommandLine({"export", p, "-o", "x.png", "--theme", theme});
        ASSERT_EQ(exported.kind, Command::Kind::Export) << exported.error;
        EXPECT_EQ(exported.exportOptions.theme, theme);
    }
    // No --theme: the window takes the theme chosen last in View → Theme.
    EXPECT_EQ(parseCommandLine({p}).window.theme, "");
    for (const std::vector<std::string>& bad :
         {std::vector<std::string>{p, "--theme", "highcontrast"},
          std::vector<std::string>{p, "--theme"},
          std::vector<std::string>{"export", p, "-o", "x.png", "--theme", "High-Contrast"}}) {
        const Command c = parseCommandLine(bad);
        EXPECT_EQ(c.kind, Command::Kind::UsageError) << bad.back();
        EXPECT_NE(c.error.find("light, dark or high-contrast"), std::string::npos) << c.error;
    }
}

TEST(CommandLine, WindowCanOpenPresenting) {
    const Command c = parseCommandLine({existingProgram(), "--present", "--step", "3"});
    ASSERT_EQ(c.kind, Command::Kind::Window) << c.error;
    EXPECT_TRUE(c.window.present);
    EXPECT_EQ(c.window.step, 3);
    EXPECT_FALSE(parseCommandLine({existingProgram()}).window.present);
}

TEST(CommandLine, AScheduleSeedForRunAndTheWindow) {
    const Command run =
        parseCommandLine({"run", existingProgram(), "--schedule-seed", "17", "--jitter", "0.25"});
    ASSERT_EQ(run.kind, Command::Kind::Run) << run.error;
    EXPECT_EQ(run.run.scheduleSeed, 17);
    EXPECT_EQ(run.run.jitter, 0.25);
    EXPECT_EQ(parseCommandLine({"run", existingProgram()}).run.scheduleSeed, -1); // unperturbed
    const Command window = parseCommandLine({existingProgram(), "--schedule-seed", "3"});
    ASSERT_EQ(window.kind, Command::Kind::Window) << window.error;
    EXPECT_EQ(window.window.scheduleSeed, 3);
    EXPECT_EQ(window.window.jitter, 0.5);
}

TEST(CommandLine, ExploreWithEveryOptionAndItsDefaults) {
    const Command c = parseCommandLine({"explore", existingProgram(), "--runs", "40", "--seed", "9",
                                        "--jitter", "0.3", "--progress"});
    ASSERT_EQ(c.kind, Command::Kind::Explore) << c.error;
    EXPECT_EQ(c.explore.program, existingProgram());
    EXPECT_EQ(c.explore.runs, 40);
    EXPECT_EQ(c.explore.firstSeed, 9);
    EXPECT_EQ(c.explore.jitter, 0.3);
    EXPECT_TRUE(c.explore.progress);
    const Command d = parseCommandLine({"explore", existingProgram()});
    EXPECT_EQ(d.explore.runs, 100);
    EXPECT_EQ(d.explore.firstSeed, 1);
    EXPECT_EQ(d.explore.jitter, 0.5);
    EXPECT_FALSE(d.explore.progress);
}

TEST(CommandLine, ScheduleUsageErrorsSayWhatIsWrong) {
    expectUsageErrors({
        {{"run", existingProgram(), "--schedule-seed", "-3"}, "--schedule-seed needs"},
        {{"run", existingProgram(), "--jitter", "1.0"}, "--jitter needs a number from 0"},
        {{"run", existingProgram(), "--jitter"}, "--jitter needs"},
        {{existingProgram(), "--schedule-seed"}, "--schedule-seed needs"},
        {{"explore"}, "looplab explore needs a program"},
        {{"explore", existingProgram(), "--runs", "100001"}, "--runs needs"},
        {{"explore", existingProgram(), existingProgram()}, "takes one program"},
        {{"explore", "/nonexistent/prog.py"}, "cannot explore"},
    });
}

TEST(CommandLine, HelpAndVersion) {
    EXPECT_EQ(parseCommandLine({"--help"}).kind, Command::Kind::Help);
    EXPECT_EQ(parseCommandLine({"--version"}).kind, Command::Kind::Version);
    EXPECT_EQ(parseCommandLine({}).kind, Command::Kind::Window);
}

} // namespace
