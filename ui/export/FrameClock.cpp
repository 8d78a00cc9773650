#include "FrameClock.h"

#include <QAbstractAnimation>
#include <QAbstractScrollArea>
#include <QWidget>

namespace looplab {

namespace {

// The scroll area an animation draws in: its nearest widget (a chip, or the view the animation
// belongs to) and up to the first scroll area around it. Null when it has none.
QWidget* drawingArea(const QAbstractAnimation* animation) {
    for (QObject* object = animation->parent(); object; object = object->parent())
        if (auto* area = qobject_cast<QAbstractScrollArea*>(object))
            return area;
    return nullptr;
}

} // namespace

FrameClock::~FrameClock() {
    release();
}

void FrameClock::release() {
    for (const QPointer<QAbstractAnimation>& animation : std::as_const(caught_)) {
        if (!animation || animation->state() != QAbstractAnimation::Paused)
            continue;
        if (animation->totalDuration() >= 0)
            animation->setCurrentTime(animation->totalDuration()); // its end: it stops
        else
            animation->resume(); // one that loops for ever goes back to Qt's timer
    }
    caught_.clear();
}

void FrameClock::catchAnimations() {
    release(); // the last step's leftovers end first
    for (QAbstractAnimation* animation : root_->findChildren<QAbstractAnimation*>()) {
        if (animation->state() != QAbstractAnimation::Running || animation->group())
            continue; // a group's members follow the group
        animation->pause();
        animation->setCurrentTime(0);
        caught_ << animation;
    }
}

bool FrameClock::showAt(int ms) {
    const bool wasMoving = moving();
    for (const QPointer<QAbstractAnimation>& animation : std::as_const(caught_))
        if (animation && animation->state() == QAbstractAnimation::Paused)
            animation->setCurrentTime(ms); // at its end, it stops and finishes
    return wasMoving;
}

bool FrameClock::moving() const {
    for (const QPointer<QAbstractAnimation>& animation : caught_)
        if (animation && animation->state() == QAbstractAnimation::Paused)
            return true;
    return false;
}

QList<QWidget*> FrameClock::areas() const {
    QList<QWidget*> out;
    for (const QPointer<QAbstractAnimation>& animation : caught_) {
        if (!animation)
            continue;
        QWidget* area = drawingArea(animation);
        if (!area || !root_->isAncestorOf(area))
            return {root_};
        if (!out.contains(area))
            out << area;
    }
    return out;
}

} // namespace looplab
