#include "ExploreDialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <csignal>
#include <unistd.h>

namespace looplab {

QVector<ExploredOutcome> parseExploreOutput(const QString& output) {
    static const QRegularExpression header(QStringLiteral(
        R"(^outcome \d+: (\d+) of \d+ runs, (\w+) \(e\.g\. --schedule-seed (\d+)\)$)"));
    QVector<ExploredOutcome> outcomes;
    for (const QString& line : output.split(QLatin1Char('\n'))) {
        const QRegularExpressionMatch match = header.match(line);
        if (match.hasMatch())
            outcomes.push_back(
                {match.captured(1).toInt(), match.captured(2), match.captured(3).toLongLong(), {}});
        else if (line.startsWith(QStringLiteral("  | ")) && !outcomes.isEmpty())
            outcomes.back().lines << line.mid(4);
    }
    return outcomes;
}

ExploreDialog::ExploreDialog(QString looplabExecutable, QString program, const QString& title,
                             QWidget* parent)
    : QDialog(parent), looplab_(std::move(looplabExecutable)), program_(std::move(program)) {
    setWindowTitle(tr("Explore Schedules — %1").arg(title));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(
        tr("Runs %1 again and again, each time with every network reply, executor job and "
           "blocking call taking a different, seeded time (between half and one and a half "
           "times as long), and groups the runs by what they printed and how they ended.")
            .arg(title),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Runs:"), this));
    runsBox_ = new QSpinBox(this);
    runsBox_->setRange(10, 1000);
    runsBox_->setValue(runs_);
    runsBox_->setAccessibleName(tr("Number of runs"));
    controls->addWidget(runsBox_);
    bar_ = new QProgressBar(this);
    bar_->setAccessibleName(tr("Runs done"));
    controls->addWidget(bar_, 1);
    again_ = new QPushButton(tr("&Explore"), this);
    cancel_ = new QPushButton(tr("&Cancel"), this);
    controls->addWidget(again_);
    controls->addWidget(cancel_);
    layout->addLayout(controls);

    summary_ = new QLabel(this);
    summary_->setWordWrap(true);
    layout->addWidget(summary_);
    list_ = new QTreeWidget(this);
    list_->setHeaderLabels({tr("Runs"), tr("Ended"), tr("Output"), tr("Example seed")});
    list_->setRootIsDecorated(false);
    list_->setAccessibleName(tr("Outcomes"));
    list_->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    layout->addWidget(list_, 1);

    auto* buttons = new QDialogButtonBox(this);
    open_ = buttons->addButton(tr("&Open This Run"), QDialogButtonBox::AcceptRole);
    open_->setToolTip(tr("Record the program under the selected outcome's example seed and step "
                         "through it"));
    open_->setEnabled(false);
    buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);
    resize(760, 460);

    connect(again_, &QPushButton::clicked, this, &ExploreDialog::start);
    connect(cancel_, &QPushButton::clicked, this, &ExploreDialog::cancel);
    connect(open_, &QPushButton::clicked, this,
            [this] { openOutcome(list_->indexOfTopLevelItem(list_->currentItem())); });
    connect(list_, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem* item) { openOutcome(list_->indexOfTopLevelItem(item)); });
    connect(list_, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem* item) { open_->setEnabled(item != nullptr); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&process_, &QProcess::readyReadStandardError, this, &ExploreDialog::readProgress);
    connect(&process_, &QProcess::finished, this, &ExploreDialog::finished);
    // Its own process group: Cancel ends every run it started, and their workers.
    process_.setChildProcessModifier([] { setpgid(0, 0); });
}

ExploreDialog::~ExploreDialog() {
    cancel();
}

void ExploreDialog::start() {
    if (isRunning())
        return;
    runs_ = runsBox_->value();
    outcomes_.clear();
    list_->clear();
    partialLine_.clear();
    bar_->setRange(0, runs_);
    bar_->setValue(0);
    summary_->setText(tr("Exploring %1 schedules…").arg(runs_));
    again_->setEnabled(false);
    cancel_->setEnabled(true);
    process_.start(looplab_, {QStringLiteral("explore"), program_, QStringLiteral("--runs"),
                              QString::number(runs_), QStringLiteral("--jitter"),
                              QString::number(jitter_, 'g', 17), QStringLiteral("--progress")});
}

void ExploreDialog::cancel() {
    if (!isRunning())
        return;
    ::kill(-static_cast<pid_t>(process_.processId()), SIGKILL);
    process_.kill();
    process_.waitForFinished(5000);
    summary_->setText(tr("Cancelled after %1 of %2 runs.").arg(bar_->value()).arg(runs_));
}

void ExploreDialog::readProgress() {
    const QByteArray text = partialLine_ + process_.readAllStandardError();
    const qsizetype end = text.lastIndexOf('\n');
    partialLine_ = text.mid(end + 1);
    for (const QByteArray& line : text.left(end + 1).split('\n'))
        if (line.startsWith("looplab-progress: "))
            bar_->setValue(line.mid(18).split(' ').value(0).toInt());
}

void ExploreDialog::finished(int exitCode, QProcess::ExitStatus status) {
    again_->setEnabled(true);
    cancel_->setEnabled(false);
    if (status != QProcess::NormalExit || (exitCode != 0 && exitCode != 5)) {
        if (summary_->text().startsWith(tr("Exploring")))
            summary_->setText(tr("The exploration stopped (exit status %1).").arg(exitCode));
        return;
    }
    outcomes_ = parseExploreOutput(QString::fromUtf8(process_.readAllStandardOutput()));
    showOutcomes();
}

void ExploreDialog::showOutcomes() {
    bar_->setValue(runs_);
    if (outcomes_.size() == 1)
        summary_->setText(tr("One outcome in %1 runs: every schedule printed the same and ended "
                             "the same way.")
                              .arg(runs_));
    else
        summary_->setText(tr("%1 different outcomes in %2 runs: the program's result depends on "
                             "timing. Open a run to see its schedule.")
                              .arg(outcomes_.size())
                              .arg(runs_));
    for (const ExploredOutcome& outcome : outcomes_) {
        QString output = outcome.lines.join(QStringLiteral(" / "));
        if (outcome.lines.isEmpty())
            output = tr("(printed nothing)");
        auto* item = new QTreeWidgetItem(list_, {QString::number(outcome.count), outcome.status,
                                                 output, QString::number(outcome.seed)});
        item->setToolTip(2, outcome.lines.join(QLatin1Char('\n')));
        item->setTextAlignment(0, Qt::AlignRight | Qt::AlignVCenter);
    }
    for (int column : {0, 1, 3})
        list_->resizeColumnToContents(column);
    if (list_->topLevelItemCount() > 0)
        list_->setCurrentItem(list_->topLevelItem(0));
}

void ExploreDialog::openOutcome(int index) {
    if (index < 0 || index >= outcomes_.size())
        return;
    emit openRun(outcomes_[index].seed, jitter_);
}

} // namespace looplab
