#include "QuietStreams.h"

#include <cstdlib>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace looplab {

namespace {

std::string temporaryFolder() {
    const char* folder = std::getenv("TMPDIR");
    return folder && *folder ? folder : "/tmp";
}

} // namespace

bool isCharacterDevice(const char* path) {
    struct stat info {};
    return stat(path, &info) == 0 && S_ISCHR(info.st_mode);
}

bool isNullDevice(const char* path) {
    struct stat info {};
    return stat(path, &info) == 0 && S_ISCHR(info.st_mode) && major(info.st_rdev) == 1 &&
           minor(info.st_rdev) == 3;
}

int openEmptyInput() {
    int ends[2];
    if (pipe(ends) != 0)
        return -1;
    close(ends[1]);
    return ends[0];
}

int openDiscardingOutput(const char* nullPath) {
    if (isNullDevice(nullPath)) {
        if (const int fd = open(nullPath, O_WRONLY); fd >= 0)
            return fd;
    }
    const std::string folder = temporaryFolder();
    if (const int fd = open(folder.c_str(), O_TMPFILE | O_WRONLY, 0600); fd >= 0)
        return fd;
    // A file system without O_TMPFILE: a private file, unlinked at once.
    std::string name = folder + "/looplab-discard-XXXXXX";
    const int fd = mkstemp(name.data());
    if (fd >= 0)
        unlink(name.c_str());
    return fd;
}

} // namespace looplab
