#pragma once
// File → Export: which view or data, the file and its format, the picture's size and theme,
// and the stretch of virtual time. Asks before replacing an existing file.

#include "ViewExporter.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace looplab {

class ExportDialog : public QDialog {
    Q_OBJECT
  public:
    explicit ExportDialog(QWidget* parent = nullptr);

    void setView(ExportView view);
    void setPath(const QString& path);
    // The run's length and the part of it the timeline shows now (offered as the range).
    void setTimes(qint64 runEndNs, qint64 visibleFromNs, qint64 visibleToNs);
    void setTheme(const QString& theme);

    // What the user chose; valid after the dialog was accepted.
    ExportRequest request() const;
    QString theme() const;

    // Asked when the file exists; true replaces it. Tests answer without a message box.
    std::function<bool(const QString& path)> confirmReplace;

  public slots:
    void accept() override;

  private:
    void formatChanged();
    void browse();
    void updateEnabled();

    QComboBox* view_ = nullptr;
    QComboBox* format_ = nullptr;
    QLineEdit* path_ = nullptr;
    QSpinBox* width_ = nullptr;
    QSpinBox* height_ = nullptr;
    QCheckBox* doublePixels_ = nullptr;
    QComboBox* theme_ = nullptr;
    QRadioButton* wholeRun_ = nullptr;
    QRadioButton* someTime_ = nullptr;
    QDoubleSpinBox* from_ = nullptr;
    QDoubleSpinBox* to_ = nullptr;
    QLabel* problem_ = nullptr;
};

} // namespace looplab
