#include "Theme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace looplab {

bool isKnownTheme(const QString& name) {
    return name == QLatin1String("light") || name == QLatin1String("dark");
}

QPalette themePalette(const QString& name) {
    QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion"));
    QPalette palette = fusion ? fusion->standardPalette() : QPalette();
    delete fusion;
    if (name != QLatin1String("dark"))
        return palette;
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
    return palette;
}

void applyTheme(QApplication& app, const QString& name) {
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    if (name == QLatin1String("dark"))
        app.setPalette(themePalette(name));
}

} // namespace looplab
