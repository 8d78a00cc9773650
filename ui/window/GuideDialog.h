#pragma once
// A guide from LoopLab's documentation (Markdown compiled into the binary from README.md and
// docs/) in a window of its own. Links to the other guides open in place; links to the web
// open in the browser.

#include <QDialog>
#include <QString>

class QTextBrowser;

namespace looplab {

class GuideDialog : public QDialog {
    Q_OBJECT
  public:
    GuideDialog(const QString& resource, const QString& title, QWidget* parent = nullptr);

    QTextBrowser* browser() const { return browser_; }

  private:
    QTextBrowser* browser_;
};

} // namespace looplab
