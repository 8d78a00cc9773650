#pragma once
// The window's File → Export Walkthrough…: asks with WalkthroughDialog, puts the window in the
// layout and at the size chosen, films the steps with a progress dialog whose Cancel stops at
// once (and leaves no file), then gives the window back as it was, at the step it was at, and
// says in the status bar how it went.

#include "WalkthroughRenderer.h"

#include <QString>

#include <functional>

class QMainWindow;

namespace looplab {

class WalkthroughExport {
  public:
    struct Run {
        int lastStep = -1; // -1: no run to film yet
        int currentStep = 0;
        QString programPath; // names the file offered
        WalkthroughRenderer::ShowStep showStep;
        bool presenting = false; // the layout the dialog offers first
        // Puts the window in the request's layout and size (false with a sentence when it
        // cannot), and gives it back as it was; both may be empty (filmed as it is).
        std::function<bool(const WalkthroughRequest&, QString* problem)> setUp;
        std::function<void()> giveBack;
    };

    static void ask(QMainWindow* window, const Run& run);
};

} // namespace looplab
