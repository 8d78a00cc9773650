#pragma once
// Renders a range of steps of a window into a video or GIF: shows each step, plays the task-move
// animations on a FrameClock, grabs the window's pixels frame by frame and hands them to a
// VideoEncoder. Each step lasts one second of film, so a step is `fps` frames. Only a step's
// first frame grabs the whole window; while animations run, only the views they draw in are
// grabbed again, and a frame in which nothing moves is the previous one again.
//
// It knows nothing of the main window: the caller passes the widget to film and how to show a
// step, so the window's menu and `looplab export` share it.

#include <QImage>
#include <QList>
#include <QRect>
#include <QSize>
#include <QString>

#include <functional>

class QWidget;

namespace looplab {

struct WalkthroughRequest {
    QString path;     // .mp4, .webm or .gif
    int fromStep = 0; // both included
    int toStep = 0;
    int fps = 10;
    // The window's layout and size while it is filmed (WalkthroughExport sets them up and gives
    // the window back as it was); the renderer films the window as it is.
    bool present = false;
    QSize size; // px; empty: the window's own size
};

class WalkthroughRenderer {
  public:
    using ShowStep = std::function<void(int step)>;
    // Called after every frame (and, for a GIF, after each step of the first pass that picks
    // its colours); returning false cancels (the file is removed).
    using Progress = std::function<bool(int framesDone, int framesTotal)>;
    enum class Outcome { Written, Cancelled, Failed };

    WalkthroughRenderer(QWidget* window, ShowStep showStep);

    static int framesPerStep(int fps) { return fps; }
    // The film's size for this window: its size in pixels, even for the 4:2:0 video formats.
    static QSize filmSize(QSize windowSize, const QString& path);

    Outcome render(const WalkthroughRequest& request, const Progress& progress, QString* error);
    // Frames of the last render that were grabbed from the window (the rest repeat one).
    int framesGrabbed() const { return grabbed_; }

  private:
    static QImage grabWidget(QWidget* widget, QSize size = QSize());
    void showSettled(int step, class FrameClock& clock);
    QList<QRect> geometries() const;

    QWidget* window_;
    ShowStep showStep_;
    int grabbed_ = 0;
};

} // namespace looplab
