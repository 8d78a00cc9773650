#include "RunComparison.h"

#include "TaskWait.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>
#include <utility>

namespace looplab {

namespace {

using json = nlohmann::json;

// What the order of a run is made of: which task stepped, what was printed, which task ended.
struct Moment {
    std::string key; // compared between the runs
    size_t event = 0;
    const TraceEvent* source = nullptr;
};

class RunOrder {
  public:
    explicit RunOrder(const std::vector<TraceEvent>& events) : events_(events) {
        for (size_t i = 0; i < events.size(); ++i) {
            const TraceEvent& e = events[i];
            if (e.kind == EventKind::TaskCreated || e.kind == EventKind::TaskRenamed)
                names_[e.task] = e.text;
            else if (e.kind == EventKind::StepBegin)
                moments_.push_back({"step " + name(e.task), i, &e});
            else if (e.kind == EventKind::Print)
                moments_.push_back({"print " + e.text, i, &e});
            else if (e.kind == EventKind::TaskDone)
                moments_.push_back({"done " + name(e.task), i, &e});
            else if (e.kind == EventKind::Phase && e.text == "deadlock")
                moments_.push_back({"deadlock", i, &e});
            if (e.kind == EventKind::Phase && e.text == "cleanup")
                break; // asyncio.run's clean-up is its own business, not the program's order
        }
    }
    const std::vector<Moment>& moments() const { return moments_; }
    std::string name(int64_t task) const {
        const auto found = names_.find(task);
        return found != names_.end() ? found->second : "Task-" + std::to_string(task);
    }
    // Why `task` was ready to run at event `before`: what its last wait was for.
    TaskWait lastWait(int64_t task, size_t before) const {
        for (size_t i = before; i-- > 0;)
            if (events_[i].kind == EventKind::StepYield && events_[i].task == task)
                return TaskWait::fromYieldInfo(events_[i].detail);
        return {};
    }
    const std::vector<TraceEvent>& events() const { return events_; }

  private:
    const std::vector<TraceEvent>& events_;
    std::map<int64_t, std::string> names_;
    std::vector<Moment> moments_;
};

std::string seconds(int64_t ns) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f s", static_cast<double>(ns) / 1e9);
    return text;
}

// "its reply from URL arrived": why a waiting task could run again.
std::string wakeReason(const TaskWait& wait) {
    if (wait.kind == "network")
        return "reply from " + wait.url;
    if (wait.kind == "sleep")
        return "sleep";
    if (wait.kind == "executor")
        return "job " + wait.function;
    if (wait.kind == "lock" || wait.kind == "semaphore" || wait.kind == "event" ||
        wait.kind == "condition" || wait.kind.rfind("queue", 0) == 0)
        return wait.kind + (wait.name.empty() ? std::string() : " `" + wait.name + "`");
    return {};
}

// What happened at a moment, as a clause: "alice ran", "it printed \"done\"".
std::string describe(const RunOrder& run, const Moment& moment) {
    const TraceEvent& e = *moment.source;
    switch (e.kind) {
    case EventKind::StepBegin:
        return run.name(e.task) + " ran";
    case EventKind::Print:
        return "it printed \"" + e.text + "\"";
    case EventKind::TaskDone:
        return run.name(e.task) + " ended";
    default:
        return "it found a deadlock";
    }
}

std::string partingSentence(const RunOrder& kept, const RunOrder& current, const Moment* k,
                            const Moment* c) {
    if (k == nullptr)
        return "Here the runs part: the kept run has ended, and this run goes on: " +
               describe(current, *c) + " at " + seconds(c->source->t) + ".";
    if (c == nullptr)
        return "Here the runs part: this run has ended, and the kept run went on: " +
               describe(kept, *k) + " at " + seconds(k->source->t) + ".";
    const TraceEvent& ke = *k->source;
    const TraceEvent& ce = *c->source;
    if (ke.kind == EventKind::StepBegin && ce.kind == EventKind::StepBegin) {
        const TaskWait keptWait = kept.lastWait(ke.task, k->event);
        const TaskWait currentWait = current.lastWait(ce.task, c->event);
        const std::string mine = current.name(ce.task);
        const std::string theirs = kept.name(ke.task);
        if (keptWait.kind == "network" && currentWait.kind == "network")
            return "Here the runs part: " + mine + "'s network reply arrived before " + theirs +
                   "'s, so " + mine + " ran first (at " + seconds(ce.t) + "); in the kept run " +
                   theirs + "'s came first (at " + seconds(ke.t) + ").";
        const std::string why = wakeReason(currentWait);
        const std::string keptWhy = wakeReason(keptWait);
        return "Here the runs part: " + mine + " ran next (at " + seconds(ce.t) +
               (why.empty() ? "" : ", after its " + why) + "), where in the kept run " + theirs +
               " ran next (at " + seconds(ke.t) +
               (keptWhy.empty() ? "" : ", after its " + keptWhy) + ").";
    }
    return "Here the runs part: in this run " + describe(current, *c) + " (at " + seconds(ce.t) +
           "), where in the kept run " + describe(kept, *k) + " (at " + seconds(ke.t) + ").";
}

// Each lock's holders in the order they took it.
std::map<std::string, std::vector<std::string>> lockHolders(const RunOrder& run) {
    std::map<std::string, std::vector<std::string>> holders;
    for (const TraceEvent& e : run.events()) {
        if (e.kind == EventKind::Phase && e.text == "cleanup")
            break;
        if (e.kind != EventKind::Sync)
            continue;
        const json state = json::parse(e.detail, nullptr, false);
        if (!state.is_object() || state.value("kind", "") != "lock" ||
            !state.value("locked", false) || !state.contains("holder"))
            continue;
        const std::string name = state["name"].is_string() ? state["name"].get<std::string>()
                                                           : "#" + std::to_string(e.handle);
        holders[name].push_back(run.name(state["holder"].get<int64_t>()));
    }
    return holders;
}

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (size_t i = 0; i < names.size(); ++i)
        text += (i == 0 ? "" : i + 1 == names.size() ? " then " : ", ") + names[i];
    return text;
}

bool sharedLock(const RunOrder& kept, const RunOrder& current, RunDifference& out) {
    const auto before = lockHolders(kept);
    for (const auto& [name, holders] : lockHolders(current)) {
        const auto found = before.find(name);
        if (found == before.end() || found->second == holders)
            continue;
        out.sharedObject = "the lock `" + name + "`";
        out.sharedSentence = "The lock `" + name + "` was taken by " + joined(holders) +
                             " in this run, by " + joined(found->second) + " in the kept run.";
        return true;
    }
    return false;
}

std::vector<std::string> identifiers(const std::string& line) {
    static const std::set<std::string> kCommon = {
        "await", "async",  "if",   "else", "for",   "in",   "not", "and", "or", "with",
        "print", "return", "self", "True", "False", "None", "is",  "def", "f"};
    std::vector<std::string> out;
    for (size_t i = 0; i < line.size();) {
        if (line[i] == '#')
            break;
        if (line[i] == '"' || line[i] == '\'') { // skip string literals
            const size_t end = line.find(line[i], i + 1);
            i = end == std::string::npos ? line.size() : end + 1;
            continue;
        }
        if (std::isalpha(static_cast<unsigned char>(line[i])) || line[i] == '_') {
            size_t j = i;
            while (j < line.size() &&
                   (std::isalnum(static_cast<unsigned char>(line[j])) || line[j] == '_'))
                ++j;
            const std::string word = line.substr(i, j - i);
            if (!kCommon.count(word))
                out.push_back(word);
            i = j;
            continue;
        }
        ++i;
    }
    return out;
}

// Where each task first ran each program line (the task's name and the line), in run order.
std::map<std::pair<std::string, int64_t>, size_t> firstLines(const RunOrder& run) {
    std::map<std::pair<std::string, int64_t>, size_t> first;
    for (size_t i = 0; i < run.events().size(); ++i) {
        const TraceEvent& e = run.events()[i];
        if (e.kind == EventKind::Phase && e.text == "cleanup")
            break;
        if (e.kind == EventKind::Line && e.task >= 0)
            first.emplace(std::make_pair(run.name(e.task), e.line), i);
    }
    return first;
}

// Names that are some task's locals (from the yields' `locals`): not shared between tasks.
std::set<std::string> localNames(const RunOrder& run, std::set<std::string> names) {
    for (const TraceEvent& e : run.events())
        if (e.kind == EventKind::StepYield)
            for (const auto& local : TaskWait::fromYieldInfo(e.detail).locals)
                names.insert(local.first);
    return names;
}

std::string trimmed(const std::string& line) {
    const size_t first = line.find_first_not_of(" \t");
    const size_t last = line.find_last_not_of(" \t\r");
    return first == std::string::npos ? std::string() : line.substr(first, last - first + 1);
}

// Two lines of two tasks that ran in one order in the kept run and in the other in this one,
// and that name the same variable: a read before another task's write, or after it. Two
// different lines first (a read and a write), then one line run by both.
bool sharedVariable(const RunOrder& kept, const RunOrder& current,
                    const std::vector<std::string>& source, RunDifference& out) {
    if (source.empty())
        return false;
    const std::set<std::string> locals = localNames(current, localNames(kept, {}));
    const auto before = firstLines(kept);
    std::vector<std::pair<size_t, std::pair<std::string, int64_t>>> order;
    for (const auto& [key, index] : firstLines(current))
        if (before.count(key) && key.second >= 1 && key.second <= int64_t(source.size()))
            order.push_back({index, key});
    std::sort(order.begin(), order.end());
    if (order.size() > 2000) // pairs grow with the square: the first lines are where runs part
        order.resize(2000);
    auto quote = [&](int64_t line) {
        return "line " + std::to_string(line) + " (`" + trimmed(source[size_t(line - 1)]) + "`)";
    };
    for (const bool sameLine : {false, true}) {
        for (size_t a = 0; a < order.size(); ++a) {
            for (size_t b = a + 1; b < order.size(); ++b) {
                const auto& first = order[a].second;
                const auto& second = order[b].second;
                if (first.first == second.first || (first.second == second.second) != sameLine ||
                    before.at(first) < before.at(second))
                    continue; // the same task, or the same order in both runs
                const auto others = identifiers(source[size_t(second.second - 1)]);
                for (const std::string& name : identifiers(source[size_t(first.second - 1)])) {
                    if (locals.count(name) ||
                        std::find(others.begin(), others.end(), name) == others.end())
                        continue;
                    out.sharedObject = "`" + name + "`";
                    out.sharedSentence = "Shared `" + name + "`: in this run " + first.first +
                                         " ran " + quote(first.second) + " before " + second.first +
                                         " ran " + quote(second.second) +
                                         "; in the kept run, after.";
                    return true;
                }
            }
        }
    }
    return false;
}

} // namespace

RunDifference compareRuns(const std::vector<TraceEvent>& kept,
                          const std::vector<TraceEvent>& current,
                          const std::vector<std::string>& sourceLines) {
    const RunOrder keptOrder(kept);
    const RunOrder currentOrder(current);
    const auto& a = keptOrder.moments();
    const auto& b = currentOrder.moments();
    size_t i = 0;
    while (i < a.size() && i < b.size() && a[i].key == b[i].key)
        ++i;
    RunDifference out;
    if (i == a.size() && i == b.size())
        return out;
    out.same = false;
    const Moment* k = i < a.size() ? &a[i] : nullptr;
    const Moment* c = i < b.size() ? &b[i] : nullptr;
    out.keptEvent = k ? k->event : kept.size();
    out.currentEvent = c ? c->event : current.size();
    out.keptNs = k ? k->source->t : (kept.empty() ? 0 : kept.back().t);
    out.currentNs = c ? c->source->t : (current.empty() ? 0 : current.back().t);
    out.sentence = partingSentence(keptOrder, currentOrder, k, c);
    if (!sharedLock(keptOrder, currentOrder, out))
        sharedVariable(keptOrder, currentOrder, sourceLines, out);
    return out;
}

std::vector<std::string> printedLines(const std::vector<TraceEvent>& events) {
    std::vector<std::string> lines;
    for (const TraceEvent& e : events)
        if (e.kind == EventKind::Print)
            lines.push_back(e.text);
    return lines;
}

std::vector<OutputDiffLine> diffOutputs(const std::vector<std::string>& kept,
                                        const std::vector<std::string>& current) {
    // The longest common subsequence, by the textbook table: outputs are short.
    const size_t n = kept.size();
    const size_t m = current.size();
    std::vector<std::vector<int>> common(n + 1, std::vector<int>(m + 1, 0));
    for (size_t i = n; i-- > 0;)
        for (size_t j = m; j-- > 0;)
            common[i][j] = kept[i] == current[j] ? common[i + 1][j + 1] + 1
                                                 : std::max(common[i + 1][j], common[i][j + 1]);
    std::vector<OutputDiffLine> out;
    size_t i = 0;
    size_t j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && kept[i] == current[j]) {
            out.push_back({' ', kept[i++]});
            ++j;
        } else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
            out.push_back({'-', kept[i++]}); // the kept run's line first, as diff does
        } else {
            out.push_back({'+', current[j++]});
        }
    }
    return out;
}

} // namespace looplab
