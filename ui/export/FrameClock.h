#pragma once
// Qt's animations on a film's clock instead of the wall clock. After a step is shown, catch()
// takes the animations it started inside a window (the loop view's gliding task chips, its
// highlight fade) away from Qt's timer by pausing them, and showAt(ms) puts each at exactly
// that many milliseconds after its start. Frame n of a walkthrough thus always shows the
// animations n frames in, however long rendering and encoding took.
//
// (A QAnimationDriver of our own would move every animation at once, but Qt's timer still adds
// the wall-clock time between two animation sessions when it is under 50 ms: frames would
// differ from one run to the next.)

#include <QList>
#include <QPointer>

class QAbstractAnimation;
class QWidget;

namespace looplab {

class FrameClock {
  public:
    explicit FrameClock(QWidget* root) : root_(root) {}
    // Whatever it still holds ends as it would have on screen (chips land, fades finish), so a
    // window that was filmed is not left with an animation frozen halfway.
    ~FrameClock();
    FrameClock(const FrameClock&) = delete;
    FrameClock& operator=(const FrameClock&) = delete;

    // Pauses every running animation under the root and puts it back at its start.
    void catchAnimations();
    // Moves the caught animations to `ms` after their start; those that reach their end stop
    // (and finish as they would on screen). False when none was still moving.
    bool showAt(int ms);
    bool moving() const;
    // Where the caught animations draw: the scroll areas (a list, a tree) they live in, or the
    // root itself when one lives elsewhere.
    QList<QWidget*> areas() const;

  private:
    void release();

    QWidget* root_;
    QList<QPointer<QAbstractAnimation>> caught_;
};

} // namespace looplab
