#pragma once
// Where the student is in a recorded run, and how to move: by event, by task step, by loop
// iteration, to a virtual time. Views never walk the trace themselves; they show the state
// this controller hands them.

#include "LoopState.h"
#include "TraceReplay.h"

#include <QObject>
#include <QSet>

#include <memory>
#include <vector>

namespace looplab {

class StepController : public QObject {
    Q_OBJECT
  public:
    enum class Unit { Event, Line, TaskStep, Iteration };

    explicit StepController(QObject* parent = nullptr);

    void setReplay(std::shared_ptr<const TraceReplay> replay);
    const TraceReplay* replay() const { return replay_.get(); }

    // Stops are event counts: the state after that many events. Stop 0 is the very start.
    int stopCount() const { return static_cast<int>(stops_.size()); }
    int currentStop() const { return current_; }
    const LoopState& state() const { return state_; }
    // The event that led to the current state (null at the start).
    const TraceEvent* lastEvent() const;
    size_t lastEventIndex() const { return state_.eventsApplied - 1; }

  public slots:
    void goToStop(int stop);
    void forward(Unit unit = Unit::Event);
    void back(Unit unit = Unit::Event);
    void toStart() { goToStop(0); }
    void toEnd() { goToStop(stopCount() - 1); }
    void goToTime(qint64 ns);
    // Forward to the next moment a program line with a breakpoint runs (or to the end).
    void continueToBreakpoint();
    void setBreakpoints(const QSet<int>& lines) { breakpoints_ = lines; }

  public:
    // Whether the current moment is a breakpoint line being run.
    bool atBreakpoint() const;

  signals:
    void stateChanged();

  private:
    bool isStopOf(Unit unit, int stop) const;

    std::shared_ptr<const TraceReplay> replay_;
    std::vector<size_t> stops_;
    int current_ = 0;
    LoopState state_;
    QSet<int> breakpoints_;
};

} // namespace looplab
