#include "CommandLine.h"

#include "InputFile.h"

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace looplab {

namespace {

Command commandOf(Command::Kind kind) {
    Command command;
    command.kind = kind;
    return command;
}

// The names ui/theme/Theme.cpp knows (this parser stays free of Qt, so they are listed here too).
bool isThemeName(const std::string& name) {
    return name == "light" || name == "dark" || name == "high-contrast";
}

Command usageError(const std::string& message) {
    Command command;
    command.kind = Command::Kind::UsageError;
    command.error = message;
    return command;
}

bool parseInteger(const std::string& text, int64_t min, int64_t& out) {
    if (text.empty())
        return false;
    char* end = nullptr;
    errno = 0;
    const long long value = std::strtoll(text.c_str(), &end, 10);
    if (errno != 0 || *end != '\0' || value < min)
        return false;
    out = value;
    return true;
}

// The perturbation's F: each duration is scaled by a factor in [1 - F, 1 + F].
bool parseJitter(const std::string& text, double& out) {
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !(value >= 0 && value < 1))
        return false;
    out = value;
    return true;
}

constexpr const char* kScheduleSeedError =
    "--schedule-seed needs a whole number from 0 (a schedule to reproduce, e.g. from looplab "
    "explore)";
constexpr const char* kJitterError =
    "--jitter needs a number from 0 to below 1 (durations vary by up to that fraction)";

Command parseRun(const std::vector<std::string>& args) {
    Command command;
    command.kind = Command::Kind::Run;
    RunOptions& run = command.run;
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& arg = args[i];
        auto value = [&](std::string& out) {
            if (i + 1 >= args.size())
                return false;
            out = args[++i];
            return true;
        };
        auto number = [&](int64_t min, int64_t& out) {
            std::string text;
            return value(text) && parseInteger(text, min, out);
        };
        if (arg == "--stamp") {
            run.stamp = true;
        } else if (arg == "--progress") {
            run.progress = true;
        } else if (arg == "--trace") {
            if (!value(run.traceOut))
                return usageError("--trace needs a file name");
        } else if (arg == "--line-cost") {
            if (!number(0, run.lineCostNs))
                return usageError("--line-cost needs a whole number of nanoseconds (0 or more)");
        } else if (arg == "--seed") {
            if (!number(INT64_MIN, run.seed))
                return usageError("--seed needs a whole number");
        } else if (arg == "--schedule-seed") {
            if (!number(0, run.scheduleSeed))
                return usageError(kScheduleSeedError);
        } else if (arg == "--jitter") {
            std::string text;
            if (!value(text) || !parseJitter(text, run.jitter))
                return usageError(kJitterError);
        } else if (arg == "--max-steps") {
            if (!number(1, run.maxSteps))
                return usageError("--max-steps needs a positive whole number");
        } else if (arg == "--max-events") {
            if (!number(1, run.maxEvents))
                return usageError("--max-events needs a positive whole number");
        } else if (arg == "--max-seconds") {
            int64_t seconds = 0;
            if (!number(1, seconds) || seconds > 86'400)
                return usageError("--max-seconds needs a whole number of seconds from 1 to 86400");
            run.wallClockLimitSeconds = static_cast<int>(seconds);
        } else if (arg.size() > 1 && arg[0] == '-') {
            return usageError("unknown option " + arg + " (see looplab --help)");
        } else if (run.program.empty()) {
            run.program = arg;
        } else {
            return usageError("looplab run takes one program, got a second one: " + arg);
        }
    }
    if (run.program.empty())
        return usageError("looplab run needs a program: looplab run PROGRAM.py");
    if (const std::string problem = inputFileProblem(run.program, InputKind::Program);
        !problem.empty())
        return usageError("cannot run " + problem);
    return command;
}

bool parseSize(const std::string& value, int& width, int& height) {
    int w = 0;
    int h = 0;
    char x = 0;
    if (std::sscanf(value.c_str(), "%d%c%d", &w, &x, &h) != 3 || x != 'x' || w < 320 || h < 240 ||
        w > 8192 || h > 8192)
        return false;
    width = w;
    height = h;
    return true;
}

bool parseSeconds(const std::string& value, double& out) {
    char* end = nullptr;
    const double seconds = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0' || !(seconds >= 0))
        return false;
    out = seconds;
    return true;
}

Command parseExport(const std::vector<std::string>& args) {
    Command command;
    command.kind = Command::Kind::Export;
    ExportOptions& out = command.exportOptions;
    std::string walkthroughOption; // the last option only a walkthrough takes, if any
    std::string viewOption;        // the last option a walkthrough does not take, if any
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& arg = args[i];
        const bool hasValue = i + 1 < args.size();
        const std::string value = hasValue ? args[i + 1] : std::string();
        if (arg == "-o" || arg == "--output") {
            if (!hasValue)
                return usageError("-o needs a file name, e.g. -o timeline.png");
            out.output = value;
        } else if (arg == "--view") {
            viewOption = arg;
            if (value != "timeline" && value != "concurrency" && value != "breakdown")
                return usageError("--view is timeline, concurrency or breakdown");
            out.view = value;
        } else if (arg == "--size") {
            if (!parseSize(value, out.width, out.height))
                return usageError("--size needs WIDTHxHEIGHT, e.g. --size 1920x1080");
            out.sizeGiven = true;
        } else if (arg == "--dpr") {
            viewOption = arg;
            if (value != "1" && value != "2" && value != "3")
                return usageError("--dpr is 1, 2 or 3 (device pixels per pixel)");
            out.pixelRatio = std::stod(value);
        } else if (arg == "--theme") {
            if (!isThemeName(value))
                return usageError("--theme is light, dark or high-contrast");
            out.theme = value;
        } else if (arg == "--from-step" || arg == "--to-step") {
            int64_t step = 0;
            if (!parseInteger(value, 0, step) || step > INT32_MAX)
                return usageError(arg + " needs a step number (0 or more)");
            (arg == "--from-step" ? out.fromStep : out.toStep) = static_cast<int>(step);
            walkthroughOption = arg;
        } else if (arg == "--fps") {
            int64_t fps = 0;
            if (!parseInteger(value, 1, fps) || fps > 60)
                return usageError("--fps needs frames per second from 1 to 60");
            out.fps = static_cast<int>(fps);
            walkthroughOption = arg;
        } else if (arg == "--present") {
            out.present = true;
            walkthroughOption = arg;
            continue; // takes no value
        } else if (arg == "--from") {
            viewOption = arg;
            if (!parseSeconds(value, out.fromSeconds))
                return usageError("--from needs a virtual time in seconds, e.g. --from 1.5");
        } else if (arg == "--to") {
            viewOption = arg;
            if (!parseSeconds(value, out.toSeconds))
                return usageError("--to needs a virtual time in seconds, e.g. --to 3");
        } else if (arg.size() > 1 && arg[0] == '-') {
            return usageError("unknown option " + arg + " (see looplab --help)");
        } else if (out.input.empty()) {
            out.input = arg;
            continue;
        } else {
            return usageError("looplab export takes one program, got a second one: " + arg);
        }
        ++i; // every option above takes a value
    }
    if (out.input.empty())
        return usageError("looplab export needs a program: looplab export PROGRAM.py -o OUT.png");
    if (out.output.empty())
        return usageError("looplab export needs an output file: -o OUT.png|.svg|.pdf|.csv|.json");
    const std::string format = exportFormatOf(out.output);
    if (format.empty())
        return usageError("cannot export to " + out.output +
                          ": unknown extension (use .png, .svg, .pdf, .csv, .json, .mp4, .webm "
                          "or .gif)");
    if (isWalkthroughFormat(format)) {
        if (!out.sizeGiven) { // a film of the window at the size slides are made for
            out.width = 1280;
            out.height = 720;
        }
        if (format != "gif" && (out.width % 2 != 0 || out.height % 2 != 0))
            return usageError("--size of a ." + format +
                              " needs an even width and height, e.g. 1280x720");
        if (out.toStep >= 0 && out.toStep < out.fromStep)
            return usageError("--to-step must not be before --from-step");
        if (!viewOption.empty())
            return usageError(viewOption + " is for a picture or data, not a walkthrough (use "
                                           "--from-step and --to-step)");
    } else if (!walkthroughOption.empty()) {
        return usageError(walkthroughOption + " is for a walkthrough (.mp4, .webm or .gif)");
    }
    if (out.fromSeconds >= 0 && out.toSeconds >= 0 && out.toSeconds <= out.fromSeconds)
        return usageError("--to must be later than --from");
    if (const std::string problem = inputFileProblem(out.input, InputKind::ProgramOrTrace);
        !problem.empty())
        return usageError("cannot export " + problem);
    return command;
}

Command parseWindow(const std::vector<std::string>& args) {
    Command command;
    command.kind = Command::Kind::Window;
    WindowOptions& window = command.window;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        const bool hasValue = i + 1 < args.size();
        const std::string value = hasValue ? args[i + 1] : std::string();
        if (arg == "--step") {
            int64_t step = 0;
            if (!hasValue || !parseInteger(value, 0, step))
                return usageError("--step needs a step number (0 or more)");
            window.step = static_cast<int>(step);
            ++i;
        } else if (arg == "--time") {
            char* end = nullptr;
            const double seconds = hasValue ? std::strtod(value.c_str(), &end) : -1;
            if (!hasValue || *end != '\0' || seconds < 0)
                return usageError("--time needs a virtual time in seconds, e.g. --time 1.5");
            window.timeSeconds = seconds;
            ++i;
        } else if (arg == "--present") {
            window.present = true;
        } else if (arg == "--schedule-seed") {
            if (!hasValue || !parseInteger(value, 0, window.scheduleSeed))
                return usageError(kScheduleSeedError);
            ++i;
        } else if (arg == "--jitter") {
            if (!hasValue || !parseJitter(value, window.jitter))
                return usageError(kJitterError);
            ++i;
        } else if (arg == "--screenshot") {
            if (!hasValue)
                return usageError("--screenshot needs a PNG file name");
            window.screenshot = value;
            ++i;
        } else if (arg == "--size") {
            if (!parseSize(value, window.width, window.height))
                return usageError("--size needs WIDTHxHEIGHT, e.g. --size 1280x720");
            ++i;
        } else if (arg == "--theme") {
            if (!isThemeName(value))
                return usageError("--theme is light, dark or high-contrast");
            window.theme = value;
            ++i;
        } else if (arg.size() > 1 && arg[0] == '-') {
            return usageError("unknown option " + arg + " (see looplab --help)");
        } else if (window.program.empty()) {
            window.program = arg;
        } else {
            return usageError("looplab opens one program, got a second one: " + arg);
        }
    }
    if (window.step >= 0 && window.timeSeconds >= 0)
        return usageError("use --step or --time, not both");
    if (!window.program.empty())
        if (const std::string problem = inputFileProblem(window.program, InputKind::ProgramOrTrace);
            !problem.empty())
            return usageError("cannot open " + problem);
    return command;
}

Command parseExplore(const std::vector<std::string>& args) {
    Command command;
    command.kind = Command::Kind::Explore;
    ExploreOptions& explore = command.explore;
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& arg = args[i];
        const bool hasValue = i + 1 < args.size();
        const std::string value = hasValue ? args[i + 1] : std::string();
        int64_t number = 0;
        if (arg == "--runs") {
            if (!parseInteger(value, 1, number) || number > 100'000)
                return usageError("--runs needs a whole number of runs from 1 to 100000");
            explore.runs = static_cast<int>(number);
            ++i;
        } else if (arg == "--seed") {
            if (!parseInteger(value, 0, explore.firstSeed))
                return usageError("--seed needs a whole number from 0 (the first run's schedule "
                                  "seed)");
            ++i;
        } else if (arg == "--jitter") {
            if (!parseJitter(value, explore.jitter))
                return usageError(kJitterError);
            ++i;
        } else if (arg == "--progress") {
            explore.progress = true;
        } else if (arg.size() > 1 && arg[0] == '-') {
            return usageError("unknown option " + arg + " (see looplab --help)");
        } else if (explore.program.empty()) {
            explore.program = arg;
        } else {
            return usageError("looplab explore takes one program, got a second one: " + arg);
        }
    }
    if (explore.program.empty())
        return usageError("looplab explore needs a program: looplab explore PROGRAM.py");
    if (const std::string problem = inputFileProblem(explore.program, InputKind::Program);
        !problem.empty())
        return usageError("cannot explore " + problem);
    return command;
}

} // namespace

Command parseCommandLine(const std::vector<std::string>& args) {
    const std::string first = args.empty() ? std::string() : args[0];
    if (first == "--help" || first == "-h" || first == "help")
        return commandOf(Command::Kind::Help);
    if (first == "--version")
        return commandOf(Command::Kind::Version);
    if (first == "run")
        return parseRun(args);
    if (first == "export")
        return parseExport(args);
    if (first == "explore")
        return parseExplore(args);
    if (first == "lessons") {
        if (args.size() > 1)
            return usageError("looplab lessons takes no arguments");
        return commandOf(Command::Kind::Lessons);
    }
    if (first == "check-lesson") {
        Command command = commandOf(Command::Kind::CheckLesson);
        for (size_t i = 1; i < args.size(); ++i) {
            if (args[i].size() > 1 && args[i][0] == '-')
                return usageError("unknown option " + args[i] + " (see looplab --help)");
            if (const std::string problem = inputFileProblem(args[i], InputKind::Program);
                !problem.empty())
                return usageError("cannot check " + problem);
            command.lessonPaths.push_back(args[i]);
        }
        if (command.lessonPaths.empty())
            return usageError(
                "looplab check-lesson needs a lesson: looplab check-lesson LESSON.py");
        return command;
    }
    return parseWindow(args);
}

std::string exportFormatOf(const std::string& path) {
    const size_t dot = path.find_last_of('.');
    const size_t slash = path.find_last_of('/');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
        return {};
    std::string extension = path.substr(dot + 1);
    for (char& c : extension)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* known : {"png", "svg", "pdf", "csv", "json", "mp4", "webm", "gif"})
        if (extension == known)
            return extension;
    return {};
}

bool isWalkthroughFormat(const std::string& format) {
    return format == "mp4" || format == "webm" || format == "gif";
}

std::string usageText() {
    return "usage:\n"
           "  looplab [PROGRAM.py] [--step N | --time T] [--screenshot OUT.png] [--size WxH]\n"
           "          [--theme light|dark|high-contrast] [--present] [--schedule-seed S [--jitter "
           "F]]\n"
           "      Open the window on a program (default: the first lesson) at a step or a\n"
           "      virtual time. --screenshot renders the window to a PNG and exits (no display\n"
           "      needed). --present opens presenting (F5): full screen, large, for a room.\n"
           "  looplab run PROGRAM.py [--stamp] [--trace OUT.json] [--line-cost NS] [--seed N]\n"
           "                         [--max-steps N] [--max-events N] [--max-seconds S]\n"
           "                         [--progress]\n"
           "      Run an asyncio program on LoopLab's virtual-time event loop.\n"
           "      --stamp          prefix each output line with its virtual time [S.mmm]\n"
           "      --trace FILE     write the recorded trace as JSON (docs/trace-format.md)\n"
           "      --line-cost NS   virtual nanoseconds per executed program line (default 100)\n"
           "      --seed N         seed for the random module (default 0)\n"
           "      --schedule-seed S  run under another legal schedule: network replies, executor\n"
           "                       jobs and blocking calls take seeded, varied times (default:\n"
           "                       the unperturbed model)\n"
           "      --jitter F       with --schedule-seed: durations vary by a factor in\n"
           "                       [1-F, 1+F] (default 0.5)\n"
           "      --max-steps N    stop after N loop callbacks (default 2000000)\n"
           "      --max-events N   stop after N trace events (default 6500000: what the\n"
           "                       window shows within 1 GB)\n"
           "      --max-seconds S  stop after S seconds of real time (default 120); the trace\n"
           "                       keeps what was recorded until then\n"
           "      --progress       every 0.25 s, a line 'looplab-progress: EVENTS VIRTUAL_NS'\n"
           "                       on stderr (needs --trace)\n"
           "  looplab export PROGRAM.py -o OUT [--view timeline|concurrency|breakdown]\n"
           "                 [--size WxH] [--dpr 2] [--theme light|dark|high-contrast]\n"
           "                 [--from T] [--to T]\n"
           "      Run a program (or read a trace .json) and export without a window. OUT's\n"
           "      extension picks the format: .png .svg .pdf (the view, default 1920x1080),\n"
           "      .csv (task,state,detail,start_s,end_s), .json (Chrome trace for Perfetto).\n"
           "      --from/--to keep only that stretch of virtual time (seconds).\n"
           "  looplab explore PROGRAM.py [--runs N] [--seed S] [--jitter F] [--progress]\n"
           "      Run the program N times (default 100) under perturbed schedules with seeds\n"
           "      S, S+1, ... (default 1), two at a time, and group the runs by outcome (what\n"
           "      it printed and how it ended); the last line is 'outcomes: K distinct in N\n"
           "      runs'. Exit status 0 when every run had the same outcome, 5 when not.\n"
           "      --progress prints 'looplab-progress: DONE TOTAL' on stderr after each run.\n"
           "  looplab export PROGRAM.py -o WALK.mp4|.webm|.gif [--from-step A] [--to-step B]\n"
           "                 [--fps N] [--size WxH] [--present] [--theme ...]\n"
           "      Film the window stepping from step A to step B (default: every step), one\n"
           "      second a step with the task moves animated, as a video or an animated GIF\n"
           "      (default 1280x720, 10 frames per second; --present: the projector layout).\n"
           "  looplab lessons\n"
           "      List the built-in lessons in course order: ID<TAB>TITLE<TAB>PATH.\n"
           "  looplab check-lesson LESSON.py...\n"
           "      Run each lesson and check its notes and questions against the run\n"
           "      (docs/lesson-format.md); prints each problem or 'ok', exits 1 on problems.\n"
           "  looplab --version | --help\n"
           "      Print LoopLab's version (and the embedded Python's), or this help.\n"
           "  exit status: 0 finished, 1 uncaught exception, 2 usage error, 3 deadlock,\n"
           "               4 budget exceeded (runaway loop, steps, output, memory, time),\n"
           "               5 the program's own sys.exit(N); for explore: several outcomes\n";
}

} // namespace looplab
