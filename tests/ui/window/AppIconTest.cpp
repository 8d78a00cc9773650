// The application icon comes from the compiled-in resources and draws at the sizes a desktop
// asks for: not a blank or missing picture.

#include "AppIcon.h"

#include <QImage>
#include <QPixmap>

#include <gtest/gtest.h>

namespace looplab {
namespace {

TEST(AppIcon, DrawsAtEverySizeADesktopAsksFor) {
    const QIcon icon = appIcon();
    ASSERT_FALSE(icon.isNull());
    for (const int size : {16, 32, 48, 128, 256}) {
        const QImage image = icon.pixmap(size, size).toImage();
        ASSERT_EQ(image.width(), size) << size;
        // The rounded square fills the middle with the icon's blue; corners stay transparent.
        EXPECT_EQ(image.pixelColor(size / 2, size / 6).name(), QStringLiteral("#0b4f8a")) << size;
        EXPECT_EQ(image.pixelColor(0, 0).alpha(), 0) << size;
    }
}

} // namespace
} // namespace looplab
