#include "ComparisonDialog.h"

#include "TimelineModel.h"
#include "TimelineView.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTextBlock>
#include <QVBoxLayout>

#include <algorithm>

namespace looplab {

namespace {

std::vector<std::string> sourceLines(const QString& source) {
    std::vector<std::string> lines;
    for (const QString& line : source.split(QLatin1Char('\n')))
        lines.push_back(line.toStdString());
    return lines;
}

const std::vector<TraceEvent>& eventsOf(const ProgramRun& run) {
    static const std::vector<TraceEvent> none;
    return run.replay ? run.replay->events() : none;
}

// A caption above a timeline, and the timeline itself.
TimelineView* addTimeline(QSplitter* splitter, const QString& caption, const ProgramRun& run,
                          QLabel** captionLabel = nullptr) {
    auto* box = new QWidget(splitter);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(caption, box);
    label->setTextFormat(Qt::PlainText);
    layout->addWidget(label);
    if (captionLabel)
        *captionLabel = label;
    auto* view = new TimelineView(box);
    view->setAccessibleName(caption);
    view->setModel(run.replay ? std::make_shared<const TimelineModel>(*run.replay)
                              : std::make_shared<const TimelineModel>());
    layout->addWidget(view, 1);
    splitter->addWidget(box);
    return view;
}

} // namespace

QString ComparisonDialog::scheduleName(const ProgramRun& run) {
    return run.scheduleSeed >= 0 ? tr("schedule seed %1").arg(run.scheduleSeed)
                                 : tr("the default schedule");
}

ComparisonDialog::ComparisonDialog(const ProgramRun& kept, const ProgramRun& current,
                                   QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Compare Runs"));
    difference_ = compareRuns(eventsOf(kept), eventsOf(current), sourceLines(current.source));
    outputDiff_ = diffOutputs(printedLines(eventsOf(kept)), printedLines(eventsOf(current)));
    keptName_ = scheduleName(kept);
    currentName_ = scheduleName(current);
    auto* layout = new QVBoxLayout(this);
    narration_ = new QLabel(this);
    narration_->setWordWrap(true);
    narration_->setTextFormat(Qt::PlainText);
    narration_->setAccessibleName(tr("Where the runs part"));
    narration_->setText(narration());
    QFont larger = narration_->font();
    larger.setPointSizeF(larger.pointSizeF() * 1.15);
    narration_->setFont(larger);
    layout->addWidget(narration_);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    // The cursor of each timeline (the black line) stands at the first moment that differs.
    const auto parting = [this](qint64 ns) {
        return difference_.same ? QString()
                                : tr(": the runs part at the black line, %1 s")
                                      .arg(static_cast<double>(ns) / 1e9, 0, 'f', 3);
    };
    keptView_ =
        addTimeline(splitter, tr("Kept run (%1)").arg(keptName_) + parting(difference_.keptNs),
                    kept, &keptCaption_);
    currentView_ = addTimeline(
        splitter, tr("This run (%1)").arg(currentName_) + parting(difference_.currentNs), current);
    // One virtual-time axis for both, so the same x is the same moment in both runs.
    const qint64 end =
        std::max<qint64>({keptView_->model()->endNs(), currentView_->model()->endNs(), 1'000'000});
    for (TimelineView* view : {keptView_, currentView_}) {
        view->setAxisEnd(end);
        view->setVeilAfterCursor(false);
    }
    keptView_->setCurrentTime(difference_.same ? end : difference_.keptNs);
    currentView_->setCurrentTime(difference_.same ? end : difference_.currentNs);

    diff_ = new QPlainTextEdit(splitter);
    diff_->setReadOnly(true);
    diff_->setAccessibleName(tr("The outputs, diffed"));
    QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    diff_->setFont(fixed);
    diff_->setPlainText(outputDiff());
    splitter->addWidget(diff_);
    splitter->setSizes({300, 300, 160});
    layout->addWidget(splitter, 1);
    resize(1100, 760);
}

QString ComparisonDialog::keptCaption() const {
    return keptCaption_->text();
}

QString ComparisonDialog::narration() const {
    if (difference_.same)
        return tr("The two runs did the same things in the same order: the same tasks stepped, "
                  "printed and ended one after another (their times may differ).");
    QString text = QString::fromStdString(difference_.sentence);
    if (!difference_.sharedSentence.empty())
        text += QLatin1Char(' ') + QString::fromStdString(difference_.sharedSentence);
    return text;
}

QString ComparisonDialog::outputDiff() const {
    // As `diff -u` marks lines: '-' only the kept run printed it, '+' only this run.
    QStringList lines{tr("--- kept run (%1)").arg(keptName_),
                      tr("+++ this run (%1)").arg(currentName_)};
    for (const OutputDiffLine& line : outputDiff_)
        lines << QString(QLatin1Char(line.mark)) + QLatin1Char(' ') +
                     QString::fromStdString(line.text);
    return lines.join(QLatin1Char('\n'));
}

} // namespace looplab
