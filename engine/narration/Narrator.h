#pragma once
// Turns each event of a recorded run into one plain-English sentence for the student.
//
// An event alone says little ("run h=7"); the sentence needs the state around it: who owns a
// handle, which task holds a lock, which timer the loop sleeps for. So the narrator reads the
// replayed state just before and just after the event, plus a small index of what every handle
// was, built once when the narrator is made.

#include "TraceReplay.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>

namespace looplab {

// "t=3.000": a virtual time in seconds, floored to whole milliseconds like the CLI's stamps so
// the narration and the program's stamped output never disagree.
std::string formatSeconds(int64_t ns);

class Narrator {
  public:
    explicit Narrator(const TraceReplay& replay);

    // The sentence for replay.events()[eventIndex]; empty only for an index past the end.
    std::string sentence(size_t eventIndex) const;

  private:
    // What a handle was when it was scheduled: a task's step or wake-up, a timer, a callback.
    struct HandleInfo {
        bool timer = false;
        int64_t task = -1; // the task it steps, or for a timer the task that set it
        CompactText what;  // one per handle of the run: kept small (CompactText.h)
    };

    // Where these phrases can start a sentence, `sentenceStart` capitalises their first word
    // when it is LoopLab's own ("The timer for ..."); a phrase that starts with a task's name
    // ("pay-alice's timer") keeps the name exactly as the program spelled it.
    std::string describeHandle(const LoopState& state, int64_t handle,
                               bool sentenceStart = false) const;
    std::string wakeReason(size_t eventIndex, const LoopState& before) const;
    std::string timerPhrase(const LoopState& state, int64_t handle,
                            bool sentenceStart = false) const;

    const TraceReplay& replay_;
    std::unordered_map<int64_t, HandleInfo> handles_;
    std::unordered_map<int64_t, size_t> firstStep_; // task id -> index of its first StepBegin
};

} // namespace looplab
