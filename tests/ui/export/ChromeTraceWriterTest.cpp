// The Chrome trace export, parsed back with nlohmann: metadata names every row once, complete
// events match the model to the nanosecond and never overlap on a thread, prints and wake-ups
// land as instants on the right thread, and the window clips like the CSV's.

#include "ChromeTraceWriter.h"

#include "ExportTestModels.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <sstream>

namespace looplab {
namespace {

using K = SegmentKind;
using exporttest::seg;
using exporttest::taskRow;
using exporttest::workerRow;

// A wait as the model records it: with its family.
Segment recordedWait(int64_t from, int64_t to, const std::string& kind) {
    return {from, to, K::Waiting, kind, waitKindOf(kind)};
}
using nlohmann::json;

constexpr int64_t kAll0 = std::numeric_limits<int64_t>::min();
constexpr int64_t kAll1 = std::numeric_limits<int64_t>::max();

std::string traceText(const TimelineModel& model, const std::vector<TraceEvent>& events,
                      int64_t from = kAll0, int64_t to = kAll1) {
    std::ostringstream out;
    EXPECT_TRUE(writeChromeTrace(out, model, events, "mini.py", from, to));
    return out.str();
}

json traceOf(const TimelineModel& model, const std::vector<TraceEvent>& events,
             int64_t from = kAll0, int64_t to = kAll1) {
    return json::parse(traceText(model, events, from, to));
}

std::vector<json> eventsWith(const json& trace, const std::string& ph) {
    std::vector<json> out;
    for (const json& e : trace.at("traceEvents"))
        if (e.at("ph") == ph)
            out.push_back(e);
    return out;
}

// Microseconds as written back to nanoseconds (exact for the magnitudes of these tests).
int64_t ns(const json& micros) {
    return std::llround(micros.get<double>() * 1000.0);
}

struct Interval {
    int64_t from, to;
    std::string name, cat, detail;
};

std::map<int, std::vector<Interval>> completeEventsByTid(const json& trace) {
    std::map<int, std::vector<Interval>> byTid;
    for (const json& e : eventsWith(trace, "X")) {
        EXPECT_EQ(e.at("pid"), 1);
        const int64_t from = ns(e.at("ts"));
        const std::string detail = e.contains("args") ? e["args"].value("detail", "") : "";
        byTid[e.at("tid").get<int>()].push_back(
            {from, from + ns(e.at("dur")), e.at("name"), e.at("cat"), detail});
    }
    return byTid;
}

TEST(ChromeTraceWriter, RecordedRunModelIsTheOneDocumented) {
    const TimelineModel model(exporttest::miniRun());
    ASSERT_EQ(model.rowCount(), 3u);
    EXPECT_EQ(model.segments(0),
              (std::vector<Segment>{seg(0, 100, K::Running), recordedWait(100, 1400, "task"),
                                    seg(1400, 1450, K::Ready), seg(1450, 1500, K::Running)}));
    EXPECT_EQ(
        model.segments(1),
        (std::vector<Segment>{seg(60, 100, K::Ready), seg(100, 150, K::Running),
                              recordedWait(150, 1150, "sleep"), seg(1150, 1200, K::Ready),
                              seg(1200, 1250, K::Running), seg(1250, 1350, K::Blocked, "line 9"),
                              seg(1350, 1400, K::Running)}));
    EXPECT_EQ(model.segments(2), (std::vector<Segment>{seg(70, 300, K::Busy, "blocking_io")}));
    EXPECT_EQ(model.endNs(), 1500);
}

TEST(ChromeTraceWriter, MetadataNamesEveryRowOnce) {
    const TimelineModel model(exporttest::miniRun());
    const json trace = traceOf(model, exporttest::miniRun());
    EXPECT_EQ(trace.at("displayTimeUnit"), "ms");
    EXPECT_EQ(trace.at("otherData").at("title"), "mini.py");
    EXPECT_EQ(trace.at("otherData").at("timeBase"), "virtual");
    EXPECT_EQ(trace.at("otherData").at("endNs"), 1500);
    EXPECT_FALSE(trace.at("otherData").contains("fromNs"));

    std::map<int, std::string> names;
    std::map<int, int> sortIndex;
    int processNames = 0;
    for (const json& e : eventsWith(trace, "M")) {
        EXPECT_EQ(e.at("pid"), 1);
        const int tid = e.at("tid");
        if (e.at("name") == "process_name") {
            ++processNames;
            EXPECT_EQ(e.at("args").at("name"), "mini.py");
        } else if (e.at("name") == "thread_name") {
            EXPECT_TRUE(names.emplace(tid, e.at("args").at("name")).second) << "tid " << tid;
        } else if (e.at("name") == "thread_sort_index") {
            EXPECT_TRUE(sortIndex.emplace(tid, e.at("args").at("sort_index")).second);
        } else {
            ADD_FAILURE() << e.dump();
        }
    }
    EXPECT_EQ(processNames, 1);
    // The event loop's own row comes after the model's rows and sorts first.
    EXPECT_EQ(names,
              (std::map<int, std::string>{
                  {1, "main"}, {2, "fetch \"a\""}, {3, "default worker 0"}, {4, "event loop"}}));
    EXPECT_EQ(sortIndex, (std::map<int, int>{{1, 0}, {2, 1}, {3, 2}, {4, -1}}));
}

TEST(ChromeTraceWriter, CompleteEventsMatchTheModelAndNeverOverlap) {
    const TimelineModel model(exporttest::miniRun());
    const auto byTid = completeEventsByTid(traceOf(model, exporttest::miniRun()));
    ASSERT_EQ(byTid.size(), model.drawnRowCount());
    ASSERT_NE(model.loopRow(), nullptr);
    const auto& loop = byTid.at(static_cast<int>(model.rowCount()) + 1);
    ASSERT_EQ(loop.size(), model.loopRow()->segments.size());
    for (size_t i = 0; i < loop.size(); ++i) {
        EXPECT_EQ(loop[i].from, model.loopRow()->segments[i].startNs);
        EXPECT_EQ(loop[i].to, model.loopRow()->segments[i].endNs);
    }
    for (size_t row = 0; row < model.rowCount(); ++row) {
        const auto& got = byTid.at(static_cast<int>(row) + 1);
        const auto& want = model.segments(row);
        ASSERT_EQ(got.size(), want.size());
        for (size_t i = 0; i < got.size(); ++i) {
            EXPECT_EQ(got[i].from, want[i].startNs);
            EXPECT_EQ(got[i].to, want[i].endNs);
            EXPECT_EQ(got[i].cat, segmentKindName(want[i].kind));
            EXPECT_EQ(got[i].detail, want[i].detail);
            if (i > 0) {
                EXPECT_LE(got[i - 1].to, got[i].from);
            }
        }
    }
    const auto& fetch = byTid.at(2);
    EXPECT_EQ(fetch[0].name, "ready");
    EXPECT_EQ(fetch[2].name, "waiting: sleep");
    EXPECT_EQ(fetch[5].name, "blocked");
    EXPECT_EQ(byTid.at(1)[1].name, "waiting: task");
    EXPECT_EQ(byTid.at(3)[0].name, "busy");
}

TEST(ChromeTraceWriter, TimesAreExactMicrosecondText) {
    // ts and dur straight from the integers: 1250 ns is 1.25 us, and a segment at one hour
    // and 123 ns keeps all its digits.
    const TimelineModel model({taskRow(1, "t",
                                       {seg(1250, 1350, K::Blocked, "line 9"),
                                        seg(3600000000000, 3600000000123, K::Waiting, "")})},
                              3600000000123);
    const std::string text = traceText(model, {});
    EXPECT_NE(text.find(R"("ts":1.25,"dur":0.1,"name":"blocked","cat":"blocked")"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find(R"("ts":3600000000,"dur":0.123,"name":"waiting: other","cat":"waiting")"),
              std::string::npos)
        << text;
    // A wait with no kind carries no detail.
    EXPECT_EQ(text.find(R"("dur":0.123,"name":"waiting: other","cat":"waiting","args")"),
              std::string::npos);
}

TEST(ChromeTraceWriter, PrintsAndWakeUpsAreInstantsOnTheirRows) {
    const TimelineModel model(exporttest::miniRun());
    const json trace = traceOf(model, exporttest::miniRun());
    std::vector<std::tuple<int, int64_t, std::string, std::string, std::string>> got;
    for (const json& e : eventsWith(trace, "i")) {
        const std::string text =
            e.at("name") == "print" ? e.at("args").at("text") : e.at("args").at("cause");
        got.emplace_back(e.at("tid"), ns(e.at("ts")), e.at("s"), e.at("name"), text);
    }
    using I = std::tuple<int, int64_t, std::string, std::string, std::string>;
    EXPECT_EQ(got, (std::vector<I>{
                       I{1, 0, "t", "woken", "start main"},
                       I{1, 50, "t", "print", "hello, world"},
                       I{2, 60, "t", "woken", "create_task"},
                       I{3, 80, "t", "print", "in thread"},
                       I{2, 1150, "t", "woken", "sleep done"},
                       I{2, 1210, "t", "print", "two\nlines \"quoted\""},
                       I{1, 1400, "t", "woken", "task fetch done"},
                       // A loop callback's print has no row: it stays, on the process.
                       I{0, 1500, "p", "print", "callback"},
                   }));
    for (const json& e : eventsWith(trace, "i"))
        EXPECT_EQ(e.at("cat"), e.at("name") == "print" ? "print" : "wake");
}

TEST(ChromeTraceWriter, WindowClipsSegmentsAndInstants) {
    const TimelineModel model(exporttest::miniRun());
    const json trace = traceOf(model, exporttest::miniRun(), 1100, 1300);
    EXPECT_EQ(trace.at("otherData").at("fromNs"), 1100);
    EXPECT_EQ(trace.at("otherData").at("toNs"), 1300);
    const auto byTid = completeEventsByTid(trace);
    ASSERT_EQ(byTid.size(), 3u); // two tasks and the loop: the worker's job is over by 300
    EXPECT_EQ(byTid.count(4), 1u);
    ASSERT_EQ(byTid.at(1).size(), 1u);
    EXPECT_EQ(byTid.at(1)[0].from, 1100);
    EXPECT_EQ(byTid.at(1)[0].to, 1300);
    const auto& fetch = byTid.at(2);
    ASSERT_EQ(fetch.size(), 4u);
    EXPECT_EQ(fetch[0].from, 1100); // the sleep, cut at the window's start
    EXPECT_EQ(fetch[0].to, 1150);
    EXPECT_EQ(fetch[3].from, 1250); // the blocking call, cut at its end
    EXPECT_EQ(fetch[3].to, 1300);
    const auto instants = eventsWith(trace, "i");
    ASSERT_EQ(instants.size(), 2u);
    EXPECT_EQ(ns(instants[0].at("ts")), 1150);
    EXPECT_EQ(ns(instants[1].at("ts")), 1210);
    // Thread names stay, so the rows of a window still read as the run's.
    EXPECT_EQ(eventsWith(trace, "M").size(), 1u + 2 * model.drawnRowCount());
}

TEST(ChromeTraceWriter, EscapesAnyTextIntoValidJson) {
    // Control characters, backslashes, non-ASCII and even invalid UTF-8 in a print.
    const TimelineModel model({taskRow(1, "t\\1\t\x01 café", {seg(0, 10, K::Running)})}, 10);
    std::vector<TraceEvent> events = {
        exporttest::event(EventKind::Print, 5, 1, -1, "raw \xff byte", "loop")};
    const json trace = traceOf(model, events);
    std::string label;
    for (const json& e : eventsWith(trace, "M"))
        if (e.at("name") == "thread_name")
            label = e.at("args").at("name");
    EXPECT_EQ(label, "t\\1\t\x01 café");
    const auto instants = eventsWith(trace, "i");
    ASSERT_EQ(instants.size(), 1u);
    EXPECT_EQ(instants[0].at("args").at("text"), "raw \xef\xbf\xbd byte"); // U+FFFD
}

TEST(ChromeTraceWriter, EmptyRunIsAValidTrace) {
    const json trace = traceOf(TimelineModel(), {});
    ASSERT_EQ(trace.at("traceEvents").size(), 1u); // the process name alone
    EXPECT_EQ(trace.at("otherData").at("endNs"), 0);
}

} // namespace
} // namespace looplab
