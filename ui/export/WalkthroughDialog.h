#pragma once
// File → Export Walkthrough…: the file (its extension picks MP4, WebM or GIF), the steps to
// film and the frame rate, with what that makes (frames, length, size) said before rendering.

#include "WalkthroughRenderer.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace looplab {

class WalkthroughDialog : public QDialog {
    Q_OBJECT
  public:
    // `lastStep` is the run's last step; the film is `filmSize` pixels (the window's size).
    WalkthroughDialog(int lastStep, QSize filmSize, QWidget* parent = nullptr);

    void setPath(const QString& path);
    void setSteps(int from, int to);

    // What the user chose; valid after the dialog was accepted.
    WalkthroughRequest request() const;

    // Asked when the file exists; true replaces it. Tests answer without a message box.
    std::function<bool(const QString& path)> confirmReplace;

  public slots:
    void accept() override;

  private:
    void formatChanged();
    void browse();
    void updateSummary();

    QSize filmSize_;
    QLineEdit* path_ = nullptr;
    QComboBox* format_ = nullptr;
    QSpinBox* from_ = nullptr;
    QSpinBox* to_ = nullptr;
    QSpinBox* fps_ = nullptr;
    QLabel* summary_ = nullptr;
    QLabel* problem_ = nullptr;
};

} // namespace looplab
