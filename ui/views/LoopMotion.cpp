#include "LoopMotion.h"

#include <QLabel>
#include <QPropertyAnimation>
#include <QSet>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>

namespace looplab {

LoopMotion::LoopMotion(QTreeWidget* view) : QObject(view), view_(view) {}

QString LoopMotion::sectionOf(const QTreeWidgetItem* item) {
    while (item->parent())
        item = item->parent();
    // "Ready queue (2) — runs first in…" and "Ready queue (3) — …" are the same place.
    return item->text(0).section(QLatin1Char('('), 0, 0).section(QLatin1Char(':'), 0, 0).trimmed();
}

QHash<qint64, LoopMotion::Place> LoopMotion::places() const {
    QHash<qint64, Place> out;
    const QRect visible = view_->viewport()->rect();
    for (QTreeWidgetItemIterator it(view_); *it; ++it) {
        const QVariant task = (*it)->data(0, kTaskRole);
        if (!task.isValid())
            continue;
        const QRect rect = view_->visualItemRect(*it);
        // Only places on screen: a chip flying in from a scrolled-away entry shows nothing.
        if (rect.isValid() && visible.intersects(rect) && !out.contains(task.toLongLong()))
            out.insert(task.toLongLong(), {sectionOf(*it), rect});
    }
    return out;
}

void LoopMotion::capture() {
    before_ = places();
}

void LoopMotion::animate(bool enabled) {
    const QHash<qint64, Place> before = std::move(before_);
    before_.clear();
    // A new step supersedes the last one's glides: stepping quickly never piles chips up.
    for (const QPointer<QLabel>& chip : std::as_const(chips_))
        delete chip.data();
    chips_.clear();
    if (!enabled || before.isEmpty())
        return;
    int started = 0;
    QSet<qint64> seen; // a task's place is its first entry (a timer, then its waiting entry)
    for (QTreeWidgetItemIterator it(view_); *it && started < kMaxChips; ++it) {
        const QVariant task = (*it)->data(0, kTaskRole);
        if (!task.isValid() || seen.contains(task.toLongLong()))
            continue;
        seen.insert(task.toLongLong());
        const auto from = before.constFind(task.toLongLong());
        if (from == before.constEnd() || from->section == sectionOf(*it))
            continue;
        const QRect to = view_->visualItemRect(*it);
        if (!to.isValid())
            continue;
        auto* chip = new QLabel((*it)->data(0, kNameRole).toString(), view_->viewport());
        chip->setObjectName(QStringLiteral("loopMotionChip"));
        chip->setAttribute(Qt::WA_TransparentForMouseEvents);
        QFont bold = view_->font();
        bold.setBold(true);
        chip->setFont(bold);
        // The "ready" orange of every view, a moving thing the eye catches.
        chip->setStyleSheet(QStringLiteral("background: #E69F00; color: black; border-radius: "
                                           "4px; padding: 0 6px;"));
        chip->adjustSize();
        const QPoint start(from->rect.left() + 16, from->rect.top());
        const QPoint end(to.left() + 16, to.top());
        chip->move(start);
        chip->show();
        chip->raise();
        auto* glide = new QPropertyAnimation(chip, "pos", chip);
        glide->setDuration(durationMs_);
        glide->setStartValue(start);
        glide->setEndValue(end);
        glide->setEasingCurve(QEasingCurve::InOutCubic);
        connect(glide, &QPropertyAnimation::finished, chip, &QObject::deleteLater);
        glide->start();
        chips_ << chip;
        ++started;
    }
}

QStringList LoopMotion::chipsInFlight() const {
    QStringList texts;
    for (const QPointer<QLabel>& chip : chips_)
        if (chip && chip->isVisible())
            texts << chip->text();
    return texts;
}

} // namespace looplab
