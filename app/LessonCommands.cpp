#include "LessonCommands.h"

#include "LessonCatalog.h"
#include "LessonChecker.h"
#include "LessonParser.h"
#include "QuietRun.h"
#include "RunOptions.h"

#include <filesystem>
#include <iostream>

namespace looplab {

int listLessons(const std::string& executablePath) {
    const std::string folder = findLessonFolder(executablePath);
    if (folder.empty()) {
        std::cerr << "looplab: cannot find the built-in lessons (share/looplab/lessons)\n";
        return kExitUsage;
    }
    for (const Lesson& lesson : loadLessonFolder(folder)) {
        // Absolute, so the path opens from any folder (`looplab "$(looplab lessons | ...)"`).
        std::error_code error;
        std::filesystem::path path = std::filesystem::canonical(lesson.path, error);
        if (error)
            path = std::filesystem::absolute(lesson.path).lexically_normal();
        std::cout << lesson.id << '\t' << (lesson.title.empty() ? lesson.id : lesson.title) << '\t'
                  << path.string() << '\n';
    }
    return kExitFinished;
}

int checkLessons(const std::vector<std::string>& paths, const std::string& pythonDir) {
    int failed = 0;
    for (const std::string& path : paths) {
        const Lesson lesson = loadLesson(path);
        std::vector<LessonProblem> problems;
        if (!lesson.isLesson()) {
            // Nothing to check, so nothing to run: a file that is not a lesson is not executed.
            problems.push_back({0, "no lesson here: the module docstring has no title and fields"});
        } else if (const TraceReadResult read = recordQuietly(path, pythonDir); !read.ok) {
            problems.push_back({0, "the run left no trace: " + read.error});
        } else {
            problems = LessonChecker(read.trace.events).verify(lesson);
        }
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
