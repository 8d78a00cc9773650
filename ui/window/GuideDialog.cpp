#include "GuideDialog.h"

#include "AppIcon.h"

#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace looplab {

GuideDialog::GuideDialog(const QString& resource, const QString& title, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(title);
    setWindowIcon(appIcon()); // (which also registers the compiled-in guides)
    browser_ = new QTextBrowser(this);
    browser_->setAccessibleName(title);
    browser_->setOpenExternalLinks(true);
    // A qrc: source makes relative links (README's docs/lesson-format.md) resolve among the
    // compiled-in guides.
    browser_->setSource(QUrl(QStringLiteral("qrc") + resource), QTextDocument::MarkdownResource);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(browser_);
    resize(820, 720);
}

} // namespace looplab
