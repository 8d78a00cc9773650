#include "LessonCommands.h"

#include "LessonCatalog.h"
#include "LessonChecker.h"
#include "LessonParser.h"
#include "RunOptions.h"
#include "TraceReader.h"
#include "WorkerProcess.h"

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <iostream>
#include <sys/wait.h>
#include <unistd.h>

namespace looplab {

namespace {

// Runs the program with its output thrown away and its trace written to `traceOut`.
int runQuietly(RunOptions options) {
    std::fflush(nullptr);
    const pid_t child = fork();
    if (child < 0)
        return kExitBudget;
    if (child == 0) {
        const int null = open("/dev/null", O_WRONLY);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        _exit(runInWorkerProcess(options));
    }
    int status = 0;
    waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : kExitBudget;
}

} // namespace

int listLessons(const std::string& executablePath) {
    const std::string folder = findLessonFolder(executablePath);
    if (folder.empty()) {
        std::cerr << "looplab: cannot find the built-in lessons (share/looplab/lessons)\n";
        return kExitUsage;
    }
    for (const Lesson& lesson : loadLessonFolder(folder)) {
        const std::string file = std::filesystem::path(lesson.path).filename().string();
        std::cout << lesson.id << '\t' << (lesson.title.empty() ? lesson.id : lesson.title)
                  << "\tlessons/" << file << '\n';
    }
    return kExitFinished;
}

int checkLessons(const std::vector<std::string>& paths, const std::string& pythonDir) {
    int failed = 0;
    for (const std::string& path : paths) {
        const Lesson lesson = loadLesson(path);
        char traceName[] = "/tmp/looplab-check-XXXXXX";
        const int fd = mkstemp(traceName);
        if (fd < 0) {
            std::cerr << "looplab: cannot create a temporary file for the trace\n";
            return kExitUsage;
        }
        close(fd);
        RunOptions options;
        options.program = path;
        options.traceOut = traceName;
        options.pythonDir = pythonDir;
        runQuietly(options);
        const TraceReadResult read = readTraceFile(traceName);
        std::remove(traceName);
        std::vector<LessonProblem> problems;
        if (!read.ok)
            problems.push_back({0, "the run left no trace: " + read.error});
        else
            problems = LessonChecker(read.trace.events).verify(lesson);
        if (!lesson.isLesson())
            problems.insert(problems.begin(),
                            {0, "no lesson here: the module docstring has no title and fields"});
        for (const LessonProblem& problem : problems)
            std::cout << path << ':' << problem.line << ": " << problem.message << '\n';
        if (problems.empty())
            std::cout << path << ": ok\n";
        else
            ++failed;
    }
    return failed ? kExitException : kExitFinished;
}

} // namespace looplab
