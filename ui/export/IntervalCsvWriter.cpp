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

// Writes a task's row: its segments, then what it held and its marks.
class CsvRows {
  public:
    CsvRows(std::ostream& out, int64_t fromNs, int64_t toNs)
        : out_(out), fromNs_(fromNs), toNs_(toNs) {
        buffer_.reserve(kFlushBytes + 4096);
        buffer_ += "task,state,detail,start_s,end_s\r\n";
    }

    void row(const TimelineRow& row) {
        // The label is the same on every line of the row: quote it once.
        label_.clear();
        appendField(label_, row.label);
        const auto range = TimelineModel::visibleRange(row.segments, fromNs_, toNs_);
        for (size_t i = range.first; i < range.second; ++i) {
            const Segment& s = row.segments[i];
            line(segmentKindName(s.kind), s.detail, s.startNs, s.endNs, false);
        }
        for (const RowHold& hold : row.holds)
            line("holds", (hold.semaphore ? "semaphore " : "lock ") + hold.name, hold.startNs,
                 hold.endNs, false);
        for (const RowMark& mark : row.marks) {
            std::string detail = markKindName(mark.kind);
            if (!mark.detail.empty())
                detail += ": " + mark.detail;
            line("mark", detail, mark.ns, mark.ns, true);
        }
    }

    bool finish() {
        out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
        return out_.good();
    }

  private:
    // A mark is an instant: it is kept when it lies inside the window.
    void line(const char* state, const std::string& detail, int64_t from, int64_t to,
              bool instant) {
        const int64_t start = std::max(from, fromNs_);
        const int64_t end = std::min(to, toNs_);
        if (instant ? (from < fromNs_ || from >= toNs_) : end <= start)
            return;
        buffer_ += label_;
        buffer_ += ',';
        buffer_ += state;
        buffer_ += ',';
        appendField(buffer_, detail);
        buffer_ += ',';
        appendSeconds(buffer_, start);
        buffer_ += ',';
        appendSeconds(buffer_, instant ? start : end);
        buffer_ += "\r\n";
        if (buffer_.size() >= kFlushBytes) {
            out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
            buffer_.clear();
        }
    }

    std::ostream& out_;
    const int64_t fromNs_;
    const int64_t toNs_;
    std::string buffer_;
    std::string label_;
};

} // namespace

bool writeIntervalCsv(std::ostream& out, const TimelineModel& model, int64_t fromNs, int64_t toNs) {
    CsvRows rows(out, fromNs, toNs);
    for (size_t r = 0; r < model.drawnRowCount(); ++r)
        rows.row(model.drawnRow(r));
    return rows.finish();
}

} // namespace looplab
