#pragma once
// What the program wrote to standard error up to a step, for the "Errors and reports" tab.
//
// asyncio reports some things only on standard error, at the moment they happen ("Task
// exception was never retrieved" when a failed task is destroyed, a callback's exception). The
// trace records each write as a `print` event of stream stderr; this gives the tab the text
// written before the current step, so it tells what is true now and nothing that comes later.

#include "TraceReplay.h"

#include <QString>

#include <vector>

namespace looplab {

class StandardErrorSoFar {
  public:
    // Indexes the replay's standard-error events (none for a trace recorded before they were).
    void setReplay(const TraceReplay* replay);
    // True when the trace holds standard-error writes.
    bool recorded() const { return recorded_; }
    // The text written by the first `eventsApplied` events, writes separated by newlines; empty
    // when nothing was written yet.
    QString upTo(size_t eventsApplied) const;
    // How many writes the first `eventsApplied` events hold.
    int countUpTo(size_t eventsApplied) const;

  private:
    const TraceReplay* replay_ = nullptr;
    bool recorded_ = false;
    std::vector<size_t> writes_; // event indexes of standard-error writes, ascending
};

} // namespace looplab
