#include "TraceCopy.h"

#include "DescriptorIo.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <string_view>
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

void TraceCopy::noteProgress(const char* data, ssize_t size) {
    const char* lastLine = nullptr;
    for (const char* at = data; at < data + size; ++at) {
        if (*at == '\n') {
            ++events_;
            lastLine = at + 1;
        }
    }
    // Every event starts {"e":"…","t":N: the time of the last one that began in this chunk.
    if (!lastLine)
        return;
    const std::string_view rest(lastLine, static_cast<size_t>(data + size - lastLine));
    const size_t key = rest.find("\"t\":");
    if (key == std::string_view::npos)
        return;
    int64_t t = 0;
    const char* digits = rest.data() + key + 4;
    const auto parsed = std::from_chars(digits, rest.data() + rest.size(), t);
    if (parsed.ec == std::errc())
        lastTimeNs_ = t;
}

void TraceCopy::copyFrom(int fd) {
    // Until it would block, or the worker closed its end.
    readUntilBlocked(fd, [this](const char* bytes, size_t got) {
        noteProgress(bytes, static_cast<ssize_t>(got));
        if (fd_ >= 0 && problem_.empty() && !writeAll(fd_, bytes, got))
            problem_ = std::strerror(errno);
    });
}

bool TraceCopy::commit() {
    if (!wanted())
        return true;
    if (!problem_.empty() || fd_ < 0 || !usable_)
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

namespace looplab {

namespace {

constexpr const char* kEventsOpen = "\"events\":[\n";

// The file's text from `from` on.
std::string readFrom(int fd, off_t from) {
    std::string text;
    char buffer[1 << 16];
    for (off_t at = from;;) {
        const ssize_t got = pread(fd, buffer, sizeof buffer, at);
        if (got <= 0)
            return text;
        text.append(buffer, static_cast<size_t>(got));
        at += got;
    }
}

} // namespace

bool TraceCopy::closeCutOff(const std::string& endInfoJson) {
    if (!wanted() || fd_ < 0 || !problem_.empty())
        return false;
    const off_t size = lseek(fd_, 0, SEEK_END);
    // Events are one per line; the last whole one is all that is needed, so read only the tail
    // (the header, though, must be seen once: it can be long, with many loops).
    constexpr off_t kTail = 8 << 20;
    const off_t from = size > kTail ? size - kTail : 0;
    const std::string text = readFrom(fd_, from);
    if (text.size() >= 4 && text.compare(text.size() - 4, 4, "\n]}\n") == 0)
        return true; // closed by the worker itself
    const size_t eventsOpen = from == 0 ? text.find(kEventsOpen) : 0;
    if (from == 0 && eventsOpen == std::string::npos) {
        usable_ = false; // not even the header: nothing to show
        return false;
    }
    const size_t firstEvent = from == 0 ? eventsOpen + std::strlen(kEventsOpen) : 0;
    // Walk back over lines until one is a whole event.
    size_t end = text.size();
    int64_t lastTime = 0;
    bool anyEvent = false;
    while (end > firstEvent) {
        const size_t lineStart = text.rfind('\n', end - 1);
        const size_t start =
            lineStart == std::string::npos || lineStart < firstEvent ? firstEvent : lineStart + 1;
        std::string line = text.substr(start, end - start);
        const nlohmann::json event = nlohmann::json::parse(line, nullptr, false);
        if (!event.is_discarded() && event.is_object()) {
            lastTime = event.value("t", int64_t(0));
            anyEvent = true;
            break;
        }
        // A cut-off event, and the ",\n" before it.
        end = start >= firstEvent + 2 ? start - 2 : firstEvent;
    }
    if (ftruncate(fd_, from + static_cast<off_t>(end)) != 0) {
        problem_ = std::strerror(errno);
        return false;
    }
    lseek(fd_, 0, SEEK_END);
    const std::string close = std::string(anyEvent ? ",\n" : "") +
                              "{\"e\":\"end\",\"t\":" + std::to_string(lastTime) +
                              ",\"info\":" + endInfoJson + "}\n]}\n";
    if (write(fd_, close.data(), close.size()) != static_cast<ssize_t>(close.size())) {
        problem_ = std::strerror(errno);
        return false;
    }
    return true;
}

} // namespace looplab
