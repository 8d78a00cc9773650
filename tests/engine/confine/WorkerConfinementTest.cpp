// The kernel's side of the confinement, with no Python in the way: a forked child confines
// itself as the worker does, then tries each way out with raw system calls and reports errno.
#include "WorkerConfinement.h"
#include "ConfinementSupport.h"
#include "ScratchFolder.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <pthread.h>
#include <sstream>
#include <string>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace looplab {
namespace {

namespace fs = std::filesystem;

// 0 when the call worked, else its errno.
int outcome(long result) {
    return result >= 0 ? 0 : errno;
}

class WorkerConfinementTest : public ::testing::Test {
  protected:
    void SetUp() override {
        support = confinementSupport();
        if (!support.complete())
            GTEST_SKIP() << "this kernel cannot confine: " << support.notice();
        home = fs::temp_directory_path() / ("looplab-home-" + std::to_string(getpid()));
        fs::create_directories(home);
        std::ofstream(home / "secret.txt") << "s3cret";
    }
    void TearDown() override { fs::remove_all(home); }

    // Runs the probes in a confined child; returns each probe's errno by name.
    std::map<std::string, int> probe() {
        int channel[2];
        EXPECT_EQ(pipe(channel), 0);
        const int inherited = open("/dev/null", O_RDONLY); // must not reach the worker
        const pid_t child = fork();
        if (child == 0) {
            close(channel[0]);
            const ConfinementPlan plan =
                planConfinement("/usr/share/doc/x.py", "", scratch.path(), home.string());
            const std::string problem = confineWorker(plan, support, {}, {channel[1]});
            std::ostringstream out;
            out << "confined " << (problem.empty() ? 0 : 1) << '\n';
            // First, before a probe's open() takes the number again.
            out << "inherited_fd " << outcome(fcntl(inherited, F_GETFD)) << '\n';
            const std::string secret = (home / "secret.txt").string();
            out << "read_home " << outcome(open(secret.c_str(), O_RDONLY)) << '\n';
            out << "write_home " << outcome(open((home / "new").c_str(), O_CREAT | O_WRONLY, 0600))
                << '\n';
            out << "unlink_home " << outcome(unlink(secret.c_str())) << '\n';
            out << "read_etc " << outcome(open("/etc/passwd", O_RDONLY)) << '\n';
            out << "read_usr " << outcome(open("/usr/lib/os-release", O_RDONLY)) << '\n';
            out << "write_scratch "
                << outcome(open((scratch.path() + "/f").c_str(), O_CREAT | O_WRONLY, 0600)) << '\n';
            out << "socket_inet " << outcome(socket(AF_INET, SOCK_STREAM, 0)) << '\n';
            out << "socket_unix " << outcome(socket(AF_UNIX, SOCK_STREAM, 0)) << '\n';
            out << "fork " << outcome(syscall(SYS_fork)) << '\n';
            char* const argv[] = {const_cast<char*>("/bin/true"), nullptr};
            out << "execve " << outcome(execve("/bin/true", argv, environ)) << '\n';
            out << "kill_parent " << outcome(kill(getppid(), 0)) << '\n';
            out << "kill_self " << outcome(kill(getpid(), 0)) << '\n';
            pthread_t thread;
            const int made = pthread_create(
                &thread, nullptr, [](void*) -> void* { return nullptr; }, nullptr);
            if (made == 0)
                pthread_join(thread, nullptr);
            out << "thread " << made << '\n';
            const char* envHome = std::getenv("HOME");
            out << "home_is_scratch " << (envHome && scratch.path() == envHome ? 0 : 1) << '\n';
            const std::string text = out.str();
            [[maybe_unused]] ssize_t written = write(channel[1], text.data(), text.size());
            _exit(0);
        }
        close(channel[1]);
        close(inherited);
        std::string text;
        char buffer[4096];
        for (ssize_t got; (got = read(channel[0], buffer, sizeof buffer)) > 0;)
            text.append(buffer, static_cast<size_t>(got));
        close(channel[0]);
        int status = 0;
        waitpid(child, &status, 0);
        std::map<std::string, int> results;
        std::istringstream lines(text);
        std::string name;
        int value = 0;
        while (lines >> name >> value)
            results[name] = value;
        return results;
    }

    ConfinementSupport support;
    ScratchFolder scratch;
    fs::path home;
};

TEST_F(WorkerConfinementTest, TheKernelRefusesEveryWayOut) {
    const std::map<std::string, int> results = probe();
    ASSERT_EQ(results.at("confined"), 0);
    EXPECT_EQ(results.at("read_home"), EACCES);
    EXPECT_EQ(results.at("write_home"), EACCES);
    EXPECT_EQ(results.at("unlink_home"), EACCES);
    EXPECT_EQ(results.at("read_etc"), EACCES);
    EXPECT_EQ(results.at("socket_inet"), EPERM);
    EXPECT_EQ(results.at("socket_unix"), EPERM);
    EXPECT_EQ(results.at("fork"), EPERM);
    EXPECT_EQ(results.at("execve"), EPERM);
    EXPECT_EQ(results.at("kill_parent"), EPERM);
    EXPECT_EQ(results.at("inherited_fd"), EBADF);
    // What a program needs still works.
    EXPECT_EQ(results.at("read_usr"), 0);
    EXPECT_EQ(results.at("write_scratch"), 0);
    EXPECT_EQ(results.at("kill_self"), 0);
    EXPECT_EQ(results.at("thread"), 0);
    EXPECT_EQ(results.at("home_is_scratch"), 0);
    // And the user's files are as they were.
    EXPECT_TRUE(fs::exists(home / "secret.txt"));
    EXPECT_FALSE(fs::exists(home / "new"));
}

TEST(ScratchFolder, IsPrivateAndGoesAwayWithWhatIsInIt) {
    std::string path;
    {
        const ScratchFolder scratch;
        path = scratch.path();
        ASSERT_FALSE(path.empty());
        EXPECT_EQ(fs::status(path).permissions(), fs::perms::owner_all);
        fs::create_directories(path + "/a/b");
        std::ofstream(path + "/a/b/f.txt") << "x";
        // A link out of the folder is removed, and what it points to is left alone.
        fs::create_directory_symlink(fs::temp_directory_path(), path + "/out");
    }
    EXPECT_FALSE(fs::exists(path));
    EXPECT_TRUE(fs::exists(fs::temp_directory_path()));
}

TEST(ScratchFolder, FoldersOfProcessesThatAreGoneAreRemovedNextTime) {
    // A folder named after a process that no longer exists (a child that exited and was
    // reaped), and one of this live process: only the first goes.
    const pid_t gone = fork();
    if (gone == 0)
        _exit(0);
    waitpid(gone, nullptr, 0);
    const fs::path base = fs::temp_directory_path();
    const fs::path orphan = base / ("looplab-run-" + std::to_string(gone) + "-test01");
    const fs::path alive = base / ("looplab-run-" + std::to_string(getpid()) + "-test02");
    fs::create_directories(orphan / "inside");
    fs::create_directories(alive);
    {
        const ScratchFolder scratch;
        EXPECT_FALSE(fs::exists(orphan));
        EXPECT_TRUE(fs::exists(alive));
        EXPECT_NE(scratch.path().find("looplab-run-" + std::to_string(getpid()) + "-"),
                  std::string::npos);
    }
    fs::remove_all(alive);
}

} // namespace
} // namespace looplab
