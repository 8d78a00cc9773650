#include "WalkthroughRenderer.h"

#include "FrameClock.h"
#include "VideoEncoder.h"

#include <QCoreApplication>
#include <QEvent>
#include <QWidget>

namespace looplab {

WalkthroughRenderer::WalkthroughRenderer(QWidget* window, ShowStep showStep)
    : window_(window), showStep_(std::move(showStep)) {}

QSize WalkthroughRenderer::filmSize(QSize windowSize, const QString& path) {
    if (VideoEncoder::formatOf(path.toStdString()) == "gif")
        return windowSize;
    return {windowSize.width() & ~1, windowSize.height() & ~1};
}

QImage WalkthroughRenderer::grabFrame(QSize size) const {
    QImage image = window_->grab().toImage();
    // A high-density screen grabs more pixels than the window's size: the film is the size
    // the window looks, and a video needs even sides (the last odd column or row is dropped).
    if (image.size() != window_->size())
        image = image.scaled(window_->size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    if (image.size() != size)
        image = image.copy(0, 0, size.width(), size.height());
    return image.convertToFormat(QImage::Format_RGB32);
}

WalkthroughRenderer::Outcome WalkthroughRenderer::render(const WalkthroughRequest& request,
                                                         const Progress& progress, QString* error) {
    grabbed_ = 0;
    const QSize size = filmSize(window_->size(), request.path);
    VideoEncoder encoder;
    std::string problem;
    if (!encoder.open({request.path.toStdString(), size.width(), size.height(), request.fps},
                      &problem)) {
        *error = QString::fromStdString(problem);
        return Outcome::Failed;
    }
    FrameClock clock; // from here on the animations move only frame by frame
    const int perStep = framesPerStep(request.fps);
    const int total = (request.toStep - request.fromStep + 1) * perStep;
    const qint64 frameMs = 1000 / request.fps;
    int done = 0;
    for (int step = request.fromStep; step <= request.toStep; ++step) {
        showStep_(step);
        // The step's layout and the animations it started settle before its first frame.
        QCoreApplication::processEvents();
        for (int f = 0; f < perStep; ++f) {
            bool moved = f == 0;
            if (f > 0 && clock.isRunning()) {
                clock.advanceBy(frameMs);
                QCoreApplication::processEvents();
                // A chip that landed is deleted later: now, or it would sit on its entry.
                QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
                moved = true;
            }
            bool added = false;
            if (moved) {
                const QImage frame = grabFrame(size);
                ++grabbed_;
                added = encoder.addFrame(frame.constBits(), static_cast<int>(frame.bytesPerLine()),
                                         &problem);
            } else {
                added = encoder.repeatFrame(&problem);
            }
            if (!added) {
                *error = QString::fromStdString(problem);
                return Outcome::Failed;
            }
            ++done;
            if (progress && !progress(done, total))
                return Outcome::Cancelled; // the encoder removes the unfinished file
        }
    }
    if (!encoder.finish(&problem)) {
        *error = QString::fromStdString(problem);
        return Outcome::Failed;
    }
    return Outcome::Written;
}

} // namespace looplab
