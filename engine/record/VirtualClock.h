#pragma once
// The virtual clock of one simulated run.
//
// Time is an integer count of nanoseconds per simulated thread, so adding a line cost a million
// times never drifts. The loop thread has one clock; a simulated executor worker gets its own
// clock while it runs a job (enterWorker/leaveWorker). "now" always means the clock of the
// simulated thread that is executing Python code at this moment.
//
// Threads share one GIL (GilLedger): a worker's program line waits while another simulated
// thread holds it, and the loop thread, back from blocking, waits until the holder lets it go.
// Process pool workers have a GIL of their own and never wait.

#include "GilLedger.h"

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
    // Called whenever a simulated thread waits for the GIL: (thread label, start ns, duration
    // ns, label of the thread that held it).
    using GilListener =
        std::function<void(const std::string&, int64_t, int64_t, const std::string&)>;
    // The switch interval now (sys.getswitchinterval(), which the program may change), in ns.
    using SwitchInterval = std::function<int64_t()>;

    int64_t nowNs() const { return workers_.empty() ? loopNs_ : workers_.back().nowNs; }
    int64_t loopNs() const { return loopNs_; }
    double loopSeconds() const { return static_cast<double>(loopNs_) / 1e9; }

    // The running simulated thread spends ns doing nothing useful for the loop; it releases
    // the GIL meanwhile, and the loop thread takes it back afterwards.
    void block(int64_t ns);
    // Executing a program line costs the running thread ns; not reported as blocking. A worker
    // thread executes it under the GIL.
    void spend(int64_t ns) {
        if (workers_.empty() || workers_.back().gilThread < 0)
            current() += ns;
        else
            spendUnderGil(ns);
    }
    // The loop waits for its next timer: only the loop thread's clock moves.
    void loopWaits(int64_t ns) { loopNs_ += ns; }
    // The loop thread, back from a wait that released the GIL, takes it again (no-op on a
    // worker: its next line does).
    void retakeGil();

    // sharesGil: a thread of this process (false: a process pool worker, with its own GIL).
    void enterWorker(const std::string& label, int64_t startNs, bool sharesGil = true);
    int64_t leaveWorker();
    bool onWorker() const { return !workers_.empty(); }
    const std::string& threadLabel() const;

    void setBlockListener(BlockListener listener) { blockListener_ = std::move(listener); }
    void setGilListener(GilListener listener) { gilListener_ = std::move(listener); }
    void setSwitchInterval(SwitchInterval source) { switchInterval_ = std::move(source); }
    // CPython's default, sys.getswitchinterval() == 0.005.
    static constexpr int64_t kDefaultSwitchIntervalNs = 5'000'000;

  private:
    struct Worker {
        std::string label;
        int64_t nowNs;
        int32_t gilThread; // in gil_, -1 for a process
    };
    int64_t& current() { return workers_.empty() ? loopNs_ : workers_.back().nowNs; }
    void spendUnderGil(int64_t ns);

    int64_t loopNs_ = 0;
    std::vector<Worker> workers_;
    BlockListener blockListener_;
    GilListener gilListener_;
    SwitchInterval switchInterval_;
    GilLedger gil_;
    std::vector<GilLedger::Wait> waits_; // reused by every line, so a line allocates nothing
};

} // namespace looplab
