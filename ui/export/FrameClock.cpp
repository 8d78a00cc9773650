#include "FrameClock.h"

namespace looplab {

FrameClock::FrameClock(QObject* parent) : QAnimationDriver(parent) {
    install();
}

FrameClock::~FrameClock() {
    uninstall(); // Qt's own driver (the wall clock) takes over again
}

void FrameClock::advanceBy(qint64 ms) {
    now_ += ms;
    if (isRunning())
        advance();
}

qint64 FrameClock::elapsed() const {
    // Qt measures its animations from the moment the driver starts; time between frames only
    // passes in advanceBy().
    return isRunning() ? now_ - startedAt_ : 0;
}

void FrameClock::start() {
    startedAt_ = now_;
    QAnimationDriver::start();
}

} // namespace looplab
