#pragma once
// The charts' legend, drawn by us instead of QLegend: Qt's legend markers are a fixed few
// pixels wide (half the font height), too small to show a state's hatch pattern, and the
// pattern is what tells states apart without colour. Ours draws a swatch as wide as a word
// with the full fill and pattern, in rows centred under the plot, wrapping when the chart is
// narrow.
//
// It is a child item of the chart, so it is rendered wherever the chart is (a view, or a
// QGraphicsScene an exporter renders), and it reserves its height through the chart's bottom
// margin so the plot never runs under it.

#include "ChartStyle.h"

#include <QBrush>
#include <QGraphicsObject>
#include <QPen>
#include <QString>
#include <QStringList>

#include <vector>

QT_BEGIN_NAMESPACE
class QChart;
QT_END_NAMESPACE

namespace looplab {

class ChartLegend : public QGraphicsObject {
    Q_OBJECT
  public:
    struct Entry {
        QString label;
        QBrush brush;
        QPen pen;
    };

    // Hides the chart's own QLegend and takes its place. Call after ChartStyle::apply(), whose
    // margins it extends.
    ChartLegend(QChart* chart, const ChartStyle& style, std::vector<Entry> entries);

    const std::vector<Entry>& entries() const { return entries_; }
    QStringList labels() const;
    int rowCount() const { return rows_; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

  private:
    // Flows the entries into rows for the chart's current width, reserves their height in the
    // chart's bottom margin and moves to the bottom edge.
    void relayout();
    qreal swatchWidth() const;

    QChart* chart_;
    QFont font_;
    QColor text_;
    std::vector<Entry> entries_;
    std::vector<QRectF> boxes_; // one per entry, in item coordinates
    int baseBottomMargin_ = 0;
    qreal height_ = 0;
    int rows_ = 0;
    bool relayouting_ = false;
};

} // namespace looplab
