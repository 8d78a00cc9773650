#include "VideoEncoder.h"

#include "GifPalette.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/error.h>
#include <libavutil/imgutils.h>
#include <libavutil/log.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

#include <cctype>
#include <cstdio>

namespace looplab {

namespace {

std::string avError(int code) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof text);
    return text;
}

// Which encoder writes each format, and how: settings chosen for screen recordings (flat
// colours, sharp text, few changes between frames) that render fast on a laptop.
struct FormatChoice {
    const char* encoder;
    AVPixelFormat pixels;
};

FormatChoice choiceFor(const std::string& format) {
    if (format == "mp4")
        return {"libx264", AV_PIX_FMT_YUV420P};
    if (format == "webm")
        return {"libvpx-vp9", AV_PIX_FMT_YUV420P};
    return {"gif", AV_PIX_FMT_PAL8};
}

void tune(AVCodecContext* context, const std::string& format) {
    if (format == "mp4") {
        av_opt_set(context->priv_data, "preset", "veryfast", 0);
        av_opt_set(context->priv_data, "tune", "animation", 0);
        av_opt_set(context->priv_data, "crf", "20", 0);
    } else if (format == "webm") {
        // Constant quality; "realtime" with the fastest speed keeps VP9 within a few times
        // H.264's time instead of a hundred.
        context->bit_rate = 0;
        av_opt_set(context->priv_data, "crf", "32", 0);
        av_opt_set(context->priv_data, "deadline", "realtime", 0);
        av_opt_set(context->priv_data, "cpu-used", "8", 0);
        av_opt_set(context->priv_data, "row-mt", "1", 0);
    }
}

} // namespace

struct VideoEncoder::Codec {
    AVFormatContext* format = nullptr;
    AVCodecContext* context = nullptr;
    AVStream* stream = nullptr;
    SwsContext* scaler = nullptr;
    AVFrame* source = nullptr;    // the caller's BGRA, wrapped without a copy
    AVFrame* converted = nullptr; // YUV for the video codecs, PAL8 from the GIF's palette
    AVFrame* last = nullptr;      // the last frame encoded, for repeatFrame()
    AVPacket* packet = nullptr;
    bool fileOpen = false;
};

VideoEncoder::VideoEncoder() = default;

VideoEncoder::~VideoEncoder() {
    close();
    if (!finished_ && !settings_.path.empty())
        std::remove(settings_.path.c_str()); // half a film is no film
}

std::string VideoEncoder::formatOf(const std::string& path) {
    const size_t dot = path.find_last_of('.');
    const size_t slash = path.find_last_of('/');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
        return {};
    std::string extension = path.substr(dot + 1);
    for (char& c : extension)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return extension == "mp4" || extension == "webm" || extension == "gif" ? extension
                                                                           : std::string();
}

std::string VideoEncoder::settingsProblem(const VideoSettings& settings) {
    const std::string format = formatOf(settings.path);
    if (format.empty())
        return "unknown extension (use .mp4, .webm or .gif)";
    if (settings.width < 16 || settings.height < 16 || settings.width > 8192 ||
        settings.height > 8192)
        return "the size must be from 16x16 to 8192x8192";
    if (format != "gif" && (settings.width % 2 != 0 || settings.height % 2 != 0))
        return "a video's width and height must be even numbers";
    if (settings.fps < 1 || settings.fps > 60)
        return "the frame rate must be from 1 to 60 frames per second";
    return {};
}

bool VideoEncoder::open(const VideoSettings& settings, std::string* error) {
    if (const std::string problem = settingsProblem(settings); !problem.empty()) {
        *error = "cannot write " + settings.path + ": " + problem;
        return false;
    }
    // FFmpeg's notes (x264's settings, each GIF palette's size) would go to stderr, where
    // `looplab export` keeps one line per error; errors come back as return values.
    av_log_set_level(AV_LOG_QUIET);
    const std::string format = formatOf(settings.path);
    const FormatChoice choice = choiceFor(format);
    const AVCodec* encoder = avcodec_find_encoder_by_name(choice.encoder);
    if (!encoder) {
        *error = std::string("cannot write ") + settings.path + ": this FFmpeg has no " +
                 choice.encoder + " encoder";
        return false;
    }
    codec_ = std::make_unique<Codec>();
    Codec& c = *codec_;
    int status =
        avformat_alloc_output_context2(&c.format, nullptr, format.c_str(), settings.path.c_str());
    if (status < 0) {
        *error = "cannot write " + settings.path + ": " + avError(status);
        return false;
    }
    // Opened before anything is set up, so a folder that is not there or not writable is said
    // before a single frame is rendered.
    status = avio_open(&c.format->pb, settings.path.c_str(), AVIO_FLAG_WRITE);
    if (status < 0) {
        *error = "cannot write " + settings.path + ": " + avError(status);
        return false;
    }
    c.fileOpen = true;
    settings_ = settings;

    c.stream = avformat_new_stream(c.format, nullptr);
    c.context = avcodec_alloc_context3(encoder);
    c.packet = av_packet_alloc();
    c.source = av_frame_alloc();
    c.converted = av_frame_alloc();
    c.last = av_frame_alloc();
    if (!c.stream || !c.context || !c.packet || !c.source || !c.converted || !c.last) {
        *error = "out of memory for the video encoder";
        return false;
    }
    c.context->width = settings.width;
    c.context->height = settings.height;
    c.context->pix_fmt = choice.pixels;
    c.context->time_base = AVRational{1, settings.fps};
    c.context->framerate = AVRational{settings.fps, 1};
    c.context->gop_size = settings.fps * 10; // a key frame every ten seconds for seeking
    c.context->color_range = AVCOL_RANGE_MPEG;
    c.context->colorspace = AVCOL_SPC_BT709;
    c.context->color_primaries = AVCOL_PRI_BT709;
    c.context->color_trc = AVCOL_TRC_BT709;
    if (c.format->oformat->flags & AVFMT_GLOBALHEADER)
        c.context->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    tune(c.context, format);
    status = avcodec_open2(c.context, encoder, nullptr);
    if (status >= 0)
        status = avcodec_parameters_from_context(c.stream->codecpar, c.context);
    if (status < 0) {
        *error = "cannot start the " + std::string(choice.encoder) + " encoder: " + avError(status);
        return false;
    }
    c.stream->time_base = c.context->time_base;
    c.stream->avg_frame_rate = c.context->framerate;

    if (format == "gif") {
        palette_ = std::make_unique<GifPalette>(); // opened at the first frame, after samples
    } else {
        c.scaler =
            sws_getContext(settings.width, settings.height, AV_PIX_FMT_BGRA, settings.width,
                           settings.height, choice.pixels, SWS_BICUBIC, nullptr, nullptr, nullptr);
        // Full-range RGB in, the limited BT.709 range players expect out.
        const int* bt709 = sws_getCoefficients(SWS_CS_ITU709);
        if (c.scaler)
            sws_setColorspaceDetails(c.scaler, bt709, 1, bt709, 0, 0, 1 << 16, 1 << 16);
        c.converted->format = choice.pixels;
        c.converted->width = settings.width;
        c.converted->height = settings.height;
        if (!c.scaler || av_frame_get_buffer(c.converted, 0) < 0) {
            *error = "out of memory for the video encoder";
            return false;
        }
    }
    AVDictionary* muxing = nullptr;
    if (format == "mp4")
        av_dict_set(&muxing, "movflags", "+faststart", 0); // plays before it is all loaded
    status = avformat_write_header(c.format, &muxing);
    av_dict_free(&muxing);
    if (status < 0) {
        *error = "cannot write " + settings.path + ": " + avError(status);
        return false;
    }
    return true;
}

AVFrame* VideoEncoder::wrap(const uint8_t* bgra, int stride) {
    AVFrame* source = codec_->source;
    av_frame_unref(source);
    source->format = AV_PIX_FMT_BGRA;
    source->width = settings_.width;
    source->height = settings_.height;
    source->data[0] = const_cast<uint8_t*>(bgra); // read only, never freed here
    source->linesize[0] = stride;
    source->pts = frames_;
    return source;
}

bool VideoEncoder::learnColours(const uint8_t* bgra, int stride, std::string* error) {
    if (!wantsColourSamples())
        return true; // a video has all the colours; a GIF past its first frame has its palette
    AVFrame* source = wrap(bgra, stride);
    // The filter copies what it keeps (buffersrc without a reference-counted buffer).
    const bool learnt = palette_->learn(source, settings_.fps, error);
    source->data[0] = nullptr;
    return learnt;
}

bool VideoEncoder::openPalette(std::string* error) {
    if (paletteOpen_)
        return true;
    paletteOpen_ = true;
    return palette_->open(settings_.width, settings_.height, settings_.fps, error);
}

bool VideoEncoder::addFrame(const uint8_t* bgra, int stride, std::string* error) {
    Codec& c = *codec_;
    if (palette_ && !openPalette(error))
        return false;
    AVFrame* source = wrap(bgra, stride);
    if (palette_) {
        if (!palette_->push(source, error))
            return false;
        source->data[0] = nullptr;
        for (;;) {
            const int got = palette_->pull(c.converted, error);
            if (got < 0)
                return false;
            if (got == 0)
                break;
            av_frame_unref(c.last);
            av_frame_ref(c.last, c.converted);
            const bool encoded = encode(c.converted, error);
            av_frame_unref(c.converted);
            if (!encoded)
                return false;
        }
    } else {
        if (av_frame_make_writable(c.converted) < 0) {
            *error = "out of memory for the video encoder";
            return false;
        }
        sws_scale(c.scaler, source->data, source->linesize, 0, settings_.height, c.converted->data,
                  c.converted->linesize);
        source->data[0] = nullptr;
        c.converted->pts = frames_;
        av_frame_unref(c.last);
        av_frame_ref(c.last, c.converted);
        if (!encode(c.converted, error))
            return false;
    }
    ++frames_;
    return true;
}

bool VideoEncoder::repeatFrame(std::string* error) {
    Codec& c = *codec_;
    if (!c.last->buf[0]) {
        *error = "there is no frame to repeat yet";
        return false;
    }
    c.last->pts = frames_;
    if (!encode(c.last, error))
        return false;
    ++frames_;
    return true;
}

bool VideoEncoder::encode(AVFrame* frame, std::string* error) {
    Codec& c = *codec_;
    int status = avcodec_send_frame(c.context, frame);
    if (status < 0) {
        *error = "cannot encode a frame: " + avError(status);
        return false;
    }
    for (;;) {
        status = avcodec_receive_packet(c.context, c.packet);
        if (status == AVERROR(EAGAIN) || status == AVERROR_EOF)
            return true;
        if (status < 0) {
            *error = "cannot encode a frame: " + avError(status);
            return false;
        }
        av_packet_rescale_ts(c.packet, c.context->time_base, c.stream->time_base);
        c.packet->stream_index = c.stream->index;
        status = av_interleaved_write_frame(c.format, c.packet);
        if (status < 0) {
            *error = "cannot write " + settings_.path + ": " + avError(status);
            return false;
        }
    }
}

bool VideoEncoder::finish(std::string* error) {
    Codec& c = *codec_;
    if (palette_ && !openPalette(error))
        return false;
    if (palette_) {
        if (!palette_->push(nullptr, error))
            return false;
        for (;;) {
            const int got = palette_->pull(c.converted, error);
            if (got < 0)
                return false;
            if (got == 0)
                break;
            const bool encoded = encode(c.converted, error);
            av_frame_unref(c.converted);
            if (!encoded)
                return false;
        }
    }
    if (!encode(nullptr, error))
        return false;
    const int status = av_write_trailer(c.format);
    if (status < 0) {
        *error = "cannot write " + settings_.path + ": " + avError(status);
        return false;
    }
    close();
    finished_ = true;
    return true;
}

void VideoEncoder::close() {
    palette_.reset();
    if (!codec_)
        return;
    Codec& c = *codec_;
    if (c.fileOpen)
        avio_closep(&c.format->pb);
    avformat_free_context(c.format);
    avcodec_free_context(&c.context);
    sws_freeContext(c.scaler);
    av_frame_free(&c.source);
    av_frame_free(&c.converted);
    av_frame_free(&c.last);
    av_packet_free(&c.packet);
    codec_.reset();
}

} // namespace looplab
