#pragma once
// The window's zoom, 100% to 300%: fonts, markers, chips and line widths of every view grow
// together (Ctrl+Plus, Ctrl+Minus, Ctrl+0). Each mode keeps its own level — a lecture hall
// wants 200% while the desk wants 100% — remembered in the settings.

#include <QFont>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QWidget>

#include <functional>
#include <vector>

namespace looplab {

class WindowZoom : public QObject {
    Q_OBJECT
  public:
    static constexpr double kMin = 1.0;
    static constexpr double kMax = 3.0;
    static constexpr double kStep = 0.25;

    explicit WindowZoom(QObject* parent = nullptr);

    // A widget whose font grows with the zoom, from the font it has now.
    void addFont(QWidget* widget);
    // A view that scales itself (timeline, charts, editor): called with every new level.
    void addScaler(std::function<void(double)> apply);

    // "normal" or "present": switches to that mode's remembered level (default 100% and
    // 200%).
    void setMode(const QString& mode);
    QString mode() const { return mode_; }
    static double defaultScale(const QString& mode);

    double scale() const { return scale_; }
    void setScale(double scale); // clamped to [kMin, kMax], remembered for the mode
    void zoomIn() { setScale(scale_ + kStep); }
    void zoomOut() { setScale(scale_ - kStep); }
    void reset() { setScale(defaultScale(mode_)); }

  signals:
    void scaleChanged(double scale);

  private:
    void apply();

    struct FontTarget {
        QPointer<QWidget> widget;
        QFont base;
    };
    std::vector<FontTarget> fonts_;
    std::vector<std::function<void(double)>> scalers_;
    QString mode_ = QStringLiteral("normal");
    double scale_ = 1.0;
};

} // namespace looplab
