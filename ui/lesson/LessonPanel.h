#pragma once
// The lesson beside the run: goals and explanation, the prediction questions (answered before
// stepping, checked at the end of the run), the notes that appear as the stepping reaches them,
// and the suggested edits with a button to restore the original code.

#include "Lesson.h"
#include "LessonChecker.h"

#include <QScrollArea>

#include <vector>

class QButtonGroup;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace looplab {

class LessonProgress;

class LessonPanel : public QScrollArea {
    Q_OBJECT
  public:
    explicit LessonPanel(LessonProgress& progress, QWidget* parent = nullptr);

    // `verdicts` and `noteEvents` come from a LessonChecker over the lesson's run (one per
    // question and per note); `problems` are shown at the top so an author sees every mistake.
    void setLesson(const Lesson& lesson, std::vector<QuestionVerdict> verdicts,
                   std::vector<long> noteEvents, const std::vector<LessonProblem>& problems);
    // After a re-run of edited code: the notes follow the new run; the questions stay about
    // the lesson's own program. `afterEdit`: the notes whose moment the edited run never
    // reaches (LessonChecker::verifyNotes), marked as such so the student is not told what no
    // longer happens.
    void setNoteEvents(const Lesson& lesson, std::vector<long> noteEvents,
                       std::vector<LessonProblem> afterEdit = {});
    const std::vector<LessonProblem>& afterEditProblems() const { return afterEdit_; }
    void clear();
    bool hasLesson() const { return !lesson_.title.empty(); }
    const Lesson& lesson() const { return lesson_; }

    // Reveals the notes whose moment has come; at the end of the run, checks the answers.
    void showPosition(size_t eventsApplied, bool atEnd);
    // The most recent note revealed, for the editor: its line, or 0 when none.
    int currentNoteLine() const;
    QString currentNoteText() const;

    // The student's actions, also used by tests.
    void choose(int question, int choice);
    void lockIn(int question);
    int shownNoteCount() const { return shownNotes_; }
    QString verdictText(int question) const;
    bool explanationShown() const;
    // A lesson is open with a question not yet locked in: the window must not show how the run
    // goes on (what lies after the current step) until it is.
    bool hasOpenPrediction() const;
    const std::vector<LessonProblem>& problems() const { return problems_; }

  signals:
    void resetRequested();
    void nextRequested();
    void progressChanged();

  private:
    struct QuestionWidgets {
        QButtonGroup* choices = nullptr;
        QPushButton* lock = nullptr;
        QLabel* status = nullptr;
    };
    void rebuild(const std::vector<LessonProblem>& problems);
    void updateQuestion(int question);
    void updateExplanation();

    LessonProgress& progress_;
    Lesson lesson_;
    std::vector<LessonProblem> problems_;
    std::vector<LessonProblem> afterEdit_;
    std::vector<QuestionVerdict> verdicts_;
    std::vector<long> noteEvents_;
    std::vector<size_t> noteOrder_; // note indices by the event that reveals them
    std::vector<QuestionWidgets> questions_;
    std::vector<QLabel*> noteLabels_; // in noteOrder_
    QLabel* notesHint_ = nullptr;
    QWidget* explanation_ = nullptr;
    QPushButton* revealText_ = nullptr;
    QWidget* content_ = nullptr;
    QVBoxLayout* layout_ = nullptr;
    int shownNotes_ = 0;
    bool atEnd_ = false;
    bool textRevealed_ = false;
};

} // namespace looplab
