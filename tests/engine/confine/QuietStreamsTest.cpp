// The worker's quiet standard streams: an input at its end from the start, an output nobody
// reads, and never an ordinary file that stands where /dev/null should be.
#include "QuietStreams.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace looplab {
namespace {

namespace fs = std::filesystem;

std::string contentsOf(const fs::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

class QuietStreamsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        folder_ = fs::temp_directory_path() / ("looplab-quiet-" + std::to_string(getpid()));
        fs::remove_all(folder_);
        fs::create_directories(folder_);
        // What a machine with an ordinary file as /dev/null holds: another run's output.
        fakeNull_ = folder_ / "null";
        std::ofstream(fakeNull_) << "0.0 s: beat 0\n";
    }
    void TearDown() override { fs::remove_all(folder_); }

    fs::path folder_;
    fs::path fakeNull_;
};

TEST_F(QuietStreamsTest, EmptyInputGivesEndOfFileAtOnceEveryTime) {
    const int fd = openEmptyInput();
    ASSERT_GE(fd, 0);
    struct stat info {};
    ASSERT_EQ(fstat(fd, &info), 0);
    EXPECT_TRUE(S_ISFIFO(info.st_mode));
    char buffer[64];
    EXPECT_EQ(read(fd, buffer, sizeof buffer), 0);
    EXPECT_EQ(read(fd, buffer, sizeof buffer), 0);
    close(fd);
}

TEST_F(QuietStreamsTest, AnOrdinaryFileIsNeitherADeviceNorTheNullDevice) {
    struct Case {
        fs::path path;
        bool device;
    } const cases[] = {
        {fakeNull_, false},
        {folder_, false},
        {folder_ / "missing", false},
    };
    for (const Case& c : cases) {
        EXPECT_EQ(isCharacterDevice(c.path.c_str()), c.device) << c.path;
        EXPECT_FALSE(isNullDevice(c.path.c_str())) << c.path;
    }
}

TEST_F(QuietStreamsTest, DiscardedOutputNeverReachesAnOrdinaryFileInTheNullDevicesPlace) {
    const int fd = openDiscardingOutput(fakeNull_.c_str());
    ASSERT_GE(fd, 0);
    const std::string ours = "this run's output\n";
    EXPECT_EQ(write(fd, ours.data(), ours.size()), static_cast<ssize_t>(ours.size()));
    struct stat written {};
    struct stat other {};
    ASSERT_EQ(fstat(fd, &written), 0);
    ASSERT_EQ(stat(fakeNull_.c_str(), &other), 0);
    EXPECT_FALSE(written.st_dev == other.st_dev && written.st_ino == other.st_ino);
    EXPECT_EQ(written.st_nlink, 0u) << "the place for discarded bytes has no name";
    EXPECT_EQ(contentsOf(fakeNull_), "0.0 s: beat 0\n");
    close(fd);
}

} // namespace
} // namespace looplab
