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
        tids_.reserve(model.rowCount());
        for (size_t r = 0; r < model.rowCount(); ++r) {
            const TimelineRow& row = model.row(r);
            if (row.kind == TimelineRow::Kind::Task)
                taskRows_.emplace(row.taskId, r);
            else
                workerRows_.emplace(row.label, r);
            std::string tid;
            appendInt(tid, static_cast<int64_t>(r) + 1);
            tids_.push_back(std::move(tid));
        }
    }

    void metadata(const std::string& title) {
        std::string& out = sink_.text();
        sink_.nextEvent();
        out += R"({"ph":"M","pid":1,"tid":0,"name":"process_name","args":{"name":)";
        appendJsonString(out, title);
        out += "}}";
        for (size_t r = 0; r < model_.rowCount(); ++r) {
            sink_.nextEvent();
            out += R"({"ph":"M","pid":1,"tid":)";
            out += tids_[r];
            out += R"(,"name":"thread_name","args":{"name":)";
            appendJsonString(out, model_.rowLabel(r));
            out += "}}";
            sink_.nextEvent();
            out += R"({"ph":"M","pid":1,"tid":)";
            out += tids_[r];
            out += R"(,"name":"thread_sort_index","args":{"sort_index":)";
            appendInt(out, static_cast<int64_t>(r));
            out += "}}";
        }
    }

    void segments() {
        for (size_t r = 0; r < model_.rowCount(); ++r) {
            const std::vector<Segment>& list = model_.segments(r);
            const auto range = model_.visibleRange(r, fromNs_, toNs_);
            for (size_t i = range.first; i < range.second; ++i)
                segment(r, list[i]);
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
            appendJsonString(out,
                             "waiting: " + (s.detail.empty() ? std::string("other") : s.detail));
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
