#pragma once
// Writes a sequence of same-sized pictures as a video or an animated GIF with FFmpeg's
// libraries: H.264 in MP4 (what slide software plays), VP9 in WebM (what browsers play) and GIF
// (what any page or chat shows), the container and codec chosen by the file's extension. No
// Qt: frames come in as 32-bit BGRA rows, the layout of a QImage::Format_RGB32 on x86.
//
// A file is only left behind when finish() succeeds; an encoder destroyed before that (an error,
// a cancelled export) removes what it had started to write.

#include <cstdint>
#include <memory>
#include <string>

struct AVFrame;

namespace looplab {

class GifPalette;

struct VideoSettings {
    std::string path; // .mp4, .webm or .gif
    int width = 0;    // MP4 and WebM need even sizes (4:2:0 colour), GIF takes any
    int height = 0;
    int fps = 10;
};

class VideoEncoder {
  public:
    VideoEncoder();
    ~VideoEncoder();
    VideoEncoder(const VideoEncoder&) = delete;
    VideoEncoder& operator=(const VideoEncoder&) = delete;

    // "mp4", "webm", "gif" by the path's extension (any case), "" for anything else.
    static std::string formatOf(const std::string& path);
    // Why these settings cannot be written ("" when they can): an unknown extension, a size
    // the codec refuses. Checked before anything is rendered.
    static std::string settingsProblem(const VideoSettings& settings);

    // Creates the file; false with one sentence in *error (unwritable path, missing codec).
    bool open(const VideoSettings& settings, std::string* error);
    // Whether the format wants learnColours() before the first frame (a GIF's one palette).
    bool wantsColourSamples() const { return palette_ != nullptr && !paletteOpen_; }
    // A sample of the film's colours, before addFrame(): a frame of each step is enough.
    bool learnColours(const uint8_t* bgra, int stride, std::string* error);
    // One frame of width × height BGRA pixels, `stride` bytes from one row to the next.
    bool addFrame(const uint8_t* bgra, int stride, std::string* error);
    // The last frame once more, without converting its pixels again: most frames of a
    // walkthrough are a step that stopped moving.
    bool repeatFrame(std::string* error);
    // Flushes the codec and closes the file.
    bool finish(std::string* error);
    int framesWritten() const { return frames_; }

  private:
    struct Codec;
    bool encode(AVFrame* frame, std::string* error);
    AVFrame* wrap(const uint8_t* bgra, int stride);
    bool openPalette(std::string* error);
    void close();

    std::unique_ptr<Codec> codec_;
    std::unique_ptr<GifPalette> palette_;
    VideoSettings settings_;
    int frames_ = 0;
    bool paletteOpen_ = false;
    bool finished_ = false;
};

} // namespace looplab
