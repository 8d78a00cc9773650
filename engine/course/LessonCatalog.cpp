#include "LessonCatalog.h"

#include "LessonParser.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#ifndef LOOPLAB_SOURCE_LESSONS_DIR
#define LOOPLAB_SOURCE_LESSONS_DIR ""
#endif

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
    // An installed looplab has bin/looplab and share/looplab/lessons; a build tree uses the
    // source tree's folder.
    std::error_code error;
    const fs::path installed =
        fs::path(executablePath).parent_path().parent_path() / "share" / "looplab" / "lessons";
    if (fs::is_directory(installed, error))
        return installed.string();
    const fs::path source(LOOPLAB_SOURCE_LESSONS_DIR);
    if (!source.empty() && fs::is_directory(source, error))
        return source.string();
    return {};
}

} // namespace looplab
