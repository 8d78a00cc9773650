#include "WalkthroughRenderer.h"

#include "FrameClock.h"
#include "VideoEncoder.h"

#include <QCoreApplication>
#include <QEvent>
#include <QMainWindow>
#include <QPainter>
#include <QStatusBar>
#include <QWidget>

namespace looplab {

WalkthroughRenderer::WalkthroughRenderer(QWidget* window, ShowStep showStep)
    : window_(window), showStep_(std::move(showStep)) {}

QSize WalkthroughRenderer::filmSize(QSize windowSize, const QString& path) {
    if (VideoEncoder::formatOf(path.toStdString()) == "gif")
        return windowSize;
    return {windowSize.width() & ~1, windowSize.height() & ~1};
}

QImage WalkthroughRenderer::grabWidget(QWidget* widget, QSize size) {
    // (A widget is grabbed whole: QWidget::grab(QRect) of a part of the presenting window came
    // out shifted by the height of the hidden menu bar.)
    QImage image = widget->grab().toImage();
    // A high-density screen grabs more pixels than the window's size: the film is the size
    // the window looks; a video drops an odd last column or row.
    if (image.size() != widget->size())
        image = image.scaled(widget->size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    if (size.isValid() && image.size() != size)
        image = image.copy(QRect(QPoint(0, 0), size));
    return image.convertToFormat(QImage::Format_RGB32);
}

void WalkthroughRenderer::showSettled(int step, FrameClock& clock) {
    showStep_(step);
    // The animations the step started are caught before Qt's timer can move them: on a busy
    // machine, one event pass later a fade could already be over.
    clock.catchAnimations();
    // The step's layout settles before its first frame. A longer sentence can take a line more,
    // and the label's new height moves the panes below it one event pass later: pass until no
    // widget moves (moving frames redraw only the animated view over the first frame, so the
    // rest must not move after it).
    QList<QRect> before = geometries();
    for (int pass = 0; pass < 8; ++pass) {
        QCoreApplication::processEvents();
        QList<QRect> now = geometries();
        if (now == before)
            break;
        before = std::move(now);
    }
}

QList<QRect> WalkthroughRenderer::geometries() const {
    QList<QRect> out;
    for (const QWidget* widget : window_->findChildren<QWidget*>())
        if (widget->isVisible())
            out << QRect(widget->mapTo(window_, QPoint(0, 0)), widget->size());
    return out;
}

WalkthroughRenderer::Outcome WalkthroughRenderer::render(const WalkthroughRequest& request,
                                                         const Progress& progress, QString* error) {
    grabbed_ = 0;
    const QSize size = filmSize(window_->size(), request.path);
    VideoEncoder encoder;
    std::string problem;
    auto fail = [&] {
        *error = QString::fromStdString(problem);
        return Outcome::Failed;
    };
    if (!encoder.open({request.path.toStdString(), size.width(), size.height(), request.fps},
                      &problem))
        return fail();
    // A passing message in the status bar ("Zoom 200%") lasts a few seconds of wall clock: it
    // would be in some frames of one film and not of the next.
    if (auto* main = qobject_cast<QMainWindow*>(window_); main && main->statusBar())
        main->statusBar()->clearMessage();
    FrameClock clock(window_);
    const int steps = request.toStep - request.fromStep + 1;
    const int perStep = framesPerStep(request.fps);
    // A GIF's first pass is a step of work each, counted with the frames.
    const int samples = encoder.wantsColourSamples() ? steps : 0;
    const int total = samples + steps * perStep;
    int done = 0;
    if (encoder.wantsColourSamples()) {
        // A GIF's one palette from the first picture of every step (chips at their start).
        for (int step = request.fromStep; step <= request.toStep; ++step) {
            showSettled(step, clock);
            const QImage sample = grabWidget(window_, size);
            if (!encoder.learnColours(sample.constBits(), static_cast<int>(sample.bytesPerLine()),
                                      &problem))
                return fail();
            if (progress && !progress(++done, total))
                return Outcome::Cancelled;
        }
    }
    const int frameMs = 1000 / request.fps;
    QImage frame;
    for (int step = request.fromStep; step <= request.toStep; ++step) {
        showSettled(step, clock);
        for (int f = 0; f < perStep; ++f) {
            bool added = false;
            if (f == 0) {
                frame = grabWidget(window_, size);
                ++grabbed_;
                added = encoder.addFrame(frame.constBits(), static_cast<int>(frame.bytesPerLine()),
                                         &problem);
            } else if (clock.moving()) {
                // Only where the animations draw changes: that part is drawn again, over the
                // step's first picture.
                const QList<QWidget*> areas = clock.areas();
                clock.showAt(f * frameMs);
                // A chip that landed is deleted later: now, or it would sit on its entry.
                QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
                QPainter painter(&frame);
                for (QWidget* area : areas)
                    painter.drawImage(area->mapTo(window_, QPoint(0, 0)), grabWidget(area));
                ++grabbed_;
                added = encoder.addFrame(frame.constBits(), static_cast<int>(frame.bytesPerLine()),
                                         &problem);
            } else {
                added = encoder.repeatFrame(&problem);
            }
            if (!added)
                return fail();
            ++done;
            if (progress && !progress(done, total))
                return Outcome::Cancelled; // the encoder removes the unfinished file
        }
    }
    if (!encoder.finish(&problem))
        return fail();
    return Outcome::Written;
}

} // namespace looplab
