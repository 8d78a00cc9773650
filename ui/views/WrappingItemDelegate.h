#pragma once
// Item rows of a one-column tree that wrap instead of eliding: QTreeView draws wrapped text
// when its wordWrap is on, but asks a row's height with no width, so a long entry keeps one
// line and is cut ("runs first in, fi…"). This delegate gives each row the height its text
// takes at the width the tree gives it (the viewport less the row's indentation). The tree
// lays its rows out again when that width changes (LoopView::resizeEvent).

#include <QStyledItemDelegate>

class QTreeView;

namespace looplab {

class WrappingItemDelegate : public QStyledItemDelegate {
  public:
    explicit WrappingItemDelegate(QTreeView* view);

    // The width in px the text of `index` has in the view now (after indentation, icon and
    // margins); at least 1.
    int textWidth(const QStyleOptionViewItem& option, const QModelIndex& index) const;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

  private:
    QTreeView* view_;
};

} // namespace looplab
