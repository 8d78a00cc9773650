#include "TimelineZoom.h"

#include "TimelineMath.h"

#include <algorithm>
#include <cmath>

namespace looplab {

TimelineZoom::TimelineZoom(int64_t runEndNs, int widthPx)
    : runEndNs_(std::max<int64_t>(runEndNs, 0)), widthPx_(std::max(widthPx, 1)) {
    showAll();
}

double TimelineZoom::nsToX(int64_t ns) const {
    return looplab::nsToX(ns, startNs_, nsPerPx());
}

int64_t TimelineZoom::xToNs(double x) const {
    return looplab::xToNs(x, startNs_, nsPerPx());
}

void TimelineZoom::setRunEnd(int64_t runEndNs) {
    runEndNs_ = std::max<int64_t>(runEndNs, 0);
    clamp();
}

void TimelineZoom::setWidth(int widthPx) {
    widthPx_ = std::max(widthPx, 1);
    clamp();
}

void TimelineZoom::setVisible(int64_t startNs, int64_t durationNs) {
    startNs_ = startNs;
    durationNs_ = durationNs;
    clamp();
}

void TimelineZoom::zoomAround(double xPx, double factor) {
    if (!(factor > 0) || !std::isfinite(factor))
        return;
    const int64_t anchor = xToNs(xPx);
    const double wanted = static_cast<double>(durationNs_) / factor;
    const int64_t duration =
        std::clamp<int64_t>(static_cast<int64_t>(std::llround(wanted)), minDuration(), runSpan());
    const double perPx = static_cast<double>(duration) / widthPx_;
    setVisible(anchor - static_cast<int64_t>(std::llround(xPx * perPx)), duration);
}

void TimelineZoom::pan(double dxPx) {
    setVisible(startNs_ - static_cast<int64_t>(std::llround(dxPx * nsPerPx())), durationNs_);
}

void TimelineZoom::ensureVisible(int64_t ns) {
    if (ns < startNs_)
        setVisible(ns, durationNs_);
    else if (ns > endNs())
        setVisible(ns - durationNs_, durationNs_);
}

void TimelineZoom::clamp() {
    durationNs_ = std::clamp(durationNs_, minDuration(), runSpan());
    startNs_ = std::clamp<int64_t>(startNs_, 0, runSpan() - durationNs_);
}

} // namespace looplab
