#pragma once
// Parses LoopLab's command line into plain data; main() acts on it. Kept free of I/O so the
// parser is unit-tested with tables of argument lists.

#include "RunOptions.h"

#include <string>
#include <vector>

namespace looplab {

struct WindowOptions {
    std::string program;     // "" = the first lesson
    int step = -1;           // open at this step
    double timeSeconds = -1; // or at this virtual time
    std::string screenshot;  // render the window to this PNG and exit
    int width = 1600;
    int height = 1000;
    std::string theme;         // "" = the one chosen last in View → Theme (light at first)
    bool present = false;      // open presenting (F5): full screen unless --screenshot
    int64_t scheduleSeed = -1; // record the program under this perturbed schedule (-1: none)
    double jitter = 0.5;
};

// `looplab explore`: the program under many perturbed schedules, grouped by outcome.
struct ExploreOptions {
    std::string program;
    int runs = 100;
    int64_t firstSeed = 1; // run i has schedule seed firstSeed + i
    double jitter = 0.5;
    // "looplab-progress: DONE TOTAL" on stderr after each run (the window's dialog reads it).
    bool progress = false;
};

// `looplab export`: a run's view or data written to a file, without a window.
struct ExportOptions {
    std::string input;             // a program (.py) or a recorded trace (.json from `run --trace`)
    std::string output;            // the format follows its extension
    std::string view = "timeline"; // timeline | concurrency | breakdown (pictures only)
    int width = 1920;
    int height = 1080;
    double pixelRatio = 1.0; // --dpr 2: a PNG twice as many pixels across, for sharp slides
    std::string theme = "light";
    double fromSeconds = -1; // -1: from the start
    double toSeconds = -1;   // -1: to the end
    // A walkthrough (.mp4, .webm, .gif): the window filmed step by step, one second a step.
    int fromStep = 0;
    int toStep = -1; // -1: the last step
    int fps = 10;
    bool present = false; // the projector layout (F5) instead of the desk's
    bool sizeGiven = false;
};

struct Command {
    enum class Kind {
        Run,
        Help,
        Version,
        Window,
        Lessons,
        CheckLesson,
        Export,
        Explore,
        UsageError
    };
    Kind kind = Kind::Help;
    RunOptions run;
    WindowOptions window;
    ExportOptions exportOptions;
    ExploreOptions explore;
    std::vector<std::string> lessonPaths; // check-lesson
    std::string error;                    // one line, for UsageError
};

Command parseCommandLine(const std::vector<std::string>& args);
// The export formats by file extension; "" for one LoopLab cannot write.
std::string exportFormatOf(const std::string& path);
// Whether a format (as exportFormatOf names it) is a walkthrough of the window, not a view.
bool isWalkthroughFormat(const std::string& format);
std::string usageText();

} // namespace looplab
