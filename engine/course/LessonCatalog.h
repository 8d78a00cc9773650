#pragma once
// The lessons of a folder, in course order (file-name order: 01_..., 02_...). Used by
// `looplab lessons`, the lesson browser and the tests.

#include "Lesson.h"

#include <string>
#include <vector>

namespace looplab {

std::vector<Lesson> loadLessonFolder(const std::string& folder);

// The built-in course, share/looplab/lessons beside the executable's bin/ (installed or
// built); "" when not found.
std::string findLessonFolder(const std::string& executablePath);

} // namespace looplab
