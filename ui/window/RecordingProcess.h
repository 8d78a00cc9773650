#pragma once
// Runs `looplab run PROGRAM --trace TRACE` in a child process without freezing the window: the
// window's event loop keeps running (it repaints, timers fire), a progress dialog with Cancel
// appears when a run takes more than a moment and says how far the recording has got (events
// and virtual time, from `looplab run --progress`), and what the child writes to stderr is kept
// only up to a bound (a program that floods stderr cannot exhaust the app's memory). The
// child's stdin is empty and its stdout is discarded (the output is in the trace).

#include <QByteArray>
#include <QString>
#include <QStringList>

class QWidget;

namespace looplab {

struct RecordingResult {
    bool started = false;
    double seconds = 0;       // real time the run took
    bool cancelled = false;   // Cancel was pressed (the run then stops with what it recorded)
    int exitStatus = -1;      // the child's exit code (6 when stopped), -1 when it was killed
    QByteArray standardError; // at most kMaxStandardErrorBytes, then a note that it was cut
};

// How far a recording has got, from `looplab run --progress`.
struct RecordingProgress {
    qint64 events = 0;    // trace events received so far
    qint64 virtualNs = 0; // the virtual time of the last one
};

// Takes the "looplab-progress: EVENTS VIRTUAL_NS" lines out of a chunk of the child's stderr
// (updating `progress`) and returns the rest; a last line without its newline is kept back in
// `partialLine`, to be put before the next chunk.
QByteArray takeProgressLines(const QByteArray& text, RecordingProgress& progress,
                             QByteArray* partialLine);

// The progress dialog's text: "Recording F… 12,345 events, 3.200 s of virtual time (2 s of
// real time)", or real time alone before the first report.
QString progressText(const QString& fileName, const RecordingProgress& progress, int realSeconds);

// The most of a run's stderr the app keeps.
inline constexpr qint64 kMaxStandardErrorBytes = 1024 * 1024;

// Blocks the caller (not the event loop) until the run ends or is cancelled. `parent` is where
// the progress dialog appears (none without one). `runArguments` go to `looplab run` as well
// (e.g. --schedule-seed S to record a perturbed schedule).
RecordingResult recordInChild(const QString& looplabExecutable, const QString& programPath,
                              const QString& tracePath, QWidget* parent,
                              const QStringList& runArguments = {});

} // namespace looplab
