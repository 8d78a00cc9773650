#pragma once
// Run → Explore Schedules…: runs `looplab explore PROGRAM --progress` in a child process (the
// window stays responsive; the runs use every core), shows a progress bar with Cancel, then
// the outcomes with their counts. Opening an outcome asks the window to record that outcome's
// example seed, so the student steps through the schedule that broke the program.

#include <QDialog>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QVector>

class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTreeWidget;

namespace looplab {

// One outcome of `looplab explore`, as its output lists it.
struct ExploredOutcome {
    int count = 0;
    QString status; // finished, exception, deadlock, budget, exit, crashed
    qint64 seed = -1;
    QStringList lines; // what the runs printed
};

// The outcomes in `looplab explore`'s output, in its order (most frequent first).
QVector<ExploredOutcome> parseExploreOutput(const QString& output);

class ExploreDialog : public QDialog {
    Q_OBJECT
  public:
    // `program`: the file to explore (the editor's code); `title`: its name for the student.
    ExploreDialog(QString looplabExecutable, QString program, const QString& title,
                  QWidget* parent = nullptr);
    ~ExploreDialog() override;

    void start();
    void cancel();
    bool isRunning() const { return process_.state() != QProcess::NotRunning; }
    const QVector<ExploredOutcome>& outcomes() const { return outcomes_; }
    QTreeWidget* outcomeList() const { return list_; }
    double jitter() const { return jitter_; }
    void openOutcome(int index); // as the Open button does for the selected row

  signals:
    // Record the program again under this schedule and show it.
    void openRun(qint64 seed, double jitter);

  private:
    void readProgress();
    void finished(int exitCode, QProcess::ExitStatus status);
    void showOutcomes();

    QString looplab_;
    QString program_;
    QProcess process_;
    QByteArray partialLine_;
    int runs_ = 100;
    double jitter_ = 0.5;
    QVector<ExploredOutcome> outcomes_;
    QLabel* summary_ = nullptr;
    QProgressBar* bar_ = nullptr;
    QSpinBox* runsBox_ = nullptr;
    QTreeWidget* list_ = nullptr;
    QPushButton* again_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QPushButton* open_ = nullptr;
};

} // namespace looplab
