#include "StepPlayer.h"

#include "StepController.h"

#include <algorithm>

namespace looplab {

StepPlayer::StepPlayer(StepController& controller, QObject* parent)
    : QObject(parent), controller_(controller) {
    timer_.setInterval(400); // 2.5 steps a second, the speed box's default
    connect(&timer_, &QTimer::timeout, this, &StepPlayer::step);
}

void StepPlayer::setStepsPerSecond(double stepsPerSecond) {
    timer_.setInterval(static_cast<int>(1000.0 / std::max(0.1, stepsPerSecond)));
}

void StepPlayer::toggle() {
    if (isPlaying()) {
        stop();
        return;
    }
    timer_.start();
    emit playingChanged(true);
}

void StepPlayer::stop() {
    if (!isPlaying())
        return;
    timer_.stop();
    emit playingChanged(false);
}

void StepPlayer::step() {
    if (controller_.currentStop() >= controller_.stopCount() - 1) {
        stop();
        return;
    }
    controller_.forward();
    if (controller_.atBreakpoint())
        stop();
}

} // namespace looplab
