#include "TraceRecorder.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <chrono>
#include <string_view>
#include <unordered_map>

namespace looplab {

namespace {

bool isPlainAscii(const std::string& s) {
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x80 || c == '"' || c == '\\')
            return false;
    }
    return true;
}

std::string quoted(const std::string& s) {
    // Most strings (names, labels) need no escaping: quote them directly. Anything else goes
    // through nlohmann, which escapes control characters and replaces invalid UTF-8 so that a
    // program printing odd bytes still produces a readable trace.
    if (isPlainAscii(s)) {
        std::string out;
        out.reserve(s.size() + 2);
        out += '"';
        out += s;
        out += '"';
        return out;
    }
    return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Appends `"key":value` pairs with the right commas to a string; values are already JSON.
class ObjectWriter {
  public:
    explicit ObjectWriter(std::string& out) : out_(out) { out_ += '{'; }
    ~ObjectWriter() { out_ += '}'; }
    ObjectWriter(const ObjectWriter&) = delete;
    ObjectWriter& operator=(const ObjectWriter&) = delete;

    void raw(const char* key, const std::string& json) {
        this->key(key);
        out_ += json;
    }
    void text(const char* key, const std::string& s) { raw(key, quoted(s)); }
    void number(const char* key, int64_t n) {
        this->key(key);
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
        out_.append(digits, end);
    }

  private:
    void key(const char* name) {
        if (!first_)
            out_ += ',';
        first_ = false;
        out_ += '"';
        out_ += name;
        out_ += "\":";
    }
    std::string& out_;
    bool first_ = true;
};

// Whether a line's frame differs from its task's (or thread's) previous line: only then is it
// written (docs/trace-format.md).
bool frameChanged(LineFrameMemory& frames, const TraceEvent& e) {
    LineFrameMemory::Frame& last = frames.of(e.task, e.text);
    const bool differs = last.frame != e.frame || last.depth != e.depth;
    last = {e.frame, e.depth};
    return differs;
}

void writeEvent(std::string& out, const TraceEvent& e, LineFrameMemory& frames) {
    ObjectWriter w(out);
    w.raw("e", std::string("\"") + eventKindName(e.kind) + '"');
    w.number("t", e.t);
    switch (e.kind) {
    case EventKind::TaskCreated:
        w.number("task", e.task);
        w.number("parent", e.num);
        w.number("line", e.line);
        w.text("name", e.text);
        w.text("coro", e.detail);
        if (e.handle == kCreatedByAsCompleted)
            w.text("by", "as_completed");
        break;
    case EventKind::TaskRenamed:
        w.number("task", e.task);
        w.text("name", e.text);
        break;
    case EventKind::StepBegin:
        w.number("task", e.task);
        w.number("h", e.handle);
        break;
    case EventKind::StepYield:
        w.number("task", e.task);
        w.number("line", e.line);
        w.raw("info", e.detail);
        break;
    case EventKind::TaskDone:
        w.number("task", e.task);
        w.raw("info", e.detail);
        break;
    case EventKind::Line:
    case EventKind::LinesSkipped:
        if (e.task >= 0)
            w.number("task", e.task);
        else
            w.text("thread", e.text);
        if (e.kind == EventKind::LinesSkipped)
            w.number("count", e.num);
        w.number("line", e.line);
        if (frameChanged(frames, e)) {
            w.number("f", e.frame);
            w.number("d", e.depth);
        }
        break;
    case EventKind::ReadyPush:
    case EventKind::TimerPush:
        w.number("h", e.handle);
        if (e.task >= 0)
            w.number("task", e.task);
        if (e.kind == EventKind::TimerPush)
            w.number("when", e.num);
        w.text("what", e.text);
        if (e.kind == EventKind::ReadyPush && e.num == 1)
            w.number("cancel", 1); // a wake because what the task awaited was cancelled
        if (e.line >= 0)
            w.number("by", e.line);
        break;
    case EventKind::TimerDue:
    case EventKind::HandleRun:
        w.number("h", e.handle);
        break;
    case EventKind::HandleCancel:
        w.number("h", e.handle);
        if (e.num == 1)
            w.number("closed", 1); // dropped unrun because its loop was closed
        break;
    case EventKind::Iteration:
        w.number("n", e.num);
        w.number("ready", e.line);
        break;
    case EventKind::Poll:
        w.number("dur", e.num);
        break;
    case EventKind::Block:
        if (e.task >= 0) // the task whose step blocked the loop thread
            w.number("task", e.task);
        w.text("thread", e.text);
        w.number("dur", e.num);
        w.number("line", e.line);
        break;
    case EventKind::GilWait:
        w.text("thread", e.text);
        w.number("dur", e.num);
        w.text("holder", e.detail);
        break;
    case EventKind::Job:
        if (e.task >= 0)
            w.number("task", e.task);
        w.text("pool", e.text);
        w.number("worker", e.line);
        w.number("end", e.num);
        w.text("fn", e.detail);
        break;
    case EventKind::Print:
        if (e.task >= 0)
            w.number("task", e.task);
        w.text("thread", e.detail);
        w.text("text", e.text);
        if (e.line > 0) { // the print's place, whole (not relative to the Line events)
            w.number("line", e.line);
            w.number("f", e.frame);
            w.number("d", e.depth);
        }
        if (e.num == kStandardErrorStream)
            w.text("stream", "stderr");
        break;
    case EventKind::Sync:
        w.number("obj", e.handle);
        w.raw("state", e.detail);
        break;
    case EventKind::End:
        w.raw("info", e.detail);
        break;
    case EventKind::Phase:
        w.text("name", e.text);
        w.raw("info", e.detail);
        break;
    }
}

} // namespace

namespace {

void writeHeader(std::ostream& out, const TraceHeader& header) {
    out << "{\"format\":\"looplab-trace\",\"version\":" << TraceRecorder::kFormatVersion
        << ",\"program\":" << quoted(header.program) << ",\"line_cost_ns\":" << header.lineCostNs
        << ",\"seed\":" << header.seed;
    if (!header.loops.empty()) {
        out << ",\"loops\":[";
        for (size_t i = 0; i < header.loops.size(); ++i)
            out << (i ? "," : "") << '[' << header.loops[i].header << ',' << header.loops[i].last
                << ']';
        out << ']';
    }
    if (!header.unconfined.empty())
        out << ",\"unconfined\":" << quoted(header.unconfined);
    if (header.scheduleSeed >= 0) {
        // The shortest text that reads back as the same double, so the header is exact.
        char jitter[32];
        const auto written = std::to_chars(jitter, jitter + sizeof jitter, header.jitter);
        out << ",\"schedule\":{\"seed\":" << header.scheduleSeed
            << ",\"jitter\":" << std::string_view(jitter, written.ptr - jitter) << '}';
    }
    out << ",\"events\":[\n";
}

int64_t steadyNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

// Events are separated by ",\n" written before each one but the first, so that whatever has
// been written at any moment ends with a whole event (the parent can close a cut-off trace).
void TraceRecorder::writeJson(std::ostream& out, const TraceHeader& header) const {
    writeHeader(out, header);
    std::string buffer;
    buffer.reserve(1 << 20);
    LineFrameMemory frames;
    for (size_t i = 0; i < events_.size(); ++i) {
        if (i > 0)
            buffer += ",\n";
        writeEvent(buffer, events_[i], frames);
        if (buffer.size() > (1 << 20) - 4096) {
            out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            buffer.clear();
        }
    }
    out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    out << "\n]}\n";
}

void TraceRecorder::startStreaming(std::ostream* out, TraceHeader header) {
    out_ = out;
    header_ = std::move(header);
    lastFlushNs_ = steadyNs();
}

void TraceRecorder::flushIfDue() {
    if (events_.size() >= kChunkEvents || steadyNs() - lastFlushNs_ >= kFlushIntervalNs)
        writeStreamed(false);
}

void TraceRecorder::flush() {
    if (out_)
        writeStreamed(false);
}

void TraceRecorder::finishStream() {
    if (!out_)
        return;
    writeStreamed(true);
    *out_ << "\n]}\n";
    out_->flush();
    out_ = nullptr;
}

void TraceRecorder::writeStreamed(bool final) {
    lastFlushNs_ = steadyNs();
    if (!headerWritten_) {
        if (!loopsKnown_ && !final)
            return; // the header must name the program's loops; they come before its first line
        header_.loops = loops_;
        writeHeader(*out_, header_);
        headerWritten_ = true;
    }
    chunk_.clear();
    for (const TraceEvent& event : events_) {
        if (streamed_ > 0)
            chunk_ += ",\n";
        writeEvent(chunk_, event, streamFrames_);
        ++streamed_;
    }
    events_.clear();
    out_->write(chunk_.data(), static_cast<std::streamsize>(chunk_.size()));
    out_->flush();
    if (chunk_.capacity() > (8 << 20))
        std::string().swap(chunk_); // one huge chunk is no reason to keep its memory
}

} // namespace looplab
