#include "LessonChecker.h"

#include "TaskWait.h"
#include "TraceReplay.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>

namespace looplab {

namespace {

using json = nlohmann::json;

std::string trim(const std::string& text) {
    const auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos)
        return {};
    return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

json parsed(const std::string& text) {
    return json::parse(text, nullptr, false);
}

std::string stringField(const json& object, const char* key) {
    if (!object.is_object())
        return {};
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The first number in a choice such as "about 3 s" or "5 at once"; NaN when there is none.
double numberIn(const std::string& text) {
    for (size_t i = 0; i < text.size(); ++i) {
        if (std::isdigit(static_cast<unsigned char>(text[i])) ||
            (text[i] == '.' && i + 1 < text.size() &&
             std::isdigit(static_cast<unsigned char>(text[i + 1])))) {
            const bool negative = i > 0 && text[i - 1] == '-';
            const double value = std::strtod(text.c_str() + i, nullptr);
            return negative ? -value : value;
        }
    }
    return std::nan("");
}

std::string secondsText(int64_t ns) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f s", static_cast<double>(ns) / 1e9);
    return buffer;
}

std::string lowered(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// asyncio.run's own clean-up tasks end every run; they are never the answer to "which task".
bool isRunnerCleanUp(const std::string& coroutine) {
    return coroutine == "BaseEventLoop.shutdown_asyncgens" ||
           coroutine == "BaseEventLoop.shutdown_default_executor";
}

} // namespace

LessonChecker::LessonChecker(const std::vector<TraceEvent>& events) : events_(events) {
    for (const TraceEvent& event : events_) {
        if (event.kind == EventKind::TaskCreated) {
            names_[event.task].insert(names_[event.task].begin(), event.text);
            coroutines_[event.task] = event.detail;
        } else if (event.kind == EventKind::TaskRenamed) {
            names_[event.task].insert(names_[event.task].begin(), event.text);
        }
    }
}

std::set<int64_t> LessonChecker::tasksNamed(const std::string& name) const {
    std::set<int64_t> ids;
    for (const auto& [id, names] : names_)
        if (std::find(names.begin(), names.end(), name) != names.end())
            ids.insert(id);
    if (ids.empty())
        for (const auto& [id, coroutine] : coroutines_)
            if (coroutine == name)
                ids.insert(id);
    return ids;
}

std::string LessonChecker::taskName(int64_t task) const {
    const auto it = names_.find(task);
    return it == names_.end() || it->second.empty() ? "Task-" + std::to_string(task)
                                                    : it->second.front();
}

std::string LessonChecker::endStatus() const {
    for (auto it = events_.rbegin(); it != events_.rend(); ++it)
        if (it->kind == EventKind::End)
            return stringField(parsed(it->detail), "status");
    return "unfinished";
}

long LessonChecker::momentEvent(const LessonMoment& moment) const {
    using Kind = LessonMoment::Kind;
    const std::set<int64_t> tasks =
        moment.task.empty() ? std::set<int64_t>() : tasksNamed(moment.task);
    for (size_t i = 0; i < events_.size(); ++i) {
        const TraceEvent& e = events_[i];
        bool hit = false;
        switch (moment.kind) {
        case Kind::LineRuns:
            hit = e.kind == EventKind::Line && e.line == moment.line;
            break;
        case Kind::TaskStarts:
            hit = e.kind == EventKind::StepBegin && tasks.count(e.task);
            break;
        case Kind::TaskFinishes:
            hit = e.kind == EventKind::TaskDone && tasks.count(e.task);
            break;
        case Kind::TaskWaits:
            if (e.kind == EventKind::StepYield && tasks.count(e.task)) {
                const TaskWait wait = TaskWait::fromYieldInfo(e.detail);
                hit = wait.name == moment.name || wait.kind == moment.name;
            }
            break;
        case Kind::LoopBlocks:
            hit = e.kind == EventKind::Block && e.text == "loop";
            break;
        case Kind::Printed:
            hit = e.kind == EventKind::Print && !isErrorText(e) &&
                  e.text.find(moment.name) != std::string::npos;
            break;
        case Kind::AtTime:
            hit = TraceReplay::onLoopClock(e) &&
                  static_cast<double>(e.t) >= moment.seconds * 1e9 - 0.5;
            break;
        case Kind::AtEnd:
            hit = e.kind == EventKind::End;
            break;
        }
        if (hit)
            return static_cast<long>(i);
    }
    return -1;
}

std::vector<long> LessonChecker::noteEvents(const Lesson& lesson) const {
    std::vector<long> events;
    for (const LessonNote& note : lesson.notes)
        events.push_back(momentEvent(note.moment));
    return events;
}

QuestionVerdict LessonChecker::judge(const LessonQuestion& question) const {
    QuestionVerdict verdict;
    const std::string check = trim(question.check);
    const size_t space = check.find(' ');
    const std::string name = check.substr(0, space);
    const std::string argument = space == std::string::npos ? "" : trim(check.substr(space + 1));
    // How a choice is compared with the run's answer.
    std::function<bool(const std::string&)> agrees;

    if (name == "total_time") {
        int64_t end = 0;
        for (const TraceEvent& e : events_)
            if (TraceReplay::onLoopClock(e))
                end = std::max(end, e.t);
        verdict.answer = secondsText(end);
        const double seconds = static_cast<double>(end) / 1e9;
        // The nearest choice agrees, if it is within 5%: line costs make 3 s into 3.000004 s.
        double best = INFINITY;
        for (const std::string& choice : question.choices)
            best = std::min(best, std::fabs(numberIn(choice) - seconds));
        agrees = [=](const std::string& choice) {
            const double distance = std::fabs(numberIn(choice) - seconds);
            return distance == best && distance <= std::max(0.05 * seconds, 0.001);
        };
    } else if (name == "first_done" || name == "last_done") {
        int64_t task = -1;
        for (const TraceEvent& e : events_) {
            const auto coroutine = coroutines_.find(e.task);
            if (e.kind == EventKind::TaskDone && e.task != 1 &&
                !(coroutine != coroutines_.end() && isRunnerCleanUp(coroutine->second)) &&
                (task == -1 || name == "last_done"))
                task = e.task;
        }
        if (task == -1) {
            verdict.problem = "no task other than the main task ended in the run";
            return verdict;
        }
        verdict.answer = taskName(task);
        const auto coroutine = coroutines_.find(task);
        const auto known = names_.find(task);
        const std::vector<std::string> names =
            known == names_.end() ? std::vector<std::string>{verdict.answer} : known->second;
        agrees = [=](const std::string& choice) {
            return std::find(names.begin(), names.end(), choice) != names.end() ||
                   (coroutine != coroutines_.end() && coroutine->second == choice &&
                    tasksNamed(choice).size() == 1);
        };
    } else if (name == "deadlock" || name == "outcome") {
        const std::string status = endStatus();
        verdict.answer = name == "outcome" ? status : (status == "deadlock" ? "yes" : "no");
        const std::string answer = verdict.answer;
        agrees = [=](const std::string& choice) { return lowered(choice) == answer; };
    } else if (name == "output_line") {
        char* end = nullptr;
        const long n = std::strtol(argument.c_str(), &end, 10);
        if (argument.empty() || *end != '\0' || n == 0) {
            verdict.problem = "output_line needs a line number: 1 for the first, -1 for the last";
            return verdict;
        }
        std::vector<std::string> printed;
        for (const TraceEvent& e : events_)
            if (e.kind == EventKind::Print && !isErrorText(e)) // standard output only
                printed.push_back(trim(e.text));
        const long count = static_cast<long>(printed.size());
        const long index = n > 0 ? n - 1 : count + n;
        if (index < 0 || index >= count) {
            verdict.problem = "the run printed " + std::to_string(count) +
                              " lines, so there is no line " + argument;
            return verdict;
        }
        verdict.answer = printed[static_cast<size_t>(index)];
        const std::string answer = verdict.answer;
        agrees = [=](const std::string& choice) { return trim(choice) == answer; };
    } else if (name == "max_waiting") {
        if (argument.empty()) {
            verdict.problem = "max_waiting needs a wait kind, e.g. max_waiting network";
            return verdict;
        }
        std::map<int64_t, bool> waiting; // task -> waits on that kind now
        long now = 0;
        long most = 0;
        for (const TraceEvent& e : events_) {
            bool isKind = false;
            if (e.kind == EventKind::StepYield)
                isKind = TaskWait::fromYieldInfo(e.detail).kind == argument;
            else if (e.kind != EventKind::StepBegin && e.kind != EventKind::TaskDone)
                continue;
            now += (isKind ? 1 : 0) - (waiting[e.task] ? 1 : 0);
            waiting[e.task] = isKind;
            most = std::max(most, now);
        }
        verdict.answer = std::to_string(most);
        agrees = [=](const std::string& choice) {
            return numberIn(choice) == static_cast<double>(most);
        };
    } else if (name == "report_time") {
        // When the program (or asyncio for it: "Task exception was never retrieved") wrote to
        // standard error for the N-th time (default: the first); "never" if it did not.
        char* end = nullptr;
        const long wanted = argument.empty() ? 1 : std::strtol(argument.c_str(), &end, 10);
        if (wanted < 1 || (end && *end != '\0')) {
            verdict.problem =
                "report_time takes the report's number: 1 for the first (the default)";
            return verdict;
        }
        long seen = 0;
        const auto report = std::find_if(events_.begin(), events_.end(), [&](const TraceEvent& e) {
            return isErrorText(e) && ++seen == wanted;
        });
        if (report == events_.end()) {
            verdict.answer = "never";
            agrees = [](const std::string& choice) { return lowered(trim(choice)) == "never"; };
        } else {
            verdict.answer = secondsText(report->t);
            const double seconds = static_cast<double>(report->t) / 1e9;
            double best = INFINITY;
            for (const std::string& choice : question.choices)
                if (lowered(trim(choice)) != "never")
                    best = std::min(best, std::fabs(numberIn(choice) - seconds));
            agrees = [=](const std::string& choice) {
                if (lowered(trim(choice)) == "never")
                    return false;
                const double distance = std::fabs(numberIn(choice) - seconds);
                return distance == best && distance <= std::max(0.05 * seconds, 0.001);
            };
        }
    } else if (name == "task_state") {
        const std::set<int64_t> tasks = tasksNamed(argument);
        if (tasks.size() != 1) {
            verdict.problem = tasks.empty() ? "no task is named '" + argument + "'"
                                            : "more than one task is named '" + argument + "'";
            return verdict;
        }
        verdict.answer = "unfinished";
        for (const TraceEvent& e : events_)
            if (e.kind == EventKind::TaskDone && e.task == *tasks.begin())
                verdict.answer = stringField(parsed(e.detail), "state");
        const std::string answer = verdict.answer;
        agrees = [=](const std::string& choice) { return lowered(choice) == answer; };
    } else {
        verdict.problem = "unknown check '" + check +
                          "' (known: total_time, first_done, last_done, deadlock, outcome, "
                          "output_line N, max_waiting KIND, task_state NAME, report_time [N])";
        return verdict;
    }

    int agreeing = 0;
    for (size_t i = 0; i < question.choices.size(); ++i) {
        if (agrees(question.choices[i])) {
            if (verdict.correctChoice < 0)
                verdict.correctChoice = static_cast<int>(i);
            ++agreeing;
        }
    }
    if (agreeing == 0)
        verdict.problem = "no choice agrees with the run, whose answer is " + verdict.answer;
    else if (agreeing > 1)
        verdict.problem = "more than one choice agrees with the run's answer " + verdict.answer;
    if (agreeing != 1)
        verdict.correctChoice = -1;
    return verdict;
}

std::vector<LessonProblem> LessonChecker::verifyNotes(const Lesson& lesson) const {
    std::vector<LessonProblem> problems;
    for (const LessonNote& note : lesson.notes) {
        if (momentEvent(note.moment) >= 0)
            continue;
        const std::string what =
            note.moment.written.empty()
                ? "line " + std::to_string(note.line) + " never runs"
                : "the moment [" + note.moment.written + "] never comes in the run";
        problems.push_back({note.commentLine, "the note cannot appear: " + what});
    }
    return problems;
}

std::vector<LessonProblem> LessonChecker::verify(const Lesson& lesson) const {
    std::vector<LessonProblem> problems = lesson.problems;
    for (LessonProblem& problem : verifyNotes(lesson))
        problems.push_back(std::move(problem));
    for (const LessonQuestion& question : lesson.questions) {
        if (question.check.empty() || question.choices.size() < 2)
            continue; // the parser has reported it; a check would only repeat it
        const QuestionVerdict verdict = judge(question);
        if (!verdict.problem.empty())
            problems.push_back(
                {question.checkLine ? question.checkLine : question.line, verdict.problem});
    }
    std::stable_sort(
        problems.begin(), problems.end(),
        [](const LessonProblem& a, const LessonProblem& b) { return a.line < b.line; });
    return problems;
}

} // namespace looplab
