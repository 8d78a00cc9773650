#include "DeadlockView.h"

#include <QImage>
#include <QPixmap>
#include <gtest/gtest.h>

#include <set>

using namespace looplab;

namespace {

// Two transfers taking two locks in opposite order, gathered by main (as program 39 reports it).
const char* kLockOrder = R"({"status": "deadlock", "exit": 3, "message": "deadlock: ...",
  "deadlock": {"tasks": [
    {"task": 1, "name": "Task-1", "line": 26, "wait": {"kind": "gather", "tasks": [2, 3]},
     "blocked_by": [2, 3], "explanation": "waits for gather of Task-2, Task-3"},
    {"task": 2, "name": "Task-2", "line": 19, "wait": {"kind": "lock", "obj": 2, "name": "lock_b"},
     "blocked_by": [3], "explanation": "waits to acquire lock 'lock_b', held by Task-3"},
    {"task": 3, "name": "Task-3", "line": 19, "wait": {"kind": "lock", "obj": 1, "name": "lock_a"},
     "blocked_by": [2], "explanation": "waits to acquire lock 'lock_a', held by Task-2"}],
  "cycle": [2, 3, 2]}})";

// Three workers waiting on an event nobody sets, and main gathering them: no cycle.
const char* kEvent = R"({"status": "deadlock", "deadlock": {"tasks": [
    {"task": 1, "name": "Task-1", "line": 30, "wait": {"kind": "gather", "tasks": [2, 3, 4]},
     "blocked_by": [3, 4], "explanation": "waits for gather of #2, Task-3, Task-4"},
    {"task": 3, "name": "Task-3", "line": 16, "wait": {"kind": "event", "obj": 1, "name": "start"},
     "blocked_by": [], "explanation": "waits on event 'start', which nobody will set or notify"},
    {"task": 4, "name": "Task-4", "line": 16, "wait": {"kind": "event", "obj": 1, "name": "start"},
     "blocked_by": [], "explanation": "waits on event 'start', which nobody will set or notify"}],
  "cycle": []}})";

int countColor(const QImage& image, QRgb color) {
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if ((image.pixel(x, y) & 0xFFFFFF) == (color & 0xFFFFFF))
                ++count;
    return count;
}

} // namespace

TEST(DeadlockView, ParsesTheWaitForGraphAndItsCycle) {
    DeadlockView view;
    view.setDeadlock(QString::fromUtf8(kLockOrder));
    ASSERT_TRUE(view.hasDeadlock());
    EXPECT_EQ(view.nodeLabels(),
              QStringList({"Task-1", "Task-2", "Task-3", "lock lock_b", "lock lock_a"}));
    EXPECT_EQ(view.cycleLabels(), QStringList({"Task-2", "lock lock_b", "Task-3", "lock lock_a"}));
    EXPECT_EQ(view.summary(),
              QString("Task-2 holds lock_a and waits for lock_b; Task-3 holds lock_b and waits "
                      "for lock_a: neither can ever continue. Task-1 waits for Task-2 and "
                      "Task-3, so it is stuck as well."));
}

TEST(DeadlockView, WithoutACycleGroupsTasksByWhatTheyWaitFor) {
    DeadlockView view;
    view.setDeadlock(QString::fromUtf8(kEvent));
    ASSERT_TRUE(view.hasDeadlock());
    EXPECT_EQ(view.nodeLabels(), QStringList({"Task-1", "Task-3", "Task-4", "event start"}));
    EXPECT_TRUE(view.cycleLabels().isEmpty());
    EXPECT_EQ(view.summary(),
              QString("Task-1 waits for Task-3 and Task-4; Task-3 and Task-4 wait for event "
                      "'start': nothing left can wake them, so none of them can ever continue."));
}

TEST(DeadlockView, NoDeadlockInputsShowNothing) {
    DeadlockView view;
    view.setDeadlock(QString::fromUtf8(kLockOrder));
    ASSERT_TRUE(view.hasDeadlock());
    for (const char* info : {"", "not json", R"({"status": "finished", "exit": 0})",
                             R"({"status": "deadlock", "deadlock": {"tasks": [], "cycle": []}})"}) {
        view.setDeadlock(QString::fromUtf8(info));
        EXPECT_FALSE(view.hasDeadlock()) << info;
        EXPECT_TRUE(view.nodeLabels().isEmpty()) << info;
        EXPECT_TRUE(view.cycleLabels().isEmpty()) << info;
        EXPECT_TRUE(view.summary().isEmpty()) << info;
    }
}

TEST(DeadlockView, AcceptsTheWholeEndEvent) {
    DeadlockView view;
    view.setDeadlock(QString(R"({"e": "end", "t": 5, "info": %1})").arg(kLockOrder));
    EXPECT_EQ(view.cycleLabels().size(), 4);
}

TEST(DeadlockView, RendersTheCycleInItsColour) {
    DeadlockView view;
    view.resize(900, 500);
    view.setDeadlock(QString::fromUtf8(kLockOrder));
    const QImage image = view.grab().toImage();
    ASSERT_FALSE(image.isNull());
    std::set<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    EXPECT_GT(colours.size(), 10u); // not a blank fill
    EXPECT_GT(countColor(image, qRgb(0xD5, 0x5E, 0x00)), 200);

    // Without a deadlock there is no cycle colour at all.
    view.setDeadlock(QString());
    EXPECT_EQ(countColor(view.grab().toImage(), qRgb(0xD5, 0x5E, 0x00)), 0);
}

TEST(DeadlockView, ScaleGrowsTheSizeHint) {
    DeadlockView view;
    view.setDeadlock(QString::fromUtf8(kLockOrder));
    const QSize normal = view.sizeHint();
    view.setScale(2.0);
    EXPECT_GT(view.sizeHint().width(), normal.width() * 3 / 2);
}

// A graph that meets the panel's width before its height (lesson 8's row, given the whole
// height on a 1280x720 projector) leaves room under it: the explanation takes it, up to the
// zoom's size, and never reaches past the panel at any size.
TEST(DeadlockView, TheExplanationGrowsIntoTheRoomTheGraphLeaves) {
    DeadlockView view;
    view.setDeadlock(QString::fromUtf8(kLockOrder));
    view.setScale(2.0);
    for (int width = 500; width <= 1900; width += 200)
        for (int height = 160; height <= 1000; height += 120) {
            view.resize(width, height);
            const QRectF text = view.textRect();
            EXPECT_GE(view.textScale(), 1.0) << width << "x" << height;
            EXPECT_LE(view.textScale(), 2.0) << width << "x" << height;
            EXPECT_LE(text.bottom(), height + 0.5) << width << "x" << height;
            EXPECT_LE(text.right(), width + 0.5) << width << "x" << height;
        }
    view.resize(1000, 600); // the graph meets the width at 1.66 times its size: room below
    EXPECT_LT(view.graphFit(), 2.0);
    EXPECT_GE(view.textScale(), 1.2) << "graph fit " << view.graphFit();
    view.resize(1246, 210); // its share beside the code: no room, body size
    EXPECT_DOUBLE_EQ(view.textScale(), 1.0);
}
