#include "RecentFiles.h"

#include <QFileInfo>
#include <QSettings>

namespace looplab {

namespace {

const QString kKey = QStringLiteral("recentFiles");

} // namespace

QStringList RecentFiles::paths() {
    const QStringList stored = QSettings().value(kKey).toStringList();
    QStringList existing;
    for (const QString& path : stored)
        if (QFileInfo(path).isFile())
            existing << path;
    if (existing != stored)
        QSettings().setValue(kKey, existing);
    return existing;
}

void RecentFiles::add(const QString& path) {
    // Absolute, so the same file opened from two working folders is one entry.
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = QSettings().value(kKey).toStringList();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kMaximum)
        list.removeLast();
    QSettings().setValue(kKey, list);
}

void RecentFiles::clear() {
    QSettings().remove(kKey);
}

} // namespace looplab
