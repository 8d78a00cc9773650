#include "IntervalCsvWriter.h"

#include "DecimalText.h"

#include <algorithm>
#include <string>

namespace looplab {

namespace {

// Flushing in large chunks keeps the stream's per-call overhead out of a run with millions of
// segments.
constexpr size_t kFlushBytes = 1 << 20;

void appendField(std::string& out, const std::string& field) {
    if (field.find_first_of(",\"\r\n") == std::string::npos) {
        out += field;
        return;
    }
    out += '"';
    for (const char c : field) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

void appendSeconds(std::string& out, int64_t ns) {
    appendScaled(out, ns, 9, false);
}

} // namespace

bool writeIntervalCsv(std::ostream& out, const TimelineModel& model, int64_t fromNs, int64_t toNs) {
    std::string buffer;
    buffer.reserve(kFlushBytes + 4096);
    buffer += "task,state,detail,start_s,end_s\r\n";
    for (size_t r = 0; r < model.rowCount(); ++r) {
        // The label is the same on every line of the row: quote it once.
        std::string label;
        appendField(label, model.rowLabel(r));
        const std::vector<Segment>& segments = model.segments(r);
        const auto range = model.visibleRange(r, fromNs, toNs);
        for (size_t i = range.first; i < range.second; ++i) {
            const Segment& s = segments[i];
            const int64_t start = std::max(s.startNs, fromNs);
            const int64_t end = std::min(s.endNs, toNs);
            if (end <= start)
                continue;
            buffer += label;
            buffer += ',';
            buffer += segmentKindName(s.kind);
            buffer += ',';
            appendField(buffer, s.detail);
            buffer += ',';
            appendSeconds(buffer, start);
            buffer += ',';
            appendSeconds(buffer, end);
            buffer += "\r\n";
            if (buffer.size() >= kFlushBytes) {
                out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
                buffer.clear();
            }
        }
    }
    out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    return out.good();
}

} // namespace looplab
