// The chart tests build widgets and render charts, which needs a QApplication; CI machines
// have no display, so the offscreen platform is forced before Qt looks for one.

#include <QApplication>

#include <gtest/gtest.h>

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
