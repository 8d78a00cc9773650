#include "ScratchFolder.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace looplab {

namespace {

constexpr const char* kPrefix = "looplab-run-";

// Folders of earlier runs whose `looplab run` was killed before it could remove them (a kill
// -9, a crash of the app): named after that process, they go once it is gone.
void removeOrphans(const std::string& base) {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(base, error)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(kPrefix, 0) != 0)
            continue;
        const long pid = std::strtol(name.c_str() + std::strlen(kPrefix), nullptr, 10);
        struct stat info {};
        if (pid <= 0 || lstat(entry.path().c_str(), &info) != 0 || !S_ISDIR(info.st_mode) ||
            info.st_uid != getuid())
            continue;
        if (kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
            std::error_code ignored;
            std::filesystem::remove_all(entry.path(), ignored);
        }
    }
}

} // namespace

ScratchFolder::ScratchFolder() {
    std::error_code error;
    std::string base = std::filesystem::temp_directory_path(error).string();
    if (error || base.empty())
        base = "/tmp";
    removeOrphans(base);
    std::string pattern = base + "/" + kPrefix + std::to_string(getpid()) + "-XXXXXX";
    if (mkdtemp(pattern.data()))
        path_ = pattern;
}

ScratchFolder::~ScratchFolder() {
    if (path_.empty())
        return;
    std::error_code ignored; // a file the program made unremovable is left for the system
    std::filesystem::remove_all(path_, ignored);
}

} // namespace looplab
