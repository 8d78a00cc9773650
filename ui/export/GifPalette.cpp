#include "GifPalette.h"

extern "C" {
#include <libavfilter/avfilter.h>
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavutil/error.h>
#include <libavutil/frame.h>
}

namespace looplab {

namespace {

std::string avError(int code) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof text);
    return text;
}

} // namespace

GifPalette::~GifPalette() {
    avfilter_graph_free(&graph_);
}

bool GifPalette::open(int width, int height, int fps, std::string* error) {
    graph_ = avfilter_graph_alloc();
    if (!graph_) {
        *error = "out of memory for the GIF's colour filter";
        return false;
    }
    const std::string source = "video_size=" + std::to_string(width) + "x" +
                               std::to_string(height) + ":pix_fmt=bgra:time_base=1/" +
                               std::to_string(fps) + ":pixel_aspect=1/1";
    int status = avfilter_graph_create_filter(&source_, avfilter_get_by_name("buffer"), "in",
                                              source.c_str(), nullptr, graph_);
    if (status >= 0)
        status = avfilter_graph_create_filter(&sink_, avfilter_get_by_name("buffersink"), "out",
                                              nullptr, nullptr, graph_);
    if (status < 0) {
        *error = "cannot set up the GIF's colour filter: " + avError(status);
        return false;
    }
    AVFilterInOut* outputs = avfilter_inout_alloc();
    AVFilterInOut* inputs = avfilter_inout_alloc();
    outputs->name = av_strdup("in");
    outputs->filter_ctx = source_;
    inputs->name = av_strdup("out");
    inputs->filter_ctx = sink_;
    // No dithering: the window is flat colours and text; dither noise would shimmer from one
    // frame to the next and blow up the file, while the nearest colour keeps edges clean.
    const char* chain = "split[a][b];[a]palettegen=stats_mode=single:reserve_transparent=0[p];"
                        "[b][p]paletteuse=new=1:dither=none";
    status = avfilter_graph_parse_ptr(graph_, chain, &inputs, &outputs, nullptr);
    avfilter_inout_free(&inputs);
    avfilter_inout_free(&outputs);
    if (status >= 0)
        status = avfilter_graph_config(graph_, nullptr);
    if (status < 0) {
        *error = "cannot set up the GIF's colour filter: " + avError(status);
        return false;
    }
    return true;
}

bool GifPalette::push(AVFrame* bgra, std::string* error) {
    const int status = av_buffersrc_add_frame_flags(source_, bgra, AV_BUFFERSRC_FLAG_KEEP_REF);
    if (status < 0) {
        *error = "cannot reduce a frame to 256 colours: " + avError(status);
        return false;
    }
    return true;
}

int GifPalette::pull(AVFrame* out, std::string* error) {
    const int status = av_buffersink_get_frame(sink_, out);
    if (status == AVERROR(EAGAIN) || status == AVERROR_EOF)
        return 0;
    if (status < 0) {
        *error = "cannot reduce a frame to 256 colours: " + avError(status);
        return -1;
    }
    return 1;
}

} // namespace looplab
