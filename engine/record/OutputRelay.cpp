#include "OutputRelay.h"

#include "DescriptorIo.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <initializer_list>
#include <unistd.h>

namespace looplab {

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
    readUntilBlocked(stream.read, [&](const char* bytes, size_t got) {
        const int64_t room = limit_ - stream.forwarded;
        if (room > 0) {
            const size_t kept = std::min(got, static_cast<size_t>(room));
            // A reader that went away (a closed pipe): nothing more to do with it.
            writeAll(stream.target, bytes, kept);
            stream.atLineStart = bytes[kept - 1] == '\n';
        }
        stream.forwarded += static_cast<int64_t>(got);
        if (stream.forwarded > limit_)
            flooded_ = true;
    });
}

} // namespace looplab
