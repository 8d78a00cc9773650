#pragma once
// Which stretch of virtual time the timeline shows and how wide it is on screen. A small value
// object so zooming and panning can be tested without a widget.
//
// The visible window never leaves the run: it is at most the whole run long, at least one
// nanosecond per pixel, and starts no earlier than 0 and ends no later than the run's end.

#include <cstdint>

namespace looplab {

class TimelineZoom {
  public:
    TimelineZoom() = default;
    TimelineZoom(int64_t runEndNs, int widthPx);

    int64_t startNs() const { return startNs_; }
    int64_t durationNs() const { return durationNs_; }
    int64_t endNs() const { return startNs_ + durationNs_; }
    int widthPx() const { return widthPx_; }
    int64_t runEndNs() const { return runEndNs_; }
    double nsPerPx() const { return static_cast<double>(durationNs_) / widthPx_; }

    double nsToX(int64_t ns) const;
    int64_t xToNs(double x) const;

    // A new run length or widget width keeps the visible window as far as it still fits.
    void setRunEnd(int64_t runEndNs);
    void setWidth(int widthPx);
    void setVisible(int64_t startNs, int64_t durationNs);
    void showAll() { setVisible(0, runSpan()); }

    // factor > 1 zooms in (the window gets `factor` times shorter), < 1 zooms out; the
    // virtual time under xPx stays under xPx, so the point the student looks at holds still.
    void zoomAround(double xPx, double factor);
    // Drags the content by dxPx: a positive dx moves it right, showing earlier times.
    void pan(double dxPx);
    // Pans the least needed for `ns` to be on screen.
    void ensureVisible(int64_t ns);

    bool operator==(const TimelineZoom& o) const {
        return startNs_ == o.startNs_ && durationNs_ == o.durationNs_ && widthPx_ == o.widthPx_ &&
               runEndNs_ == o.runEndNs_;
    }

  private:
    int64_t runSpan() const { return runEndNs_ > 0 ? runEndNs_ : 1; }
    int64_t minDuration() const { return widthPx_ < runSpan() ? widthPx_ : runSpan(); }
    void clamp();

    int64_t runEndNs_ = 1;
    int widthPx_ = 1;
    int64_t startNs_ = 0;
    int64_t durationNs_ = 1;
};

} // namespace looplab
