#include "LessonProgress.h"

#include <QSettings>

namespace looplab {

LessonProgress::LessonProgress(QString group) : group_(std::move(group)) {}

QString LessonProgress::key(const QString& id, const QString& what) const {
    return group_ + "/" + id + "/" + what;
}

int LessonProgress::answer(const QString& id, int question) const {
    return QSettings().value(key(id, QStringLiteral("answer%1").arg(question)), -1).toInt();
}

void LessonProgress::setAnswer(const QString& id, int question, int choice) {
    QSettings settings;
    settings.setValue(key(id, QStringLiteral("answer%1").arg(question)), choice);
    settings.remove(key(id, QStringLiteral("right%1").arg(question)));
}

void LessonProgress::setVerdict(const QString& id, int question, bool right) {
    QSettings().setValue(key(id, QStringLiteral("right%1").arg(question)), right ? 1 : 0);
}

int LessonProgress::verdict(const QString& id, int question) const {
    return QSettings().value(key(id, QStringLiteral("right%1").arg(question)), -1).toInt();
}

bool LessonProgress::isDone(const QString& id) const {
    return QSettings().value(key(id, QStringLiteral("done")), false).toBool();
}

void LessonProgress::setDone(const QString& id) {
    QSettings().setValue(key(id, QStringLiteral("done")), true);
}

void LessonProgress::forget(const QString& id) {
    QSettings().remove(group_ + "/" + id);
}

} // namespace looplab
