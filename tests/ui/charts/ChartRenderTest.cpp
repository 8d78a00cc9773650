// The charts as an exporter renders them: a chart built without a view, put in a
// QGraphicsScene, resized and rendered into an image. Nothing may be blank or left unlaid-out.
//
// Set LOOPLAB_CHART_PNG_DIR to also write every rendering as chart_<kind>_<theme>.png there,
// to look at them.

#include "BreakdownChart.h"
#include "ChartLegend.h"
#include "ChartTestModels.h"
#include "ChartsPanel.h"
#include "ComparisonChart.h"
#include "ConcurrencyChart.h"

#include <QAbstractAxis>
#include <QDir>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QTabWidget>

#include <gtest/gtest.h>

#include <memory>

namespace looplab {
namespace {

using charts_test::manyTasksModel;
using charts_test::ms;
using charts_test::sampleModel;

QPalette darkPalette() {
    QPalette p;
    p.setColor(QPalette::Base, QColor(0x1E, 0x1E, 0x1E));
    p.setColor(QPalette::Text, QColor(0xE8, 0xE8, 0xE8));
    return p;
}

// What an exporter does: the chart alone in a scene, at the size of the picture.
QImage render(QChart* chart, QSize size) {
    QGraphicsScene scene;
    scene.addItem(chart);
    chart->resize(size);
    QImage image(size, QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        scene.render(&painter, QRectF(QPointF(0, 0), size), QRectF(QPointF(0, 0), size));
    }
    scene.removeItem(chart); // the test keeps owning the chart
    return image;
}

// Pixels that differ from the background: text, axes, areas, bars.
int inkPixels(const QImage& image, const QColor& background) {
    int ink = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (image.pixelColor(x, y).rgb() != background.rgb())
                ++ink;
    return ink;
}

// Ink in a horizontal band of the image (fractions of its height), e.g. the title's.
int inkInBand(const QImage& image, const QColor& background, double from, double to) {
    const QImage band =
        image.copy(0, int(image.height() * from), image.width(), int(image.height() * (to - from)));
    return inkPixels(band, background);
}

void save(const QImage& image, const char* name) {
    const QByteArray dir = qgetenv("LOOPLAB_CHART_PNG_DIR");
    if (!dir.isEmpty())
        image.save(QDir(QString::fromLocal8Bit(dir)).filePath(QString::fromLatin1(name)));
}

void expectTitledAxes(const QChart& chart) {
    EXPECT_FALSE(chart.title().isEmpty());
    ASSERT_EQ(chart.axes().size(), 2);
    for (const QAbstractAxis* axis : chart.axes(Qt::Horizontal))
        EXPECT_EQ(axis->titleText(), "virtual time (s)");
}

void checkRendering(QChart* chart, const ChartStyle& style, const char* name) {
    const QImage image = render(chart, QSize(1280, 720));
    save(image, name);
    // Laid out by the resize alone (no event loop): the plot area fills most of the picture.
    EXPECT_GT(chart->plotArea().width(), 1280 * 0.5) << name;
    EXPECT_GT(chart->plotArea().height(), 720 * 0.4) << name;
    EXPECT_EQ(image.pixelColor(2, 2).rgb(), style.background().rgb()) << name;
    EXPECT_GT(inkPixels(image, style.background()), 1280 * 720 / 20) << name;
    EXPECT_GT(inkInBand(image, style.background(), 0.0, 0.08), 200) << name << ": title";
    EXPECT_GT(inkInBand(image, style.background(), 0.9, 1.0), 200) << name << ": axis/legend";

    // The legend sits below the plot and its axis, inside the picture, and is drawn.
    ChartLegend* legend = nullptr;
    for (QGraphicsItem* child : chart->childItems())
        if (auto* l = dynamic_cast<ChartLegend*>(child))
            legend = l;
    ASSERT_NE(legend, nullptr) << name;
    if (legend->entries().empty())
        return;
    const QRectF box = legend->mapRectToParent(legend->boundingRect());
    EXPECT_GT(box.height(), 0.0) << name;
    EXPECT_GT(box.top(), chart->plotArea().bottom() + 20) << name << ": under the axis labels";
    EXPECT_LE(box.bottom(), 720.0) << name;
    const QImage legendImage = image.copy(box.toAlignedRect());
    EXPECT_GT(inkPixels(legendImage, style.background()), 100 * int(legend->entries().size()))
        << name;
}

TEST(ChartRender, ConcurrencyRendersInAScene) {
    const TimelineModel model = sampleModel();
    const RunStatistics stats(model);
    for (bool dark : {false, true}) {
        const ChartStyle style = dark ? ChartStyle::fromPalette(darkPalette()) : ChartStyle();
        std::unique_ptr<ConcurrencyChart> chart(ConcurrencyChart::build(stats, style));
        chart->setCurrentTime(ms(1250));
        expectTitledAxes(*chart);
        checkRendering(chart.get(), style,
                       dark ? "chart_concurrency_dark.png" : "chart_concurrency_light.png");
    }
}

TEST(ChartRender, AveragedConcurrencyRendersInAScene) {
    const TimelineModel model = manyTasksModel(10000);
    const RunStatistics stats(model);
    const ChartStyle style;
    std::unique_ptr<ConcurrencyChart> chart(ConcurrencyChart::build(stats, style));
    chart->setCurrentTime(stats.endNs() / 3);
    checkRendering(chart.get(), style, "chart_concurrency_10000_light.png");
}

TEST(ChartRender, BreakdownRendersInAScene) {
    const TimelineModel model = sampleModel();
    const RunStatistics stats(model);
    for (bool dark : {false, true}) {
        const ChartStyle style = dark ? ChartStyle::fromPalette(darkPalette()) : ChartStyle();
        std::unique_ptr<BreakdownChart> chart(BreakdownChart::build(stats, style));
        expectTitledAxes(*chart);
        checkRendering(chart.get(), style,
                       dark ? "chart_breakdown_dark.png" : "chart_breakdown_light.png");
    }
    const TimelineModel many = manyTasksModel(10000);
    const RunStatistics manyStats(many);
    std::unique_ptr<BreakdownChart> chart(BreakdownChart::build(manyStats, ChartStyle()));
    checkRendering(chart.get(), ChartStyle(), "chart_breakdown_10000_light.png");
}

TEST(ChartRender, ComparisonRendersInAScene) {
    const std::vector<ComparedRun> kept = {{"02_sequential.py", 3000400000},
                                           {"02_gather.py", 1000300000}};
    const ComparedRun current{"02_gather.py (edited)", 2000100000};
    for (bool dark : {false, true}) {
        const ChartStyle style = dark ? ChartStyle::fromPalette(darkPalette()) : ChartStyle();
        std::unique_ptr<ComparisonChart> chart(ComparisonChart::build(kept, &current, style));
        expectTitledAxes(*chart);
        checkRendering(chart.get(), style,
                       dark ? "chart_comparison_dark.png" : "chart_comparison_light.png");
    }
}

TEST(ChartRender, PanelRendersEveryTab) {
    const TimelineModel model = sampleModel();
    for (bool dark : {false, true}) {
        ChartsPanel panel;
        if (dark)
            panel.setPalette(darkPalette());
        panel.resize(900, 480);
        const QImage empty = panel.grab().toImage();
        save(empty, dark ? "chart_panel_empty_dark.png" : "chart_panel_empty_light.png");
        panel.setRun(std::make_shared<const RunStatistics>(model), "sample.py");
        panel.keepCurrentRunForComparison();
        panel.setRun(std::make_shared<const RunStatistics>(model), "sample.py (edited)");
        panel.setCurrentTime(ms(1250));
        for (int tab = 0; tab < panel.tabs()->count(); ++tab) {
            panel.tabs()->setCurrentIndex(tab);
            const QImage image = panel.grab().toImage();
            EXPECT_GT(inkPixels(image, panel.style().background()), 900 * 480 / 20) << tab;
            const std::string name = std::string("chart_panel_tab") + std::to_string(tab) +
                                     (dark ? "_dark.png" : "_light.png");
            save(image, name.c_str());
        }
    }
}

TEST(ChartRender, PresentationScaleStillFits) {
    const TimelineModel model = sampleModel();
    const RunStatistics stats(model);
    const ChartStyle style = ChartStyle::fromPalette(QPalette(Qt::white), 2.0);
    std::unique_ptr<ConcurrencyChart> chart(ConcurrencyChart::build(stats, style));
    chart->setCurrentTime(ms(1250));
    const QImage image = render(chart.get(), QSize(1280, 720));
    save(image, "chart_concurrency_200_light.png");
    EXPECT_GT(chart->plotArea().height(), 720 * 0.3);
    std::unique_ptr<BreakdownChart> breakdown(BreakdownChart::build(stats, style));
    save(render(breakdown.get(), QSize(1280, 720)), "chart_breakdown_200_light.png");
    EXPECT_GT(breakdown->plotArea().width(), 1280 * 0.4);
}

} // namespace
} // namespace looplab
