// video_probe FILE [FRAME OUT.png | --hashes]: prints "CODEC FRAMES WIDTHxHEIGHT FPS" of a video
// or GIF as FFmpeg decodes it; saves frame FRAME (from 0) as a PNG, or prints each frame's hash
// on a line of its own. For the walkthrough tests and for looking at what `looplab export` wrote.

#include "VideoProbe.h"

#include <QImage>

#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
    const bool hashes = argc == 3 && std::string(argv[2]) == "--hashes";
    if (argc != 2 && argc != 4 && !hashes) {
        std::fprintf(stderr, "usage: video_probe FILE [FRAME OUT.png | --hashes]\n");
        return 2;
    }
    const int keep = argc == 4 ? std::atoi(argv[2]) : -1;
    const looplab::VideoProbe probe = looplab::VideoProbe::read(argv[1], keep, hashes);
    if (!probe.ok) {
        std::fprintf(stderr, "video_probe: %s\n", probe.error.c_str());
        return 1;
    }
    std::printf("%s %d %dx%d %g\n", probe.codec.c_str(), probe.frames, probe.width, probe.height,
                probe.fps);
    for (uint64_t hash : probe.hashes)
        std::printf("%016llx\n", static_cast<unsigned long long>(hash));
    if (argc == 4) {
        if (probe.kept.empty()) {
            std::fprintf(stderr, "video_probe: there is no frame %d\n", keep);
            return 1;
        }
        const QImage image(probe.kept.data(), probe.width, probe.height, probe.width * 4,
                           QImage::Format_RGB32);
        if (!image.save(QString::fromLocal8Bit(argv[3]))) {
            std::fprintf(stderr, "video_probe: cannot write %s\n", argv[3]);
            return 1;
        }
    }
    return 0;
}
