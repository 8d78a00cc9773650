#pragma once
// Reads a lesson out of a Python file: the module docstring's fields and the `#>` notes
// (docs/lesson-format.md). Never throws and never gives up: a mistake becomes a LessonProblem
// naming its line, and everything else of the lesson is still read, so a lesson with a typo
// still opens.

#include "Lesson.h"

#include <string>

namespace looplab {

Lesson parseLesson(const std::string& source, const std::string& path);
// Reads the file first; an unreadable file gives a lesson with one problem.
Lesson loadLesson(const std::string& path);

// Parses a note's condition ("when worker waits on lock_a", "at t=2"), without the brackets.
// Returns false and sets `error` when it is not one of the documented forms.
bool parseMoment(const std::string& condition, LessonMoment& moment, std::string& error);

} // namespace looplab
