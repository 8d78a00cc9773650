// File → Export Walkthrough… and what it uses: the renderer films a window step by step (as
// many frames as steps × frames per step, each reported to the progress callback), Cancel stops
// at once and leaves no file, the frame clock moves Qt's animations only when told, and the
// dialog says what the film will be before anything is rendered.
#include "FilmingLayout.h"
#include "FrameClock.h"
#include "PresentationMode.h"
#include "VideoProbe.h"
#include "WalkthroughDialog.h"
#include "WalkthroughRenderer.h"
#include "WindowTest.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QPropertyAnimation>
#include <QSet>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QVariantAnimation>
#include <gtest/gtest.h>

#include <functional>
#include <utility>
#include <vector>

using namespace looplab;

namespace {

class WalkthroughWindowTest : public WindowTest {
  protected:
    void SetUp() override {
        open(kTwoWorkers, QStringLiteral("workers.py"));
        window_->resize(800, 540);
        window_->show();
    }

    WalkthroughRenderer renderer() {
        MainWindow* window = window_.get();
        return WalkthroughRenderer(window,
                                   [window](int step) { window->controller().goToStop(step); });
    }
};

TEST_F(WalkthroughWindowTest, FileMenuOffersIt) {
    const QAction* found = nullptr;
    for (QAction* menu : window_->menuBar()->actions())
        for (QAction* action : menu->menu()->actions())
            if (action->text() == QStringLiteral("Export &Walkthrough…"))
                found = action;
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
}

TEST_F(WalkthroughWindowTest, FilmsEachStepForASecond) {
    WalkthroughRequest request;
    request.path = folder_.filePath(QStringLiteral("walk.gif"));
    request.fromStep = 2;
    request.toStep = 5;
    request.fps = 5;
    std::vector<std::pair<int, int>> reports;
    QString error;
    const auto outcome = renderer().render(
        request,
        [&](int done, int total) {
            reports.emplace_back(done, total);
            return true;
        },
        &error);
    ASSERT_EQ(outcome, WalkthroughRenderer::Outcome::Written) << error.toStdString();
    // A GIF first looks at each of the 4 steps for its colours, then films 4 × 5 frames.
    ASSERT_EQ(reports.size(), 24u);
    for (int i = 0; i < 24; ++i)
        EXPECT_EQ(reports[i], std::make_pair(i + 1, 24));
    const VideoProbe probe = VideoProbe::read(request.path.toStdString());
    ASSERT_TRUE(probe.ok) << probe.error;
    EXPECT_EQ(probe.frames, 20);
    EXPECT_EQ(probe.width, 800);
    EXPECT_EQ(probe.height, 540);
    // The window shows the last step filmed.
    EXPECT_EQ(window_->controller().currentStop(), 5);
}

TEST_F(WalkthroughWindowTest, TheMenuFilmsAndComesBackToTheStep) {
    QSettings().setValue(QStringLiteral("exportFolder"), folder_.path());
    QSettings().setValue(QStringLiteral("walkthroughFormat"), QStringLiteral("gif"));
    window_->controller().goToStop(3);
    QString offered;
    // The dialog is modal: answered from the event loop it runs.
    QTimer::singleShot(0, [&] {
        auto* dialog = qobject_cast<WalkthroughDialog*>(QApplication::activeModalWidget());
        ASSERT_NE(dialog, nullptr);
        offered = dialog->request().path;
        EXPECT_EQ(dialog->request().fromStep, 3); // from where the user is ...
        EXPECT_EQ(dialog->request().toStep, window_->controller().stopCount() - 1); // ... on
        dialog->setSteps(3, 4);
        dialog->accept();
    });
    for (QAction* menu : window_->menuBar()->actions())
        for (QAction* action : menu->menu()->actions())
            if (action->text() == QStringLiteral("Export &Walkthrough…"))
                action->trigger();
    EXPECT_EQ(offered, folder_.filePath(QStringLiteral("workers-walkthrough.gif")));
    const VideoProbe probe = VideoProbe::read(offered.toStdString());
    ASSERT_TRUE(probe.ok) << probe.error;
    EXPECT_EQ(probe.frames, 2 * 10);
    EXPECT_EQ(window_->controller().currentStop(), 3);
    EXPECT_EQ(window_->statusBar()->currentMessage(),
              QStringLiteral("Exported %1").arg(QDir::toNativeSeparators(offered)));
}

// Every splitter's sizes and the front tab: the desk as the user arranged it.
std::vector<QList<int>> splittersOf(const QWidget& window) {
    std::vector<QList<int>> sizes;
    for (const QSplitter* splitter : window.findChildren<QSplitter*>())
        sizes.push_back(splitter->sizes());
    return sizes;
}

// Runs File → Export Walkthrough… and answers its dialog with `answer`.
void exportFromMenu(MainWindow& window, const std::function<void(WalkthroughDialog&)>& answer) {
    QTimer::singleShot(0, [&] {
        auto* dialog = qobject_cast<WalkthroughDialog*>(QApplication::activeModalWidget());
        ASSERT_NE(dialog, nullptr);
        answer(*dialog);
    });
    for (QAction* menu : window.menuBar()->actions())
        for (QAction* action : menu->menu()->actions())
            if (action->text() == QStringLiteral("Export &Walkthrough…"))
                action->trigger();
}

TEST_F(WalkthroughWindowTest, TheMenuFilmsThePresentationAtTheSizeAskedAndGivesTheDeskBack) {
    QApplication::processEvents();
    const std::vector<QList<int>> desk = splittersOf(*window_);
    const int tab = window_->bottomTabs()->currentIndex();
    window_->controller().goToStop(3);
    std::vector<std::pair<bool, QSize>> modes; // presenting on or off, at which window size
    QObject::connect(window_->presentation(), &PresentationMode::activeChanged,
                     [&](bool on) { modes.emplace_back(on, window_->size()); });
    const QString path = folder_.filePath(QStringLiteral("slides.gif"));
    exportFromMenu(*window_, [&](WalkthroughDialog& dialog) {
        EXPECT_FALSE(dialog.request().present); // the window's own layout is offered first
        EXPECT_TRUE(dialog.request().size.isEmpty());
        dialog.setPath(path);
        dialog.setSteps(3, 4);
        dialog.setLayout(true, QSize(1280, 720));
        dialog.accept();
    });
    const VideoProbe probe = VideoProbe::read(path.toStdString());
    ASSERT_TRUE(probe.ok) << probe.error;
    EXPECT_EQ(probe.frames, 2 * 10);
    EXPECT_EQ(probe.width, 1280);
    EXPECT_EQ(probe.height, 720);
    // Filmed presenting at that size, then the desk came back.
    ASSERT_EQ(modes.size(), 2u);
    EXPECT_EQ(modes[0], std::make_pair(true, QSize(1280, 720)));
    EXPECT_FALSE(modes[1].first);
    EXPECT_FALSE(window_->isPresenting());
    EXPECT_EQ(window_->size(), QSize(800, 540));
    EXPECT_EQ(splittersOf(*window_), desk);
    EXPECT_EQ(window_->bottomTabs()->currentIndex(), tab);
    EXPECT_EQ(window_->controller().currentStop(), 3);
}

TEST_F(WalkthroughWindowTest, PresentingTheMenuCanFilmTheDeskAndPresentsAgainAfter) {
    window_->setPresenting(true, false);
    QApplication::processEvents();
    const std::vector<QList<int>> presenting = splittersOf(*window_);
    const QString path = folder_.filePath(QStringLiteral("desk.gif"));
    QSize filmedAt;
    bool filmedPresenting = true;
    ASSERT_EQ(window_->controller().currentStop(), 0);
    exportFromMenu(*window_, [&](WalkthroughDialog& dialog) {
        EXPECT_TRUE(dialog.request().present); // presenting now: offered first
        dialog.setPath(path);
        dialog.setSteps(1, 1);
        dialog.setLayout(false, QSize());
        // What the window is when the first frame is grabbed.
        QObject::connect(&window_->controller(), &StepController::stateChanged, [&] {
            if (window_->controller().currentStop() != 1 || filmedAt.isValid())
                return;
            filmedAt = window_->size();
            filmedPresenting = window_->isPresenting();
        });
        dialog.accept();
    });
    const VideoProbe probe = VideoProbe::read(path.toStdString());
    ASSERT_TRUE(probe.ok) << probe.error;
    EXPECT_EQ(probe.width, 800);
    EXPECT_FALSE(filmedPresenting);
    EXPECT_EQ(filmedAt, QSize(800, 540));
    EXPECT_TRUE(window_->isPresenting());
    EXPECT_EQ(splittersOf(*window_), presenting);
}

TEST_F(WalkthroughWindowTest, ASizeTheWindowCannotTakeIsOneSentenceAndChangesNothing) {
    QApplication::processEvents();
    const std::vector<QList<int>> desk = splittersOf(*window_);
    FilmingLayout filming(window_.get());
    QString problem;
    EXPECT_FALSE(filming.apply(true, QSize(120, 90), &problem)); // below the layout's least size
    EXPECT_TRUE(problem.startsWith(QStringLiteral("The window cannot be made 120×90 here")))
        << problem.toStdString();
    EXPECT_FALSE(window_->isPresenting());
    filming.restore();
    EXPECT_EQ(window_->size(), QSize(800, 540));
    EXPECT_EQ(splittersOf(*window_), desk);
}

TEST_F(WalkthroughWindowTest, CancelStopsAtOnceAndLeavesNoFile) {
    WalkthroughRequest request;
    request.path = folder_.filePath(QStringLiteral("cancelled.mp4"));
    request.fromStep = 0;
    request.toStep = 6;
    int calls = 0;
    QString error;
    const auto outcome = renderer().render(
        request, [&](int done, int) { return ++calls, done < 13; }, &error);
    EXPECT_EQ(outcome, WalkthroughRenderer::Outcome::Cancelled);
    EXPECT_EQ(calls, 13);
    EXPECT_FALSE(QFileInfo::exists(request.path));
}

TEST_F(WalkthroughWindowTest, AnUnwritableFileIsOneSentence) {
    WalkthroughRequest request;
    request.path = folder_.filePath(QStringLiteral("workers.py/walk.webm"));
    QString error;
    EXPECT_EQ(renderer().render(request, {}, &error), WalkthroughRenderer::Outcome::Failed);
    EXPECT_EQ(error, QStringLiteral("cannot write %1: Not a directory").arg(request.path));
}

TEST(FrameClock, AnimationsMoveOnlyWhenTheFilmSaysSo) {
    QWidget root;
    root.resize(400, 300);
    auto* list = new QListWidget(&root);
    list->setGeometry(10, 20, 200, 100);
    auto* chip = new QLabel(QStringLiteral("Task-1"), list->viewport());
    auto* glide = new QPropertyAnimation(chip, "pos", chip);
    glide->setDuration(450);
    glide->setStartValue(QPoint(0, 0));
    glide->setEndValue(QPoint(90, 0));
    QVariantAnimation idle(&root); // never started: not the film's business
    idle.setDuration(100);
    glide->start();

    FrameClock clock(&root);
    clock.catchAnimations();
    EXPECT_EQ(glide->state(), QAbstractAnimation::Paused); // Qt's timer no longer moves it
    EXPECT_TRUE(clock.moving());
    EXPECT_EQ(clock.areas(), QList<QWidget*>{list}); // the list it glides in
    EXPECT_TRUE(clock.showAt(150));
    EXPECT_EQ(glide->currentTime(), 150);
    EXPECT_EQ(chip->pos(), QPoint(30, 0));
    EXPECT_TRUE(clock.showAt(500)); // it was still moving before this frame ...
    EXPECT_EQ(glide->state(), QAbstractAnimation::Stopped); // ... and has landed
    EXPECT_EQ(chip->pos(), QPoint(90, 0));
    EXPECT_FALSE(clock.moving());
    EXPECT_FALSE(clock.showAt(600));

    // An animation outside any list or tree: the whole window is drawn again.
    QVariantAnimation fade(&root);
    fade.setDuration(700);
    fade.setStartValue(0);
    fade.setEndValue(7);
    fade.start();
    clock.catchAnimations();
    EXPECT_EQ(clock.areas(), QList<QWidget*>{&root});
    clock.showAt(300);
    EXPECT_EQ(fade.currentValue().toInt(), 3);

    // When the film is done, what is still held ends as on screen instead of staying frozen.
    { FrameClock done(&root); }
    EXPECT_EQ(fade.state(), QAbstractAnimation::Paused); // not this clock's ...
    {
        FrameClock last(&root);
        fade.resume();
        last.catchAnimations();
        last.showAt(100);
    }
    EXPECT_EQ(fade.state(), QAbstractAnimation::Stopped); // ... this one's
    EXPECT_EQ(fade.currentValue().toInt(), 7);
}

// Every label's text, one a line: the summary and the complaint among them.
QString labelsOf(const QDialog& dialog) {
    QString text;
    for (const QLabel* label : dialog.findChildren<QLabel*>())
        text += label->text() + QLatin1Char('\n');
    return text;
}

TEST(WalkthroughDialog, SaysWhatTheFilmWillBe) {
    WalkthroughDialog dialog(30, QSize(1281, 721));
    dialog.setPath(QStringLiteral("/tmp/lesson.mp4"));
    dialog.setSteps(10, 29);
    QString text = labelsOf(dialog);
    // 20 steps at 10 frames a second; a video drops the odd column and row.
    EXPECT_TRUE(text.contains(
        QStringLiteral("20 steps, one second each: 200 frames, 0:20 long, 1280×720 pixels")))
        << text.toStdString();
    const WalkthroughRequest chosen = dialog.request();
    EXPECT_EQ(chosen.fromStep, 10);
    EXPECT_EQ(chosen.toStep, 29);
    EXPECT_EQ(chosen.fps, 10);

    // Choosing GIF renames the file and keeps every pixel.
    auto* format = dialog.findChild<QComboBox*>();
    format->setCurrentIndex(format->findData(QStringLiteral("gif")));
    EXPECT_EQ(dialog.request().path, QStringLiteral("/tmp/lesson.gif"));
    text = labelsOf(dialog);
    EXPECT_TRUE(text.contains(QStringLiteral("1281×721 pixels"))) << text.toStdString();
    // Another size is said too, and asked for.
    dialog.setLayout(true, QSize(1920, 1080));
    text = labelsOf(dialog);
    EXPECT_TRUE(text.contains(QStringLiteral("1920×1080 pixels"))) << text.toStdString();
    EXPECT_EQ(dialog.request().size, QSize(1920, 1080));
    EXPECT_TRUE(dialog.request().present);
    // To look at it: LOOPLAB_SHOT_DIR=/tmp ui_tests --gtest_filter=WalkthroughDialog.*
    if (qEnvironmentVariableIsSet("LOOPLAB_SHOT_DIR")) {
        dialog.show();
        dialog.grab().save(qEnvironmentVariable("LOOPLAB_SHOT_DIR") +
                           QStringLiteral("/walkthrough-dialog.png"));
    }
}

// Every field has its own Alt key ("&File" and "&Frame rate" shared Alt+F).
TEST(WalkthroughDialog, EachFieldHasItsOwnAltKey) {
    WalkthroughDialog dialog(30, QSize(800, 600));
    QStringList keys;
    for (const QLabel* label : dialog.findChildren<QLabel*>()) {
        const qsizetype at = label->text().indexOf(QLatin1Char('&'));
        if (at < 0 || at + 1 >= label->text().size())
            continue;
        keys << label->text().mid(at + 1, 1).toLower();
        EXPECT_NE(label->buddy(), nullptr) << label->text().toStdString();
    }
    EXPECT_GE(keys.size(), 6);
    EXPECT_EQ(QSet<QString>(keys.begin(), keys.end()).size(), keys.size())
        << keys.join(' ').toStdString();
}

TEST(WalkthroughDialog, RefusesWhatItCannotFilm) {
    WalkthroughDialog dialog(30, QSize(800, 600));
    dialog.setPath(QStringLiteral("/tmp/lesson.avi"));
    dialog.accept();
    EXPECT_EQ(dialog.result(), QDialog::Rejected);
    QString text = labelsOf(dialog);
    EXPECT_TRUE(text.contains(QStringLiteral("The file name must end in .mp4, .webm or .gif.")));

    dialog.setPath(QStringLiteral("/tmp/lesson.webm"));
    dialog.setSteps(20, 5);
    dialog.accept();
    EXPECT_EQ(dialog.result(), QDialog::Rejected);
    text = labelsOf(dialog);
    EXPECT_TRUE(text.contains(QStringLiteral("The last step must not come before the first.")));
}

} // namespace
