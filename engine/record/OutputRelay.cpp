#include "OutputRelay.h"

#include <cerrno>
#include <fcntl.h>
#include <initializer_list>
#include <unistd.h>

namespace looplab {

namespace {

void writeAll(int fd, const char* data, ssize_t size) {
    while (size > 0) {
        const ssize_t put = write(fd, data, static_cast<size_t>(size));
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            return; // the reader went away (a closed pipe): nothing more to do with it
        data += put;
        size -= put;
    }
}

} // namespace

OutputRelay::~OutputRelay() {
    for (Stream* stream : {&out_, &err_}) {
        if (stream->read >= 0)
            close(stream->read);
        if (stream->write >= 0)
            close(stream->write);
    }
}

bool OutputRelay::open() {
    out_.target = STDOUT_FILENO;
    err_.target = STDERR_FILENO;
    for (Stream* stream : {&out_, &err_}) {
        int ends[2];
        if (pipe2(ends, O_CLOEXEC) != 0)
            return false;
        stream->read = ends[0];
        stream->write = ends[1];
        fcntl(stream->read, F_SETFL, O_NONBLOCK);
    }
    return true;
}

void OutputRelay::attachInWorker() {
    dup2(out_.write, STDOUT_FILENO); // dup2 clears close-on-exec on the copies
    dup2(err_.write, STDERR_FILENO);
    for (Stream* stream : {&out_, &err_}) {
        close(stream->read);
        close(stream->write);
        stream->read = stream->write = -1;
    }
}

void OutputRelay::detachInParent() {
    for (Stream* stream : {&out_, &err_}) {
        close(stream->write);
        stream->write = -1;
    }
}

void OutputRelay::pump() {
    pump(out_);
    pump(err_);
}

void OutputRelay::pump(Stream& stream) {
    char buffer[1 << 16];
    for (;;) {
        const ssize_t got = read(stream.read, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return;
        const int64_t room = limit_ - stream.forwarded;
        if (room > 0) {
            const ssize_t kept = got < room ? got : static_cast<ssize_t>(room);
            writeAll(stream.target, buffer, kept);
            stream.atLineStart = buffer[kept - 1] == '\n';
        }
        stream.forwarded += got;
        if (stream.forwarded > limit_)
            flooded_ = true;
    }
}

} // namespace looplab
