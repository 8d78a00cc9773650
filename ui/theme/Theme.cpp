#include "Theme.h"

#include "HighContrastStyle.h"
#include "PaletteKind.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace looplab {

namespace {

QPalette fusionPalette() {
    QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion"));
    QPalette palette = fusion ? fusion->standardPalette() : QPalette();
    delete fusion;
    return palette;
}

void setDark(QPalette& palette) {
    palette.setColor(QPalette::Window, QColor(0x2B, 0x2B, 0x2B));
    palette.setColor(QPalette::WindowText, QColor(0xEE, 0xEE, 0xEE));
    palette.setColor(QPalette::Base, QColor(0x1E, 0x1E, 0x1E));
    palette.setColor(QPalette::AlternateBase, QColor(0x2F, 0x2F, 0x2F));
    palette.setColor(QPalette::Text, QColor(0xEE, 0xEE, 0xEE));
    palette.setColor(QPalette::Button, QColor(0x3A, 0x3A, 0x3A));
    palette.setColor(QPalette::ButtonText, QColor(0xEE, 0xEE, 0xEE));
    palette.setColor(QPalette::Highlight, QColor(0x56, 0xB4, 0xE9));
    palette.setColor(QPalette::HighlightedText, Qt::black);
    palette.setColor(QPalette::ToolTipBase, QColor(0x3A, 0x3A, 0x3A));
    palette.setColor(QPalette::ToolTipText, QColor(0xEE, 0xEE, 0xEE));
    palette.setColor(QPalette::Link, QColor(0x56, 0xB4, 0xE9));
    palette.setColor(QPalette::PlaceholderText, QColor(0xAA, 0xAA, 0xAA));
    palette.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    palette.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    palette.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
}

// Black page, white text, yellow selection and cyan links: the usual high-contrast scheme.
// Frames and bevels (Light, Mid, Dark, Shadow) are white too, so every control's edge shows.
// Disabled text stays a light grey well above 4.5:1 on black, so it is still readable.
void setHighContrast(QPalette& palette) {
    const QColor black(0, 0, 0);
    const QColor white(0xFF, 0xFF, 0xFF);
    const QColor yellow(0xFF, 0xFF, 0x00);
    const QColor cyan(0x00, 0xFF, 0xFF);
    for (const auto role : {QPalette::Window, QPalette::Base, QPalette::Button,
                            QPalette::ToolTipBase, QPalette::Shadow})
        palette.setColor(role, black);
    palette.setColor(QPalette::AlternateBase, QColor(0x1C, 0x1C, 0x1C));
    for (const auto role :
         {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::ToolTipText,
          QPalette::BrightText, QPalette::Light, QPalette::Midlight, QPalette::Mid, QPalette::Dark})
        palette.setColor(role, white);
    palette.setColor(QPalette::Highlight, yellow);
    palette.setColor(QPalette::HighlightedText, black);
    palette.setColor(QPalette::Link, cyan);
    palette.setColor(QPalette::LinkVisited, cyan);
    palette.setColor(QPalette::PlaceholderText, QColor(0xC0, 0xC0, 0xC0));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, QColor(0xB0, 0xB0, 0xB0));
    palette.setColor(QPalette::Disabled, QPalette::Base, black);
    palette.setColor(QPalette::Disabled, QPalette::Button, black);
    palette.setColor(QPalette::Disabled, QPalette::Window, black);
}

} // namespace

QStringList themeNames() {
    return {QStringLiteral("light"), QStringLiteral("dark"), QStringLiteral("high-contrast")};
}

bool isKnownTheme(const QString& name) {
    return themeNames().contains(name);
}

QPalette themePalette(const QString& name) {
    QPalette palette = fusionPalette();
    if (name == QLatin1String("dark"))
        setDark(palette);
    else if (name == QLatin1String("high-contrast"))
        setHighContrast(palette);
    return palette;
}

QString themeNameOf(const QPalette& palette) {
    switch (paletteKind(palette)) {
    case PaletteKind::Dark:
        return QStringLiteral("dark");
    case PaletteKind::HighContrast:
        return QStringLiteral("high-contrast");
    case PaletteKind::Light:
        break;
    }
    return QStringLiteral("light");
}

void applyTheme(QApplication& app, const QString& name) {
    // Fusion, or Fusion with visible rims and focus for high contrast (HighContrastStyle); the
    // style is only replaced when it changes, which re-polishes every widget.
    const bool highContrast = name == QLatin1String("high-contrast");
    const bool isHighContrast = app.style()->inherits("looplab::HighContrastStyle");
    if (highContrast != isHighContrast ||
        (!highContrast &&
         app.style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive)))
        app.setStyle(highContrast ? static_cast<QStyle*>(new HighContrastStyle)
                                  : QStyleFactory::create(QStringLiteral("Fusion")));
    // The light palette is set too (not left alone), so switching back from dark works live.
    app.setPalette(themePalette(name));
}

} // namespace looplab
