#pragma once
// Whether the window may run a program. On a machine where runs are confined (Landlock and
// seccomp, docs/security.md) it always may. Where they cannot be, a program from outside the
// built-in course runs with the student's full access, so the window asks first ("This program
// comes from … Run it?"); the answer is remembered per folder, in the settings.

#include <QString>

#include <functional>
#include <memory>

class QLabel;
class QMessageBox;
class QStatusBar;
class QWidget;

namespace looplab {

class RunPermission {
  public:
    // `courseFolder`: the built-in lessons, which run without asking. Asks the kernel whether
    // runs are confined (confinementSupport()).
    explicit RunPermission(const QString& courseFolder);
    // For tests: `confined` as given, `whyNot` saying why not.
    RunPermission(QString courseFolder, bool confined, QString whyNot);

    // True when `programPath` may run now: confined runs, built-in lessons, recorded traces
    // (nothing runs), folders the user trusted before, and a Yes to the question (which
    // trusts its folder from then on).
    bool mayRun(QWidget* parent, const QString& programPath);

    // Puts a "Not confined" badge in `bar`, shown while the run on screen ran unconfined.
    void attachBadge(QStatusBar* bar);
    // `unconfined`: the shown run's trace says why it was not confined ("" = it was).
    void showRunState(const QString& unconfined);

    bool confined() const { return confined_; }
    const QString& whyNot() const { return whyNot_; }

    // The question as the window asks it: a warning with Run It and Don't Run (the default).
    static std::unique_ptr<QMessageBox> question(QWidget* parent, const QString& folder,
                                                 const QString& whyNot);

    // The question, replaceable for tests: (parent, folder, why not confined) → run it?
    using Asker = std::function<bool(QWidget*, const QString&, const QString&)>;
    void setAsker(Asker asker) { ask_ = std::move(asker); }

  private:
    QString courseFolder_;
    bool confined_;
    QString whyNot_;
    Asker ask_;
    QLabel* badge_ = nullptr;
};

} // namespace looplab
