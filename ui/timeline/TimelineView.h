#pragma once
// The timeline widget: one row per task and worker thread, coloured by state over virtual
// time, with a time axis, a legend and a cursor at the step the student is on.
//
// Painting asks the model only for the segments in the visible window (binary search) and
// merges those narrower than a pixel, so a run with 100,000 segments stays smooth at any zoom.
// Wheel zooms around the mouse, dragging pans, a click reports the time under the mouse.

#include "TimelineModel.h"
#include "TimelinePainter.h"
#include "TimelineZoom.h"

#include <QAbstractScrollArea>
#include <QPoint>
#include <QSet>
#include <QString>

#include <memory>
#include <unordered_set>

namespace looplab {

class TimelineView : public QAbstractScrollArea {
    Q_OBJECT
  public:
    explicit TimelineView(QWidget* parent = nullptr);
    ~TimelineView() override;

    void setModel(std::shared_ptr<const TimelineModel> model);
    // The whole run, as set.
    std::shared_ptr<const TimelineModel> model() const { return model_; }
    // What is drawn: the whole run, or the part revealed so far (setRevealLimit). Row indexes
    // (rowAt, rowClicked) are rows of this model.
    std::shared_ptr<const TimelineModel> shownModel() const { return shown_; }

    // For a student who has not yet predicted how the run goes on: show only what has happened
    // by `ns` (the rows of the tasks in `tasks`, see TimelineModel::upTo), on an axis that ends
    // at max(1 s, 1.25 * ns) whatever the run's length. -1 shows the whole run again, with
    // what lies after the cursor veiled.
    void setRevealLimit(qint64 ns, const std::unordered_set<int64_t>& tasks = {});
    qint64 revealLimit() const { return revealNs_; }

    void setCurrentTime(qint64 ns);
    qint64 currentTime() const { return currentNs_; }

    // Rows whose label is in `labels` stay bright, the others are dimmed; empty: none dimmed.
    void setSpotlight(const QSet<QString>& labels);
    const QSet<QString>& spotlight() const { return spotlight_; }
    // The row under viewport y, or -1.
    int rowAt(int viewportY) const;
    // The drawn row under viewportY (0 is the loop's row when there is one), or -1.
    int drawnRowAt(int viewportY) const;

    // Multiplies fonts and line widths (presentation mode on a projector).
    // In a panel too short for the run's rows at that size (up to kRowsToFit of them), the
    // timeline draws smaller, down to 100%: drawnScale().
    void setScale(double scale);
    double scale() const { return scale_; }
    double drawnScale() const { return drawn_; }
    static constexpr int kRowsToFit = 6;
    // For tests: how many whole rows the view has room for below its legend and axis.
    int rowsInView() const;

    const TimelineZoom& zoom() const { return zoom_; }
    void setVisibleRange(qint64 startNs, qint64 durationNs);
    // Two runs on one axis (Compare Runs): the axis ends at `ns`, or at the run's end if that
    // is later, and all of it is shown.
    void setAxisEnd(qint64 ns);
    // What lies after the cursor is veiled (stepping: it has not happened yet) unless turned off
    // (Compare Runs: the cursor marks where two runs part, and what follows matters most).
    void setVeilAfterCursor(bool on) {
        veilAfterCursor_ = on;
        viewport()->update();
    }

    // Layout in viewport coordinates, exposed for tests and for hit-testing by callers.
    int gutterWidth() const;
    int headerHeight() const; // legend + time axis, above the rows
    int rowHeight() const;
    // The virtual time under viewport x (clamped to the time area).
    qint64 timeAtX(int viewportX) const;

  signals:
    void timeClicked(qint64 ns);
    // A click on a row (left of or inside the time area), with the row's index.
    void rowClicked(int row, qint64 ns);

  protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;
    // Focused: + and - zoom around the cursor, 0 shows the whole run (the arrows stay the
    // window's stepping keys; the view follows the cursor).
    void keyPressEvent(QKeyEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;

  private:
    QFont scaledFont() const; // at drawnScale()
    QFont fontAt(double scale) const;
    void fitRows(); // sets drawn_
    int timeAreaWidth() const;
    void syncScrollBars();
    QString tooltipAt(const QPoint& pos) const;

    std::shared_ptr<const TimelineModel> model_;
    std::shared_ptr<const TimelineModel> shown_; // model_, or the part of it revealed so far
    qint64 revealNs_ = -1;
    TimelineZoom zoom_;
    qint64 currentNs_ = 0;
    bool veilAfterCursor_ = true;
    QSet<QString> spotlight_;
    double scale_ = 1.0;
    double drawn_ = 1.0; // scale_, or less to fit the rows (fitRows)
    QPoint pressPos_;
    bool dragging_ = false;
    bool pressed_ = false;
    bool syncing_ = false; // set while we move the scroll bars ourselves
    mutable int gutterCache_ = -1;
    // The picture itself; it keeps its buffers from paint to paint.
    std::unique_ptr<TimelinePainter> painter_;
};

} // namespace looplab
