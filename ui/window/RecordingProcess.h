#pragma once
// Runs `looplab run PROGRAM --trace TRACE` in a child process without freezing the window: the
// window's event loop keeps running (it repaints, timers fire), a progress dialog with Cancel
// appears when a run takes more than a moment, and what the child writes to stderr is kept
// only up to a bound (a program that floods stderr cannot exhaust the app's memory). The
// child's stdin is empty and its stdout is discarded (the output is in the trace).

#include <QByteArray>
#include <QString>

class QWidget;

namespace looplab {

struct RecordingResult {
    bool started = false;
    bool cancelled = false;
    double seconds = 0;       // real time the run took
    int exitStatus = -1;      // the child's exit code, -1 when it crashed or was cancelled
    QByteArray standardError; // at most kMaxStandardErrorBytes, then a note that it was cut
};

// The most of a run's stderr the app keeps.
inline constexpr qint64 kMaxStandardErrorBytes = 1024 * 1024;

// Blocks the caller (not the event loop) until the run ends or is cancelled. `parent` is where
// the progress dialog appears (none without one).
RecordingResult recordInChild(const QString& looplabExecutable, const QString& programPath,
                              const QString& tracePath, QWidget* parent);

} // namespace looplab
