#pragma once
// Tasks visibly moving between the event loop's places. When a step takes a task from the
// timers to the ready queue, from the ready queue onto the thread, or from the thread to a
// waiting group, a chip with its name glides from its old entry to its new one, so the eye
// follows the task instead of searching the rebuilt list. Reduce motion turns it off.
//
// The loop view rebuilds its entries every step; it tags each entry that stands for one task
// (kTaskRole = the task id, kNameRole = its name), calls capture() before clearing and
// animate() after building.

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QRect>
#include <QString>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace looplab {

class LoopMotion : public QObject {
    Q_OBJECT
  public:
    static constexpr int kTaskRole = Qt::UserRole + 1;
    static constexpr int kNameRole = Qt::UserRole + 2;
    // A step of a big run can move thousands of tasks; beyond this many nobody follows them.
    static constexpr int kMaxChips = 12;

    explicit LoopMotion(QTreeWidget* view);

    // Remembers where every tagged task is shown now.
    void capture();
    // Starts a chip for every task now shown in another section than at capture(); with
    // `enabled` false (reduce motion, a new run) only forgets what it captured.
    void animate(bool enabled);

    // Chips still flying, for tests: their texts.
    QStringList chipsInFlight() const;
    int durationMs() const { return durationMs_; }

  private:
    struct Place {
        QString section; // the top-level entry's title up to its first count, e.g. "Timers"
        QRect rect;      // in viewport coordinates
    };
    static QString sectionOf(const QTreeWidgetItem* item);
    QHash<qint64, Place> places() const;

    QTreeWidget* view_;
    QHash<qint64, Place> before_;
    QList<QPointer<QLabel>> chips_;
    int durationMs_ = 450;
};

} // namespace looplab
