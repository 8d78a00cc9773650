// VideoEncoder against FFmpeg's own decoders: frames of known colours go in as BGRA, and the
// file read back has as many frames, of the size asked, with those colours.

#include "VideoEncoder.h"
#include "VideoProbe.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <unistd.h>

namespace looplab {
namespace {

struct Colour {
    uint8_t r, g, b;
};

// Frame i is one flat colour that changes with i, so a frame read back says which it was.
Colour colourOf(int i) {
    return {static_cast<uint8_t>(40 + 12 * i), static_cast<uint8_t>(200 - 9 * i),
            static_cast<uint8_t>(i % 2 ? 220 : 30)};
}

std::vector<uint8_t> flatFrame(int width, int height, Colour c) {
    std::vector<uint8_t> pixels(static_cast<size_t>(width) * height * 4);
    for (size_t p = 0; p < pixels.size(); p += 4) {
        pixels[p] = c.b;
        pixels[p + 1] = c.g;
        pixels[p + 2] = c.r;
        pixels[p + 3] = 255;
    }
    return pixels;
}

std::string scratchPath(const std::string& name) {
    const char* tmp = std::getenv("TMPDIR");
    return std::string(tmp ? tmp : "/tmp") + "/looplab-video-" + std::to_string(getpid()) + "-" +
           name;
}

void writeFrames(const std::string& path, int width, int height, int fps, int count) {
    VideoEncoder encoder;
    std::string error;
    ASSERT_TRUE(encoder.open({path, width, height, fps}, &error)) << error;
    for (int i = 0; i < count; ++i) {
        const std::vector<uint8_t> frame = flatFrame(width, height, colourOf(i));
        ASSERT_TRUE(encoder.addFrame(frame.data(), width * 4, &error)) << error;
    }
    ASSERT_TRUE(encoder.finish(&error)) << error;
    EXPECT_EQ(encoder.framesWritten(), count);
}

void expectColour(const VideoProbe& probe, Colour c, int tolerance) {
    ASSERT_FALSE(probe.kept.empty());
    const size_t centre =
        (static_cast<size_t>(probe.height / 2) * probe.width + probe.width / 2) * 4;
    EXPECT_NEAR(probe.kept[centre + 2], c.r, tolerance);
    EXPECT_NEAR(probe.kept[centre + 1], c.g, tolerance);
    EXPECT_NEAR(probe.kept[centre], c.b, tolerance);
}

class VideoFormat : public testing::TestWithParam<const char*> {};

TEST_P(VideoFormat, DecodesToEveryFrameAtTheSizeAsked) {
    const std::string format = GetParam();
    const std::string path = scratchPath("frames." + format);
    writeFrames(path, 322, 242, 5, 15);
    const VideoProbe probe = VideoProbe::read(path, 7);
    std::remove(path.c_str());
    ASSERT_TRUE(probe.ok) << probe.error;
    EXPECT_EQ(probe.codec, format == "mp4" ? "h264" : format == "webm" ? "vp9" : "gif");
    EXPECT_EQ(probe.frames, 15);
    EXPECT_EQ(probe.width, 322);
    EXPECT_EQ(probe.height, 242);
    // Lossy 4:2:0 video is within a few levels of the colour; the GIF's palette has it exactly.
    expectColour(probe, colourOf(7), format == "gif" ? 0 : 6);
}

INSTANTIATE_TEST_SUITE_P(Formats, VideoFormat, testing::Values("mp4", "webm", "gif"));

TEST(VideoEncoder, GifIsAnAnimatedGifThatLoops) {
    const std::string path = scratchPath("loop.gif");
    writeFrames(path, 33, 21, 10, 4); // a GIF takes odd sizes
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::remove(path.c_str());
    ASSERT_GE(bytes.size(), 13u);
    EXPECT_EQ(bytes.substr(0, 6), "GIF89a");
    EXPECT_EQ(static_cast<uint8_t>(bytes[6]), 33); // logical screen width, little-endian
    EXPECT_EQ(static_cast<uint8_t>(bytes[8]), 21);
    EXPECT_NE(bytes.find("NETSCAPE2.0"), std::string::npos); // the loop extension
    // One graphic control extension (its delay: 10 fps = 10 hundredths) per frame.
    int controls = 0;
    for (size_t at = bytes.find("\x21\xF9\x04"); at != std::string::npos;
         at = bytes.find("\x21\xF9\x04", at + 1)) {
        ++controls;
        EXPECT_EQ(static_cast<uint8_t>(bytes[at + 4]), 10);
    }
    EXPECT_EQ(controls, 4);
}

TEST_P(VideoFormat, ARepeatedFrameIsThePreviousPicture) {
    const std::string format = GetParam();
    const std::string path = scratchPath("repeat." + format);
    {
        VideoEncoder encoder;
        std::string error;
        ASSERT_TRUE(encoder.open({path, 64, 48, 10}, &error)) << error;
        // Frames 0, 1, 1, 1, 4: the repeats are frame 1 again, and frame 4 follows them.
        for (int i : {0, 1, -1, -1, 4}) {
            const std::vector<uint8_t> frame = flatFrame(64, 48, colourOf(i));
            ASSERT_TRUE(i < 0 ? encoder.repeatFrame(&error)
                              : encoder.addFrame(frame.data(), 64 * 4, &error))
                << error;
        }
        ASSERT_TRUE(encoder.finish(&error)) << error;
    }
    const int tolerance = format == "gif" ? 0 : 6;
    for (auto [index, colour] : {std::pair{1, 1}, {2, 1}, {3, 1}, {4, 4}}) {
        const VideoProbe probe = VideoProbe::read(path, index);
        ASSERT_TRUE(probe.ok) << probe.error;
        EXPECT_EQ(probe.frames, 5);
        SCOPED_TRACE("frame " + std::to_string(index));
        expectColour(probe, colourOf(colour), tolerance);
    }
    std::remove(path.c_str());
}

TEST(VideoEncoder, FormatFollowsTheExtension) {
    EXPECT_EQ(VideoEncoder::formatOf("walk.MP4"), "mp4");
    EXPECT_EQ(VideoEncoder::formatOf("dir.webm/walk"), "");
    EXPECT_EQ(VideoEncoder::formatOf("walk.gif"), "gif");
    EXPECT_EQ(VideoEncoder::formatOf("walk.avi"), "");
}

TEST(VideoEncoder, RefusesWhatItCannotWriteInOneSentence) {
    EXPECT_EQ(VideoEncoder::settingsProblem({"walk.avi", 640, 480, 10}),
              "unknown extension (use .mp4, .webm or .gif)");
    EXPECT_EQ(VideoEncoder::settingsProblem({"walk.mp4", 641, 480, 10}),
              "a video's width and height must be even numbers");
    EXPECT_EQ(VideoEncoder::settingsProblem({"walk.gif", 641, 481, 10}), "");
    EXPECT_EQ(VideoEncoder::settingsProblem({"walk.webm", 640, 480, 0}),
              "the frame rate must be from 1 to 60 frames per second");

    VideoEncoder encoder;
    std::string error;
    EXPECT_FALSE(encoder.open({"/nonexistent-looplab-folder/walk.mp4", 640, 480, 10}, &error));
    EXPECT_EQ(error,
              "cannot write /nonexistent-looplab-folder/walk.mp4: No such file or directory");
}

TEST(VideoEncoder, AnUnfinishedFilmIsRemoved) {
    const std::string path = scratchPath("cancelled.mp4");
    {
        VideoEncoder encoder;
        std::string error;
        ASSERT_TRUE(encoder.open({path, 64, 64, 10}, &error)) << error;
        const std::vector<uint8_t> frame = flatFrame(64, 64, colourOf(1));
        ASSERT_TRUE(encoder.addFrame(frame.data(), 64 * 4, &error)) << error;
        EXPECT_EQ(access(path.c_str(), F_OK), 0);
    } // cancelled: destroyed before finish()
    EXPECT_NE(access(path.c_str(), F_OK), 0);
}

} // namespace
} // namespace looplab
