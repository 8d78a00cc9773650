#include "VirtualClock.h"

#include <stdexcept>

namespace looplab {

namespace {
const std::string kLoopThread = "loop";
}

void VirtualClock::block(int64_t ns) {
    if (ns <= 0)
        return;
    const int64_t start = nowNs();
    current() += ns;
    if (blockListener_)
        blockListener_(threadLabel(), start, ns);
}

void VirtualClock::enterWorker(const std::string& label, int64_t startNs) {
    workers_.push_back(Worker{label, startNs});
}

int64_t VirtualClock::leaveWorker() {
    if (workers_.empty())
        throw std::logic_error("leaveWorker() without enterWorker()");
    const int64_t end = workers_.back().nowNs;
    workers_.pop_back();
    return end;
}

const std::string& VirtualClock::threadLabel() const {
    return workers_.empty() ? kLoopThread : workers_.back().label;
}

} // namespace looplab
