#include "WrappingItemDelegate.h"

#include <QApplication>
#include <QFontMetrics>
#include <QTreeView>

#include <algorithm>

namespace looplab {

WrappingItemDelegate::WrappingItemDelegate(QTreeView* view)
    : QStyledItemDelegate(view), view_(view) {}

int WrappingItemDelegate::textWidth(const QStyleOptionViewItem& option,
                                    const QModelIndex& index) const {
    int depth = 0;
    for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
        ++depth;
    const int indent = view_->indentation() * (depth + (view_->rootIsDecorated() ? 1 : 0));
    const QStyle* style = view_->style() ? view_->style() : QApplication::style();
    // The style's text margin on each side, as it draws an item's text.
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, &option, view_) + 1;
    int width = view_->viewport()->width() - indent - 2 * margin;
    if (option.features & QStyleOptionViewItem::HasDecoration)
        width -= option.decorationSize.width() + margin;
    return std::max(1, width);
}

QSize WrappingItemDelegate::sizeHint(const QStyleOptionViewItem& option,
                                     const QModelIndex& index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    QStyleOptionViewItem item = option;
    initStyleOption(&item, index);
    const QFontMetrics metrics(item.font);
    const QRect text =
        metrics.boundingRect(QRect(0, 0, textWidth(item, index), 1 << 20),
                             Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, item.text);
    // The row's own padding (what one line gets above and below its text) is kept.
    const int padding = std::max(0, size.height() - metrics.height());
    size.setHeight(std::max(size.height(), text.height() + padding));
    return size;
}

} // namespace looplab
