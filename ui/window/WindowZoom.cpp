#include "WindowZoom.h"

#include <QSettings>

#include <algorithm>
#include <cmath>

namespace looplab {

namespace {

QString settingsKey(const QString& mode) {
    return QStringLiteral("zoom/") + mode;
}

} // namespace

WindowZoom::WindowZoom(QObject* parent) : QObject(parent) {
    scale_ = QSettings().value(settingsKey(mode_), defaultScale(mode_)).toDouble();
}

double WindowZoom::defaultScale(const QString& mode) {
    // Twice the desk size reads from the back of a lecture hall on a 1080p projector.
    return mode == QLatin1String("present") ? 2.0 : 1.0;
}

void WindowZoom::addFont(QWidget* widget) {
    fonts_.push_back({widget, widget->font()});
    if (scale_ != 1.0)
        apply();
}

void WindowZoom::addScaler(std::function<void(double)> apply) {
    scalers_.push_back(std::move(apply));
    if (scale_ != 1.0)
        scalers_.back()(scale_);
}

void WindowZoom::setMode(const QString& mode) {
    mode_ = mode;
    const double remembered = QSettings().value(settingsKey(mode_), defaultScale(mode_)).toDouble();
    scale_ = std::clamp(remembered, kMin, kMax);
    apply();
}

void WindowZoom::setScale(double scale) {
    // Whole steps only, so that zooming in and out returns exactly to where it was.
    const double snapped = std::round(std::clamp(scale, kMin, kMax) / kStep) * kStep;
    if (snapped == scale_)
        return;
    scale_ = snapped;
    QSettings().setValue(settingsKey(mode_), scale_);
    apply();
}

void WindowZoom::apply() {
    for (const FontTarget& target : fonts_) {
        if (!target.widget)
            continue;
        QFont font = target.base;
        if (font.pointSizeF() > 0)
            font.setPointSizeF(font.pointSizeF() * scale_);
        else
            font.setPixelSize(
                std::max(1, static_cast<int>(std::lround(font.pixelSize() * scale_))));
        target.widget->setFont(font);
    }
    for (const auto& scaler : scalers_)
        scaler(scale_);
    emit scaleChanged(scale_);
}

} // namespace looplab
