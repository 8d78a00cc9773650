#pragma once
// Turns true-colour frames into 256-colour ones for a GIF with libavfilter's palettegen and
// paletteuse. Best is one palette for the whole film: show it the colours first (learn(), a
// frame of each step is enough; palettegen keeps only a histogram), and every frame is mapped
// to the same 256 colours, so the GIF encoder writes only what changed from one frame to the
// next. Without samples, each frame gets a palette of its own (stats_mode=single, new=1).

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

    // Counts the colours of one width × height BGRA frame towards the film's palette.
    bool learn(AVFrame* bgra, int fps, std::string* error);
    // Frames of width × height BGRA at `fps` in, PAL8 out.
    bool open(int width, int height, int fps, std::string* error);
    // Sends one BGRA frame (nullptr: no more frames) ...
    bool push(AVFrame* bgra, std::string* error);
    // ... and takes the next PAL8 frame out: 1 with one in *out, 0 when none is ready yet
    // (or none is left), -1 on an error.
    int pull(AVFrame* out, std::string* error);

  private:
    AVFilterGraph* learning_ = nullptr; // learn() → palettegen over the whole film
    AVFilterContext* learnSource_ = nullptr;
    AVFilterContext* learnSink_ = nullptr;
    AVFrame* palette_ = nullptr; // the film's palette, once learnt

    AVFilterGraph* graph_ = nullptr;
    AVFilterContext* source_ = nullptr;
    AVFilterContext* paletteSource_ = nullptr; // only with a learnt palette
    AVFilterContext* sink_ = nullptr;
};

} // namespace looplab
