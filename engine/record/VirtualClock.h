#pragma once
// The virtual clock of one simulated run.
//
// Time is an integer count of nanoseconds per simulated thread, so adding a line cost a million
// times never drifts. The loop thread has one clock; a simulated executor worker gets its own
// clock while it runs a job (enterWorker/leaveWorker). "now" always means the clock of the
// simulated thread that is executing Python code at this moment.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace looplab {

class VirtualClock {
  public:
    // Called whenever a simulated thread is blocked (time.sleep, a blocking request):
    // (thread label, start ns, duration ns). The recorder turns it into a "block" event.
    using BlockListener = std::function<void(const std::string&, int64_t, int64_t)>;

    int64_t nowNs() const { return workers_.empty() ? loopNs_ : workers_.back().nowNs; }
    int64_t loopNs() const { return loopNs_; }
    double loopSeconds() const { return static_cast<double>(loopNs_) / 1e9; }

    // The running simulated thread spends ns doing nothing useful for the loop.
    void block(int64_t ns);
    // Executing a program line costs the running thread ns; not reported as blocking.
    void spend(int64_t ns) { current() += ns; }
    // The loop waits for its next timer: only the loop thread's clock moves.
    void loopWaits(int64_t ns) { loopNs_ += ns; }

    void enterWorker(const std::string& label, int64_t startNs);
    int64_t leaveWorker();
    bool onWorker() const { return !workers_.empty(); }
    const std::string& threadLabel() const;

    void setBlockListener(BlockListener listener) { blockListener_ = std::move(listener); }

  private:
    struct Worker {
        std::string label;
        int64_t nowNs;
    };
    int64_t& current() { return workers_.empty() ? loopNs_ : workers_.back().nowNs; }

    int64_t loopNs_ = 0;
    std::vector<Worker> workers_;
    BlockListener blockListener_;
};

} // namespace looplab
