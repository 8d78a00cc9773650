#pragma once
// The course: a folder of lessons grouped by chapter, with what the student has done in each
// (stepped to the end, prediction right or wrong). Activating a lesson asks the window to open it.

#include <QTreeWidget>

namespace looplab {

class LessonProgress;

class LessonBrowser : public QTreeWidget {
    Q_OBJECT
  public:
    explicit LessonBrowser(LessonProgress& progress, QWidget* parent = nullptr);

    void setFolder(const QString& folder);
    QString folder() const { return folder_; }
    int lessonCount() const { return static_cast<int>(paths_.size()); }
    // Redraws the done and prediction marks from the saved progress.
    void refreshProgress();
    // Selects the lesson with this path, if it is in the course.
    void setCurrentLesson(const QString& path);
    // The lesson after `path` in course order, or "" at the end of the course.
    QString nextLesson(const QString& path) const;
    // For tests: the progress column of the lesson with this path.
    QString progressText(const QString& path) const;

  signals:
    void lessonActivated(const QString& path);

  private:
    QTreeWidgetItem* itemFor(const QString& path) const;

    LessonProgress& progress_;
    QString folder_;
    QStringList paths_;
};

} // namespace looplab
