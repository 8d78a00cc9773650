#pragma once
// File → Export and the views' "Export…" menus for the run the window shows: the dialog asks
// what and where, ViewExporter writes it, and the status bar or a message says how it went.

#include "TraceEvent.h"
#include "ViewExporter.h"

#include <QObject>
#include <QString>

#include <vector>

class QMainWindow;

namespace looplab {

class ChartsPanel;
class RunStatistics;
class TimelineModel;
class TimelineView;

class WindowExport : public QObject {
    Q_OBJECT
  public:
    // The window's current run; no events means there is no run to export yet.
    struct Run {
        const TimelineModel* model = nullptr;
        const RunStatistics* stats = nullptr;
        const std::vector<TraceEvent>* events = nullptr;
        QString programPath;
    };

    // The timeline offers its visible range as the export's; the charts panel builds the
    // charts as it shows them (kept runs, time window).
    WindowExport(QMainWindow* window, TimelineView* timeline, ChartsPanel* charts);

    void setRun(const Run& run) { run_ = run; }
    // Asks with ExportDialog (starting on `view`), then writes.
    void ask(ExportView view);
    bool write(const ExportRequest& request, QString* error) const;

  private:
    QMainWindow* window_;
    TimelineView* timeline_;
    ChartsPanel* charts_;
    Run run_;
};

} // namespace looplab
