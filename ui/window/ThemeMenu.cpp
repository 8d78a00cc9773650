#include "ThemeMenu.h"

#include "Theme.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QSettings>

namespace looplab {

ThemeMenu::ThemeMenu(QWidget* parent) : QMenu(tr("&Theme"), parent) {
    menuAction()->setStatusTip(tr("Colours of the window: light, dark or high contrast"));
    menuAction()->setToolTip(menuAction()->statusTip());
    group_ = new QActionGroup(this);
    group_->setExclusive(true);
    struct Entry {
        const char* name;
        QString text;
        QString tip;
    };
    const Entry entries[] = {
        {"light", tr("&Light"), tr("Dark text on a light page (prints and handouts)")},
        {"dark", tr("&Dark"), tr("Light text on a dark page, easier on the eyes at night")},
        {"high-contrast", tr("&High contrast"),
         tr("White text on black with yellow and cyan highlights and thicker lines")},
    };
    for (const Entry& entry : entries) {
        auto* action = new QAction(entry.text, group_);
        action->setCheckable(true);
        action->setData(QString::fromLatin1(entry.name));
        action->setStatusTip(entry.tip);
        action->setToolTip(entry.tip);
        addAction(action);
    }
    connect(group_, &QActionGroup::triggered, this,
            [this](QAction* action) { choose(action->data().toString()); });
    // The palette may change elsewhere (tests, --theme): the tick follows what is shown.
    connect(this, &QMenu::aboutToShow, this, &ThemeMenu::syncChecks);
    syncChecks();
}

QAction* ThemeMenu::actionFor(const QString& theme) const {
    for (QAction* action : group_->actions())
        if (action->data().toString() == theme)
            return action;
    return nullptr;
}

void ThemeMenu::choose(const QString& theme) {
    auto* app = qobject_cast<QApplication*>(QCoreApplication::instance());
    if (!app || !isKnownTheme(theme))
        return;
    applyTheme(*app, theme);
    QSettings().setValue(QStringLiteral("theme"), theme);
    syncChecks();
}

void ThemeMenu::syncChecks() {
    if (QAction* current = actionFor(themeNameOf(QApplication::palette())))
        current->setChecked(true);
}

} // namespace looplab
