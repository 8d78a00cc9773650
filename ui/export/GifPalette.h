#pragma once
// Turns true-colour frames into 256-colour ones for a GIF with libavfilter's palettegen and
// paletteuse. Each frame gets its own palette (stats_mode=single, new=1): a walkthrough is
// hundreds of frames, and one palette for the whole film would need every frame held in memory
// before the first could be written; the window's flat colours fit one frame's 256 easily.

#include <string>

struct AVFilterGraph;
struct AVFilterContext;
struct AVFrame;

namespace looplab {

class GifPalette {
  public:
    GifPalette() = default;
    ~GifPalette();
    GifPalette(const GifPalette&) = delete;
    GifPalette& operator=(const GifPalette&) = delete;

    // Frames of width × height BGRA at `fps` in, PAL8 out.
    bool open(int width, int height, int fps, std::string* error);
    // Sends one BGRA frame (nullptr: no more frames) ...
    bool push(AVFrame* bgra, std::string* error);
    // ... and takes the next PAL8 frame out: 1 with one in *out, 0 when none is ready yet
    // (or none is left), -1 on an error.
    int pull(AVFrame* out, std::string* error);

  private:
    AVFilterGraph* graph_ = nullptr;
    AVFilterContext* source_ = nullptr;
    AVFilterContext* sink_ = nullptr;
};

} // namespace looplab
