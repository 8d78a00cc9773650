#include "WalkthroughDialog.h"

#include "VideoEncoder.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>

namespace looplab {

namespace {

// The formats in the order offered: what slides play, what web pages play, what anything shows.
struct Format {
    const char* extension;
    const char* label;
};
constexpr Format kFormats[] = {{"mp4", "MP4 video (H.264), for slides"},
                               {"webm", "WebM video (VP9), for web pages"},
                               {"gif", "Animated GIF, for pages and chats"}};

} // namespace

WalkthroughDialog::WalkthroughDialog(int lastStep, QSize windowSize, bool presenting,
                                     QWidget* parent)
    : QDialog(parent), windowSize_(windowSize) {
    setWindowTitle(tr("Export Walkthrough"));
    auto* form = new QFormLayout;

    path_ = new QLineEdit;
    path_->setAccessibleName(tr("File to export to"));
    auto* browse = new QPushButton(tr("Browse…"));
    browse->setToolTip(tr("Choose the file and folder"));
    connect(browse, &QPushButton::clicked, this, &WalkthroughDialog::browse);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(path_, 1);
    pathRow->addWidget(browse);
    // A row of several widgets: its label needs a buddy for its Alt key.
    auto* pathLabel = new QLabel(tr("&File:"));
    pathLabel->setBuddy(path_);
    form->addRow(pathLabel, pathRow);

    format_ = new QComboBox;
    for (const Format& format : kFormats)
        format_->addItem(tr(format.label), QString::fromLatin1(format.extension));
    format_->setAccessibleName(tr("Format"));
    connect(format_, &QComboBox::currentIndexChanged, this, &WalkthroughDialog::formatChanged);
    form->addRow(tr("F&ormat:"), format_);

    from_ = new QSpinBox;
    to_ = new QSpinBox;
    for (QSpinBox* box : {from_, to_}) {
        box->setRange(0, std::max(0, lastStep));
        connect(box, &QSpinBox::valueChanged, this, &WalkthroughDialog::updateSummary);
    }
    from_->setAccessibleName(tr("First step to film"));
    to_->setAccessibleName(tr("Last step to film"));
    to_->setValue(lastStep);
    auto* steps = new QHBoxLayout;
    steps->addWidget(from_);
    steps->addWidget(new QLabel(tr("to")));
    steps->addWidget(to_);
    steps->addStretch(1);
    auto* stepsLabel = new QLabel(tr("&Steps:"));
    stepsLabel->setBuddy(from_);
    form->addRow(stepsLabel, steps);

    fps_ = new QSpinBox;
    fps_->setRange(1, 60);
    fps_->setValue(10);
    fps_->setSuffix(tr(" frames per second"));
    fps_->setAccessibleName(tr("Frame rate"));
    fps_->setToolTip(tr("Each step lasts one second; more frames make the task moves smoother"));
    connect(fps_, &QSpinBox::valueChanged, this, &WalkthroughDialog::updateSummary);
    form->addRow(tr("Frame &rate:"), fps_);

    layout_ = new QComboBox;
    layout_->addItem(tr("Presentation (large text, for slides and projectors)"), true);
    layout_->addItem(tr("Desk (the window's usual layout)"), false);
    layout_->setCurrentIndex(presenting ? 0 : 1);
    layout_->setAccessibleName(tr("Layout to film"));
    connect(layout_, &QComboBox::currentIndexChanged, this, &WalkthroughDialog::updateSummary);
    form->addRow(tr("&Layout:"), layout_);

    size_ = new QComboBox;
    size_->addItem(tr("The window's size (%1×%2)").arg(windowSize.width()).arg(windowSize.height()),
                   QSize());
    for (const QSize standard : {QSize(1280, 720), QSize(1920, 1080)})
        if (standard != windowSize)
            size_->addItem(tr("%1×%2").arg(standard.width()).arg(standard.height()), standard);
    size_->setAccessibleName(tr("Size of the film"));
    size_->setToolTip(tr("The window takes this size while it is filmed, then gets its own back"));
    connect(size_, &QComboBox::currentIndexChanged, this, &WalkthroughDialog::updateSummary);
    form->addRow(tr("Si&ze:"), size_);

    summary_ = new QLabel;
    summary_->setWordWrap(true);
    form->addRow(summary_);
    problem_ = new QLabel;
    problem_->setWordWrap(true);
    problem_->setStyleSheet(QStringLiteral("color: #D55E00;"));
    problem_->hide();
    form->addRow(problem_);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, &WalkthroughDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    confirmReplace = [this](const QString& path) {
        return QMessageBox::question(
                   this, tr("Replace file?"),
                   tr("%1 already exists. Replace it?").arg(QFileInfo(path).fileName()),
                   QMessageBox::Yes | QMessageBox::No, QMessageBox::No) == QMessageBox::Yes;
    };
    setPath(QDir::home().filePath(QStringLiteral("looplab-walkthrough.mp4")));
}

void WalkthroughDialog::setPath(const QString& path) {
    path_->setText(path);
    const QString format = QString::fromStdString(VideoEncoder::formatOf(path.toStdString()));
    const int index = format_->findData(format);
    if (index >= 0) {
        const QSignalBlocker quiet(format_);
        format_->setCurrentIndex(index);
    }
    updateSummary();
}

void WalkthroughDialog::setSteps(int from, int to) {
    from_->setValue(from);
    to_->setValue(to);
}

void WalkthroughDialog::setLayout(bool present, QSize size) {
    layout_->setCurrentIndex(layout_->findData(present));
    const int index = size.isEmpty() || size == windowSize_ ? 0 : size_->findData(size);
    if (index < 0)
        size_->addItem(tr("%1×%2").arg(size.width()).arg(size.height()), size);
    size_->setCurrentIndex(index < 0 ? size_->count() - 1 : index);
}

void WalkthroughDialog::formatChanged() {
    // The file name follows the format chosen: walk.mp4 becomes walk.gif.
    const QFileInfo file(path_->text());
    const QString base = file.path() + QLatin1Char('/') + file.completeBaseName();
    path_->setText(
        QDir::toNativeSeparators(base + QLatin1Char('.') + format_->currentData().toString()));
    updateSummary();
}

void WalkthroughDialog::browse() {
    const QString chosen = QFileDialog::getSaveFileName(
        this, tr("Export walkthrough to"), path_->text(),
        tr("Videos and GIFs (*.mp4 *.webm *.gif)"), nullptr,
        QFileDialog::DontConfirmOverwrite); // accept() asks, for typed names too
    if (!chosen.isEmpty())
        setPath(chosen);
}

void WalkthroughDialog::updateSummary() {
    if (!summary_)
        return; // still being built: the constructor's last setPath() says it
    const WalkthroughRequest chosen = request();
    const int steps = std::max(0, chosen.toStep - chosen.fromStep + 1);
    const int frames = steps * WalkthroughRenderer::framesPerStep(chosen.fps);
    const QSize size = WalkthroughRenderer::filmSize(
        chosen.size.isEmpty() ? windowSize_ : chosen.size, chosen.path);
    summary_->setText(
        (steps == 1 ? tr("1 step, one second") : tr("%1 steps, one second each").arg(steps)) +
        tr(": %1 frames, %2:%3 long, %4×%5 pixels.")
            .arg(frames)
            .arg(steps / 60)
            .arg(steps % 60, 2, 10, QLatin1Char('0'))
            .arg(size.width())
            .arg(size.height()));
}

WalkthroughRequest WalkthroughDialog::request() const {
    WalkthroughRequest chosen;
    chosen.path = path_->text().trimmed();
    chosen.fromStep = from_->value();
    chosen.toStep = to_->value();
    chosen.fps = fps_->value();
    chosen.present = layout_->currentData().toBool();
    chosen.size = size_->currentData().toSize();
    return chosen;
}

void WalkthroughDialog::accept() {
    const WalkthroughRequest chosen = request();
    auto complain = [this](const QString& text) {
        problem_->setText(text);
        problem_->show();
    };
    if (chosen.path.isEmpty())
        return complain(tr("Choose a file to export to."));
    if (VideoEncoder::formatOf(chosen.path.toStdString()).empty())
        return complain(tr("The file name must end in .mp4, .webm or .gif."));
    if (chosen.toStep < chosen.fromStep)
        return complain(tr("The last step must not come before the first."));
    if (QFileInfo::exists(chosen.path) && !(confirmReplace && confirmReplace(chosen.path)))
        return; // the user keeps the old file and can choose another name
    QDialog::accept();
}

} // namespace looplab
