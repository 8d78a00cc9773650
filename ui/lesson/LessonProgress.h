#pragma once
// What a student has done in the course, kept between sessions in QSettings: the answer chosen
// for each prediction, whether it was right, and which lessons were stepped to the end.

#include <QString>

namespace looplab {

class LessonProgress {
  public:
    // The settings group; tests use their own so they never touch a real student's progress.
    explicit LessonProgress(QString group = QStringLiteral("lessonProgress"));

    // The choice picked for question `question` of lesson `id`, or -1 if not answered yet.
    int answer(const QString& id, int question) const;
    void setAnswer(const QString& id, int question, int choice);
    // Whether the answer was right, recorded once the student has seen the check (at the end
    // of the run, not before): 1 right, 0 wrong, -1 not checked yet.
    int verdict(const QString& id, int question) const;
    void setVerdict(const QString& id, int question, bool right);

    bool isDone(const QString& id) const;
    void setDone(const QString& id);

    void forget(const QString& id); // start the lesson over

  private:
    QString key(const QString& id, const QString& what) const;
    QString group_;
};

} // namespace looplab
