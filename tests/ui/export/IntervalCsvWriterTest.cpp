// The CSV export: exact text for small timelines (quoting, line ends, exact seconds), the
// window, and a recorded run read back with an RFC 4180 parser to check that every task's
// intervals are exactly the model's, contiguous and never overlapping.

#include "IntervalCsvWriter.h"

#include "DecimalText.h"
#include "ExportTestModels.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

namespace looplab {
namespace {

using K = SegmentKind;
using exporttest::seg;
using exporttest::taskRow;
using exporttest::workerRow;

std::string csvOf(const TimelineModel& model, int64_t from = std::numeric_limits<int64_t>::min(),
                  int64_t to = std::numeric_limits<int64_t>::max()) {
    std::ostringstream out;
    EXPECT_TRUE(writeIntervalCsv(out, model, from, to));
    return out.str();
}

// Labels and details that need quoting, and times from nanoseconds to hours.
TimelineModel awkwardModel() {
    return TimelineModel(
        {taskRow(1, "main", {seg(0, 1, K::Running), seg(1, 1500000000, K::Waiting, "sleep")}),
         taskRow(2, "fetch, retry", {seg(5, 7, K::Ready), seg(7, 9, K::Waiting, "")}),
         taskRow(3, "say \"hi\"\nthen go",
                 {seg(3600000000000, 3600000000123, K::Blocked, "line 4")}),
         workerRow("default worker 0", {seg(2, 8, K::Busy, "read \"a,b\"")})},
        3600000000123);
}

TEST(IntervalCsvWriter, ExactTextWithQuoting) {
    EXPECT_EQ(csvOf(awkwardModel()),
              "task,state,detail,start_s,end_s\r\n"
              "main,running,,0.000000000,0.000000001\r\n"
              "main,waiting,sleep,0.000000001,1.500000000\r\n"
              "\"fetch, retry\",ready,,0.000000005,0.000000007\r\n"
              "\"fetch, retry\",waiting,,0.000000007,0.000000009\r\n"
              "\"say \"\"hi\"\"\nthen go\",blocked,line 4,3600.000000000,3600.000000123\r\n"
              "default worker 0,busy,\"read \"\"a,b\"\"\",0.000000002,0.000000008\r\n");
}

TEST(IntervalCsvWriter, WindowClipsAndDrops) {
    // [6, 1000): main's sleep is cut to 6-1000, fetch's ready to 6-7, the blocked call (far
    // later) and main's first run (before) are gone.
    EXPECT_EQ(csvOf(awkwardModel(), 6, 1000),
              "task,state,detail,start_s,end_s\r\n"
              "main,waiting,sleep,0.000000006,0.000001000\r\n"
              "\"fetch, retry\",ready,,0.000000006,0.000000007\r\n"
              "\"fetch, retry\",waiting,,0.000000007,0.000000009\r\n"
              "default worker 0,busy,\"read \"\"a,b\"\"\",0.000000006,0.000000008\r\n");
    // A segment ending exactly where the window starts has nothing inside it.
    EXPECT_EQ(csvOf(awkwardModel(), 9, 10), "task,state,detail,start_s,end_s\r\n"
                                            "main,waiting,sleep,0.000000009,0.000000010\r\n");
    EXPECT_EQ(csvOf(awkwardModel(), 10, 10), "task,state,detail,start_s,end_s\r\n");
}

TEST(IntervalCsvWriter, EmptyModelIsJustTheHeader) {
    EXPECT_EQ(csvOf(TimelineModel()), "task,state,detail,start_s,end_s\r\n");
}

TEST(IntervalCsvWriter, ReportsAFailedStream) {
    std::ostringstream out;
    out.setstate(std::ios::badbit);
    EXPECT_FALSE(writeIntervalCsv(out, awkwardModel()));
}

TEST(DecimalText, ScaledIntegersAreExact) {
    auto scaled = [](int64_t value, int decimals, bool trim) {
        std::string out;
        appendScaled(out, value, decimals, trim);
        return out;
    };
    EXPECT_EQ(scaled(0, 9, false), "0.000000000");
    EXPECT_EQ(scaled(1500000001, 9, false), "1.500000001");
    EXPECT_EQ(scaled(-1, 9, false), "-0.000000001");
    EXPECT_EQ(scaled(9223372036854775807, 9, false), "9223372036.854775807");
    EXPECT_EQ(scaled(std::numeric_limits<int64_t>::min(), 9, false), "-9223372036.854775808");
    EXPECT_EQ(scaled(0, 3, true), "0");
    EXPECT_EQ(scaled(1000, 3, true), "1");
    EXPECT_EQ(scaled(1250, 3, true), "1.25");
    EXPECT_EQ(scaled(1, 3, true), "0.001");
    EXPECT_EQ(scaled(123456789012345, 3, true), "123456789012.345");
    EXPECT_EQ(scaled(-1500, 3, true), "-1.5");
    EXPECT_EQ(scaled(42, 0, true), "42");
}

// RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.
std::vector<std::vector<std::string>> parseCsv(const std::string& text) {
    std::vector<std::vector<std::string>> records(1);
    std::string field;
    bool quoted = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            records.back().push_back(field);
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            records.back().push_back(field);
            field.clear();
            records.emplace_back();
            ++i;
        } else {
            field += c;
        }
    }
    EXPECT_FALSE(quoted) << "unterminated quoted field";
    EXPECT_TRUE(records.back().empty() && field.empty()) << "last line has no CRLF";
    records.pop_back();
    return records;
}

// "S.FFFFFFFFF" back to integer nanoseconds, without a double in between.
int64_t parseNs(const std::string& seconds) {
    const size_t dot = seconds.find('.');
    EXPECT_NE(dot, std::string::npos);
    EXPECT_EQ(seconds.size() - dot - 1, 9u) << seconds;
    return std::stoll(seconds.substr(0, dot)) * 1000000000 + std::stoll(seconds.substr(dot + 1));
}

TEST(IntervalCsvWriter, RecordedRunReadsBackExactly) {
    const TimelineModel model(exporttest::miniRun());
    const auto records = parseCsv(csvOf(model));
    ASSERT_FALSE(records.empty());
    EXPECT_EQ(records[0],
              (std::vector<std::string>{"task", "state", "detail", "start_s", "end_s"}));

    std::map<std::string, std::vector<Segment>> byLabel;
    std::map<std::string, std::vector<std::string>> marks;
    for (size_t i = 1; i < records.size(); ++i) {
        ASSERT_EQ(records[i].size(), 5u) << "line " << i;
        const auto& r = records[i];
        if (r[1] == "mark") { // an instant: start and end are the same
            EXPECT_EQ(r[3], r[4]);
            marks[r[0]].push_back(r[2]);
            continue;
        }
        byLabel[r[0]].push_back({parseNs(r[3]), parseNs(r[4]), K::Mixed, r[2]});
    }
    // Every row, and the event loop's own row first.
    ASSERT_EQ(byLabel.size(), model.drawnRowCount());
    EXPECT_EQ(records[1][0], "event loop");
    ASSERT_NE(model.loopRow(), nullptr);
    const auto& loop = byLabel.at("event loop");
    ASSERT_EQ(loop.size(), model.loopRow()->segments.size());
    for (size_t i = 0; i < loop.size(); ++i) {
        EXPECT_EQ(loop[i].startNs, model.loopRow()->segments[i].startNs);
        EXPECT_EQ(loop[i].detail, model.loopRow()->segments[i].detail);
    }
    // The tasks that returned say so.
    for (size_t row = 0; row < model.rowCount(); ++row) {
        std::vector<std::string> want;
        for (const RowMark& m : model.row(row).marks)
            want.push_back(markKindName(m.kind));
        EXPECT_EQ(marks[model.rowLabel(row)], want) << model.rowLabel(row);
    }
    size_t lines = 0;
    for (size_t row = 0; row < model.rowCount(); ++row) {
        const auto& read = byLabel.at(model.rowLabel(row));
        const auto& want = model.segments(row);
        ASSERT_EQ(read.size(), want.size()) << model.rowLabel(row);
        for (size_t i = 0; i < read.size(); ++i) {
            EXPECT_EQ(read[i].startNs, want[i].startNs);
            EXPECT_EQ(read[i].endNs, want[i].endNs);
            EXPECT_EQ(read[i].detail, want[i].detail);
            EXPECT_LT(read[i].startNs, read[i].endNs);
            // A task is always in some state from its first segment to its last: each
            // interval starts exactly where the one before ended.
            if (i > 0 && model.row(row).kind == TimelineRow::Kind::Task) {
                EXPECT_EQ(read[i].startNs, read[i - 1].endNs) << model.rowLabel(row);
            }
            if (i > 0) {
                EXPECT_GE(read[i].startNs, read[i - 1].endNs) << model.rowLabel(row);
            }
        }
        lines += read.size();
    }
    EXPECT_EQ(lines, model.segmentCount());
    EXPECT_EQ(lines, 12u);
}

} // namespace
} // namespace looplab
