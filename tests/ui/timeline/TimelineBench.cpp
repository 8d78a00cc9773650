// Cost of one full paint of the timeline on a large synthetic run: 200 rows, 100,000 segments,
// rendered into a 1920x600 image, zoomed out to the whole run, in to 1% of it, and in between.
// Waits cycle through every wait kind (each its own look), every row holds a lock for a third
// of the run, and has a mark every 50 segments, so all that the timeline draws is paid for.

#include "TimelineView.h"

#include <QApplication>
#include <QImage>
#include <QPainter>

#include <benchmark/benchmark.h>

#include <memory>

namespace {

using namespace looplab;

constexpr int kRows = 200;
constexpr int kSegmentsPerRow = 500;

std::shared_ptr<const TimelineModel> bigModel() {
    std::vector<TimelineRow> rows;
    int64_t end = 0;
    const SegmentKind kinds[] = {SegmentKind::Ready, SegmentKind::Running, SegmentKind::Waiting,
                                 SegmentKind::Blocked};
    for (int r = 0; r < kRows; ++r) {
        TimelineRow row{TimelineRow::Kind::Task, r + 1, "Task-" + std::to_string(r + 1), {}};
        int64_t t = r * 1000;
        for (int i = 0; i < kSegmentsPerRow; ++i) {
            // Irregular lengths, from sub-microsecond to milliseconds, as real runs have.
            const int64_t length = 100 + ((i * 7919 + r * 104729) % 2000000);
            const SegmentKind kind = kinds[(i + r) % 4];
            const auto wait = kind == SegmentKind::Waiting
                                  ? static_cast<WaitKind>(1 + (i / 4 + r) % (kWaitKindCount - 1))
                                  : WaitKind::None;
            row.segments.push_back({t, t + length, kind,
                                    kind == SegmentKind::Waiting ? waitKindName(wait) : "", wait});
            if (i % 50 == 49)
                row.marks.push_back({t, static_cast<MarkKind>(i / 50 % kMarkKindCount), {}});
            t += length;
        }
        row.holds.push_back({t / 3, 2 * t / 3, r % 2 == 1, "lock"});
        end = std::max(end, t);
        rows.push_back(std::move(row));
    }
    return std::make_shared<TimelineModel>(std::move(rows), end);
}

// Each frame is painted at a range moved by one virtual ns from the last, so the painter cannot
// reuse the pixels it merged for the previous frame: the cost of a frame after a zoom or a pan.
// With `stepping`, the range stays and only the cursor moves, as when the student steps: the
// rows' pixels are reused (TimelinePainter keeps them per model, zoom and width).
void paintOnce(benchmark::State& state, double visibleFraction, bool stepping = false) {
    TimelineView view;
    view.resize(1920, 600);
    auto model = bigModel();
    view.setModel(model);
    const int64_t duration = static_cast<int64_t>(model->endNs() * visibleFraction);
    const int64_t start = model->endNs() / 2 - duration / 2;
    view.setVisibleRange(start, duration);
    view.setCurrentTime(model->endNs() / 2);
    QImage image(1920, 600, QImage::Format_ARGB32_Premultiplied);
    int64_t frame = 0;
    for (auto _ : state) {
        ++frame;
        if (stepping)
            view.setCurrentTime(model->endNs() / 2 + frame % 2);
        else
            view.setVisibleRange(start + frame % 2, duration);
        view.render(&image);
        benchmark::DoNotOptimize(image.constBits());
    }
    state.counters["segments"] = static_cast<double>(model->segmentCount());
}

void BM_PaintWholeRunStepping(benchmark::State& state) {
    paintOnce(state, 1.0, true);
}

void BM_PaintWholeRun(benchmark::State& state) {
    paintOnce(state, 1.0);
}
void BM_PaintOnePercent(benchmark::State& state) {
    paintOnce(state, 0.01);
}

// Zoom levels between and beyond: from a few segments per pixel to a few pixels per segment.
void BM_PaintZoom(benchmark::State& state) {
    paintOnce(state, 1.0 / static_cast<double>(state.range(0)));
}

BENCHMARK(BM_PaintWholeRun)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PaintWholeRunStepping)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PaintOnePercent)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PaintZoom)
    ->ArgName("1/n")
    ->Arg(2)
    ->Arg(4)
    ->Arg(10)
    ->Arg(30)
    ->Arg(1000)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
