#pragma once
// Reading and writing pipes between `looplab run` and its worker, with the two loops every such
// descriptor needs: a read or write cut short by a signal (EINTR) is retried, and a write goes
// on until every byte is out.

#include <cerrno>
#include <cstddef>
#include <unistd.h>

namespace looplab {

// Writes all `size` bytes of `data` to `fd`. False when the descriptor refused (errno says why;
// a reader that went away gives EPIPE), with the rest unwritten.
inline bool writeAll(int fd, const char* data, size_t size) {
    while (size > 0) {
        const ssize_t put = write(fd, data, size);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            return false;
        data += put;
        size -= static_cast<size_t>(put);
    }
    return true;
}

// Reads `fd` until it would block (a non-blocking pipe), reaches its end or fails, handing each
// chunk to `take(const char* bytes, size_t size)` as it arrives.
template <typename Take> void readUntilBlocked(int fd, Take&& take) {
    char buffer[1 << 16];
    for (;;) {
        const ssize_t got = read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return;
        take(static_cast<const char*>(buffer), static_cast<size_t>(got));
    }
}

} // namespace looplab
