#pragma once
// Where the student is in a recorded run, and how to move: by event, by task step, by loop
// iteration, to a virtual time, and as in a debugger: step into, over and out of the program's
// functions, following one task (or worker thread). Views never walk the trace themselves; they
// show the state this controller hands them.

#include "LoopState.h"
#include "TraceFormat.h"
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
    // The program's loops (the trace header's `loops`), for stepping over a loop.
    void setLoops(std::vector<LoopLines> loops) { loops_ = std::move(loops); }
    const TraceReplay* replay() const { return replay_.get(); }

    // Stops are event counts: the state after that many events. Stop 0 is the very start.
    int stopCount() const { return static_cast<int>(stops_.size()); }
    int currentStop() const { return current_; }
    const LoopState& state() const { return state_; }
    // The event that led to the current state (null at the start).
    const TraceEvent* lastEvent() const;
    size_t lastEventIndex() const { return state_.eventsApplied - 1; }
    // The line the code view keeps on screen at this step, given the line running now
    // (`running`, 0 when none): that line; else the await (or blocking call) a task just
    // stopped at; at a moment of the run's own (the deadlock, asyncio.run's clean-up), the
    // await the last task stopped at, where the stuck tasks wait; at a step about one task
    // (woken by its timer, made ready, cancelled), the line that task is at; at the run's end,
    // the last program line that ran on the loop's thread; else 0.
    int lineInView(int running) const;

  public slots:
    void goToStop(int stop);
    void forward(Unit unit = Unit::Event);
    void back(Unit unit = Unit::Event);
    void toStart() { goToStop(0); }
    // To the end of the run; in a deadlocked run, first to the deadlock (before the clean-up).
    void toEnd();
    // asyncio.run's clean-up is folded into one step unless shown (the current moment stays).
    void setShowCleanup(bool show);
    // The state at virtual time `ns` (loop clock): the last step at or before it.
    void goToTime(qint64 ns);
    // Forward to the next moment a program line with a breakpoint runs (or to the end).
    void continueToBreakpoint();
    void setBreakpoints(const QSet<int>& lines) { breakpoints_ = lines; }

    // Debugger stepping. Each follows the task the current step is in (the task running, or the
    // one that just yielded; on a worker thread, that thread) from the program line it is at:
    // the last line of that task at or before the current step. Other tasks' events are never
    // stops, and neither is anything inside the lines skipped; the task's own `yield` (it gives
    // the loop back) and `done` always are, and so are the run's own moments (the deadlock,
    // asyncio.run's clean-up), a line with a breakpoint (whichever task runs it) and the end.
    // A step with no task (the loop between steps, a task that finished) goes to the next
    // program line that runs, as forward(Unit::Line).
    //
    // Into (F11): the task's next line, in whatever function it runs.
    void stepInto();
    // Over (F10): the task's next line in the same function call (frame) or, once that call has
    // returned, in its caller; lines of the functions it calls are skipped. At a loop's header
    // reached again from the loop's body, the rest of the loop runs in the same step: the stop
    // is the first line of that call after the loop.
    void stepOver();
    // Out (Shift+F11): the task's next line in the caller of the current call; from the
    // coroutine's own frame, which has no caller in the program, the task's next yield or its
    // end.
    void stepOut();

  public:
    // Where the student is, in terms that survive a re-run of edited code: the millisecond of
    // virtual time the current step is in (an edit of a few lines moves later times by a few
    // 100 ns line costs) and how many steps into that millisecond it is.
    static constexpr qint64 kMomentNs = 1'000'000;
    struct Moment {
        qint64 timeNs = 0; // the millisecond's start
        int stepsIntoTime = 0;
    };
    Moment moment() const;
    // The same moment in this run: as many steps into the same millisecond as the run has
    // there; a run with no step in it goes to the last step before it.
    void goToMoment(const Moment& moment);
    // Whether the current moment is a breakpoint line being run.
    bool atBreakpoint() const;
    bool showsCleanup() const { return showCleanup_; }
    // The stop of the deadlock moment, -1 when the run did not deadlock.
    int deadlockStop() const { return deadlockStop_; }
    // How many steps asyncio.run's clean-up takes unfolded (1 folded; 0 for a run without one).
    int cleanupSteps() const { return cleanupSteps_; }

  signals:
    void stateChanged();

  private:
    bool isStopOf(Unit unit, int stop) const;
    void buildStops();
    enum class Debug { Into, Over, Out };
    void debugStep(Debug how);
    // The stop that shows event `index`, or the first one after it.
    int stopOfEvent(size_t index) const;

    std::shared_ptr<const TraceReplay> replay_;
    std::vector<LoopLines> loops_;
    std::vector<size_t> stops_;
    std::vector<qint64> stopTimes_; // the loop's clock at each stop, ascending
    int current_ = 0;
    LoopState state_;
    QSet<int> breakpoints_;
    bool showCleanup_ = false;
    int deadlockStop_ = -1;
    int cleanupSteps_ = 0;
};

} // namespace looplab
