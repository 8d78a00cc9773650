// The window's Charts tab and exports follow the run: the charts' numbers are the trace's, the
// "now" line follows the stepping, File → Export writes what the dialog says, and the dialog
// never replaces a file without asking.
#include "ChartsPanel.h"
#include "ExportDialog.h"
#include "MainWindow.h"
#include "RunStatistics.h"
#include "TimelineView.h"
#include "WindowTest.h"

#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QRadioButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <gtest/gtest.h>

using namespace looplab;

namespace {

// Two sleepers and a main that waits for them: at t=0.5 all three wait (two sleep, one awaits
// a task); main runs only a few lines, each 100 virtual ns.
const char* kProgram = R"(import asyncio
async def sleeper(seconds):
    await asyncio.sleep(seconds)
async def main():
    short = asyncio.create_task(sleeper(1), name="short")
    long = asyncio.create_task(sleeper(2), name="long")
    await short
    await long
asyncio.run(main())
)";

class ExportWindowTest : public WindowTest {
  protected:
    void SetUp() override { open(kProgram, QStringLiteral("sleepers.py")); }
};

TEST_F(ExportWindowTest, ChartsTabSitsBesideTheTimeline) {
    QTabWidget* tabs = window_->bottomTabs();
    const int timeline = tabs->indexOf(window_->timelineView());
    EXPECT_EQ(tabs->indexOf(window_->chartsPanel()), timeline + 1);
    EXPECT_EQ(tabs->tabText(timeline + 1), QStringLiteral("Charts"));
    // To look at it: LOOPLAB_SHOT_DIR=/tmp ui_tests --gtest_filter=*ChartsTab*
    if (qEnvironmentVariableIsSet("LOOPLAB_SHOT_DIR")) {
        tabs->setCurrentIndex(timeline + 1);
        window_->resize(1280, 720);
        window_->show();
        window_->controller().toEnd();
        const QString folder = qEnvironmentVariable("LOOPLAB_SHOT_DIR");
        window_->grab().save(folder + QStringLiteral("/window-charts.png"));
        ExportDialog dialog(window_.get());
        dialog.show();
        dialog.grab().save(folder + QStringLiteral("/export-dialog.png"));
    }
}

TEST_F(ExportWindowTest, ChartNumbersAreTheTraces) {
    const auto stats = window_->chartsPanel()->statistics();
    ASSERT_TRUE(stats);
    const ConcurrencyStep half = stats->concurrencyAt(500'000'000);
    EXPECT_EQ(half.running, 0);
    EXPECT_EQ(half.ready, 0);
    EXPECT_EQ(half.waitingTotal(), 3);
    const ConcurrencyStep late = stats->concurrencyAt(1'500'000'000);
    EXPECT_EQ(late.waitingTotal(), 2); // short is done
    int sleeping = 0;
    for (size_t k = 0; k < stats->waitKinds().size(); ++k)
        if (stats->waitKinds()[k] == "sleep")
            sleeping = late.waiting[k];
    EXPECT_EQ(sleeping, 1);
    for (const RowBreakdown& row : stats->breakdown())
        if (row.label == "long") {
            EXPECT_NEAR(row.totalNs() / 1e9, 2.0, 1e-3);
            EXPECT_LT(row.runningNs, 10'000); // a few lines, not seconds
        }
    EXPECT_EQ(window_->chartsPanel()->runLabel(), QStringLiteral("sleepers.py"));
}

TEST_F(ExportWindowTest, TheNowLineFollowsTheStepping) {
    StepController& c = window_->controller();
    c.toEnd();
    EXPECT_EQ(window_->chartsPanel()->currentTime(), c.state().timeNs);
    EXPECT_GT(c.state().timeNs, 1'900'000'000);
    c.toStart();
    EXPECT_EQ(window_->chartsPanel()->currentTime(), c.state().timeNs);
}

TEST_F(ExportWindowTest, ExportsEveryFormatOfTheRun) {
    ExportRequest request;
    request.size = QSize(800, 450);
    QString error;
    request.path = folder_.filePath("t.png");
    ASSERT_TRUE(window_->exportTo(request, &error)) << error.toStdString();
    EXPECT_EQ(QImage(request.path).size(), QSize(800, 450));

    request.path = folder_.filePath("t.svg");
    ASSERT_TRUE(window_->exportTo(request, &error)) << error.toStdString();
    QFile svg(request.path);
    ASSERT_TRUE(svg.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&svg);
    QStringList texts;
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"text")
            texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
    EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    // The timeline's rows name each task with its coroutine, as the window does.
    for (const char* label : {"Task-1 · main()", "short · sleeper()", "long · sleeper()"})
        EXPECT_TRUE(texts.contains(QString::fromUtf8(label))) << label;

    request.path = folder_.filePath("t.csv");
    ASSERT_TRUE(window_->exportTo(request, &error)) << error.toStdString();
    QFile csv(request.path);
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    EXPECT_EQ(csv.readLine().trimmed(), QByteArray("task,state,detail,start_s,end_s"));

    request.view = ExportView::Breakdown;
    request.path = folder_.filePath("b.pdf");
    ASSERT_TRUE(window_->exportTo(request, &error)) << error.toStdString();
    QFile pdf(request.path);
    ASSERT_TRUE(pdf.open(QIODevice::ReadOnly));
    EXPECT_TRUE(pdf.readAll().startsWith("%PDF-"));
}

TEST_F(ExportWindowTest, AnUnwritablePathIsAClearErrorAndWritesNothing) {
    ExportRequest request;
    request.path = folder_.filePath("missing/folder/t.png");
    QString error;
    EXPECT_FALSE(window_->exportTo(request, &error));
    EXPECT_TRUE(error.startsWith(QStringLiteral("cannot write"))) << error.toStdString();
    EXPECT_FALSE(QFile::exists(request.path));
}

TEST(ExportDialogTest, FormatAndFileNameFollowEachOther) {
    ExportDialog dialog;
    dialog.setPath(QStringLiteral("/tmp/run.png"));
    QComboBox* format = nullptr;
    for (QComboBox* box : dialog.findChildren<QComboBox*>())
        if (box->findData(QStringLiteral("pdf")) >= 0)
            format = box;
    ASSERT_NE(format, nullptr);
    format->setCurrentIndex(format->findData(QStringLiteral("pdf")));
    EXPECT_EQ(dialog.request().path, QStringLiteral("/tmp/run.pdf"));
    dialog.setPath(QStringLiteral("/tmp/other.csv"));
    EXPECT_EQ(format->currentData().toString(), QStringLiteral("csv"));
    dialog.setView(ExportView::Concurrency);
    EXPECT_EQ(dialog.request().view, ExportView::Concurrency);
}

TEST(ExportDialogTest, AnExistingFileIsReplacedOnlyWhenTheUserSaysSo) {
    QTemporaryDir folder;
    const QString existing = folder.filePath("old.png");
    QFile file(existing);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("old");
    file.close();

    ExportDialog dialog;
    dialog.setPath(existing);
    QStringList asked;
    dialog.confirmReplace = [&](const QString& path) {
        asked << path;
        return false;
    };
    dialog.accept();
    EXPECT_EQ(asked, QStringList{existing});
    EXPECT_NE(dialog.result(), QDialog::Accepted);

    dialog.confirmReplace = [](const QString&) { return true; };
    dialog.accept();
    EXPECT_EQ(dialog.result(), QDialog::Accepted);
}

TEST(ExportDialogTest, ATimeRangeMustGoForward) {
    ExportDialog dialog;
    dialog.setPath(QStringLiteral("/tmp/looplab-never-written.csv"));
    dialog.setTimes(3'000'000'000, 2'000'000'000, 1'000'000'000);
    auto* stretch = dialog.findChildren<QRadioButton*>().value(1);
    ASSERT_NE(stretch, nullptr);
    stretch->setChecked(true);
    dialog.accept();
    EXPECT_NE(dialog.result(), QDialog::Accepted);
    EXPECT_EQ(dialog.request().fromNs, 2'000'000'000);
}

} // namespace
