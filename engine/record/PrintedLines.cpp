#include "PrintedLines.h"

#include "DescriptorIo.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace looplab {

namespace {

constexpr size_t kHeaderSize = sizeof(int64_t) + sizeof(uint32_t);

void sendFrame(int fd, int64_t stampNs, std::string_view text) {
    if (fd < 0)
        return;
    // One write per frame, so a frame is never split by another writer's bytes.
    std::string frame(kHeaderSize + text.size(), '\0');
    const auto size = static_cast<uint32_t>(text.size());
    std::memcpy(frame.data(), &stampNs, sizeof stampNs);
    std::memcpy(frame.data() + sizeof stampNs, &size, sizeof size);
    if (!text.empty()) // an empty view may have no data pointer at all
        std::memcpy(frame.data() + kHeaderSize, text.data(), text.size());
    writeAll(fd, frame.data(), frame.size()); // a parent gone away: nothing more to do
}

std::string formatStamp(int64_t stampNs) {
    const int64_t ms = stampNs / 1'000'000;
    char text[32];
    std::snprintf(text, sizeof text, "[%lld.%03lld] ", static_cast<long long>(ms / 1000),
                  static_cast<long long>(ms % 1000));
    return text;
}

} // namespace

void sendPrintedLine(int fd, int64_t stampNs, std::string_view text) {
    sendFrame(fd, stampNs, text);
}

void sendOutputRendered(int fd) {
    sendFrame(fd, -1, {});
}

void PrintedLines::readFrom(int fd) {
    readUntilBlocked(fd, [this](const char* bytes, size_t size) { take({bytes, size}); });
}

void PrintedLines::take(std::string_view bytes) {
    pending_.append(bytes);
    size_t at = 0;
    while (pending_.size() - at >= kHeaderSize) {
        int64_t stampNs = 0;
        uint32_t size = 0;
        std::memcpy(&stampNs, pending_.data() + at, sizeof stampNs);
        std::memcpy(&size, pending_.data() + at + sizeof stampNs, sizeof size);
        if (pending_.size() - at - kHeaderSize < size)
            break; // the rest of this frame is still on its way
        const std::string_view text(pending_.data() + at + kHeaderSize, size);
        if (stampNs == -1 && size == 0) {
            rendered_ = true;
        } else if (kept_ + static_cast<int64_t>(size) <= limit_) {
            lines_.push_back({stampNs, std::string(text)});
            kept_ += size;
        }
        at += kHeaderSize + size;
    }
    pending_.erase(0, at);
}

std::string PrintedLines::render(bool stamp) const {
    std::vector<const Line*> order;
    order.reserve(lines_.size());
    for (const Line& line : lines_)
        order.push_back(&line);
    std::stable_sort(order.begin(), order.end(),
                     [](const Line* a, const Line* b) { return a->stampNs < b->stampNs; });
    std::string out;
    for (const Line* line : order) {
        if (stamp)
            out += formatStamp(line->stampNs);
        out += line->text;
        out += '\n';
    }
    return out;
}

} // namespace looplab
