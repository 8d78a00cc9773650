#pragma once
// File → Export Walkthrough…: the file (its extension picks MP4, WebM or GIF), the steps to
// film, the frame rate, the layout (the desk's or the presentation's) and the size (the
// window's, 1280×720 or 1920×1080), with what that makes (frames, length, size) said before
// rendering.

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
    // `lastStep` is the run's last step; `windowSize` is the window's size in pixels, the film's
    // unless another is chosen; `presenting`: the window is presenting now (the layout offered
    // first).
    WalkthroughDialog(int lastStep, QSize windowSize, bool presenting = false,
                      QWidget* parent = nullptr);

    void setPath(const QString& path);
    void setSteps(int from, int to);
    // For tests and the caller: the layout and size to film at (an empty size: the window's).
    void setLayout(bool present, QSize size);

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

    QSize windowSize_;
    QLineEdit* path_ = nullptr;
    QComboBox* format_ = nullptr;
    QSpinBox* from_ = nullptr;
    QSpinBox* to_ = nullptr;
    QSpinBox* fps_ = nullptr;
    QComboBox* layout_ = nullptr; // data: true for the presentation's
    QComboBox* size_ = nullptr;   // data: the QSize, empty for the window's own
    QLabel* summary_ = nullptr;
    QLabel* problem_ = nullptr;
};

} // namespace looplab
