#pragma once
// Who held CPython's GIL when, in virtual time: the engine's half of the GIL rule of
// docs/simulation-model.md (the reference runner has its own, looplab_sim.gil.GilLedger).
//
// Executor jobs and threads run to completion when they start, one after the other, so their
// program lines are placed in this ledger in that order: a thread that wants to run a line while
// another simulated thread holds the GIL waits until the holder lets it go. The loop thread does
// not reserve time here (every thread it starts begins at or after its clock); it only asks,
// after each time it blocked, when it gets the GIL back.

#include <cstdint>
#include <string>
#include <vector>

namespace looplab {

class GilLedger {
  public:
    // A new simulated thread that executes bytecode under the GIL; label names it in messages.
    int32_t addThread(const std::string& label);
    const std::string& label(int32_t thread) const {
        return labels_.at(static_cast<size_t>(thread));
    }

    // One stretch of a wait for the GIL: until when, and who held it.
    struct Wait {
        int64_t untilNs;
        int32_t holder;
    };
    // Thread `thread` wants to execute costNs of bytecode from atNs: returns when it gets the GIL
    // (atNs if free). *waits, if given, gets what it waited for, one stretch per holder.
    int64_t take(int32_t thread, int64_t atNs, int64_t costNs, std::vector<Wait>* waits = nullptr);

    // The loop thread wants the GIL back at atNs after blocking: when it has it. A thread that
    // computes keeps it until it blocks or its switch interval is up (CPython's forced switch).
    int64_t retake(int64_t atNs, int64_t switchIntervalNs, int32_t* holder = nullptr) const;

    // Holds that ended by ns can never matter again (no simulated thread's clock is behind the
    // loop's): dropping them keeps every lookup short.
    void forgetBefore(int64_t ns);
    size_t holds() const { return holds_.size() - first_; }

  private:
    struct Hold {
        int64_t start;
        int64_t end;
        int32_t thread;
    };
    // The first hold that ends after ns.
    size_t firstEndingAfter(int64_t ns) const;

    std::vector<Hold> holds_; // disjoint, in time order; holds_[0, first_) are forgotten
    size_t first_ = 0;
    std::vector<std::string> labels_;
};

} // namespace looplab
