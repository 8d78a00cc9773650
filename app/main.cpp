// looplab: the command line. `looplab run` runs a program on the engine without any GUI;
// everything else opens (or renders) the desktop window.

#include "CommandLine.h"
#include "ConfinementNotice.h"
#include "ExploreCommand.h"
#include "ExportCommand.h"
#include "LessonCommands.h"
#include "ProgramRunner.h"
#include "PythonVersion.h"
#include "WalkthroughCommand.h"
#include "WindowApp.h"
#include "WorkerProcess.h"

#include <filesystem>
#include <iostream>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

std::string executablePath(const char* argv0) {
    char buffer[4096];
    const ssize_t n = readlink("/proc/self/exe", buffer, sizeof buffer - 1);
    if (n > 0)
        return std::string(buffer, static_cast<size_t>(n));
    return argv0;
}

} // namespace

int main(int argc, char** argv) {
    using looplab::Command;
    const std::vector<std::string> args(argv + 1, argv + argc);
    Command command = looplab::parseCommandLine(args);
    switch (command.kind) {
    case Command::Kind::Help:
        std::cout << looplab::usageText();
        return 0;
    case Command::Kind::Version:
        std::cout << "looplab " LOOPLAB_VERSION " (Python " << looplab::embeddedPythonVersion()
                  << ")\n";
        return 0;
    case Command::Kind::UsageError:
        std::cerr << "looplab: " << command.error << '\n';
        return looplab::kExitUsage;
    case Command::Kind::Window:
        return looplab::runWindow(argc, argv, command.window);
    case Command::Kind::Lessons:
        return looplab::listLessons(executablePath(argv[0]));
    case Command::Kind::Export:
        // A walkthrough films the window, which runs the program itself (as `looplab run`).
        if (looplab::isWalkthroughFormat(looplab::exportFormatOf(command.exportOptions.output)))
            return looplab::runWalkthroughExport(argc, argv, command.exportOptions);
        break;
    case Command::Kind::Run:
    case Command::Kind::Explore:
    case Command::Kind::CheckLesson:
        break;
    }
    command.run.pythonDir = looplab::findPythonDir(executablePath(argv[0]));
    if (command.run.pythonDir.empty()) {
        std::cerr << "looplab: cannot find LoopLab's Python files (share/looplab/python)\n";
        return looplab::kExitUsage;
    }
    // Found as bin/../share/looplab/python: without the "..", so the Python side's own idea of
    // where it lives (os.path.abspath(__file__), which drops "..") is the same path as its
    // modules' file names, which come from this entry of sys.path.
    std::error_code unresolved;
    const std::filesystem::path real =
        std::filesystem::canonical(command.run.pythonDir, unresolved);
    if (!unresolved)
        command.run.pythonDir = real.string();
    if (command.kind == Command::Kind::Export)
        return looplab::runExport(argc, argv, command.exportOptions, command.run.pythonDir);
    if (command.kind == Command::Kind::Explore)
        return looplab::runExplore(command.explore, command.run.pythonDir);
    if (command.kind == Command::Kind::CheckLesson)
        return looplab::checkLessons(command.lessonPaths, command.run.pythonDir);
    looplab::sayOnceIfUnconfined();
    return looplab::runInWorkerProcess(command.run);
}
