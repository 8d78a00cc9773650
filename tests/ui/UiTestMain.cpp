// One offscreen QApplication for all UI tests.
//
// ctest runs the tests of this binary in parallel processes (one per test), and several of
// them write settings (lesson progress, zoom levels, autosaved edits). Each process therefore
// gets settings and data folders of its own, so tests never see each other's writes.
#include <QApplication>
#include <QTemporaryDir>
#include <gtest/gtest.h>

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    // (Qt's test mode would share one ~/.qttest folder between the parallel processes.)
    QTemporaryDir home;
    if (!home.isValid())
        return 2;
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toLocal8Bit());
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toLocal8Bit());
    qputenv("XDG_CACHE_HOME", home.filePath(QStringLiteral("cache")).toLocal8Bit());
    QApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
