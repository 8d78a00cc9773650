#pragma once
// Reads a video or GIF back with FFmpeg's decoders, for tests: how many frames, their size,
// and any frame as BGRA pixels (to compare colours or save as PNG to look at).

#include <cstdint>
#include <string>
#include <vector>

namespace looplab {

struct VideoProbe {
    bool ok = false;
    std::string error;
    std::string codec; // the decoder's name: h264, vp9, gif
    int frames = 0;
    int width = 0;
    int height = 0;
    double fps = 0; // the stream's average frame rate
    // The frame asked for (keepFrame >= 0), width × height × 4 bytes of BGRA.
    std::vector<uint8_t> kept;
    // With hashFrames: an FNV-1a hash of each frame's BGRA pixels, to tell equal frames apart.
    std::vector<uint64_t> hashes;

    static VideoProbe read(const std::string& path, int keepFrame = -1, bool hashFrames = false);
};

} // namespace looplab
