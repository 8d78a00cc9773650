#pragma once
// Play (Space): steps forward on its own, a few steps a second, until the end of the run or a
// breakpoint. Says when it starts and stops, so the Play / Pause button can show which it is.

#include <QObject>
#include <QTimer>

namespace looplab {

class StepController;

class StepPlayer : public QObject {
    Q_OBJECT
  public:
    StepPlayer(StepController& controller, QObject* parent = nullptr);

    bool isPlaying() const { return timer_.isActive(); }
    void setStepsPerSecond(double stepsPerSecond);

  public slots:
    void toggle();
    void stop();

  signals:
    void playingChanged(bool playing);

  private:
    void step();

    StepController& controller_;
    QTimer timer_;
};

} // namespace looplab
