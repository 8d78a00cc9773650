#pragma once
// Holds a lesson against a recorded run: when each note's moment comes, which choice of each
// question the run agrees with. The answers are computed from the trace, never typed by the
// author, so a lesson cannot claim something its program does not do.

#include "Lesson.h"
#include "TraceEvent.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace looplab {

struct QuestionVerdict {
    std::string answer;     // the run's answer in words ("9.000 s", "fetch-2", "yes")
    int correctChoice = -1; // the index of the agreeing choice, -1 when none
    std::string problem;    // set when the check is unknown or not exactly one choice agrees
};

class LessonChecker {
  public:
    // Keeps a reference to `events`: they must outlive the checker. Yields are read through
    // their parsed `wait` (TraceReader and TraceReplay attach it).
    explicit LessonChecker(const std::vector<TraceEvent>& events);

    // The index of the event at which the moment happens; -1 when it never does. A note is
    // shown once this event has been applied.
    long momentEvent(const LessonMoment& moment) const;
    // momentEvent of each of the lesson's notes, in the lesson's order.
    std::vector<long> noteEvents(const Lesson& lesson) const;
    QuestionVerdict judge(const LessonQuestion& question) const;
    // Every problem of the lesson: its format mistakes, notes whose moment never comes,
    // questions the run does not answer with exactly one choice.
    std::vector<LessonProblem> verify(const Lesson& lesson) const;
    // The notes part of verify(): each note whose moment never comes in this run.
    std::vector<LessonProblem> verifyNotes(const Lesson& lesson) const;

  private:
    std::set<int64_t> tasksNamed(const std::string& name) const;
    std::string taskName(int64_t task) const;
    std::string endStatus() const;

    const std::vector<TraceEvent>& events_;
    std::map<int64_t, std::vector<std::string>> names_; // every name a task had, first = latest
    std::map<int64_t, std::string> coroutines_;
};

} // namespace looplab
