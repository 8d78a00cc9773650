#include "GifPalette.h"

extern "C" {
#include <libavfilter/avfilter.h>
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavutil/error.h>
#include <libavutil/frame.h>
#include <libavutil/pixdesc.h>
}

namespace looplab {

namespace {

std::string avError(int code) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof text);
    return text;
}

std::string bufferArgs(int width, int height, const char* pixels, int fps) {
    return "video_size=" + std::to_string(width) + "x" + std::to_string(height) +
           ":pix_fmt=" + pixels + ":time_base=1/" + std::to_string(fps) + ":pixel_aspect=1/1";
}

// Adds a buffer source named `name` to the graph and links it to the chain's input `name`.
AVFilterInOut* addSource(AVFilterGraph* graph, const char* name, const std::string& args,
                         AVFilterContext** context, AVFilterInOut* next, int* status) {
    *status = avfilter_graph_create_filter(context, avfilter_get_by_name("buffer"), name,
                                           args.c_str(), nullptr, graph);
    AVFilterInOut* output = avfilter_inout_alloc();
    output->name = av_strdup(name);
    output->filter_ctx = *context;
    output->next = next;
    return output;
}

} // namespace

GifPalette::~GifPalette() {
    av_frame_free(&palette_);
    avfilter_graph_free(&learning_);
    avfilter_graph_free(&graph_);
}

bool GifPalette::learn(AVFrame* bgra, int fps, std::string* error) {
    int status = 0;
    if (!learning_) {
        learning_ = avfilter_graph_alloc();
        AVFilterInOut* outputs =
            addSource(learning_, "in", bufferArgs(bgra->width, bgra->height, "bgra", fps),
                      &learnSource_, nullptr, &status);
        if (status >= 0)
            status = avfilter_graph_create_filter(&learnSink_, avfilter_get_by_name("buffersink"),
                                                  "out", nullptr, nullptr, learning_);
        AVFilterInOut* inputs = avfilter_inout_alloc();
        inputs->name = av_strdup("out");
        inputs->filter_ctx = learnSink_;
        if (status >= 0)
            status = avfilter_graph_parse_ptr(learning_,
                                              "palettegen=stats_mode=full:reserve_transparent=0",
                                              &inputs, &outputs, nullptr);
        avfilter_inout_free(&inputs);
        avfilter_inout_free(&outputs);
        if (status >= 0)
            status = avfilter_graph_config(learning_, nullptr);
    }
    if (status >= 0)
        status = av_buffersrc_add_frame_flags(learnSource_, bgra, AV_BUFFERSRC_FLAG_KEEP_REF);
    if (status < 0) {
        *error = "cannot count the GIF's colours: " + avError(status);
        return false;
    }
    return true;
}

bool GifPalette::open(int width, int height, int fps, std::string* error) {
    if (learning_) {
        // The end of the samples: palettegen gives its one palette for all of them.
        palette_ = av_frame_alloc();
        int status = av_buffersrc_add_frame(learnSource_, nullptr);
        if (status >= 0)
            status = av_buffersink_get_frame(learnSink_, palette_);
        avfilter_graph_free(&learning_);
        if (status < 0) {
            *error = "cannot choose the GIF's colours: " + avError(status);
            return false;
        }
    }
    graph_ = avfilter_graph_alloc();
    int status = 0;
    AVFilterInOut* outputs = nullptr;
    if (palette_) {
        const char* pixels = av_get_pix_fmt_name(static_cast<AVPixelFormat>(palette_->format));
        outputs =
            addSource(graph_, "palette", bufferArgs(palette_->width, palette_->height, pixels, fps),
                      &paletteSource_, nullptr, &status);
    }
    if (status >= 0)
        outputs = addSource(graph_, "in", bufferArgs(width, height, "bgra", fps), &source_, outputs,
                            &status);
    if (status >= 0)
        status = avfilter_graph_create_filter(&sink_, avfilter_get_by_name("buffersink"), "out",
                                              nullptr, nullptr, graph_);
    AVFilterInOut* inputs = avfilter_inout_alloc();
    inputs->name = av_strdup("out");
    inputs->filter_ctx = sink_;
    // No dithering: the window is flat colours and text; dither noise would shimmer from one
    // frame to the next and blow up the file, while the nearest colour keeps edges clean.
    const char* chain =
        palette_ ? "[in][palette]paletteuse=dither=none"
                 : "[in]split[a][b];[a]palettegen=stats_mode=single:reserve_transparent=0[p];"
                   "[b][p]paletteuse=new=1:dither=none";
    if (status >= 0)
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
    int status = 0;
    if (paletteSource_) {
        // The same palette beside every frame, so paletteuse always has one for its time.
        if (bgra)
            palette_->pts = bgra->pts;
        status = av_buffersrc_add_frame_flags(paletteSource_, bgra ? palette_ : nullptr,
                                              AV_BUFFERSRC_FLAG_KEEP_REF);
    }
    if (status >= 0)
        status = av_buffersrc_add_frame_flags(source_, bgra, AV_BUFFERSRC_FLAG_KEEP_REF);
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
