#include "ExportDialog.h"

#include "Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>

#include <cmath>
#include <utility>

namespace looplab {

namespace {

struct FormatEntry {
    const char* label;
    const char* extension;
};

// The order of the Format box; data formats come after the pictures.
constexpr FormatEntry kFormats[] = {{"PNG image", "png"},
                                    {"SVG vector image", "svg"},
                                    {"PDF document (one page)", "pdf"},
                                    {"CSV: one row per state interval", "csv"},
                                    {"Chrome trace JSON (Perfetto, chrome://tracing)", "json"}};

bool isData(const QString& extension) {
    return extension == QLatin1String("csv") || extension == QLatin1String("json");
}

} // namespace

ExportDialog::ExportDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Export"));
    view_ = new QComboBox(this);
    for (ExportView v : {ExportView::Timeline, ExportView::Concurrency, ExportView::Breakdown,
                         ExportView::Comparison})
        view_->addItem(ViewExporter::viewName(v), static_cast<int>(v));
    view_->setToolTip(tr("Which picture to export (CSV and JSON always hold the whole timeline)"));
    format_ = new QComboBox(this);
    for (const FormatEntry& f : kFormats)
        format_->addItem(tr(f.label), QString::fromLatin1(f.extension));
    format_->setToolTip(tr("The file format; the file name's extension follows it"));
    path_ = new QLineEdit(this);
    path_->setToolTip(tr("Where to write the export"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    browse->setToolTip(tr("Choose the file in a file dialog"));
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(path_, 1);
    pathRow->addWidget(browse);

    width_ = new QSpinBox(this);
    height_ = new QSpinBox(this);
    for (QSpinBox* box : {width_, height_}) {
        box->setRange(320, 8192);
        box->setSuffix(tr(" px"));
    }
    width_->setValue(1920);
    height_->setValue(1080);
    width_->setToolTip(tr("Width of the picture"));
    height_->setToolTip(tr("Height of the picture"));
    doublePixels_ = new QCheckBox(tr("Twice the pixels (sharp on high-DPI screens)"), this);
    doublePixels_->setToolTip(tr("PNG only: the same layout drawn with 2×2 pixels per pixel"));
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(width_);
    sizeRow->addWidget(new QLabel(QStringLiteral("×"), this));
    sizeRow->addWidget(height_);
    sizeRow->addWidget(doublePixels_, 1);

    theme_ = new QComboBox(this);
    theme_->addItem(tr("Light"), QStringLiteral("light"));
    theme_->addItem(tr("Dark"), QStringLiteral("dark"));
    theme_->addItem(tr("High contrast"), QStringLiteral("high-contrast"));
    theme_->setToolTip(tr("Colours of the picture: light suits print and handouts"));

    wholeRun_ = new QRadioButton(tr("The whole run"), this);
    someTime_ = new QRadioButton(tr("From"), this);
    wholeRun_->setChecked(true);
    wholeRun_->setToolTip(tr("Export every moment of the run"));
    someTime_->setToolTip(tr("Export only the stretch of virtual time given here"));
    from_ = new QDoubleSpinBox(this);
    to_ = new QDoubleSpinBox(this);
    for (QDoubleSpinBox* box : {from_, to_}) {
        box->setDecimals(3);
        box->setSuffix(tr(" s"));
        box->setRange(0, 1e6);
    }
    from_->setToolTip(tr("Start of the exported stretch, in virtual seconds"));
    to_->setToolTip(tr("End of the exported stretch, in virtual seconds"));
    auto* rangeRow = new QHBoxLayout;
    rangeRow->addWidget(wholeRun_);
    rangeRow->addSpacing(12);
    rangeRow->addWidget(someTime_);
    rangeRow->addWidget(from_);
    rangeRow->addWidget(new QLabel(tr("to"), this));
    rangeRow->addWidget(to_);
    rangeRow->addStretch(1);

    problem_ = new QLabel(this);
    problem_->setWordWrap(true);
    problem_->setStyleSheet(QStringLiteral("color: #D55E00; font-weight: bold"));
    problem_->hide();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    buttons->button(QDialogButtonBox::Ok)->setToolTip(tr("Write the file"));
    buttons->button(QDialogButtonBox::Cancel)->setToolTip(tr("Close without exporting"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);

    // Rows holding a layout get their label's buddy set by hand, so every Alt+letter works.
    auto* form = new QFormLayout(this);
    auto addRow = [this, form](const QString& text, QWidget* buddy, QLayout* layout) {
        auto* label = new QLabel(text, this);
        label->setBuddy(buddy);
        if (layout)
            form->addRow(label, layout);
        else
            form->addRow(label, buddy);
    };
    addRow(tr("&View:"), view_, nullptr);
    addRow(tr("&Format:"), format_, nullptr);
    addRow(tr("F&ile:"), path_, pathRow);
    addRow(tr("&Size:"), width_, sizeRow);
    addRow(tr("T&heme:"), theme_, nullptr);
    addRow(tr("Ti&me:"), wholeRun_, rangeRow);
    form->addRow(problem_);
    form->addRow(buttons);
    const std::pair<QWidget*, QString> names[] = {{view_, tr("View to export")},
                                                  {format_, tr("File format")},
                                                  {path_, tr("File name")},
                                                  {browse, tr("Browse for a file")},
                                                  {width_, tr("Width in pixels")},
                                                  {height_, tr("Height in pixels")},
                                                  {doublePixels_, tr("Twice the pixels")},
                                                  {theme_, tr("Theme")},
                                                  {wholeRun_, tr("Export the whole run")},
                                                  {someTime_, tr("Export a stretch of time")},
                                                  {from_, tr("From, virtual seconds")},
                                                  {to_, tr("To, virtual seconds")}};
    for (const auto& [widget, name] : names)
        widget->setAccessibleName(name);

    connect(format_, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(someTime_, &QRadioButton::toggled, this, &ExportDialog::updateEnabled);
    connect(path_, &QLineEdit::textEdited, this, [this](const QString& text) {
        const int index = format_->findData(ViewExporter::formatOf(text));
        if (index >= 0) {
            const QSignalBlocker quiet(format_);
            format_->setCurrentIndex(index);
        }
        updateEnabled();
    });
    confirmReplace = [this](const QString& path) {
        return QMessageBox::question(
                   this, tr("Replace file?"),
                   tr("%1 already exists. Replace it?").arg(QFileInfo(path).fileName()),
                   QMessageBox::Yes | QMessageBox::No, QMessageBox::No) == QMessageBox::Yes;
    };
    setPath(QDir::home().filePath(QStringLiteral("looplab-timeline.png")));
    updateEnabled();
}

void ExportDialog::setView(ExportView view) {
    view_->setCurrentIndex(view_->findData(static_cast<int>(view)));
}

void ExportDialog::setPath(const QString& path) {
    path_->setText(path);
    const int index = format_->findData(ViewExporter::formatOf(path));
    if (index >= 0) {
        const QSignalBlocker quiet(format_);
        format_->setCurrentIndex(index);
    }
    updateEnabled();
}

void ExportDialog::setTimes(qint64 runEndNs, qint64 visibleFromNs, qint64 visibleToNs) {
    const double end = static_cast<double>(runEndNs) / 1e9;
    from_->setRange(0, end);
    to_->setRange(0, end);
    from_->setValue(static_cast<double>(visibleFromNs) / 1e9);
    to_->setValue(static_cast<double>(visibleToNs) / 1e9);
    someTime_->setText(tr("From"));
}

void ExportDialog::setTheme(const QString& theme) {
    theme_->setCurrentIndex(std::max(0, theme_->findData(theme)));
}

QString ExportDialog::theme() const {
    return theme_->currentData().toString();
}

ExportRequest ExportDialog::request() const {
    ExportRequest request;
    request.path = path_->text().trimmed();
    request.view = static_cast<ExportView>(view_->currentData().toInt());
    request.size = QSize(width_->value(), height_->value());
    request.pixelRatio = doublePixels_->isChecked() ? 2.0 : 1.0;
    request.palette = themePalette(theme());
    if (someTime_->isChecked()) {
        request.fromNs = static_cast<qint64>(std::llround(from_->value() * 1e9));
        request.toNs = static_cast<qint64>(std::llround(to_->value() * 1e9));
    }
    return request;
}

void ExportDialog::formatChanged() {
    const QString extension = format_->currentData().toString();
    QString path = path_->text().trimmed();
    const QFileInfo info(path);
    if (!path.isEmpty())
        path = info.dir().filePath(info.completeBaseName() + QLatin1Char('.') + extension);
    path_->setText(path);
    updateEnabled();
}

void ExportDialog::browse() {
    const QString extension = format_->currentData().toString();
    const QString chosen = QFileDialog::getSaveFileName(
        this, tr("Export to"), path_->text(),
        tr("%1 (*.%2)").arg(format_->currentText(), extension), nullptr,
        QFileDialog::DontConfirmOverwrite); // accept() asks, once, for every way of choosing
    if (!chosen.isEmpty())
        setPath(chosen);
}

void ExportDialog::updateEnabled() {
    const bool dataFile = isData(format_->currentData().toString());
    view_->setEnabled(!dataFile);
    width_->setEnabled(!dataFile);
    height_->setEnabled(!dataFile);
    theme_->setEnabled(!dataFile);
    doublePixels_->setEnabled(format_->currentData().toString() == QLatin1String("png"));
    from_->setEnabled(someTime_->isChecked());
    to_->setEnabled(someTime_->isChecked());
    problem_->hide();
}

void ExportDialog::accept() {
    const ExportRequest chosen = request();
    auto complain = [this](const QString& text) {
        problem_->setText(text);
        problem_->show();
    };
    if (chosen.path.isEmpty())
        return complain(tr("Choose a file to export to."));
    if (ViewExporter::formatOf(chosen.path).isEmpty())
        return complain(tr("The file name must end in .png, .svg, .pdf, .csv or .json."));
    if (chosen.fromNs >= 0 && chosen.toNs <= chosen.fromNs)
        return complain(tr("The end of the time range must come after its start."));
    if (QFileInfo::exists(chosen.path) && !(confirmReplace && confirmReplace(chosen.path)))
        return; // the user keeps the old file and can choose another name
    QDialog::accept();
}

} // namespace looplab
