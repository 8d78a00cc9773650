#include "LessonBrowser.h"

#include "LessonCatalog.h"
#include "LessonProgress.h"

#include <QFileInfo>
#include <QHeaderView>

namespace looplab {

namespace {
constexpr int kPathRole = Qt::UserRole;
constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kQuestionsRole = Qt::UserRole + 2;
} // namespace

LessonBrowser::LessonBrowser(LessonProgress& progress, QWidget* parent)
    : QTreeWidget(parent), progress_(progress) {
    setColumnCount(2);
    setHeaderLabels({tr("Lesson"), tr("Progress")});
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    setRootIsDecorated(true);
    setAccessibleName(tr("Course: the lessons by chapter"));
    setToolTip(tr("Double-click or press Enter to open a lesson"));
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const QString path = item->data(0, kPathRole).toString();
        if (!path.isEmpty())
            emit lessonActivated(path);
    });
}

void LessonBrowser::setFolder(const QString& folder) {
    folder_ = folder;
    clear();
    paths_.clear();
    QTreeWidgetItem* chapterItem = nullptr;
    QString chapter;
    int number = 0;
    for (const Lesson& lesson : loadLessonFolder(folder.toStdString())) {
        const QString thisChapter = QString::fromStdString(lesson.chapter);
        if (!chapterItem || thisChapter != chapter) {
            chapter = thisChapter;
            chapterItem = new QTreeWidgetItem(this, {chapter.isEmpty() ? tr("Other") : chapter});
            QFont bold = chapterItem->font(0);
            bold.setBold(true);
            chapterItem->setFont(0, bold);
            chapterItem->setFlags(Qt::ItemIsEnabled);
            chapterItem->setExpanded(true);
        }
        const QString path = QString::fromStdString(lesson.path);
        const QString title =
            QString::fromStdString(lesson.title.empty() ? lesson.id : lesson.title);
        auto* item = new QTreeWidgetItem(chapterItem, {tr("%1. %2").arg(++number).arg(title)});
        item->setData(0, kPathRole, path);
        item->setData(0, kIdRole, QString::fromStdString(lesson.id));
        item->setData(0, kQuestionsRole, static_cast<int>(lesson.questions.size()));
        item->setToolTip(0, QFileInfo(path).fileName());
        paths_ << path;
    }
    expandAll();
    refreshProgress();
}

void LessonBrowser::refreshProgress() {
    for (const QString& path : paths_) {
        QTreeWidgetItem* item = itemFor(path);
        const QString id = item->data(0, kIdRole).toString();
        const int questions = item->data(0, kQuestionsRole).toInt();
        int right = 0;
        int checked = 0;
        for (int q = 0; q < questions; ++q) {
            const int verdict = progress_.verdict(id, q);
            checked += verdict >= 0 ? 1 : 0;
            right += verdict == 1 ? 1 : 0;
        }
        QStringList marks;
        if (progress_.isDone(id))
            marks << tr("✓ done");
        if (checked > 0)
            marks << (right == checked ? tr("predicted right")
                                       : tr("predicted %1 of %2").arg(right).arg(checked));
        item->setText(1, marks.join(QStringLiteral(" · ")));
        item->setToolTip(1, marks.isEmpty() ? tr("Not started") : marks.join(QStringLiteral(", ")));
    }
}

QTreeWidgetItem* LessonBrowser::itemFor(const QString& path) const {
    const QString wanted = QFileInfo(path).absoluteFilePath();
    for (int c = 0; c < topLevelItemCount(); ++c)
        for (int i = 0; i < topLevelItem(c)->childCount(); ++i) {
            QTreeWidgetItem* item = topLevelItem(c)->child(i);
            if (QFileInfo(item->data(0, kPathRole).toString()).absoluteFilePath() == wanted)
                return item;
        }
    return nullptr;
}

void LessonBrowser::setCurrentLesson(const QString& path) {
    if (QTreeWidgetItem* item = itemFor(path))
        setCurrentItem(item);
}

QString LessonBrowser::nextLesson(const QString& path) const {
    const QString wanted = QFileInfo(path).absoluteFilePath();
    for (int i = 0; i + 1 < paths_.size(); ++i)
        if (QFileInfo(paths_[i]).absoluteFilePath() == wanted)
            return paths_[i + 1];
    return {};
}

QString LessonBrowser::progressText(const QString& path) const {
    const QTreeWidgetItem* item = itemFor(path);
    return item ? item->text(1) : QString();
}

} // namespace looplab
