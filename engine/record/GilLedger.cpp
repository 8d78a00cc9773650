#include "GilLedger.h"

#include <algorithm>

namespace looplab {

int32_t GilLedger::addThread(const std::string& label) {
    labels_.push_back(label);
    return static_cast<int32_t>(labels_.size() - 1);
}

size_t GilLedger::firstEndingAfter(int64_t ns) const {
    // Holds are disjoint and sorted, so their ends are sorted too.
    const auto begin = holds_.begin() + static_cast<std::ptrdiff_t>(first_);
    const auto found = std::upper_bound(begin, holds_.end(), ns,
                                        [](int64_t value, const Hold& h) { return value < h.end; });
    return static_cast<size_t>(found - holds_.begin());
}

int64_t GilLedger::take(int32_t thread, int64_t atNs, int64_t costNs, std::vector<Wait>* waits) {
    size_t i = firstEndingAfter(atNs);
    // A line is never split: it waits for a gap long enough to hold it.
    while (i < holds_.size() && holds_[i].start < atNs + costNs) {
        atNs = holds_[i].end;
        if (waits && !waits->empty() && waits->back().holder == holds_[i].thread)
            waits->back().untilNs = atNs; // the same holder again, after a gap too short
        else if (waits)
            waits->push_back({atNs, holds_[i].thread});
        ++i;
    }
    if (i > first_ && holds_[i - 1].end == atNs && holds_[i - 1].thread == thread)
        holds_[i - 1].end = atNs + costNs; // the usual case: the holder goes on computing
    else
        holds_.insert(holds_.begin() + static_cast<std::ptrdiff_t>(i),
                      Hold{atNs, atNs + costNs, thread});
    return atNs;
}

int64_t GilLedger::retake(int64_t atNs, int64_t switchIntervalNs, int32_t* holder) const {
    if (holder)
        *holder = -1;
    size_t i = firstEndingAfter(atNs);
    if (i == holds_.size() || holds_[i].start > atNs)
        return atNs;
    if (holder)
        *holder = holds_[i].thread;
    // The GIL stays taken while holds follow each other without a gap (a thread hands it to
    // the next one directly).
    int64_t end = holds_[i].end;
    while (++i < holds_.size() && holds_[i].start == end)
        end = holds_[i].end;
    return std::min(end, atNs + switchIntervalNs);
}

void GilLedger::forgetBefore(int64_t ns) {
    first_ = firstEndingAfter(ns);
    if (first_ > 1024 && first_ * 2 > holds_.size()) {
        holds_.erase(holds_.begin(), holds_.begin() + static_cast<std::ptrdiff_t>(first_));
        first_ = 0;
    }
}

} // namespace looplab
