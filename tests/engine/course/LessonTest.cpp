// Lessons (docs/lesson-format.md): the parser reads a lesson's docstring fields and `#>` notes,
// naming the line of every mistake; the checker answers questions and finds the moment of each
// note from a recorded run.
#include "LessonChecker.h"
#include "LessonParser.h"
#include "TaskWait.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

using namespace looplab;

namespace {

constexpr int64_t kSecond = 1'000'000'000;
using Kind = LessonMoment::Kind;

// A source given line by line: line N of the file is element N-1.
std::string source(const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines)
        text += line + "\n";
    return text;
}

std::vector<std::pair<int, std::string>> problemList(const std::vector<LessonProblem>& problems) {
    std::vector<std::pair<int, std::string>> list;
    for (const LessonProblem& problem : problems)
        list.emplace_back(problem.line, problem.message);
    return list;
}

const std::string kKnownFields = "(known: Chapter, Goals, Text, Predict, Check, Choices, Explain, "
                                 "Try)";

// ---- the parser --------------------------------------------------------------------------

const std::vector<std::string> kGoodLesson = {
    R"("""Waiting together)",                                               // 1
    "",                                                                     // 2
    "Chapter: Getting started",                                             // 3
    "Goals:",                                                               // 4
    "- See two waits overlap",                                              // 5
    "- Read the timeline",                                                  // 6
    "",                                                                     // 7
    "Text:",                                                                // 8
    "First paragraph, line one",                                            // 9
    "and line two.",                                                        // 10
    "",                                                                     // 11
    "Second paragraph.",                                                    // 12
    "  Note: an indented word and colon is text, not a field.",             // 13
    "",                                                                     // 14
    "Predict: How long does the",                                           // 15
    "program take?",                                                        // 16
    "Check: total_time",                                                    // 17
    "Choices: 1 s | 2 s | 3 s",                                             // 18
    "Explain: Both sleeps",                                                 // 19
    "overlap.",                                                             // 20
    "",                                                                     // 21
    "Predict: Which drink is ready first?",                                 // 22
    "Check: first_done",                                                    // 23
    "Choices: tea|coffee",                                                  // 24
    "Explain: The shorter wait.",                                           // 25
    "",                                                                     // 26
    "Try: Replace gather",                                                  // 27
    "with two awaits.",                                                     // 28
    "",                                                                     // 29
    "Try: Add a third drink.",                                              // 30
    R"(""")",                                                               // 31
    "",                                                                     // 32
    "import asyncio",                                                       // 33
    R"(HELP = """)",                                                        // 34
    "#> not a note: this is inside a string",                               // 35
    R"(""")",                                                               // 36
    "",                                                                     // 37
    "",                                                                     // 38
    "async def brew(drink, seconds):",                                      // 39
    "    await asyncio.sleep(seconds)  #> The task suspends here.",         // 40
    R"(    print(f"{drink} # is ready")  # an ordinary comment)",           // 41
    R"(    mark = '#> not a note either')",                                 // 42
    "",                                                                     // 43
    "",                                                                     // 44
    "async def main():",                                                    // 45
    "    #> [when printed tea] The shorter wait ends first.",               // 46
    "",                                                                     // 47
    "    #> Both brews start now.",                                         // 48
    R"(    await asyncio.gather(brew("coffee", 2), brew("tea", 1)))",       // 49
    R"(    s = "a #> in a string"  #>[at end]  The string held a hash.  )", // 50
    "",                                                                     // 51
    "",                                                                     // 52
    "asyncio.run(main())",                                                  // 53
};

TEST(LessonParser, ReadsTheDocstringFields) {
    const Lesson lesson = parseLesson(source(kGoodLesson), "/some/where/05_brew.py");
    EXPECT_EQ(lesson.path, "/some/where/05_brew.py");
    EXPECT_EQ(lesson.id, "05_brew");
    EXPECT_EQ(lesson.title, "Waiting together");
    EXPECT_EQ(lesson.chapter, "Getting started");
    EXPECT_EQ(lesson.goals,
              (std::vector<std::string>{"See two waits overlap", "Read the timeline"}));
    EXPECT_EQ(lesson.paragraphs,
              (std::vector<std::string>{
                  "First paragraph, line one and line two.",
                  "Second paragraph. Note: an indented word and colon is text, not a field."}));
    EXPECT_EQ(lesson.tries,
              (std::vector<std::string>{"Replace gather with two awaits.", "Add a third drink."}));
    EXPECT_TRUE(lesson.isLesson());
    EXPECT_EQ(problemList(lesson.problems), (std::vector<std::pair<int, std::string>>{}));
}

TEST(LessonParser, EachPredictStartsAQuestionWithItsOwnFields) {
    const Lesson lesson = parseLesson(source(kGoodLesson), "brew.py");
    ASSERT_EQ(lesson.questions.size(), 2u);
    const LessonQuestion& first = lesson.questions[0];
    EXPECT_EQ(first.line, 15);
    EXPECT_EQ(first.prompt, "How long does the program take?");
    EXPECT_EQ(first.check, "total_time");
    EXPECT_EQ(first.checkLine, 17);
    EXPECT_EQ(first.choices, (std::vector<std::string>{"1 s", "2 s", "3 s"}));
    EXPECT_EQ(first.explain, "Both sleeps overlap.");
    const LessonQuestion& second = lesson.questions[1];
    EXPECT_EQ(second.line, 22);
    EXPECT_EQ(second.prompt, "Which drink is ready first?");
    EXPECT_EQ(second.check, "first_done");
    EXPECT_EQ(second.checkLine, 23);
    EXPECT_EQ(second.choices, (std::vector<std::string>{"tea", "coffee"}));
    EXPECT_EQ(second.explain, "The shorter wait.");
}

TEST(LessonParser, NotesBelongToTheirOwnLineOrTheNextCodeLine) {
    const Lesson lesson = parseLesson(source(kGoodLesson), "brew.py");
    ASSERT_EQ(lesson.notes.size(), 4u);

    const LessonNote& trailing = lesson.notes[0];
    EXPECT_EQ(trailing.commentLine, 40);
    EXPECT_EQ(trailing.line, 40);
    EXPECT_EQ(trailing.moment.kind, Kind::LineRuns);
    EXPECT_EQ(trailing.moment.line, 40);
    EXPECT_EQ(trailing.moment.written, "");
    EXPECT_EQ(trailing.text, "The task suspends here.");

    // Two notes on lines of their own, a blank line between them: both belong to line 49.
    const LessonNote& conditional = lesson.notes[1];
    EXPECT_EQ(conditional.commentLine, 46);
    EXPECT_EQ(conditional.line, 49);
    EXPECT_EQ(conditional.moment.kind, Kind::Printed);
    EXPECT_EQ(conditional.moment.name, "tea");
    EXPECT_EQ(conditional.moment.written, "when printed tea");
    EXPECT_EQ(conditional.text, "The shorter wait ends first.");

    const LessonNote& before = lesson.notes[2];
    EXPECT_EQ(before.commentLine, 48);
    EXPECT_EQ(before.line, 49);
    EXPECT_EQ(before.moment.kind, Kind::LineRuns);
    EXPECT_EQ(before.moment.line, 49);
    EXPECT_EQ(before.text, "Both brews start now.");

    // The `#>` inside the string literal is not the comment; the one after it is.
    const LessonNote& afterString = lesson.notes[3];
    EXPECT_EQ(afterString.commentLine, 50);
    EXPECT_EQ(afterString.line, 50);
    EXPECT_EQ(afterString.moment.kind, Kind::AtEnd);
    EXPECT_EQ(afterString.moment.written, "at end");
    EXPECT_EQ(afterString.text, "The string held a hash.");
}

TEST(LessonParser, TitleMayFollowTheOpeningQuotesOnTheNextLine) {
    const Lesson lesson = parseLesson(source({
                                          "#!/usr/bin/env python3", // 1
                                          "",                       // 2
                                          R"(""")",                 // 3
                                          "  Late title  ",         // 4
                                          "",                       // 5
                                          "Chapter: Two",           // 6
                                          R"(""")",                 // 7
                                          "print('hi')",            // 8
                                      }),
                                      "late.py");
    EXPECT_EQ(lesson.title, "Late title");
    EXPECT_EQ(lesson.chapter, "Two");
    EXPECT_TRUE(lesson.isLesson());
    EXPECT_TRUE(lesson.problems.empty());
}

TEST(LessonParser, WindowsLineEndingsReadTheSame) {
    std::string text;
    for (const std::string& line : kGoodLesson)
        text += line + "\r\n";
    const Lesson lesson = parseLesson(text, "brew.py");
    EXPECT_EQ(lesson.title, "Waiting together");
    EXPECT_EQ(lesson.chapter, "Getting started");
    ASSERT_EQ(lesson.questions.size(), 2u);
    EXPECT_EQ(lesson.questions[0].choices, (std::vector<std::string>{"1 s", "2 s", "3 s"}));
    ASSERT_EQ(lesson.notes.size(), 4u);
    EXPECT_EQ(lesson.notes[0].text, "The task suspends here.");
    EXPECT_TRUE(lesson.problems.empty());
}

TEST(LessonParser, AByteOrderMarkIsNotPartOfTheText) {
    std::string text = "\xEF\xBB\xBF";
    for (const std::string& line : kGoodLesson)
        text += line + "\n";
    const Lesson lesson = parseLesson(text, "brew.py");
    EXPECT_TRUE(lesson.isLesson());
    EXPECT_EQ(lesson.title, "Waiting together");
    ASSERT_EQ(lesson.questions.size(), 2u);
    EXPECT_TRUE(lesson.problems.empty());
}

TEST(LessonParser, ASecondCheckChoicesOrExplainForOneQuestionIsAProblem) {
    const Lesson lesson = parseLesson(source({
                                          R"("""Two checks)",            // 1
                                          "",                            // 2
                                          "Predict: How long?",          // 3
                                          "Check: total_time",           // 4
                                          "Choices: 1 s | 2 s",          // 5
                                          "Explain: The waits overlap.", // 6
                                          "Check: first_done",           // 7
                                          "Choices: a | b",              // 8
                                          "Explain: Another.",           // 9
                                          R"(""")",                      // 10
                                          "print(1)",                    // 11
                                      }),
                                      "two.py");
    ASSERT_EQ(lesson.questions.size(), 1u);
    EXPECT_EQ(lesson.questions[0].check, "total_time"); // the first is kept, not replaced
    EXPECT_EQ(lesson.questions[0].choices, (std::vector<std::string>{"1 s", "2 s"}));
    ASSERT_EQ(lesson.problems.size(), 3u);
    const int lines[] = {7, 8, 9};
    const char* fields[] = {"Check", "Choices", "Explain"};
    for (size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(lesson.problems[i].line, lines[i]);
        EXPECT_EQ(lesson.problems[i].message,
                  std::string("a second '") + fields[i] +
                      ":' for the question of line 3 (each question has one; is a 'Predict:' "
                      "missing?)");
    }
}

TEST(LessonParser, EveryMistakeIsReportedOnItsLine) {
    const Lesson lesson = parseLesson(
        source({
            R"("""A lesson full of mistakes)",                                              // 1
            "",                                                                             // 2
            "Check: total_time",                                                            // 3
            "Chapter: Mistakes",                                                            // 4
            "",                                                                             // 5
            "Predict: How long?",                                                           // 6
            "Check: total_time",                                                            // 7
            "Choises: 1 s | 2 s",                                                           // 8
            "",                                                                             // 9
            "Predict: What is printed first?",                                              // 10
            "Choices: a | b",                                                               // 11
            "",                                                                             // 12
            "Predict: Does it deadlock?",                                                   // 13
            "Check: deadlock",                                                              // 14
            "Choices: yes",                                                                 // 15
            R"(""")",                                                                       // 16
            "import asyncio",                                                               // 17
            "",                                                                             // 18
            "async def main():",                                                            // 19
            "    await asyncio.sleep(1)  #> [when main finishes The bracket never closes.", // 20
            "    await asyncio.sleep(1)  #> [when main dances] Not a moment.",              // 21
            "    #> [at t=soon] Not a time.",                                               // 22
            "    print('done')  #> [at end]",                                               // 23
            "",                                                                             // 24
            "asyncio.run(main())",                                                          // 25
            "#> Nothing comes after this note.",                                            // 26
        }),
        "mistakes.py");
    const std::string moments =
        "write [when TASK starts], [when TASK finishes], [when TASK waits on NAME], "
        "[when loop blocks], [when printed TEXT], [at t=SECONDS] or [at end]";
    EXPECT_EQ(problemList(lesson.problems),
              (std::vector<std::pair<int, std::string>>{
                  {3, "'Check:' comes before any 'Predict:' question"},
                  {6, "the question needs at least two 'Choices:' separated by |"},
                  {8, "unknown field 'Choises' " + kKnownFields},
                  {10, "the question has no 'Check:'"},
                  {13, "the question needs at least two 'Choices:' separated by |"},
                  {20, "the note's condition has no closing ']'"},
                  {21, "cannot read the condition [when main dances]: " + moments},
                  {22, "cannot read the condition [at t=soon]: " + moments},
                  {23, "the note has no text"},
                  {26, "the note has no code line after it"},
              }));
    // The rest of the lesson is still read.
    EXPECT_EQ(lesson.title, "A lesson full of mistakes");
    EXPECT_EQ(lesson.chapter, "Mistakes");
    ASSERT_EQ(lesson.questions.size(), 3u);
    EXPECT_EQ(lesson.questions[2].choices, (std::vector<std::string>{"yes"}));
    EXPECT_TRUE(lesson.notes.empty());
}

TEST(LessonParser, AMisspeltFieldDoesNotRunIntoTheCheckAboveIt) {
    // The example of docs/lesson-format.md: `Choises:` right after `Check:`.
    const Lesson lesson = parseLesson(source({
                                          R"("""Misspelt)",        // 1
                                          "",                      // 2
                                          "Predict: How long?",    // 3
                                          "Check: total_time",     // 4
                                          "Choises: 1 s | 2 s",    // 5
                                          "and 3 s",               // 6
                                          "Explain: It overlaps.", // 7
                                          "",                      // 8
                                          "Predict: Which first?", // 9
                                          "Check: first_done",     // 10
                                          "Choices: tea | coffee", // 11
                                          "Explian: The shorter.", // 12
                                          R"(""")",                // 13
                                      }),
                                      "misspelt.py");
    EXPECT_EQ(problemList(lesson.problems),
              (std::vector<std::pair<int, std::string>>{
                  {3, "the question needs at least two 'Choices:' separated by |"},
                  {5, "unknown field 'Choises' " + kKnownFields},
                  {12, "unknown field 'Explian' " + kKnownFields},
              }));
    ASSERT_EQ(lesson.questions.size(), 2u);
    EXPECT_EQ(lesson.questions[0].check, "total_time");
    EXPECT_TRUE(lesson.questions[0].choices.empty());
    EXPECT_EQ(lesson.questions[0].explain, "It overlaps.");
    EXPECT_EQ(lesson.questions[1].choices, (std::vector<std::string>{"tea", "coffee"}));
}

TEST(LessonParser, AnUnclosedDocstringIsReportedWhereItOpens) {
    const Lesson lesson = parseLesson(source({
                                          "# a comment first",  // 1
                                          "",                   // 2
                                          R"("""Never closed)", // 3
                                          "",                   // 4
                                          "Chapter: Open",      // 5
                                          "import asyncio",     // 6
                                      }),
                                      "open.py");
    EXPECT_EQ(problemList(lesson.problems),
              (std::vector<std::pair<int, std::string>>{{3, "the docstring is never closed"}}));
    EXPECT_EQ(lesson.title, "Never closed");
}

TEST(LessonParser, AFileWithoutADocstringIsNotALesson) {
    const Lesson plain = parseLesson(source({
                                         "import asyncio",
                                         "x = 'Chapter: not a field'",
                                         "asyncio.run(asyncio.sleep(1))",
                                     }),
                                     "plain.py");
    EXPECT_FALSE(plain.isLesson());
    EXPECT_EQ(plain.title, "");
    EXPECT_TRUE(plain.questions.empty());
    EXPECT_TRUE(plain.problems.empty());

    // A docstring with a title and nothing else is an ordinary module docstring.
    const Lesson described = parseLesson(source({
                                             R"("""Just a program.""")",
                                             "import asyncio",
                                         }),
                                         "described.py");
    EXPECT_EQ(described.title, "Just a program.");
    EXPECT_FALSE(described.isLesson());

    // A string that is not the first statement is not the docstring.
    const Lesson late = parseLesson(source({
                                        "import asyncio",
                                        R"("""Title)",
                                        "Chapter: Late",
                                        R"(""")",
                                    }),
                                    "late.py");
    EXPECT_EQ(late.title, "");
    EXPECT_FALSE(late.isLesson());
}

TEST(LessonParser, AnUnreadableFileIsOneProblem) {
    const Lesson lesson = loadLesson("/nonexistent/looplab/lesson.py");
    EXPECT_EQ(lesson.path, "/nonexistent/looplab/lesson.py");
    EXPECT_EQ(problemList(lesson.problems),
              (std::vector<std::pair<int, std::string>>{
                  {0, "/nonexistent/looplab/lesson.py: no such file"}}));
    EXPECT_FALSE(lesson.isLesson());
}

TEST(LessonParser, LoadLessonReadsTheFile) {
    const std::string path = ::testing::TempDir() + "07_loaded.py";
    {
        std::FILE* file = std::fopen(path.c_str(), "w");
        ASSERT_NE(file, nullptr);
        const std::string text = source(kGoodLesson);
        std::fwrite(text.data(), 1, text.size(), file);
        std::fclose(file);
    }
    const Lesson lesson = loadLesson(path);
    std::remove(path.c_str());
    EXPECT_EQ(lesson.id, "07_loaded");
    EXPECT_EQ(lesson.title, "Waiting together");
    EXPECT_EQ(lesson.questions.size(), 2u);
    EXPECT_EQ(lesson.notes.size(), 4u);
    EXPECT_TRUE(lesson.problems.empty());
}

// ---- parseMoment -------------------------------------------------------------------------

struct MomentCase {
    std::string condition;
    Kind kind;
    std::string task;
    std::string name;
    double seconds;
};

TEST(LessonParser, ParseMomentReadsEveryDocumentedForm) {
    const std::vector<MomentCase> cases = {
        {"when worker starts", Kind::TaskStarts, "worker", "", 0},
        {"when Task-2 starts", Kind::TaskStarts, "Task-2", "", 0},
        {"when fetch-2 finishes", Kind::TaskFinishes, "fetch-2", "", 0},
        {"when consumer-1 waits on lock_a", Kind::TaskWaits, "consumer-1", "lock_a", 0},
        {"when main waits on queue join", Kind::TaskWaits, "main", "queue join", 0},
        {"when loop blocks", Kind::LoopBlocks, "", "", 0},
        {"when printed tea", Kind::Printed, "", "tea", 0},
        {"when printed download 5 starts", Kind::Printed, "", "download 5 starts", 0},
        {"when printed a waits on b", Kind::Printed, "", "a waits on b", 0},
        {"at t=2", Kind::AtTime, "", "", 2.0},
        {"at t=1.5", Kind::AtTime, "", "", 1.5},
        {"at t=0", Kind::AtTime, "", "", 0.0},
        {"at end", Kind::AtEnd, "", "", 0},
        {"  at end  ", Kind::AtEnd, "", "", 0},
    };
    for (const MomentCase& c : cases) {
        SCOPED_TRACE(c.condition);
        LessonMoment moment;
        std::string error;
        ASSERT_TRUE(parseMoment(c.condition, moment, error)) << error;
        EXPECT_EQ(error, "");
        EXPECT_EQ(moment.kind, c.kind);
        EXPECT_EQ(moment.task, c.task);
        EXPECT_EQ(moment.name, c.name);
        EXPECT_DOUBLE_EQ(moment.seconds, c.seconds);
        const auto begin = c.condition.find_first_not_of(' ');
        const auto end = c.condition.find_last_not_of(' ');
        EXPECT_EQ(moment.written, c.condition.substr(begin, end - begin + 1));
    }
}

TEST(LessonParser, ParseMomentRejectsMalformedConditions) {
    const std::vector<std::string> malformed = {
        "",
        "later",
        "at",
        "at start",
        "at t=",
        "at t=soon",
        "at t=-1",
        "at t=2 s",
        "at t=nan",
        "at t=inf",
        "when",
        "when worker",
        "when worker runs",
        "when starts",
        "when printed",
        "when worker waits on",
        "when waits on lock_a",
    };
    for (const std::string& condition : malformed) {
        SCOPED_TRACE("[" + condition + "]");
        LessonMoment moment;
        std::string error;
        EXPECT_FALSE(parseMoment(condition, moment, error));
        EXPECT_EQ(error, "cannot read the condition [" + condition +
                             "]: write [when TASK starts], [when TASK finishes], [when TASK "
                             "waits on NAME], [when loop blocks], [when printed TEXT], "
                             "[at t=SECONDS] or [at end]");
    }
}

// ---- the checker: hand-built runs --------------------------------------------------------

TraceEvent created(int64_t task, const std::string& name, const std::string& coroutine,
                   int64_t t = 0) {
    return {EventKind::TaskCreated, t, task, -1, 1, task == 1 ? -1 : 1, name, coroutine};
}
TraceEvent renamed(int64_t task, const std::string& name, int64_t t = 0) {
    return {EventKind::TaskRenamed, t, task, -1, 0, 0, name, {}};
}
TraceEvent iteration(int64_t t) {
    return {EventKind::Iteration, t, -1, -1, 1, 1, {}, {}};
}
TraceEvent stepBegin(int64_t task, int64_t t = 0) {
    return {EventKind::StepBegin, t, task, task, 0, 0, {}, {}};
}
// A yield whose wait is the given JSON object, e.g. {"kind":"sleep"}.
TraceEvent waits(int64_t task, const std::string& wait, int64_t t = 0) {
    TraceEvent e{EventKind::StepYield, t, task, -1, 5, 0, {}, R"({"wait":)" + wait + "}"};
    return e;
}
TraceEvent waitsOn(int64_t task, const std::string& kind, int64_t t = 0) {
    return waits(task, R"({"kind":")" + kind + R"("})", t);
}
TraceEvent done(int64_t task, const std::string& state, int64_t t = 0) {
    return {EventKind::TaskDone, t, task, -1, 0, 0, {}, R"({"state":")" + state + R"("})"};
}
TraceEvent lineRuns(int64_t task, int64_t line, int64_t t = 0) {
    return {EventKind::Line, t, task, -1, line, 0, {}, {}};
}
TraceEvent workerLine(int64_t line, int64_t t) {
    return {EventKind::Line, t, -1, -1, line, 0, "default worker 0", {}};
}
TraceEvent printed(const std::string& text, int64_t t = 0, int64_t task = 1,
                   const std::string& thread = "loop") {
    return {EventKind::Print, t, task, -1, 0, 0, text, thread};
}
TraceEvent blocked(const std::string& thread, int64_t t, int64_t duration) {
    return {EventKind::Block, t, -1, -1, 3, duration, thread, {}};
}
TraceEvent ended(const std::string& status, int64_t t = 0) {
    return {EventKind::End, t, -1, -1, 0, 0, {}, R"({"status":")" + status + R"(","exit":0})"};
}

LessonQuestion question(const std::string& check, const std::vector<std::string>& choices) {
    LessonQuestion q;
    q.line = 10;
    q.check = check;
    q.checkLine = 11;
    q.choices = choices;
    return q;
}

const std::string kUnknownCheckList =
    "(known: total_time, first_done, last_done, deadlock, outcome, output_line N, max_waiting "
    "KIND, task_state NAME, report_time [N])";

// main sleeps 9 s; a worker thread's clock runs ahead to 12 s, which is not the run's time.
std::vector<TraceEvent> nineSecondRun() {
    return {
        created(1, "Task-1", "main"),
        iteration(0),
        stepBegin(1, 0),
        lineRuns(1, 10, 100),
        workerLine(30, 12 * kSecond),
        printed("from a worker", 12 * kSecond, -1, "default worker 0"),
        waitsOn(1, "sleep", 200),
        iteration(9 * kSecond + 300),
        stepBegin(1, 9 * kSecond + 300),
        done(1, "finished", 9 * kSecond + 400),
        ended("finished", 9 * kSecond + 500),
    };
}

TEST(LessonChecker, TotalTimePicksTheChoiceOfTheRunsEndTime) {
    const std::vector<TraceEvent> events = nineSecondRun();
    const LessonChecker checker(events);
    const QuestionVerdict verdict = checker.judge(question("total_time", {"3 s", "6 s", "9 s"}));
    EXPECT_EQ(verdict.answer, "9.000 s");
    EXPECT_EQ(verdict.correctChoice, 2);
    EXPECT_EQ(verdict.problem, "");
}

TEST(LessonChecker, TotalTimeTakesTheNearestChoiceWithinFivePercent) {
    const std::vector<TraceEvent> events = {created(1, "Task-1", "main"), iteration(0),
                                            stepBegin(1, 0), done(1, "finished", 10 * kSecond),
                                            ended("finished", 10 * kSecond)};
    const LessonChecker checker(events);
    // Both 9.7 and 10.2 are within 5% of 10; only the nearest agrees.
    EXPECT_EQ(checker.judge(question("total_time", {"9.7 s", "10.2 s", "11 s"})).correctChoice, 1);
    EXPECT_EQ(checker.judge(question("total_time", {"about 9.6 s", "20 s"})).correctChoice, 0);
    EXPECT_EQ(checker.judge(question("total_time", {"5 s", "10 seconds"})).correctChoice, 1);

    const QuestionVerdict tooFar = checker.judge(question("total_time", {"9.4 s", "10.6 s"}));
    EXPECT_EQ(tooFar.correctChoice, -1);
    EXPECT_EQ(tooFar.answer, "10.000 s");
    EXPECT_EQ(tooFar.problem, "no choice agrees with the run, whose answer is 10.000 s");

    const QuestionVerdict noNumbers = checker.judge(question("total_time", {"fast", "slow"}));
    EXPECT_EQ(noNumbers.correctChoice, -1);
    EXPECT_EQ(noNumbers.problem, "no choice agrees with the run, whose answer is 10.000 s");

    const QuestionVerdict twice = checker.judge(question("total_time", {"10 s", "10 s"}));
    EXPECT_EQ(twice.correctChoice, -1);
    EXPECT_EQ(twice.problem, "more than one choice agrees with the run's answer 10.000 s");
}

// A run that prints two lines and in between writes two reports to standard error (asyncio's
// "Task exception was never retrieved" at 0.5 s and 3 s).
std::vector<TraceEvent> reportingRun() {
    TraceEvent first =
        printed("Task exception was never retrieved\nfuture: <Task ...>", kSecond / 2);
    first.num = kStandardErrorStream;
    TraceEvent second =
        printed("Task exception was never retrieved\nfuture: <Task ...>", 3 * kSecond);
    second.num = kStandardErrorStream;
    return {created(1, "Task-1", "main"),
            iteration(0),
            stepBegin(1, 0),
            printed("working", kSecond / 4),
            first,
            printed("main: done", 3 * kSecond),
            second,
            done(1, "finished", 3 * kSecond),
            ended("finished", 3 * kSecond)};
}

TEST(LessonChecker, ReportTimeIsWhenTheNthWriteToStandardErrorHappened) {
    const std::vector<TraceEvent> events = reportingRun();
    const LessonChecker checker(events);
    const QuestionVerdict first = checker.judge(question("report_time", {"0.5 s", "3 s", "never"}));
    EXPECT_EQ(first.answer, "0.500 s");
    EXPECT_EQ(first.correctChoice, 0);
    EXPECT_EQ(checker.judge(question("report_time 1", {"0.5 s", "3 s", "never"})).correctChoice, 0);
    EXPECT_EQ(checker.judge(question("report_time 2", {"1 s", "3 s", "never"})).correctChoice, 1);
    const QuestionVerdict third = checker.judge(question("report_time 3", {"3 s", "never"}));
    EXPECT_EQ(third.answer, "never");
    EXPECT_EQ(third.correctChoice, 1);
    EXPECT_EQ(checker.judge(question("report_time 0", {"3 s"})).problem,
              "report_time takes the report's number: 1 for the first (the default)");
}

TEST(LessonChecker, StandardErrorIsNotPrintedOutput) {
    const std::vector<TraceEvent> events = reportingRun();
    const LessonChecker checker(events);
    EXPECT_EQ(checker.judge(question("output_line 2", {"main: done", "working"})).answer,
              "main: done");
    EXPECT_EQ(checker.judge(question("output_line -1", {"main: done"})).correctChoice, 0);
}

TEST(LessonChecker, AnUnknownCheckIsAProblem) {
    const std::vector<TraceEvent> events = nineSecondRun();
    const LessonChecker checker(events);
    const QuestionVerdict verdict = checker.judge(question("total_tme", {"9 s", "3 s"}));
    EXPECT_EQ(verdict.correctChoice, -1);
    EXPECT_EQ(verdict.answer, "");
    EXPECT_EQ(verdict.problem, "unknown check 'total_tme' " + kUnknownCheckList);
}

// main (1) starts fetch-2 (2, renamed), fetch-3 (3, renamed) and slow (4, keeps Task-4);
// fetch-3 ends first, then fetch-2, then Task-4 is cancelled; main ends last. asyncio.run's
// clean-up tasks (5, 6) come after main, as in every real run.
std::vector<TraceEvent> threeTaskRun() {
    return {
        created(1, "Task-1", "main"),
        stepBegin(1),
        created(2, "Task-2", "fetch"),
        renamed(2, "fetch-2"),
        created(3, "Task-3", "fetch"),
        renamed(3, "fetch-3"),
        created(4, "Task-4", "slow"),
        waitsOn(1, "gather"),
        done(3, "finished", 1 * kSecond),
        done(2, "finished", 2 * kSecond),
        done(4, "cancelled", 3 * kSecond),
        done(1, "finished", 3 * kSecond),
        created(5, "Task-5", "BaseEventLoop.shutdown_asyncgens", 3 * kSecond),
        done(5, "finished", 3 * kSecond),
        created(6, "Task-6", "BaseEventLoop.shutdown_default_executor", 3 * kSecond),
        done(6, "finished", 3 * kSecond),
        ended("finished", 3 * kSecond),
    };
}

TEST(LessonChecker, FirstDoneNamesTheFirstTaskToEndByItsNewName) {
    const std::vector<TraceEvent> events = threeTaskRun();
    const LessonChecker checker(events);
    const QuestionVerdict verdict =
        checker.judge(question("first_done", {"fetch-2", "fetch-3", "slow"}));
    EXPECT_EQ(verdict.answer, "fetch-3");
    EXPECT_EQ(verdict.correctChoice, 1);
    EXPECT_EQ(verdict.problem, "");
    // Two tasks run `fetch`: the coroutine name does not say which one.
    EXPECT_EQ(checker.judge(question("first_done", {"fetch", "slow"})).correctChoice, -1);
}

TEST(LessonChecker, LastDoneIgnoresTheMainTaskAndAsyncioRunsCleanUp) {
    const std::vector<TraceEvent> events = threeTaskRun();
    const LessonChecker checker(events);
    const QuestionVerdict verdict =
        checker.judge(question("last_done", {"Task-1", "fetch-2", "Task-4", "Task-6"}));
    EXPECT_EQ(verdict.answer, "Task-4");
    EXPECT_EQ(verdict.correctChoice, 2);
    EXPECT_EQ(verdict.problem, "");
    // Its coroutine is the only one called `slow`, so that name agrees too.
    EXPECT_EQ(checker.judge(question("last_done", {"fetch-2", "slow"})).correctChoice, 1);
}

TEST(LessonChecker, FirstDoneWithOnlyTheMainTaskIsAProblem) {
    const std::vector<TraceEvent> events = {
        created(1, "Task-1", "main"), stepBegin(1),
        done(1, "finished"),          created(2, "Task-2", "BaseEventLoop.shutdown_asyncgens"),
        done(2, "finished"),          ended("finished"),
    };
    const LessonChecker checker(events);
    for (const char* check : {"first_done", "last_done"}) {
        SCOPED_TRACE(check);
        const QuestionVerdict verdict = checker.judge(question(check, {"Task-1", "Task-2"}));
        EXPECT_EQ(verdict.correctChoice, -1);
        EXPECT_EQ(verdict.problem, "no task other than the main task ended in the run");
    }
}

TEST(LessonChecker, DeadlockAndOutcomeReadTheEndStatus) {
    struct Case {
        std::string status;
        int deadlockChoice; // of yes | no
        int outcomeChoice;  // of finished | exception | deadlock | budget | exit
    };
    // "exit" is the program's own sys.exit(3): its 3 is never read as LoopLab's deadlock.
    for (const Case& c : {Case{"finished", 1, 0}, Case{"exception", 1, 1}, Case{"deadlock", 0, 2},
                          Case{"budget", 1, 3}, Case{"exit", 1, 4}}) {
        SCOPED_TRACE(c.status);
        const std::vector<TraceEvent> events = {
            created(1, "Task-1", "main"),
            stepBegin(1),
            waitsOn(1, "lock"),
            {EventKind::End,
             0,
             -1,
             -1,
             0,
             0,
             {},
             R"({"status":")" + c.status + R"(","exit":3,"message":null,"deadlock":null})"}};
        const LessonChecker checker(events);
        const QuestionVerdict deadlock = checker.judge(question("deadlock", {"yes", "no"}));
        EXPECT_EQ(deadlock.answer, c.status == "deadlock" ? "yes" : "no");
        EXPECT_EQ(deadlock.correctChoice, c.deadlockChoice);
        const QuestionVerdict outcome = checker.judge(
            question("outcome", {"finished", "exception", "deadlock", "budget", "exit"}));
        EXPECT_EQ(outcome.answer, c.status);
        EXPECT_EQ(outcome.correctChoice, c.outcomeChoice);
        EXPECT_EQ(outcome.problem, "");
    }
}

std::vector<TraceEvent> printingRun() {
    return {
        created(1, "Task-1", "main"),
        stepBegin(1),
        printed("  first line  "),
        printed("second line"),
        printed("last line", 0, 2, "x"),
        done(1, "finished"),
        ended("finished"),
    };
}

TEST(LessonChecker, OutputLineCountsFromEitherEnd) {
    const std::vector<TraceEvent> events = printingRun();
    const LessonChecker checker(events);
    const std::vector<std::string> choices = {"first line", "second line", "last line"};
    const QuestionVerdict first = checker.judge(question("output_line 1", choices));
    EXPECT_EQ(first.answer, "first line");
    EXPECT_EQ(first.correctChoice, 0);
    EXPECT_EQ(first.problem, "");
    EXPECT_EQ(checker.judge(question("output_line 2", choices)).correctChoice, 1);
    const QuestionVerdict last = checker.judge(question("output_line -1", choices));
    EXPECT_EQ(last.answer, "last line");
    EXPECT_EQ(last.correctChoice, 2);
    EXPECT_EQ(checker.judge(question("output_line -3", choices)).correctChoice, 0);
}

TEST(LessonChecker, OutputLineOutOfRangeOrMissingIsAProblem) {
    const std::vector<TraceEvent> events = printingRun();
    const LessonChecker checker(events);
    const std::vector<std::string> choices = {"first line", "last line"};
    EXPECT_EQ(checker.judge(question("output_line 4", choices)).problem,
              "the run printed 3 lines, so there is no line 4");
    EXPECT_EQ(checker.judge(question("output_line -4", choices)).problem,
              "the run printed 3 lines, so there is no line -4");
    for (const char* check : {"output_line 0", "output_line", "output_line first"}) {
        SCOPED_TRACE(check);
        const QuestionVerdict verdict = checker.judge(question(check, choices));
        EXPECT_EQ(verdict.correctChoice, -1);
        EXPECT_EQ(verdict.problem,
                  "output_line needs a line number: 1 for the first, -1 for the last");
    }
}

TEST(LessonChecker, MaxWaitingCountsSimultaneousWaitsOfOneKind) {
    const std::vector<TraceEvent> events = {
        created(1, "Task-1", "main"),
        created(2, "Task-2", "get"),
        created(3, "Task-3", "get"),
        created(4, "Task-4", "get"),
        created(5, "Task-5", "get"),
        stepBegin(2),
        waits(2, R"({"kind":"network","url":"http://a","until":5})"), // network: 1
        stepBegin(3),
        waitsOn(3, "network"), // 2
        stepBegin(2),          // 1: Task-2 runs again
        stepBegin(4),
        waitsOn(4, "network"), // 2
        done(3, "cancelled"),  // 1: Task-3 ended without another step
        stepBegin(5),
        waitsOn(5, "network"), // 2
        stepBegin(1),
        waitsOn(1, "sleep"), // sleep: 1
        stepBegin(2),
        waitsOn(2, "queue get"), // queue get: 1
        stepBegin(4),            // network: 1
        waitsOn(4, "queue get"), // queue get: 2
        ended("finished"),
    };
    const LessonChecker checker(events);
    const QuestionVerdict network =
        checker.judge(question("max_waiting network", {"1", "2 at once", "3", "4"}));
    EXPECT_EQ(network.answer, "2");
    EXPECT_EQ(network.correctChoice, 1);
    EXPECT_EQ(network.problem, "");
    EXPECT_EQ(checker.judge(question("max_waiting sleep", {"0", "1", "2"})).correctChoice, 1);
    EXPECT_EQ(checker.judge(question("max_waiting queue get", {"1", "2"})).correctChoice, 1);
    const QuestionVerdict none = checker.judge(question("max_waiting lock", {"0", "1"}));
    EXPECT_EQ(none.answer, "0");
    EXPECT_EQ(none.correctChoice, 0);
    EXPECT_EQ(checker.judge(question("max_waiting", {"0", "1"})).problem,
              "max_waiting needs a wait kind, e.g. max_waiting network");
}

TEST(LessonChecker, TaskStateSaysHowATaskEnded) {
    const std::vector<TraceEvent> events = {
        created(1, "Task-1", "main"),
        created(2, "Task-2", "worker"),
        renamed(2, "worker-a"),
        created(3, "Task-3", "fetch"),
        created(4, "Task-4", "broken"),
        created(5, "Task-5", "stuck"),
        created(6, "Task-6", "twin"),
        created(7, "Task-7", "twin"),
        done(2, "finished"),
        done(3, "cancelled"),
        {EventKind::TaskDone,
         0,
         4,
         -1,
         0,
         0,
         {},
         R"({"state":"failed","exception":"ValueError","message":"bad"})"},
        ended("deadlock"),
    };
    const LessonChecker checker(events);
    const std::vector<std::string> choices = {"finished", "cancelled", "failed", "unfinished"};
    const QuestionVerdict worker = checker.judge(question("task_state worker-a", choices));
    EXPECT_EQ(worker.answer, "finished");
    EXPECT_EQ(worker.correctChoice, 0);
    EXPECT_EQ(checker.judge(question("task_state Task-3", choices)).correctChoice, 1);
    EXPECT_EQ(checker.judge(question("task_state broken", choices)).correctChoice, 2);
    // A task that never ended is `unfinished` (docs/lesson-format.md).
    const QuestionVerdict stuck = checker.judge(question("task_state stuck", choices));
    EXPECT_EQ(stuck.answer, "unfinished");
    EXPECT_EQ(stuck.correctChoice, 3);
    EXPECT_EQ(stuck.problem, "");
    EXPECT_EQ(checker.judge(question("task_state nobody", choices)).problem,
              "no task is named 'nobody'");
    EXPECT_EQ(checker.judge(question("task_state twin", choices)).problem,
              "more than one task is named 'twin'");
}

// ---- moments -----------------------------------------------------------------------------

std::vector<TraceEvent> momentRun() {
    const std::string awaitTask = R"({"kind":"task","task":2,"name":"fetch-1"})";
    const std::string lockA = R"({"kind":"lock","obj":1,"name":"lock_a"})";
    const std::string sleep = R"({"kind":"sleep","delay":"1","until":4000000000})";
    return {
        created(1, "Task-1", "main"),                      // 0
        iteration(0),                                      // 1
        stepBegin(1, 0),                                   // 2
        lineRuns(1, 20, 100),                              // 3
        created(2, "Task-2", "worker", 200),               // 4
        renamed(2, "fetch-1", 200),                        // 5
        blocked("default worker 0", 5 * kSecond, kSecond), // 6: a worker's clock
        workerLine(30, 5 * kSecond),                       // 7: a worker's clock
        blocked("loop", 300, kSecond),                     // 8
        lineRuns(1, 22, kSecond + 400),                    // 9
        waits(1, awaitTask, kSecond + 500),                // 10
        iteration(kSecond + 500),                          // 11
        stepBegin(2, kSecond + 500),                       // 12
        lineRuns(2, 12, kSecond + 600),                    // 13
        waits(2, lockA, kSecond + 700),                    // 14
        iteration(3 * kSecond),                            // 15
        stepBegin(2, 3 * kSecond),                         // 16
        printed("fetched 3 rows", 3 * kSecond, 2),         // 17
        waits(2, sleep, 3 * kSecond),                      // 18
        iteration(4 * kSecond),                            // 19
        stepBegin(2, 4 * kSecond),                         // 20
        printed("all done", 4 * kSecond, 2),               // 21
        done(2, "finished", 4 * kSecond),                  // 22
        stepBegin(1, 4 * kSecond),                         // 23
        done(1, "finished", 4 * kSecond),                  // 24
        ended("finished", 4 * kSecond),                    // 25
    };
}

LessonMoment moment(const std::string& condition) {
    LessonMoment m;
    std::string error;
    EXPECT_TRUE(parseMoment(condition, m, error)) << condition << ": " << error;
    return m;
}

LessonMoment lineMoment(int line) {
    LessonMoment m;
    m.kind = Kind::LineRuns;
    m.line = line;
    return m;
}

TEST(LessonChecker, MomentEventIsTheEventWhereTheMomentHappens) {
    const std::vector<TraceEvent> events = momentRun();
    const LessonChecker checker(events);
    EXPECT_EQ(checker.momentEvent(lineMoment(20)), 3);
    EXPECT_EQ(checker.momentEvent(lineMoment(22)), 9);
    EXPECT_EQ(checker.momentEvent(lineMoment(30)), 7); // a line run by a worker thread
    EXPECT_EQ(checker.momentEvent(lineMoment(12)), 13);
    // A task by its new name, its first name or its coroutine's name.
    EXPECT_EQ(checker.momentEvent(moment("when fetch-1 starts")), 12);
    EXPECT_EQ(checker.momentEvent(moment("when Task-2 starts")), 12);
    EXPECT_EQ(checker.momentEvent(moment("when worker starts")), 12);
    EXPECT_EQ(checker.momentEvent(moment("when main starts")), 2);
    EXPECT_EQ(checker.momentEvent(moment("when worker finishes")), 22);
    EXPECT_EQ(checker.momentEvent(moment("when Task-1 finishes")), 24);
    // Waits by the object's name or by the wait's kind.
    EXPECT_EQ(checker.momentEvent(moment("when fetch-1 waits on lock_a")), 14);
    EXPECT_EQ(checker.momentEvent(moment("when worker waits on lock")), 14);
    EXPECT_EQ(checker.momentEvent(moment("when worker waits on sleep")), 18);
    EXPECT_EQ(checker.momentEvent(moment("when main waits on task")), 10);
    // The loop thread blocking, not a worker.
    EXPECT_EQ(checker.momentEvent(moment("when loop blocks")), 8);
    EXPECT_EQ(checker.momentEvent(moment("when printed rows")), 17);
    EXPECT_EQ(checker.momentEvent(moment("when printed all done")), 21);
    // Virtual time is the loop's: the worker's events at 5 s are not "at t=3".
    EXPECT_EQ(checker.momentEvent(moment("at t=3")), 15);
    EXPECT_EQ(checker.momentEvent(moment("at t=2.5")), 15);
    EXPECT_EQ(checker.momentEvent(moment("at t=4")), 19);
    EXPECT_EQ(checker.momentEvent(moment("at end")), 25);
}

TEST(LessonChecker, MomentEventIsMinusOneWhenTheMomentNeverComes) {
    const std::vector<TraceEvent> events = momentRun();
    const LessonChecker checker(events);
    EXPECT_EQ(checker.momentEvent(lineMoment(99)), -1);
    EXPECT_EQ(checker.momentEvent(moment("when nobody starts")), -1);
    EXPECT_EQ(checker.momentEvent(moment("when nobody finishes")), -1);
    EXPECT_EQ(checker.momentEvent(moment("when main waits on lock_a")), -1);
    EXPECT_EQ(checker.momentEvent(moment("when worker waits on queue get")), -1);
    EXPECT_EQ(checker.momentEvent(moment("when printed nothing like this")), -1);
    EXPECT_EQ(checker.momentEvent(moment("at t=4.5")), -1);
    // A run cut short has no end.
    const std::vector<TraceEvent> unfinished(events.begin(), events.begin() + 8);
    const LessonChecker cutShort(unfinished);
    EXPECT_EQ(cutShort.momentEvent(moment("at end")), -1);
    EXPECT_EQ(cutShort.momentEvent(moment("when loop blocks")), -1); // only a worker blocked
}

TEST(LessonChecker, VerifyReportsNotesThatCannotAppearAndUnansweredQuestions) {
    const std::vector<TraceEvent> events = momentRun();
    const LessonChecker checker(events);
    const Lesson lesson =
        parseLesson(source({
                        R"("""Verify)",                                            // 1
                        "",                                                        // 2
                        "Predict: What is printed last?",                          // 3
                        "Check: output_line -1",                                   // 4
                        "Choices: fetched 3 rows | all done",                      // 5
                        "",                                                        // 6
                        "Predict: How long?",                                      // 7
                        "Check: total_time",                                       // 8
                        "Choices: 1 s | 2 s",                                      // 9
                        "",                                                        // 10
                        "Predict: Owner?",                                         // 11
                        "Check: task_state ghost",                                 // 12
                        "Choices: finished | running",                             // 13
                        R"(""")",                                                  // 14
                        "import asyncio",                                          // 15
                        "",                                                        // 16
                        "async def worker():",                                     // 17
                        "    #> Runs: line 20 in the run.",                        // 18
                        "",                                                        // 19
                        "    x = 1",                                               // 20
                        "    y = 2  #> Line 21 never runs.",                       // 21
                        "    z = 3  #> [when ghost starts] No task is called so.", // 22
                        "    #> [at t=2] The loop's clock reaches 2 s.",           // 23
                        "    w = 4",                                               // 24
                        "    #> Line 27 never runs either.",                       // 25
                        "",                                                        // 26
                        "    v = 5",                                               // 27
                    }),
                    "verify.py");
    ASSERT_TRUE(lesson.problems.empty());
    ASSERT_EQ(lesson.notes.size(), 5u);
    EXPECT_EQ(
        problemList(checker.verify(lesson)),
        (std::vector<std::pair<int, std::string>>{
            {8, "no choice agrees with the run, whose answer is 4.000 s"},
            {12, "no task is named 'ghost'"},
            {21, "the note cannot appear: line 21 never runs"},
            {22, "the note cannot appear: the moment [when ghost starts] never comes in the run"},
            {25, "the note cannot appear: line 27 never runs"},
        }));
    // The notes that can appear say when.
    EXPECT_EQ(checker.momentEvent(lesson.notes[0].moment), 3);
    EXPECT_EQ(checker.momentEvent(lesson.notes[3].moment), 15);
}

TEST(LessonChecker, VerifyMergesTheFormatProblemsInLineOrderWithoutRepeatingThem) {
    const std::vector<TraceEvent> events = momentRun();
    const LessonChecker checker(events);
    const Lesson lesson = parseLesson(source({
                                          R"("""Problems)",        // 1
                                          "Chaptre: one",          // 2
                                          "#> A note in the text", // 3
                                          "",                      // 4
                                          "Predict: One choice?",  // 5
                                          "Check: total_time",     // 6
                                          "Choices: 1 s",          // 7
                                          "",                      // 8
                                          "Predict: No check?",    // 9
                                          "Choices: 1 s | 2 s",    // 10
                                          R"(""")",                // 11
                                          "",                      // 12
                                          "",                      // 13
                                          "x = 1  #> line 14",     // 14
                                          "y = 2  #> line 15",     // 15
                                      }),
                                      "problems.py");
    // The faulted questions are not judged as well ("no choice agrees", "unknown check ''").
    EXPECT_EQ(problemList(checker.verify(lesson)),
              (std::vector<std::pair<int, std::string>>{
                  {2, "unknown field 'Chaptre' " + kKnownFields},
                  {5, "the question needs at least two 'Choices:' separated by |"},
                  {9, "the question has no 'Check:'"},
                  {14, "the note cannot appear: line 14 never runs"},
                  {15, "the note cannot appear: line 15 never runs"},
              }));
}

} // namespace
