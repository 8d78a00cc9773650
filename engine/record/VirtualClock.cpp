#include "VirtualClock.h"

#include <stdexcept>

namespace looplab {

namespace {
const std::string kLoopThread = "loop";
}

void VirtualClock::block(int64_t ns) {
    if (ns > 0) {
        const int64_t start = nowNs();
        current() += ns;
        if (blockListener_)
            blockListener_(threadLabel(), start, ns);
    }
    // Even time.sleep(0) lets go of the GIL (the classic way to let other threads run).
    retakeGil();
}

void VirtualClock::spendUnderGil(int64_t ns) {
    Worker& worker = workers_.back();
    waits_.clear();
    const int64_t start = gil_.take(worker.gilThread, worker.nowNs, ns, &waits_);
    // One wait per holder, so each names the thread that was computing meanwhile.
    int64_t from = worker.nowNs;
    for (const GilLedger::Wait& wait : waits_) {
        if (gilListener_)
            gilListener_(worker.label, from, wait.untilNs - from, gil_.label(wait.holder));
        from = wait.untilNs;
    }
    worker.nowNs = start + ns;
}

void VirtualClock::retakeGil() {
    if (!workers_.empty())
        return;
    gil_.forgetBefore(loopNs_);
    if (gil_.holds() == 0)
        return;
    const int64_t interval = switchInterval_ ? switchInterval_() : kDefaultSwitchIntervalNs;
    int32_t holder = -1;
    const int64_t until = gil_.retake(loopNs_, interval, &holder);
    if (until <= loopNs_)
        return;
    const int64_t start = loopNs_;
    loopNs_ = until;
    if (gilListener_)
        gilListener_(kLoopThread, start, until - start, gil_.label(holder));
}

void VirtualClock::enterWorker(const std::string& label, int64_t startNs, bool sharesGil) {
    workers_.push_back(Worker{label, startNs, sharesGil ? gil_.addThread(label) : -1});
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
