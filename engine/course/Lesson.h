#pragma once
// A lesson as an author wrote it: the teaching text, questions and notes found in a lesson's
// `.py` file (docs/lesson-format.md). Plain data; LessonParser fills it, LessonChecker checks it
// against a recorded run, the app shows it.

#include <string>
#include <vector>

namespace looplab {

// A mistake in a lesson's format, with the file line it is on (1-based; 0 = the whole file).
struct LessonProblem {
    int line = 0;
    std::string message;
};

// The moment a note appears: a line running for the first time, or a named moment of the run.
struct LessonMoment {
    enum class Kind {
        LineRuns,
        TaskStarts,
        TaskFinishes,
        TaskWaits,
        LoopBlocks,
        Printed,
        AtTime,
        AtEnd
    };
    Kind kind = Kind::LineRuns;
    int line = 0;        // LineRuns
    std::string task;    // TaskStarts, TaskFinishes, TaskWaits: a task or coroutine name
    std::string name;    // TaskWaits: an object name or wait kind; Printed: text to find
    double seconds = 0;  // AtTime
    std::string written; // the condition as the author wrote it, for messages ("" = line runs)
};

struct LessonNote {
    int commentLine = 0;   // where the `#>` comment is
    int commentColumn = 0; // the byte of its `#` in that line (0-based)
    int line = 0;          // the code line it belongs to (shown beside it)
    LessonMoment moment;
    std::string text;
};

struct LessonQuestion {
    int line = 0; // of `Predict:`
    std::string prompt;
    std::string check; // e.g. "total_time", "output_line -1", "max_waiting network"
    int checkLine = 0;
    std::vector<std::string> choices;
    std::string explain;
};

struct Lesson {
    std::string path;
    std::string id; // file name without .py
    std::string title;
    std::string chapter;
    std::vector<std::string> goals;
    std::vector<std::string> paragraphs; // the Text: field, one string per paragraph
    std::vector<LessonQuestion> questions;
    std::vector<std::string> tries;
    std::vector<LessonNote> notes;
    std::vector<LessonProblem> problems;
    // The module docstring's first and last lines (1-based; 0 when there is none): the lesson's
    // text, which the lesson panel shows and the code view folds away.
    int docstringFirstLine = 0;
    int docstringLastLine = 0;
    // Whether the file has any lesson content at all; a plain program is not a lesson.
    bool isLesson() const {
        return !title.empty() && (!chapter.empty() || !questions.empty() || !paragraphs.empty() ||
                                  !goals.empty() || !notes.empty());
    }
};

} // namespace looplab
