#include "TraceCopy.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace looplab {

TraceCopy::TraceCopy(std::string destination) : destination_(std::move(destination)) {
    if (destination_.empty())
        return;
    temporary_ = destination_ + ".XXXXXX";
    fd_ = mkstemp(temporary_.data());
    if (fd_ < 0) {
        problem_ = std::strerror(errno);
        temporary_.clear();
        return;
    }
    // mkstemp makes the file private; a trace is as readable as any file the user makes.
    const mode_t mask = umask(0);
    umask(mask);
    fchmod(fd_, 0666 & ~mask);
}

TraceCopy::~TraceCopy() {
    if (fd_ >= 0)
        close(fd_);
    if (!temporary_.empty())
        unlink(temporary_.c_str());
}

void TraceCopy::copyFrom(int fd) {
    char buffer[1 << 16];
    for (;;) {
        const ssize_t got = read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return; // would block, or the worker closed its end
        for (ssize_t done = 0; fd_ >= 0 && problem_.empty() && done < got;) {
            const ssize_t put = write(fd_, buffer + done, static_cast<size_t>(got - done));
            if (put < 0 && errno == EINTR)
                continue;
            if (put < 0)
                problem_ = std::strerror(errno);
            else
                done += put;
        }
    }
}

bool TraceCopy::commit() {
    if (!wanted())
        return true;
    if (!problem_.empty() || fd_ < 0)
        return false;
    const bool closed = close(fd_) == 0;
    fd_ = -1;
    if (!closed || std::rename(temporary_.c_str(), destination_.c_str()) != 0) {
        problem_ = std::strerror(errno);
        return false;
    }
    temporary_.clear();
    return true;
}

} // namespace looplab
