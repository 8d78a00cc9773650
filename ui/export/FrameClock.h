#pragma once
// Qt's animations on a film's clock instead of the wall clock. While installed, every
// QPropertyAnimation and QVariantAnimation of the application (the loop view's gliding task
// chips, its highlight fade) moves only when advance(ms) is called, so frame n of a walkthrough
// always shows the animations n frames in, however long rendering and encoding take.

#include <QAnimationDriver>

namespace looplab {

class FrameClock : public QAnimationDriver {
    Q_OBJECT
  public:
    explicit FrameClock(QObject* parent = nullptr);
    ~FrameClock() override;

    // Moves the animations `ms` milliseconds on (they are driven only while some run).
    void advanceBy(qint64 ms);
    // Milliseconds since the animations last started, as Qt asks the driver.
    qint64 elapsed() const override;

  protected:
    void start() override;

  private:
    qint64 now_ = 0;
    qint64 startedAt_ = 0;
};

} // namespace looplab
