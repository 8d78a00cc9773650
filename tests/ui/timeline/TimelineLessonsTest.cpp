// The timeline's pixels on real lessons, recorded by `looplab run`: the semaphore lesson's
// downloading and queued tasks look different, lesson 8's two tasks hold their locks until the
// deadlock, the loop's row is blocked during lesson 14's time.sleep(2), lesson 15's workers are
// busy and never blocked, its second computing thread is ready for the GIL while the first
// computes, and a 31-task run exported at 1920x1080 labels every row.

#include "TimelineLegend.h"
#include "TimelineModel.h"
#include "TimelinePainter.h"
#include "TimelinePalette.h"
#include "TraceReader.h"

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

namespace looplab {
namespace {

constexpr int64_t kS = 1'000'000'000;

std::unique_ptr<TimelineModel> recordLesson(const QString& lesson) {
    QTemporaryDir dir;
    const QString trace = dir.filePath(QStringLiteral("trace.json"));
    QProcess run;
    run.start(QStringLiteral(LOOPLAB_BINARY),
              {QStringLiteral("run"), QStringLiteral(LOOPLAB_LESSONS "/") + lesson,
               QStringLiteral("--trace"), trace});
    run.waitForFinished(120'000);
    const TraceReadResult read = readTraceFile(trace.toStdString());
    EXPECT_TRUE(read.ok) << read.error;
    return std::make_unique<TimelineModel>(read.trace.events);
}

// The whole run drawn at `size` on a light page, and where each drawn row's box lies.
struct Picture {
    QImage image;
    TimelineFrame frame;
    int top = 0;
    int rowHeight = 0;
    int pad = 0;

    int x(int64_t ns) const {
        return frame.gutter + static_cast<int>(std::lround(frame.zoom.nsToX(ns)));
    }
    // The first pixel line inside row r's box (a mark sits there only at its instant), and the
    // last one, where a held lock or permit is a band.
    int fillY(size_t r) const { return top + static_cast<int>(r) * rowHeight + pad + 1; }
    int bandY(size_t r) const { return top + static_cast<int>(r + 1) * rowHeight - pad - 1; }
    // The colours of the 8 pixels from x on line y.
    QSet<QRgb> colours(int x, int y) const {
        QSet<QRgb> out;
        for (int i = 0; i < 8; ++i)
            out.insert(image.pixel(x + i, y));
        return out;
    }
};

Picture draw(const TimelineModel& model, QSize size = QSize(1280, 720)) {
    Picture pic;
    QFont font;
    font.setPixelSize(13);
    pic.frame.size = size;
    pic.frame.font = font;
    pic.frame.base = Qt::white;
    pic.frame.alternate = QColor(0xF4, 0xF4, 0xF4);
    pic.frame.text = Qt::black;
    pic.frame.gutter = TimelinePainter::gutterWidth(&model, font, size.width() / 4);
    pic.frame.zoom = TimelineZoom(model.endNs(), size.width() - pic.frame.gutter);
    pic.image = QImage(size, QImage::Format_RGB32);
    {
        QPainter p(&pic.image);
        TimelinePainter painter;
        painter.paint(p, &model, pic.frame);
    }
    pic.top = TimelinePainter::headerHeight(font, size.width(), &model);
    pic.rowHeight = TimelinePainter::rowHeight(font);
    pic.pad = std::max(2, pic.rowHeight / 8);
    return pic;
}

// A look's two colours: its fill and its hatch's ink.
QSet<QRgb> look(SegmentKind kind, WaitKind wait = WaitKind::None) {
    QSet<QRgb> out{TimelinePalette::fill(kind, wait).rgb()};
    const QBrush pattern = TimelinePalette::pattern(kind, wait);
    if (pattern.style() != Qt::NoBrush)
        out.insert(pattern.color().rgb());
    return out;
}

TEST(TimelineLessons, SemaphoreLessonDownloadingAndQueuedRowsDifferAtOneAndAHalfSeconds) {
    const auto model = recordLesson(QStringLiteral("09_semaphores.py"));
    const Picture pic = draw(*model, QSize(1920, 1080));
    const int64_t at = 3 * kS / 2;
    const QSet<QRgb> network = look(SegmentKind::Waiting, WaitKind::Network);
    const QSet<QRgb> semaphore = look(SegmentKind::Waiting, WaitKind::Semaphore);
    const QRgb permit = TimelinePalette::holdBand(true).rgb();
    int downloading = 0, queued = 0;
    for (size_t r = 0; r < model->drawnRowCount(); ++r) {
        const TimelineRow& row = model->drawnRow(r);
        const auto found = TimelineModel::visibleRange(row.segments, at, at + 1);
        if (row.kind != TimelineRow::Kind::Task || found.first == found.second)
            continue;
        const QSet<QRgb> seen = pic.colours(pic.x(at), pic.fillY(r));
        const WaitKind wait = row.segments[found.first].wait;
        SCOPED_TRACE(row.label);
        if (wait == WaitKind::Network) {
            ++downloading;
            EXPECT_TRUE(network.contains(seen));
            EXPECT_EQ(pic.image.pixel(pic.x(at), pic.bandY(r)), permit); // it holds a slot
        } else if (wait == WaitKind::Semaphore) {
            ++queued;
            EXPECT_TRUE(semaphore.contains(seen));
            EXPECT_NE(pic.image.pixel(pic.x(at), pic.bandY(r)), permit);
        }
        EXPECT_FALSE(seen.intersects(wait == WaitKind::Network ? semaphore : network));
    }
    EXPECT_EQ(downloading, 5);
    EXPECT_EQ(queued, 20);
}

TEST(TimelineLessons, DeadlockLessonShowsBothTasksHoldingALockUntilTheDeadlock) {
    const auto model = recordLesson(QStringLiteral("08_deadlock.py"));
    const Picture pic = draw(*model);
    const QRgb lockBand = TimelinePalette::holdBand(false).rgb();
    ASSERT_NE(model->loopRow(), nullptr);
    ASSERT_EQ(model->loopRow()->marks.size(), 1u);
    const int64_t deadlock = model->loopRow()->marks.front().ns;
    EXPECT_EQ(model->loopRow()->marks.front().kind, MarkKind::Deadlock);
    int holding = 0;
    for (size_t r = 0; r < model->drawnRowCount(); ++r) {
        const TimelineRow& row = model->drawnRow(r);
        const bool payer = row.label == "pay-bob" || row.label == "pay-alice";
        for (const int64_t t : {deadlock / 10, deadlock / 2, deadlock * 9 / 10, deadlock - 1})
            EXPECT_EQ(pic.image.pixel(pic.x(t) - 1, pic.bandY(r)) == lockBand, payer)
                << row.label << " at " << t;
        holding += payer ? 1 : 0;
    }
    EXPECT_EQ(holding, 2);
}

TEST(TimelineLessons, LoopRowIsBlockedDuringTheBlockingTrapsTimeSleep) {
    const auto model = recordLesson(QStringLiteral("14_blocking_trap.py"));
    const Picture pic = draw(*model);
    ASSERT_NE(model->loopRow(), nullptr);
    EXPECT_EQ(model->drawnRow(0).label, "event loop");
    const QSet<QRgb> blocked = look(SegmentKind::Blocked);
    // time.sleep(2) runs from 1.2 s to 3.2 s.
    for (const int64_t t : {13 * kS / 10, 2 * kS, 31 * kS / 10})
        EXPECT_TRUE(blocked.contains(pic.colours(pic.x(t), pic.fillY(0)))) << t;
    for (const int64_t t : {kS / 2, 4 * kS})
        EXPECT_FALSE(pic.colours(pic.x(t), pic.fillY(0)).intersects(blocked)) << t;
    // The heartbeat's timer, due at 1.5 s, ran at 3.2 s: late, in its own look.
    const QSet<QRgb> late = look(SegmentKind::Waiting, WaitKind::Late);
    size_t heartbeat = 0;
    while (heartbeat < model->drawnRowCount() && model->drawnRow(heartbeat).label != "heartbeat")
        ++heartbeat;
    ASSERT_LT(heartbeat, model->drawnRowCount());
    EXPECT_TRUE(late.contains(pic.colours(pic.x(2 * kS), pic.fillY(heartbeat))));
}

TEST(TimelineLessons, ExecutorWorkersAreBusyNeverBlocked) {
    const auto model = recordLesson(QStringLiteral("15_executors.py"));
    const Picture pic = draw(*model);
    const QSet<QRgb> blocked = look(SegmentKind::Blocked);
    const QRgb busy = TimelinePalette::fill(SegmentKind::Busy).rgb();
    int workers = 0;
    for (size_t r = 0; r < model->drawnRowCount(); ++r) {
        if (model->drawnRow(r).kind != TimelineRow::Kind::Worker)
            continue;
        ++workers;
        int busyPixels = 0;
        for (int y = pic.fillY(r); y <= pic.bandY(r); ++y)
            for (int x = pic.frame.gutter; x < pic.image.width(); ++x) {
                EXPECT_FALSE(blocked.contains(pic.image.pixel(x, y))) << x << "," << y;
                busyPixels += pic.image.pixel(x, y) == busy ? 1 : 0;
            }
        EXPECT_GT(busyPixels, 0) << model->drawnRow(r).label;
    }
    EXPECT_GE(workers, 2);
}

TEST(TimelineLessons, SecondComputingThreadIsReadyForTheGilWhileTheFirstComputes) {
    const auto model = recordLesson(QStringLiteral("15_executors.py"));
    const Picture pic = draw(*model);
    const TimelineRow* first = nullptr;
    const TimelineRow* second = nullptr;
    size_t secondRow = 0;
    for (size_t r = 0; r < model->drawnRowCount(); ++r) {
        const TimelineRow& row = model->drawnRow(r);
        if (row.label == "default worker 0")
            first = &row;
        if (row.label == "default worker 1") {
            second = &row;
            secondRow = r;
        }
    }
    ASSERT_NE(first, nullptr);
    ASSERT_NE(second, nullptr);
    // The second crunch waits from its start until the first one is over, then runs. (Both
    // workers read the sensors before: those jobs come first on their rows.)
    const auto isReady = [](const Segment& s) { return s.kind == SegmentKind::Ready; };
    ASSERT_EQ(std::count_if(second->segments.begin(), second->segments.end(), isReady), 1);
    const auto readyAt = std::find_if(second->segments.begin(), second->segments.end(), isReady);
    const Segment& ready = *readyAt;
    ASSERT_NE(readyAt + 1, second->segments.end());
    const Segment& computing = *(readyAt + 1);
    EXPECT_EQ(ready.detail, "waits for the GIL: default worker 0 computes");
    EXPECT_EQ(computing.kind, SegmentKind::Busy);
    EXPECT_EQ(computing.detail, "crunch");
    EXPECT_EQ(computing.startNs, ready.endNs);
    const auto firstCrunch = std::find_if(first->segments.begin(), first->segments.end(),
                                          [&](const Segment& s) { return s.endNs == ready.endNs; });
    ASSERT_NE(firstCrunch, first->segments.end());
    EXPECT_EQ(firstCrunch->detail, "crunch");
    EXPECT_LE(firstCrunch->startNs, ready.startNs);
    // Both compute for as long: waiting for the GIL does not slow the computing.
    EXPECT_EQ(computing.endNs - computing.startNs, firstCrunch->endNs - firstCrunch->startNs);
    const QSet<QRgb> readyLook = look(SegmentKind::Ready);
    EXPECT_TRUE(pic.colours(pic.x((ready.startNs + ready.endNs) / 2) - 4, pic.fillY(secondRow))
                    .intersects(readyLook));
    // The loop, woken by the first job's result, waits for the GIL the second thread now holds.
    const TimelineRow* loop = model->loopRow();
    ASSERT_NE(loop, nullptr);
    const auto waits =
        std::count_if(loop->segments.begin(), loop->segments.end(), [](const Segment& s) {
            return s.kind == SegmentKind::Ready &&
                   s.detail == "waits for the GIL: default worker 1 computes" &&
                   s.endNs - s.startNs == 5'000'000; // the switch interval
        });
    EXPECT_EQ(waits, 1);
    EXPECT_TRUE(model->gilWaitsPresent());
    QStringList legend;
    for (const LegendItem& item : TimelineLegend::items(model.get()))
        legend << item.text;
    EXPECT_TRUE(legend.contains(QStringLiteral("ready (queued, or for the GIL)")))
        << legend.join(", ").toStdString();
    EXPECT_TRUE(legend.contains(QStringLiteral("worker busy (holds the GIL when it computes)")));
}

TEST(TimelineLessons, ThirtyOneTaskExportAtFullHdLabelsEveryRow) {
    QTemporaryDir dir;
    const QString svg = dir.filePath(QStringLiteral("semaphores.svg"));
    QProcess run;
    run.start(QStringLiteral(LOOPLAB_BINARY),
              {QStringLiteral("export"), QStringLiteral(LOOPLAB_LESSONS "/09_semaphores.py"),
               QStringLiteral("-o"), svg, QStringLiteral("--size"), QStringLiteral("1920x1080")});
    ASSERT_TRUE(run.waitForFinished(120'000));
    ASSERT_EQ(run.exitCode(), 0) << run.readAllStandardError().toStdString();
    QFile file(svg);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    EXPECT_TRUE(text.contains(QStringLiteral("31 rows")));
    EXPECT_FALSE(text.contains(QStringLiteral("too many to draw one by one")));
    EXPECT_TRUE(text.contains(QStringLiteral(">event loop<")));
    EXPECT_TRUE(text.contains(QStringLiteral(">Task-1 · main()<")));
    for (int n = 0; n < 30; ++n)
        EXPECT_TRUE(text.contains(QStringLiteral(">download-%1 · download()<").arg(n))) << n;
}

} // namespace
} // namespace looplab
