#pragma once
// The kept run and the current one side by side: two timelines on one virtual-time axis, each
// with its cursor on the first moment where the runs differ, a sentence saying how they part
// (and, where it can be named, the shared object the tasks reached in another order), and the
// two outputs diffed line by line.

#include "ProgramRun.h"
#include "RunComparison.h"

#include <QDialog>
#include <QString>

#include <vector>

class QLabel;
class QPlainTextEdit;

namespace looplab {

class TimelineView;

class ComparisonDialog : public QDialog {
    Q_OBJECT
  public:
    ComparisonDialog(const ProgramRun& kept, const ProgramRun& current, QWidget* parent = nullptr);

    const RunDifference& difference() const { return difference_; }
    TimelineView* keptTimeline() const { return keptView_; }
    TimelineView* currentTimeline() const { return currentView_; }
    QString narration() const;
    QString outputDiff() const;
    QString keptCaption() const;

    // "the default schedule" or "schedule seed 17", for the timelines' captions.
    static QString scheduleName(const ProgramRun& run);

  private:
    RunDifference difference_;
    std::vector<OutputDiffLine> outputDiff_;
    QString keptName_;
    QString currentName_;
    QLabel* keptCaption_ = nullptr;
    QLabel* narration_ = nullptr;
    TimelineView* keptView_ = nullptr;
    TimelineView* currentView_ = nullptr;
    QPlainTextEdit* diff_ = nullptr;
};

} // namespace looplab
