#pragma once
// The parent's side of the worker's trace: the worker writes the trace into a pipe (it may not
// open files outside its scratch folder), and this copies it into a temporary file beside the
// destination, put in place only when the run ended as LoopLab reported. A worker that crashes
// or is killed halfway leaves the destination as it was, never half a trace.

#include <cstdint>
#include <string>
#include <sys/types.h>

namespace looplab {

class TraceCopy {
  public:
    // `destination` as the user gave it ("" = no trace wanted). Creates the temporary file now,
    // so that an unwritable folder is reported before the program runs.
    explicit TraceCopy(std::string destination);
    ~TraceCopy(); // removes the temporary file unless commit() put it in place
    TraceCopy(const TraceCopy&) = delete;
    TraceCopy& operator=(const TraceCopy&) = delete;

    bool wanted() const { return !destination_.empty(); }
    // How far the copy has got: whole events received (one per line) and the virtual time of
    // the last one (ns), for a progress report.
    int64_t eventsCopied() const { return events_; }
    int64_t lastTimeNs() const { return lastTimeNs_; }
    // "" while all is well, else what went wrong (as strerror says it).
    const std::string& problem() const { return problem_; }

    // Reads `fd` (non-blocking) until it would block or ends, appending to the temporary file.
    // After a write error the rest is read and dropped, so the worker never blocks on the pipe.
    void copyFrom(int fd);
    // Renames the temporary file to the destination. True when there was nothing to do or it
    // worked.
    bool commit();
    // For a worker that ended without closing its trace (a crash, a kill, a budget): keeps every
    // whole event that arrived, drops a cut-off last one, adds an `end` event whose `info` is
    // `endInfoJson` at the last event's virtual time, and closes the document. A trace the
    // worker closed itself (os._exit after finishing it) is kept as it is. False when nothing
    // usable arrived (not even the header); then commit() puts nothing in place.
    bool closeCutOff(const std::string& endInfoJson);

  private:
    void noteProgress(const char* data, ssize_t size);

    std::string destination_;
    std::string temporary_;
    int fd_ = -1;
    std::string problem_;
    bool usable_ = true;
    int64_t events_ = 0;
    int64_t lastTimeNs_ = 0;
};

} // namespace looplab
