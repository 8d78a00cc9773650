#include "ShortcutSheet.h"

#include <QAction>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace looplab {

namespace {

// "&Open…" as the user reads it in the menu: "Open…".
QString plain(QString text) {
    return text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
}

// Each action's menu path ("File › Open Recent"), for the Menu column.
void mapMenus(QMenu* menu, const QString& path, QHash<const QAction*, QString>& where) {
    for (QAction* action : menu->actions()) {
        if (QMenu* sub = action->menu())
            mapMenus(sub, path + QStringLiteral(" › ") + plain(sub->title()), where);
        else if (!where.contains(action))
            where.insert(action, path);
    }
}

} // namespace

ShortcutSheet::ShortcutSheet(QMainWindow* window) : QDialog(window) {
    setWindowTitle(tr("Keyboard Shortcuts"));
    search_ = new QLineEdit(this);
    search_->setPlaceholderText(tr("Search commands and keys…"));
    search_->setAccessibleName(tr("Search the shortcuts"));
    search_->setToolTip(tr("Type part of a command, a key or a menu"));
    search_->setClearButtonEnabled(true);
    table_ = new QTableWidget(0, ColumnCount, this);
    table_->setHorizontalHeaderLabels({tr("Command"), tr("Keys"), tr("Menu"), tr("What it does")});
    table_->setAccessibleName(tr("Keyboard shortcuts"));
    table_->setToolTip(tr("Every command that has a key"));
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->verticalHeader()->hide();
    auto* note = new QLabel(tr("While presenting (F5): Page Down/Page Up, Right/Left and Space "
                               "step; B or . blanks the screen; Esc leaves. On the Deadlock "
                               "graph, double-click (or F) gives it the whole height, and "
                               "back."),
                            this);
    note->setWordWrap(true);
    auto* column = new QVBoxLayout(this);
    column->addWidget(search_);
    column->addWidget(table_);
    column->addWidget(note);
    fill(window);
    connect(search_, &QLineEdit::textChanged, this, &ShortcutSheet::filter);
    resize(1000, 640);
}

void ShortcutSheet::fill(QMainWindow* window) {
    QHash<const QAction*, QString> where;
    for (QAction* top : window->menuBar()->actions())
        if (QMenu* menu = top->menu())
            mapMenus(menu, plain(menu->title()), where);
    // The window's own actions are every command with a key (WindowActions, FileActions and
    // HelpMenu add each one to the window so its key works with the menu bar hidden).
    for (const QAction* action : window->actions()) {
        if (action->shortcuts().isEmpty())
            continue;
        QStringList keys;
        for (const QKeySequence& key : action->shortcuts())
            keys << key.toString(QKeySequence::NativeText);
        const int row = table_->rowCount();
        table_->insertRow(row);
        table_->setItem(row, Command, new QTableWidgetItem(plain(action->text())));
        table_->setItem(row, Keys, new QTableWidgetItem(keys.join(tr(" or "))));
        table_->setItem(row, Menu, new QTableWidgetItem(where.value(action)));
        auto* description = new QTableWidgetItem(action->statusTip());
        description->setToolTip(action->statusTip()); // the long ones are elided in the cell
        table_->setItem(row, Description, description);
    }
    // Names, keys and menus whole; the description takes the rest of the width.
    QHeaderView* header = table_->horizontalHeader();
    for (const int column : {Command, Keys, Menu})
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(Description, QHeaderView::Stretch);
}

void ShortcutSheet::filter(const QString& text) {
    const QString needle = text.trimmed();
    for (int row = 0; row < table_->rowCount(); ++row) {
        bool match = needle.isEmpty();
        for (int column = 0; column < ColumnCount && !match; ++column) {
            const QTableWidgetItem* item = table_->item(row, column);
            match = item->text().contains(needle, Qt::CaseInsensitive);
        }
        table_->setRowHidden(row, !match);
    }
}

int ShortcutSheet::visibleRows() const {
    int visible = 0;
    for (int row = 0; row < table_->rowCount(); ++row)
        visible += table_->isRowHidden(row) ? 0 : 1;
    return visible;
}

} // namespace looplab
