#include "LessonCatalog.h"

#include "LessonParser.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace looplab {

namespace fs = std::filesystem;

std::vector<Lesson> loadLessonFolder(const std::string& folder) {
    std::vector<std::string> paths;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(folder, error))
        if (entry.is_regular_file() && entry.path().extension() == ".py")
            paths.push_back(entry.path().string());
    std::sort(paths.begin(), paths.end());
    std::vector<Lesson> lessons;
    for (const std::string& path : paths)
        lessons.push_back(loadLesson(path));
    return lessons;
}

std::string findLessonFolder(const std::string& executablePath) {
    // An installed looplab has bin/looplab and share/looplab/lessons, and so has a build tree
    // (where it is a link to the source tree's lessons/: engine/CMakeLists.txt). Canonical, so
    // a lesson is the same file by whichever path it was opened.
    std::error_code error;
    const fs::path installed =
        fs::path(executablePath).parent_path().parent_path() / "share" / "looplab" / "lessons";
    if (!fs::is_directory(installed, error))
        return {};
    const fs::path canonical = fs::canonical(installed, error);
    return error ? installed.string() : canonical.string();
}

} // namespace looplab
