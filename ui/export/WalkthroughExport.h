#pragma once
// The window's File → Export Walkthrough…: asks with WalkthroughDialog, films the steps with a
// progress dialog whose Cancel stops at once (and leaves no file), then returns the window to
// the step it was at and says in the status bar how it went.

#include "WalkthroughRenderer.h"

#include <QString>

class QMainWindow;

namespace looplab {

class WalkthroughExport {
  public:
    struct Run {
        int lastStep = -1; // -1: no run to film yet
        int currentStep = 0;
        QString programPath; // names the file offered
        WalkthroughRenderer::ShowStep showStep;
    };

    static void ask(QMainWindow* window, const Run& run);
};

} // namespace looplab
