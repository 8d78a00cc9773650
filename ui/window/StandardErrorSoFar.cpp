#include "StandardErrorSoFar.h"

#include <QStringList>

#include <algorithm>

namespace looplab {

void StandardErrorSoFar::setReplay(const TraceReplay* replay) {
    replay_ = replay;
    writes_.clear();
    recorded_ = false;
    if (!replay_)
        return;
    const auto& events = replay_->events();
    for (size_t i = 0; i < events.size(); ++i)
        if (isErrorText(events[i]))
            writes_.push_back(i);
    // Traces recorded before standard error was, and runs that wrote none, have no writes:
    // for them the run's whole report is all there is.
    recorded_ = !writes_.empty();
}

QString StandardErrorSoFar::upTo(size_t eventsApplied) const {
    QStringList pieces;
    const auto end = std::lower_bound(writes_.begin(), writes_.end(), eventsApplied);
    for (auto it = writes_.begin(); it != end; ++it)
        pieces << QString::fromStdString(replay_->events()[*it].text);
    return pieces.join(QLatin1Char('\n'));
}

int StandardErrorSoFar::countUpTo(size_t eventsApplied) const {
    return static_cast<int>(std::lower_bound(writes_.begin(), writes_.end(), eventsApplied) -
                            writes_.begin());
}

} // namespace looplab
