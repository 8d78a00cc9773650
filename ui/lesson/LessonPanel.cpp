#include "LessonPanel.h"

#include "LessonProgress.h"
#include "PaletteKind.h"

#include <QButtonGroup>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QVBoxLayout>

#include <algorithm>
#include <numeric>

namespace looplab {

namespace {

// Lesson text is plain text with `code` in backticks; shown as rich text.
QString richText(const std::string& plain) {
    QString html = QString::fromStdString(plain).toHtmlEscaped();
    static const QRegularExpression code(QStringLiteral("`([^`]+)`"));
    // Code has no spaces to wrap at: a zero-width space after punctuation lets a long call
    // break across lines instead of widening the whole panel.
    static const QRegularExpression breakAfter(QStringLiteral("([.(,=_\\[/])"));
    QString result;
    qsizetype from = 0;
    for (auto matches = code.globalMatch(html); matches.hasNext();) {
        const QRegularExpressionMatch match = matches.next();
        QString inner = match.captured(1);
        inner.replace(breakAfter, QStringLiteral("\\1&#8203;"));
        result += html.mid(from, match.capturedStart() - from) +
                  QStringLiteral("<code style=\"background:rgba(127,127,127,0.18)\">%1</code>")
                      .arg(inner);
        from = match.capturedEnd();
    }
    return result + html.mid(from);
}

QLabel* wrappedLabel(const QString& html, QWidget* parent) {
    auto* label = new QLabel(html, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

QLabel* heading(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

} // namespace

LessonPanel::LessonPanel(LessonProgress& progress, QWidget* parent)
    : QScrollArea(parent), progress_(progress) {
    setWidgetResizable(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // text wraps to the panel's width
    setFrameShape(QFrame::NoFrame);
    setAccessibleName(tr("Lesson"));
    setToolTip(tr("The lesson: goals, a question to predict, then notes as the run reaches them"));
    setMinimumWidth(260);
    clear();
}

void LessonPanel::clear() {
    lesson_ = Lesson();
    problems_.clear();
    afterEdit_.clear();
    verdicts_.clear();
    noteEvents_.clear();
    rebuild({});
}

void LessonPanel::setLesson(const Lesson& lesson, std::vector<QuestionVerdict> verdicts,
                            std::vector<long> noteEvents,
                            const std::vector<LessonProblem>& problems) {
    lesson_ = lesson;
    verdicts_ = std::move(verdicts);
    noteEvents_ = std::move(noteEvents);
    problems_ = problems;
    afterEdit_.clear(); // the lesson's own program again
    textRevealed_ = false;
    rebuild(problems);
}

void LessonPanel::setNoteEvents(const Lesson& lesson, std::vector<long> noteEvents,
                                std::vector<LessonProblem> afterEdit) {
    lesson_.notes = lesson.notes;
    noteEvents_ = std::move(noteEvents);
    afterEdit_ = std::move(afterEdit);
    rebuild(problems_);
}

void LessonPanel::rebuild(const std::vector<LessonProblem>& problems) {
    content_ = new QWidget(this);
    layout_ = new QVBoxLayout(content_);
    layout_->setSpacing(10);
    questions_.clear();
    noteLabels_.clear();
    noteOrder_.clear(); // with no lesson, showPosition() must not look for the old notes
    notesHint_ = nullptr;
    explanation_ = nullptr;
    revealText_ = nullptr;
    shownNotes_ = 0;
    atEnd_ = false;
    setWidget(content_); // deletes the previous content
    if (lesson_.title.empty()) {
        layout_->addWidget(
            wrappedLabel(tr("This program is not a lesson. Open one from the Course list, or see "
                            "docs/lesson-format.md to write your own."),
                         content_));
        layout_->addStretch(1);
        return;
    }

    auto* title = new QLabel(QString::fromStdString(lesson_.title), content_);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setWordWrap(true);
    layout_->addWidget(title);
    if (!lesson_.chapter.empty()) {
        auto* chapter = new QLabel(QString::fromStdString(lesson_.chapter), content_);
        QFont italic = chapter->font();
        italic.setItalic(true);
        chapter->setFont(italic);
        layout_->addWidget(chapter);
    }

    if (!problems.empty()) {
        QString list;
        for (const LessonProblem& problem : problems)
            list += QStringLiteral("<li>%1%2</li>")
                        .arg(problem.line ? tr("line %1: ").arg(problem.line) : QString(),
                             QString::fromStdString(problem.message).toHtmlEscaped());
        auto* box =
            wrappedLabel(tr("<b>This lesson has mistakes in its format</b> (it still runs):<ul "
                            "style=\"margin-left:-20px\">%1</ul>")
                             .arg(list),
                         content_);
        box->setStyleSheet(QStringLiteral(
            "QLabel{background:#FFF1E0;color:#5A2A00;border:1px solid #D55E00;padding:6px}"));
        box->setAccessibleName(tr("Mistakes in the lesson"));
        layout_->addWidget(box);
    }
    if (!afterEdit_.empty()) {
        QString list;
        for (const LessonProblem& problem : afterEdit_)
            list += QStringLiteral("<li>%1%2</li>")
                        .arg(problem.line ? tr("line %1: ").arg(problem.line) : QString(),
                             QString::fromStdString(problem.message).toHtmlEscaped());
        auto* box = wrappedLabel(
            tr("<b>After your edit, these notes no longer match the run</b> (Reset brings the "
               "lesson's own program back):<ul style=\"margin-left:-20px\">%1</ul>")
                .arg(list),
            content_);
        box->setStyleSheet(QStringLiteral(
            "QLabel{background:#EAF2FB;color:#0B3A66;border:1px solid #0072B2;padding:6px}"));
        box->setAccessibleName(tr("Notes that no longer match the edited run"));
        layout_->addWidget(box);
    }

    if (!lesson_.goals.empty()) {
        layout_->addWidget(heading(tr("Goals"), content_));
        QString goals;
        for (const std::string& goal : lesson_.goals)
            goals += QStringLiteral("<li>%1</li>").arg(richText(goal));
        layout_->addWidget(wrappedLabel(
            QStringLiteral("<ul style=\"margin-left:-20px\">%1</ul>").arg(goals), content_));
    }
    for (size_t q = 0; q < lesson_.questions.size(); ++q) {
        const LessonQuestion& question = lesson_.questions[q];
        auto* box = new QGroupBox(tr("Predict first"), content_);
        auto* boxLayout = new QVBoxLayout(box);
        boxLayout->addWidget(wrappedLabel(richText(question.prompt), box));
        QuestionWidgets widgets;
        widgets.choices = new QButtonGroup(box);
        for (size_t c = 0; c < question.choices.size(); ++c) {
            auto* radio = new QRadioButton(QString::fromStdString(question.choices[c]), box);
            radio->setAccessibleName(tr("Answer: %1").arg(radio->text()));
            radio->setToolTip(tr("Choose this answer, then lock it in"));
            widgets.choices->addButton(radio, static_cast<int>(c));
            boxLayout->addWidget(radio);
        }
        widgets.lock = new QPushButton(tr("Lock in my answer"), box);
        widgets.lock->setToolTip(
            tr("Commit to your prediction; it is checked when you reach the end of the run"));
        widgets.lock->setEnabled(false);
        boxLayout->addWidget(widgets.lock, 0, Qt::AlignLeft);
        widgets.status = wrappedLabel(QString(), box);
        boxLayout->addWidget(widgets.status);
        const int index = static_cast<int>(q);
        connect(widgets.choices, &QButtonGroup::idClicked, this, [this, index](int) {
            if (questions_[index].lock)
                questions_[index].lock->setEnabled(true);
        });
        connect(widgets.lock, &QPushButton::clicked, this, [this, index] { lockIn(index); });
        questions_.push_back(widgets);
        layout_->addWidget(box);
        const int answered = progress_.answer(QString::fromStdString(lesson_.id), index);
        if (answered >= 0 && widgets.choices->button(answered))
            widgets.choices->button(answered)->setChecked(true);
        updateQuestion(index);
    }

    // The explanation often gives the answer away, so with questions open it waits until the
    // student has committed to a prediction (or asks to read it anyway).
    if (!lesson_.paragraphs.empty()) {
        explanation_ = new QWidget(content_);
        auto* textLayout = new QVBoxLayout(explanation_);
        textLayout->setContentsMargins(0, 0, 0, 0);
        textLayout->addWidget(heading(tr("Explanation"), explanation_));
        for (const std::string& paragraph : lesson_.paragraphs)
            textLayout->addWidget(wrappedLabel(
                paragraph.rfind("- ", 0) == 0 ? QStringLiteral("• ") + richText(paragraph.substr(2))
                                              : richText(paragraph),
                explanation_));
        revealText_ = new QPushButton(tr("Read the explanation now"), content_);
        revealText_->setToolTip(tr("The explanation may give the answer away: predict first"));
        connect(revealText_, &QPushButton::clicked, this, [this] {
            textRevealed_ = true;
            updateExplanation();
        });
        layout_->addWidget(revealText_, 0, Qt::AlignLeft);
        layout_->addWidget(explanation_);
        updateExplanation();
    }

    // Notes, in the order the run reveals them.
    noteOrder_.resize(lesson_.notes.size());
    std::iota(noteOrder_.begin(), noteOrder_.end(), size_t(0));
    auto eventOf = [this](size_t note) {
        return note < noteEvents_.size() && noteEvents_[note] >= 0 ? noteEvents_[note] : LONG_MAX;
    };
    std::stable_sort(noteOrder_.begin(), noteOrder_.end(),
                     [&](size_t a, size_t b) { return eventOf(a) < eventOf(b); });
    if (!lesson_.notes.empty()) {
        layout_->addWidget(heading(tr("Notes"), content_));
        notesHint_ = wrappedLabel(tr("Step forward (→): notes appear here as the run reaches "
                                     "them."),
                                  content_);
        notesHint_->setEnabled(false);
        layout_->addWidget(notesHint_);
        for (size_t i : noteOrder_) {
            const LessonNote& note = lesson_.notes[i];
            auto* label = wrappedLabel(
                tr("<b>line %1</b> — %2").arg(note.line).arg(richText(note.text)), content_);
            label->hide();
            noteLabels_.push_back(label);
            layout_->addWidget(label);
        }
    }

    if (!lesson_.tries.empty()) {
        layout_->addWidget(heading(tr("Try it"), content_));
        for (const std::string& suggestion : lesson_.tries)
            layout_->addWidget(wrappedLabel(QStringLiteral("• ") + richText(suggestion), content_));
        auto* reset = new QPushButton(tr("Reset the code"), content_);
        reset->setToolTip(tr("Throw away your edits and restore the lesson's original program"));
        connect(reset, &QPushButton::clicked, this, &LessonPanel::resetRequested);
        layout_->addWidget(reset, 0, Qt::AlignLeft);
    }
    auto* next = new QPushButton(tr("Next lesson →"), content_);
    next->setToolTip(tr("Open the next lesson of the course"));
    connect(next, &QPushButton::clicked, this, &LessonPanel::nextRequested);
    layout_->addWidget(next, 0, Qt::AlignRight);
    layout_->addStretch(1);
}

void LessonPanel::choose(int question, int choice) {
    if (question < 0 || question >= static_cast<int>(questions_.size()))
        return;
    if (QAbstractButton* button = questions_[question].choices->button(choice)) {
        button->setChecked(true);
        questions_[question].lock->setEnabled(true);
    }
}

void LessonPanel::lockIn(int question) {
    if (question < 0 || question >= static_cast<int>(questions_.size()))
        return;
    const int choice = questions_[question].choices->checkedId();
    if (choice < 0)
        return;
    progress_.setAnswer(QString::fromStdString(lesson_.id), question, choice);
    updateQuestion(question);
    updateExplanation();
    emit progressChanged();
}

bool LessonPanel::hasOpenPrediction() const {
    if (!hasLesson())
        return false;
    for (size_t q = 0; q < lesson_.questions.size(); ++q)
        if (progress_.answer(QString::fromStdString(lesson_.id), static_cast<int>(q)) < 0)
            return true;
    return false;
}

void LessonPanel::updateExplanation() {
    if (!explanation_)
        return;
    bool allAnswered = true;
    for (size_t q = 0; q < lesson_.questions.size(); ++q)
        allAnswered = allAnswered && progress_.answer(QString::fromStdString(lesson_.id),
                                                      static_cast<int>(q)) >= 0;
    const bool show = allAnswered || textRevealed_;
    explanation_->setVisible(show);
    revealText_->setVisible(!show);
}

void LessonPanel::updateQuestion(int question) {
    QuestionWidgets& widgets = questions_[question];
    const QString id = QString::fromStdString(lesson_.id);
    const int answer = progress_.answer(id, question);
    const bool locked = answer >= 0;
    for (QAbstractButton* button : widgets.choices->buttons())
        button->setEnabled(!locked);
    widgets.lock->setVisible(!locked);
    const QuestionVerdict verdict =
        question < static_cast<int>(verdicts_.size()) ? verdicts_[question] : QuestionVerdict();
    const LessonQuestion& q = lesson_.questions[question];
    if (!locked) {
        widgets.status->setText(tr("Choose an answer and lock it in, then step through the run."));
        return;
    }
    if (!atEnd_) {
        widgets.status->setText(tr("Locked in. Step through the run: your answer is checked when "
                                   "you reach the end (End jumps there)."));
        return;
    }
    if (verdict.correctChoice < 0) {
        widgets.status->setText(tr("This question cannot be checked: %1")
                                    .arg(QString::fromStdString(verdict.problem).toHtmlEscaped()));
        return;
    }
    const bool right = answer == verdict.correctChoice;
    if (progress_.verdict(id, question) != (right ? 1 : 0)) {
        progress_.setVerdict(id, question, right);
        emit progressChanged();
    }
    const QString said =
        QString::fromStdString(q.choices[static_cast<size_t>(answer)]).toHtmlEscaped();
    const QString run = QString::fromStdString(verdict.answer).toHtmlEscaped();
    // Green and orange dark enough for a light page, light enough for a dark one; the tick,
    // the cross and the words say it without colour.
    const bool darkPage = paletteKind(palette()) != PaletteKind::Light;
    const QString colour = right
                               ? (darkPage ? QStringLiteral("#5FE0B0") : QStringLiteral("#007A5E"))
                               : (darkPage ? QStringLiteral("#FFA060") : QStringLiteral("#B34700"));
    QString text = right ? tr("<b style=\"color:%3\">✓ Right.</b> You said %1; the run: %2.")
                               .arg(said, run, colour)
                         : tr("<b style=\"color:%3\">✗ Not this time.</b> You said %1; the "
                              "run: %2.")
                               .arg(said, run, colour);
    if (!q.explain.empty())
        text += QStringLiteral("<br>") + richText(q.explain);
    widgets.status->setText(text);
}

void LessonPanel::showPosition(size_t eventsApplied, bool atEnd) {
    int shown = 0;
    for (size_t k = 0; k < noteOrder_.size(); ++k) {
        const size_t note = noteOrder_[k];
        const long event = note < noteEvents_.size() ? noteEvents_[note] : -1;
        const bool visible = event >= 0 && static_cast<size_t>(event) < eventsApplied;
        noteLabels_[k]->setVisible(visible);
        shown += visible ? 1 : 0;
    }
    // The newest note stands out; older ones stay for reading back.
    for (size_t k = 0; k < noteLabels_.size(); ++k)
        noteLabels_[k]->setStyleSheet(static_cast<int>(k) == shown - 1
                                          ? QStringLiteral("QLabel{background:#FFF5CC;color:#222;"
                                                           "border-left:4px solid #E69F00;"
                                                           "padding:4px}")
                                          : QStringLiteral("QLabel{padding:4px 4px 4px 8px}"));
    shownNotes_ = shown;
    if (notesHint_)
        notesHint_->setVisible(shown == 0);
    if (atEnd != atEnd_) {
        atEnd_ = atEnd;
        for (size_t q = 0; q < questions_.size(); ++q)
            updateQuestion(static_cast<int>(q));
    }
    if (atEnd && hasLesson() && !progress_.isDone(QString::fromStdString(lesson_.id))) {
        progress_.setDone(QString::fromStdString(lesson_.id));
        emit progressChanged();
    }
}

int LessonPanel::currentNoteLine() const {
    return shownNotes_ > 0 ? lesson_.notes[noteOrder_[static_cast<size_t>(shownNotes_ - 1)]].line
                           : 0;
}

QString LessonPanel::currentNoteText() const {
    return shownNotes_ > 0
               ? QString::fromStdString(
                     lesson_.notes[noteOrder_[static_cast<size_t>(shownNotes_ - 1)]].text)
               : QString();
}

QString LessonPanel::verdictText(int question) const {
    if (question < 0 || question >= static_cast<int>(questions_.size()))
        return {};
    return questions_[question].status->text();
}

} // namespace looplab

namespace looplab {
bool LessonPanel::explanationShown() const {
    return explanation_ && !explanation_->isHidden();
}
} // namespace looplab
