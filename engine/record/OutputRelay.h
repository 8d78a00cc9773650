#pragma once
// The worker's standard output and error reach the user through the parent, which forwards
// them and counts. print() has its own budget inside the simulation, but a program can also
// write straight to the descriptors (os.write(1, …)), which nothing inside sees: past the limit
// here, the rest is dropped and the run is stopped for its budget.

#include <cstdint>

namespace looplab {

class OutputRelay {
  public:
    explicit OutputRelay(int64_t limitBytesPerStream) : limit_(limitBytesPerStream) {}
    ~OutputRelay();
    OutputRelay(const OutputRelay&) = delete;
    OutputRelay& operator=(const OutputRelay&) = delete;

    // Makes the two pipes; false (errno set) when it cannot.
    bool open();
    // In the worker after fork(): its standard output and error become the pipes.
    void attachInWorker();
    // In the parent after fork(): drops the worker's ends, so a dead worker reads as the end.
    void detachInParent();

    // The parent's ends, to poll.
    int outputFd() const { return out_.read; }
    int errorFd() const { return err_.read; }

    // Forwards what is waiting on either pipe to this process's stdout and stderr, without
    // waiting for more. Call often, and once more after the worker ended.
    void pump();
    // Whether a stream went past the limit (what came after it was dropped).
    bool flooded() const { return flooded_; }
    // Whether what was forwarded to stderr so far ends a line: where a line of LoopLab's own
    // may go without splitting one of the program's.
    bool errorAtLineStart() const { return err_.atLineStart; }
    int64_t limitBytes() const { return limit_; }

  private:
    struct Stream {
        int read = -1;
        int write = -1;
        int target = -1; // this process's descriptor the bytes go to
        int64_t forwarded = 0;
        bool atLineStart = true;
    };
    void pump(Stream& stream);

    int64_t limit_;
    Stream out_;
    Stream err_;
    bool flooded_ = false;
};

} // namespace looplab
