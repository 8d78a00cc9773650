// One offscreen QApplication for all UI tests.
#include <QApplication>
#include <QStandardPaths>
#include <gtest/gtest.h>

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // never touch the user's real settings or edits
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
