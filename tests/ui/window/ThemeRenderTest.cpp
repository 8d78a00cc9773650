// Each theme renders: the window is drawn in light, dark and high contrast at the same step and
// the pictures differ; high contrast is black with white text; the code editor is dark in the
// dark themes; the timeline's "now" line stays visible; and View → Theme switches live.
#include "CodeView.h"
#include "MainWindow.h"
#include "Theme.h"
#include "ThemeMenu.h"
#include "TimelineView.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>
#include <gtest/gtest.h>

#include <map>
#include <memory>

using namespace looplab;

namespace {

bool blackish(const QColor& c) {
    return c.red() < 40 && c.green() < 40 && c.blue() < 40;
}
bool whitish(const QColor& c) {
    return c.red() > 215 && c.green() > 215 && c.blue() > 215;
}

// Share of an image's pixels that pass `test`.
template <typename Test> double share(const QImage& image, Test test) {
    qint64 hits = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            hits += test(image.pixelColor(x, y)) ? 1 : 0;
    return double(hits) / (double(image.width()) * image.height());
}

class ThemeRenderTest : public ::testing::Test {
  protected:
    void SetUp() override {
        styleName_ = QApplication::style()->name();
        palette_ = QApplication::palette();
    }
    // Other tests in this binary expect the platform's own look.
    void TearDown() override {
        QApplication::setStyle(QStyleFactory::create(styleName_));
        QApplication::setPalette(palette_);
        QSettings().remove(QStringLiteral("theme"));
    }

    std::unique_ptr<MainWindow> openWindow() {
        auto window = std::make_unique<MainWindow>(QStringLiteral(LOOPLAB_BINARY));
        window->resize(1280, 720);
        EXPECT_TRUE(
            window->openProgram(QStringLiteral(LOOPLAB_PROGRAMS "/../../../lessons/05_gather.py")));
        window->controller().goToStop(40);
        window->show();
        QApplication::processEvents();
        window->refreshStep();
        QApplication::processEvents();
        return window;
    }

    // A spot of the code editor's page right of the code, where no text is drawn.
    static QColor editorPage(const CodeView* code) {
        const QImage image = code->viewport()->grab().toImage();
        return image.pixelColor(image.width() - 8, image.height() - 8);
    }

    QString styleName_;
    QPalette palette_;
};

TEST_F(ThemeRenderTest, EachThemeRendersItsOwnColours) {
    auto* app = qobject_cast<QApplication*>(QCoreApplication::instance());
    std::map<QString, QImage> shots;
    for (const QString& theme : themeNames()) {
        applyTheme(*app, theme);
        auto window = openWindow();
        shots[theme] = window->grab().toImage().convertToFormat(QImage::Format_RGB32);
        const QColor page = editorPage(window->codeView());
        if (theme == QLatin1String("light"))
            EXPECT_TRUE(whitish(page)) << page.name().toStdString();
        else // dark themes get a dark editor, not a white page in a dark window
            EXPECT_LT(page.lightness(), 40) << theme.toStdString() << page.name().toStdString();

        if (theme == QLatin1String("high-contrast")) {
            const QImage& image = shots[theme];
            EXPECT_GT(share(image, blackish), 0.5) << "mostly black";
            // The clock's text: white on black, nothing in between but the glyphs' edges.
            QLabel* clock = nullptr;
            for (QLabel* label : window->findChildren<QLabel*>())
                if (label->accessibleName() == QLatin1String("Virtual clock"))
                    clock = label;
            ASSERT_TRUE(clock);
            const QImage text = clock->grab().toImage();
            EXPECT_GT(share(text, whitish), 0.01);
            EXPECT_GT(share(text, blackish) + share(text, whitish), 0.85);
            // The timeline's "now" line is yellow there.
            const QImage timeline = window->timelineView()->viewport()->grab().toImage();
            EXPECT_GT(share(timeline, [](const QColor& c) { return c == QColor(Qt::yellow); }),
                      0.0005);
        }
    }
    // The three pictures differ in most places.
    auto differing = [](const QImage& a, const QImage& b) {
        if (a.size() != b.size())
            return 1.0;
        qint64 n = 0;
        for (int y = 0; y < a.height(); ++y)
            for (int x = 0; x < a.width(); ++x)
                n += a.pixel(x, y) != b.pixel(x, y) ? 1 : 0;
        return double(n) / (double(a.width()) * a.height());
    };
    EXPECT_GT(differing(shots["light"], shots["dark"]), 0.3);
    EXPECT_GT(differing(shots["light"], shots["high-contrast"]), 0.3);
    EXPECT_GT(differing(shots["dark"], shots["high-contrast"]), 0.1);
}

TEST_F(ThemeRenderTest, ViewMenuSwitchesThemeLiveAndRemembersIt) {
    auto* app = qobject_cast<QApplication*>(QCoreApplication::instance());
    applyTheme(*app, QStringLiteral("light"));
    auto window = openWindow();
    ThemeMenu* menu = window->findChild<ThemeMenu*>();
    ASSERT_TRUE(menu);
    ASSERT_TRUE(menu->actionFor(QStringLiteral("light")));
    EXPECT_TRUE(menu->actionFor(QStringLiteral("light"))->isChecked());
    EXPECT_TRUE(whitish(editorPage(window->codeView())));

    menu->actionFor(QStringLiteral("dark"))->trigger();
    QApplication::processEvents();
    EXPECT_TRUE(menu->actionFor(QStringLiteral("dark"))->isChecked());
    EXPECT_FALSE(menu->actionFor(QStringLiteral("light"))->isChecked());
    EXPECT_EQ(QSettings().value(QStringLiteral("theme")).toString(), "dark");
    EXPECT_EQ(themeNameOf(window->palette()), "dark");
    EXPECT_LT(editorPage(window->codeView()).lightness(), 40);

    menu->actionFor(QStringLiteral("high-contrast"))->trigger();
    QApplication::processEvents();
    EXPECT_EQ(editorPage(window->codeView()), QColor(Qt::black));
    EXPECT_EQ(QSettings().value(QStringLiteral("theme")).toString(), "high-contrast");

    menu->actionFor(QStringLiteral("light"))->trigger();
    QApplication::processEvents();
    EXPECT_TRUE(whitish(editorPage(window->codeView())));
}

} // namespace
