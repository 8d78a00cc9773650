#include "VideoProbe.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libswscale/swscale.h>
}

namespace looplab {

namespace {

// Owns what read() opens, so every early return frees it.
struct Decoding {
    AVFormatContext* format = nullptr;
    AVCodecContext* context = nullptr;
    AVFrame* frame = nullptr;
    AVPacket* packet = nullptr;
    ~Decoding() {
        av_packet_free(&packet);
        av_frame_free(&frame);
        avcodec_free_context(&context);
        avformat_close_input(&format);
    }
};

std::vector<uint8_t> toBgra(const AVFrame* frame) {
    SwsContext* scaler = sws_getContext(
        frame->width, frame->height, static_cast<AVPixelFormat>(frame->format), frame->width,
        frame->height, AV_PIX_FMT_BGRA, SWS_POINT, nullptr, nullptr, nullptr);
    // Back to RGB with the matrix the file says it was made with (LoopLab writes BT.709).
    if (frame->colorspace == AVCOL_SPC_BT709) {
        const int* bt709 = sws_getCoefficients(SWS_CS_ITU709);
        sws_setColorspaceDetails(scaler, bt709, frame->color_range == AVCOL_RANGE_JPEG, bt709, 1, 0,
                                 1 << 16, 1 << 16);
    }
    std::vector<uint8_t> pixels(static_cast<size_t>(frame->width) * frame->height * 4, 0);
    uint8_t* planes[4] = {pixels.data(), nullptr, nullptr, nullptr};
    int strides[4] = {frame->width * 4, 0, 0, 0};
    sws_scale(scaler, frame->data, frame->linesize, 0, frame->height, planes, strides);
    sws_freeContext(scaler);
    return pixels;
}

uint64_t fnv1a(const std::vector<uint8_t>& bytes) {
    uint64_t hash = 14695981039346656037ull;
    for (uint8_t byte : bytes)
        hash = (hash ^ byte) * 1099511628211ull;
    return hash;
}

} // namespace

VideoProbe VideoProbe::read(const std::string& path, int keepFrame, bool hashFrames) {
    VideoProbe probe;
    Decoding d;
    if (avformat_open_input(&d.format, path.c_str(), nullptr, nullptr) < 0 ||
        avformat_find_stream_info(d.format, nullptr) < 0) {
        probe.error = "cannot open " + path;
        return probe;
    }
    const AVCodec* decoder = nullptr;
    const int stream = av_find_best_stream(d.format, AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0);
    if (stream < 0 || !decoder) {
        probe.error = "no video stream in " + path;
        return probe;
    }
    d.context = avcodec_alloc_context3(decoder);
    avcodec_parameters_to_context(d.context, d.format->streams[stream]->codecpar);
    if (avcodec_open2(d.context, decoder, nullptr) < 0) {
        probe.error = "cannot decode " + path;
        return probe;
    }
    probe.codec = decoder->name;
    const AVRational rate = d.format->streams[stream]->avg_frame_rate;
    probe.fps = rate.den ? av_q2d(rate) : 0;
    d.frame = av_frame_alloc();
    d.packet = av_packet_alloc();
    auto drain = [&] {
        while (avcodec_receive_frame(d.context, d.frame) >= 0) {
            probe.width = d.frame->width;
            probe.height = d.frame->height;
            if (probe.frames == keepFrame)
                probe.kept = toBgra(d.frame);
            if (hashFrames)
                probe.hashes.push_back(fnv1a(toBgra(d.frame)));
            ++probe.frames;
            av_frame_unref(d.frame);
        }
    };
    while (av_read_frame(d.format, d.packet) >= 0) {
        if (d.packet->stream_index == stream && avcodec_send_packet(d.context, d.packet) >= 0)
            drain();
        av_packet_unref(d.packet);
    }
    avcodec_send_packet(d.context, nullptr);
    drain();
    probe.ok = true;
    return probe;
}

} // namespace looplab
