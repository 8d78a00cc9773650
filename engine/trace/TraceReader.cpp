#include "TraceReader.h"

#include "TraceReplay.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <climits>
#include <fstream>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace looplab {

namespace {

using nlohmann::json;

int64_t number(const json& e, const char* key, int64_t fallback = 0) {
    auto found = e.find(key);
    return found != e.end() && found->is_number() ? found->get<int64_t>() : fallback;
}

std::string text(const json& e, const char* key) {
    auto found = e.find(key);
    return found != e.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::string rawJson(const json& e, const char* key) {
    auto found = e.find(key);
    return found != e.end() ? found->dump() : std::string("{}");
}

const std::unordered_map<std::string, EventKind>& kindsByName() {
    static const auto* table = [] {
        auto* map = new std::unordered_map<std::string, EventKind>();
        for (int k = 0; k <= static_cast<int>(EventKind::Phase); ++k)
            map->emplace(eventKindName(static_cast<EventKind>(k)), static_cast<EventKind>(k));
        return map;
    }();
    return *table;
}

// A `line` or `lines` event names its frame and depth only when they changed since the previous
// one of the same task or thread: carry them forward.
void fillFrame(LineFrameMemory& frames, const json& e, TraceEvent& out) {
    LineFrameMemory::Frame& last = frames.of(out.task, out.text);
    if (e.contains("f")) {
        last.frame = static_cast<int32_t>(number(e, "f"));
        last.depth = static_cast<int32_t>(number(e, "d"));
    }
    out.frame = last.frame;
    out.depth = static_cast<int16_t>(std::min<int32_t>(last.depth, INT16_MAX));
}

std::vector<LoopLines> loopsOf(const json& document) {
    std::vector<LoopLines> loops;
    const auto found = document.find("loops");
    if (found == document.end() || !found->is_array())
        return loops;
    for (const json& pair : *found) {
        if (pair.is_array() && pair.size() == 2 && pair[0].is_number() && pair[1].is_number())
            loops.push_back({pair[0].get<int64_t>(), pair[1].get<int64_t>()});
    }
    return loops;
}

// The inverse of writeEvent() in record/TraceRecorder.cpp.
bool toEvent(const json& e, TraceEvent& out, LineFrameMemory& frames) {
    auto kind = kindsByName().find(text(e, "e"));
    if (kind == kindsByName().end())
        return false; // an event kind from a newer writer: skip it
    out = TraceEvent();
    out.kind = kind->second;
    out.t = number(e, "t");
    out.task = number(e, "task", -1);
    switch (out.kind) {
    case EventKind::TaskCreated:
        out.num = number(e, "parent", -1);
        out.line = number(e, "line");
        out.text = text(e, "name");
        out.detail = text(e, "coro");
        out.handle = text(e, "by") == "as_completed" ? kCreatedByAsCompleted : -1;
        break;
    case EventKind::TaskRenamed:
        out.text = text(e, "name");
        break;
    case EventKind::StepBegin:
        out.handle = number(e, "h", -1);
        break;
    case EventKind::StepYield: {
        out.line = number(e, "line");
        out.detail = rawJson(e, "info");
        break;
    }
    case EventKind::TaskDone:
    case EventKind::End:
        out.detail = rawJson(e, "info");
        break;
    case EventKind::Phase:
        out.text = text(e, "name");
        out.detail = rawJson(e, "info");
        break;
    case EventKind::Line:
    case EventKind::LinesSkipped:
        out.line = number(e, "line");
        out.num = number(e, "count");
        out.text = text(e, "thread");
        fillFrame(frames, e, out);
        break;
    case EventKind::ReadyPush:
    case EventKind::TimerPush:
        out.handle = number(e, "h", -1);
        out.num = out.kind == EventKind::TimerPush ? number(e, "when") : number(e, "cancel");
        out.line = number(e, "by", -1);
        out.text = text(e, "what");
        break;
    case EventKind::TimerDue:
    case EventKind::HandleRun:
        out.handle = number(e, "h", -1);
        break;
    case EventKind::HandleCancel:
        out.handle = number(e, "h", -1);
        out.num = number(e, "closed");
        break;
    case EventKind::Iteration:
        out.num = number(e, "n");
        out.line = number(e, "ready");
        break;
    case EventKind::Poll:
        out.num = number(e, "dur");
        break;
    case EventKind::Block:
        out.text = text(e, "thread");
        out.num = number(e, "dur");
        out.line = number(e, "line");
        break;
    case EventKind::GilWait:
        out.text = text(e, "thread");
        out.num = number(e, "dur");
        out.detail = text(e, "holder");
        break;
    case EventKind::Job:
        out.text = text(e, "pool");
        out.line = number(e, "worker");
        out.num = number(e, "end");
        out.detail = text(e, "fn");
        break;
    case EventKind::Print:
        out.text = text(e, "text");
        out.detail = text(e, "thread");
        out.num = text(e, "stream") == "stderr" ? kStandardErrorStream : 0;
        out.line = number(e, "line");
        out.frame = static_cast<int32_t>(number(e, "f"));
        out.depth = static_cast<int16_t>(number(e, "d"));
        break;
    case EventKind::Sync:
        out.handle = number(e, "obj", -1);
        out.detail = rawJson(e, "state");
        break;
    }
    return true;
}

TraceReadResult failure(const std::string& why) {
    TraceReadResult result;
    result.error = why;
    return result;
}

} // namespace

// A trace is replayed as recorded, so one that was edited, shuffled or cut and glued would be
// shown as a run that never happened: the loop's clock must never go back, and every task an
// event names must have been created before it.
static std::string orderProblem(const std::vector<TraceEvent>& events) {
    int64_t now = 0;
    std::unordered_set<int64_t> created;
    for (size_t i = 0; i < events.size(); ++i) {
        const TraceEvent& e = events[i];
        const std::string which =
            "event " + std::to_string(i + 1) + " (" + eventKindName(e.kind) + ")";
        if (TraceReplay::onLoopClock(e) && e.t < now)
            return "the trace's " + which + " goes back in time (t=" + std::to_string(e.t) +
                   " ns after t=" + std::to_string(now) + " ns): its events are out of order";
        now = TraceReplay::loopClockAfter(now, e);
        if (e.kind == EventKind::TaskCreated)
            created.insert(e.task);
        else if (e.task >= 0 && created.count(e.task) == 0)
            return "the trace's " + which + " names task " + std::to_string(e.task) +
                   ", which no earlier event created";
    }
    return {};
}

namespace {

// The header's fields, checked; false with `result` holding the failure.
bool readHeader(const json& document, TraceReadResult& result) {
    if (!document.is_object() || text(document, "format") != "looplab-trace") {
        result = failure("this is not a LoopLab trace (its \"format\" is not \"looplab-trace\")");
        return false;
    }
    result.trace.version = static_cast<int>(number(document, "version"));
    if (result.trace.version < 1 || result.trace.version > kTraceFormatVersion) {
        result =
            failure("the trace has format version " + std::to_string(result.trace.version) +
                    "; this LoopLab reads versions 1 to " + std::to_string(kTraceFormatVersion));
        return false;
    }
    result.trace.header = {text(document, "program"), number(document, "line_cost_ns"),
                           number(document, "seed"), loopsOf(document),
                           text(document, "unconfined")};
    if (const auto schedule = document.find("schedule");
        schedule != document.end() && schedule->is_object()) {
        result.trace.header.scheduleSeed = number(*schedule, "seed", -1);
        const auto jitter = schedule->find("jitter");
        result.trace.header.jitter =
            jitter != schedule->end() && jitter->is_number() ? jitter->get<double>() : 0;
    }
    return true;
}

TraceReadResult finish(TraceReadResult result) {
    if (const std::string problem = orderProblem(result.trace.events); !problem.empty())
        return failure(problem);
    result.ok = true;
    return result;
}

// How many lines are left in `in` from where it stands, which it is put back to; 0 when it
// cannot be put back (a pipe). Reading a trace reserves its list of events once at this size:
// a list that doubles as it grows holds its old and its new copy at once, twice the memory of
// a million-step trace at the worst moment.
size_t linesLeft(std::istream& in) {
    const std::streampos start = in.tellg();
    if (start == std::streampos(-1))
        return 0;
    size_t lines = 0;
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0)
        lines += static_cast<size_t>(std::count(buffer, buffer + in.gcount(), '\n'));
    in.clear();
    in.seekg(start);
    return in ? lines : 0;
}

// LoopLab writes a trace with its header on the first line and one event per line after it
// (TraceRecorder). Read that way, only one event at a time is ever a JSON tree: a run of a
// million steps is read in a fraction of the memory the whole document's tree would take.
// Returns nothing when the text is laid out otherwise (the caller then reads it whole).
std::optional<TraceReadResult> readLineByLine(std::istream& in) {
    static const std::string eventsOpen = ",\"events\":[";
    std::string line;
    if (!std::getline(in, line) || line.size() < eventsOpen.size() ||
        line.compare(line.size() - eventsOpen.size(), eventsOpen.size(), eventsOpen) != 0)
        return std::nullopt;
    const json header =
        json::parse(line.substr(0, line.size() - eventsOpen.size()) + "}", nullptr, false);
    if (header.is_discarded())
        return std::nullopt;
    TraceReadResult result;
    if (!readHeader(header, result))
        return result;
    LineFrameMemory frames;
    result.trace.events.reserve(linesLeft(in));
    bool closed = false;
    while (std::getline(in, line)) {
        if (closed && !line.empty())
            return std::nullopt; // more after the end: let the whole-document parser judge
        if (closed)
            continue;
        if (line == "]}") {
            closed = true;
            continue;
        }
        if (!line.empty() && line.back() == ',')
            line.pop_back();
        if (line.empty())
            continue;
        const json e = json::parse(line, nullptr, false);
        if (e.is_discarded())
            return std::nullopt; // not one event per line after all
        TraceEvent event;
        if (e.is_object() && toEvent(e, event, frames))
            result.trace.events.push_back(std::move(event));
    }
    if (!closed)
        return std::nullopt; // cut off: the whole-document parser says where
    return finish(std::move(result));
}

} // namespace

TraceReadResult readTrace(std::istream& in) {
    const std::streampos start = in.tellg();
    if (std::optional<TraceReadResult> read = readLineByLine(in))
        return std::move(*read);
    in.clear();
    in.seekg(start);
    json document;
    try {
        document = json::parse(in);
    } catch (const json::parse_error& error) {
        return failure(std::string("the trace is not valid JSON (") + error.what() + ")");
    }
    TraceReadResult result;
    if (!readHeader(document, result))
        return result;
    const auto events = document.find("events");
    if (events == document.end() || !events->is_array())
        return failure("the trace has no \"events\" list");
    result.trace.events.reserve(events->size());
    LineFrameMemory frames;
    for (const json& e : *events) {
        TraceEvent event;
        if (e.is_object() && toEvent(e, event, frames))
            result.trace.events.push_back(std::move(event));
    }
    return finish(std::move(result));
}

TraceReadResult readTraceFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return failure("cannot open the trace " + path);
    return readTrace(in);
}

} // namespace looplab
