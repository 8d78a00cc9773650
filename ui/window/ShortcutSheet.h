#pragma once
// Help → Keyboard Shortcuts: every action of the window that has a key, with its menu and what
// it does (its status tip), read from the actions themselves when the sheet opens, so it cannot
// drift from what the keys do. Typing in the search box keeps the rows whose command, key, menu or
// description contains the text.

#include <QDialog>
#include <QString>

class QLineEdit;
class QMainWindow;
class QTableWidget;

namespace looplab {

class ShortcutSheet : public QDialog {
    Q_OBJECT
  public:
    enum Column { Command, Keys, Menu, Description, ColumnCount };

    explicit ShortcutSheet(QMainWindow* window);

    QLineEdit* search() const { return search_; }
    QTableWidget* table() const { return table_; }
    // The rows the search leaves in view.
    int visibleRows() const;

  private:
    void fill(QMainWindow* window);
    void filter(const QString& text);

    QLineEdit* search_;
    QTableWidget* table_;
};

} // namespace looplab
