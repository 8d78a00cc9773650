#pragma once
// File → Open Recent: the last ten programs opened or saved, newest first, kept in the user's
// settings between sessions. A file that is gone (moved, deleted, on an unmounted drive) is
// dropped when the list is read, so the menu never offers something that cannot open.

#include <QString>
#include <QStringList>

namespace looplab {

class RecentFiles {
  public:
    static constexpr int kMaximum = 10;

    // The files that still exist, newest first (the missing ones are forgotten for good).
    static QStringList paths();
    // Puts `path` first (once: opening it again moves it up), keeping at most kMaximum.
    static void add(const QString& path);
    static void clear();
};

} // namespace looplab
