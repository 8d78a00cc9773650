#include "ChromeTraceWriter.h"

#include "DecimalText.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <unordered_map>

namespace looplab {

namespace {

constexpr size_t kFlushBytes = 1 << 20;
constexpr int64_t kNoWindowFrom = std::numeric_limits<int64_t>::min();
constexpr int64_t kNoWindowTo = std::numeric_limits<int64_t>::max();

// Appends `text` as a JSON string literal. Plain ASCII (nearly every label and detail) is
// escaped here; anything else goes through nlohmann, which also replaces invalid UTF-8 (a
// print of raw bytes) instead of writing a file no viewer would open.
void appendJsonString(std::string& out, const std::string& text) {
    const bool ascii = std::all_of(text.begin(), text.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (!ascii) {
        out += nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
    }
    static const char* const hex = "0123456789abcdef";
    out += '"';
    for (const char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out += "\\u00";
                out += hex[(c >> 4) & 0xf];
                out += hex[c & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

void appendInt(std::string& out, int64_t value) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out.append(digits, end);
}

// Virtual nanoseconds as the format's microseconds.
void appendMicros(std::string& out, int64_t ns) {
    appendScaled(out, ns, 3, true);
}

// Writes the buffer out in large chunks and reuses it: the file is never held whole.
class Sink {
  public:
    explicit Sink(std::ostream& out) : out_(out) { buffer_.reserve(kFlushBytes + 4096); }
    std::string& text() { return buffer_; }
    // Starts the next element of traceEvents.
    void nextEvent() {
        if (!first_)
            buffer_ += ",\n";
        first_ = false;
        if (buffer_.size() >= kFlushBytes)
            flush();
    }
    void flush() {
        out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
        buffer_.clear();
    }

  private:
    std::ostream& out_;
    std::string buffer_;
    bool first_ = true;
};

class ChromeTraceBuilder {
  public:
    ChromeTraceBuilder(Sink& sink, const TimelineModel& model, int64_t fromNs, int64_t toNs)
        : sink_(sink), model_(model), fromNs_(fromNs), toNs_(toNs) {
        tids_.reserve(model.drawnRowCount());
        loop_ = model.loopRow() != nullptr;
        for (size_t r = 0; r < model.drawnRowCount(); ++r) {
            const TimelineRow& row = model.drawnRow(r);
            if (row.kind == TimelineRow::Kind::Task)
                taskRows_.emplace(row.taskId, r);
            else if (row.kind == TimelineRow::Kind::Worker)
                workerRows_.emplace(row.label, r);
            // Tasks and workers keep tid = their model row + 1; the loop's row comes after them
            // and sorts first (sort index -1), so adding it renumbers nothing.
            std::string tid;
            appendInt(tid, loop_ && r == 0 ? static_cast<int64_t>(model.rowCount()) + 1
                                           : static_cast<int64_t>(r) + (loop_ ? 0 : 1));
            tids_.push_back(std::move(tid));
        }
    }

    void metadata(const std::string& title) {
        std::string& out = sink_.text();
        sink_.nextEvent();
        out += R"({"ph":"M","pid":1,"tid":0,"name":"process_name","args":{"name":)";
        appendJsonString(out, title);
        out += "}}";
        for (size_t r = 0; r < model_.drawnRowCount(); ++r) {
            sink_.nextEvent();
            out += R"({"ph":"M","pid":1,"tid":)";
            out += tids_[r];
            out += R"(,"name":"thread_name","args":{"name":)";
            appendJsonString(out, model_.drawnRow(r).label);
            out += "}}";
            sink_.nextEvent();
            out += R"({"ph":"M","pid":1,"tid":)";
            out += tids_[r];
            out += R"(,"name":"thread_sort_index","args":{"sort_index":)";
            appendInt(out, static_cast<int64_t>(r) - (loop_ ? 1 : 0));
            out += "}}";
        }
    }

    void segments() {
        for (size_t r = 0; r < model_.drawnRowCount(); ++r) {
            const TimelineRow& row = model_.drawnRow(r);
            const auto range = TimelineModel::visibleRange(row.segments, fromNs_, toNs_);
            for (size_t i = range.first; i < range.second; ++i)
                segment(r, row.segments[i]);
            for (const RowHold& hold : row.holds)
                held(r, hold);
            for (const RowMark& mark : row.marks)
                if (mark.ns >= fromNs_ && mark.ns < toNs_)
                    marked(r, mark);
        }
    }

    void instants(const std::vector<TraceEvent>& events) {
        for (const TraceEvent& e : events) {
            if (e.t < fromNs_ || e.t >= toNs_)
                continue;
            if (e.kind == EventKind::Print)
                print(e);
            else if (e.kind == EventKind::ReadyPush)
                woken(e);
        }
    }

  private:
    void segment(size_t row, const Segment& s) {
        const int64_t start = std::max(s.startNs, fromNs_);
        const int64_t end = std::min(s.endNs, toNs_);
        if (end <= start)
            return;
        std::string& out = sink_.text();
        const char* state = segmentKindName(s.kind);
        sink_.nextEvent();
        out += R"({"ph":"X","pid":1,"tid":)";
        out += tids_[row];
        out += R"(,"ts":)";
        appendMicros(out, start);
        // The duration comes from the integer length, not from subtracting two decimals, so
        // ts + dur is exactly the next segment's ts.
        out += R"(,"dur":)";
        appendMicros(out, end - start);
        out += R"(,"name":)";
        if (s.kind == SegmentKind::Waiting) {
            appendJsonString(out, "waiting: " +
                                      (s.detail.empty() ? std::string("other") : s.detail.str()));
        } else {
            out += '"';
            out += state;
            out += '"';
        }
        out += R"(,"cat":")";
        out += state;
        out += '"';
        if (!s.detail.empty()) {
            out += R"(,"args":{"detail":)";
            appendJsonString(out, s.detail);
            if (s.kind == SegmentKind::Waiting) {
                out += R"(,"kind":")";
                out += waitKindName(s.wait);
                out += '"';
            }
            out += '}';
        }
        out += '}';
    }

    // A held lock or permit overlaps the row's states without nesting in them, so it is an
    // async slice (its own track under the task's thread), not a complete event.
    void held(size_t row, const RowHold& hold) {
        const int64_t start = std::max(hold.startNs, fromNs_);
        const int64_t end = std::min(hold.endNs, toNs_);
        if (end <= start)
            return;
        const std::string name = (hold.semaphore ? "holds semaphore " : "holds lock ") + hold.name;
        for (const auto& [phase, ns] : {std::pair<const char*, int64_t>{"b", start}, {"e", end}}) {
            std::string& out = sink_.text();
            sink_.nextEvent();
            out += R"({"ph":")";
            out += phase;
            out += R"(","pid":1,"tid":)";
            out += tids_[row];
            out += R"(,"id":)";
            appendInt(out, holdId_);
            out += R"(,"ts":)";
            appendMicros(out, ns);
            out += R"(,"cat":"holds","name":)";
            appendJsonString(out, name);
            out += '}';
        }
        ++holdId_;
    }

    void marked(size_t row, const RowMark& mark) {
        std::string& out = sink_.text();
        sink_.nextEvent();
        out += R"({"ph":"i","s":"t","pid":1,"tid":)";
        out += tids_[row];
        out += R"(,"ts":)";
        appendMicros(out, mark.ns);
        out += R"(,"cat":"mark","name":)";
        appendJsonString(out, markKindName(mark.kind));
        if (!mark.detail.empty()) {
            out += R"(,"args":{"detail":)";
            appendJsonString(out, mark.detail);
            out += '}';
        }
        out += '}';
    }

    // The row a print belongs to: its task's, or on a worker thread the row with its label.
    const std::string* printTid(const TraceEvent& e) const {
        if (e.task >= 0) {
            const auto found = taskRows_.find(e.task);
            return found == taskRows_.end() ? nullptr : &tids_[found->second];
        }
        const auto found = workerRows_.find(e.detail);
        return found == workerRows_.end() ? nullptr : &tids_[found->second];
    }

    void print(const TraceEvent& e) {
        const std::string* tid = printTid(e);
        std::string& out = sink_.text();
        sink_.nextEvent();
        if (tid) {
            out += R"({"ph":"i","s":"t","pid":1,"tid":)";
            out += *tid;
        } else {
            out += R"({"ph":"i","s":"p","pid":1,"tid":0)";
        }
        out += R"(,"ts":)";
        appendMicros(out, e.t);
        out += R"(,"name":"print","cat":"print","args":{"text":)";
        appendJsonString(out, e.text);
        out += "}}";
    }

    void woken(const TraceEvent& e) {
        const auto found = taskRows_.find(e.task);
        if (found == taskRows_.end())
            return;
        std::string& out = sink_.text();
        sink_.nextEvent();
        out += R"({"ph":"i","s":"t","pid":1,"tid":)";
        out += tids_[found->second];
        out += R"(,"ts":)";
        appendMicros(out, e.t);
        out += R"(,"name":"woken","cat":"wake","args":{"cause":)";
        appendJsonString(out, e.text);
        out += "}}";
    }

    Sink& sink_;
    const TimelineModel& model_;
    const int64_t fromNs_;
    const int64_t toNs_;
    std::vector<std::string> tids_; // row index -> its tid as text, formatted once
    std::unordered_map<int64_t, size_t> taskRows_;
    std::unordered_map<std::string, size_t> workerRows_;
    int64_t holdId_ = 1;
    bool loop_ = false; // the model has the loop's row: drawn row 0
};

} // namespace

bool writeChromeTrace(std::ostream& out, const TimelineModel& model,
                      const std::vector<TraceEvent>& events, const std::string& title,
                      int64_t fromNs, int64_t toNs) {
    Sink sink(out);
    sink.text() += "{\"traceEvents\":[\n";
    ChromeTraceBuilder builder(sink, model, fromNs, toNs);
    builder.metadata(title);
    builder.segments();
    builder.instants(events);
    std::string& text = sink.text();
    text += "\n],\n\"displayTimeUnit\":\"ms\",\n\"otherData\":{\"title\":";
    appendJsonString(text, title);
    text += R"(,"timeBase":"virtual","endNs":)";
    appendInt(text, model.endNs());
    if (fromNs != kNoWindowFrom || toNs != kNoWindowTo) {
        text += R"(,"fromNs":)";
        appendInt(text, fromNs);
        text += R"(,"toNs":)";
        appendInt(text, toNs);
    }
    text += "}}\n";
    sink.flush();
    return out.good();
}

} // namespace looplab
