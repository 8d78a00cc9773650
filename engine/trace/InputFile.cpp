#include "InputFile.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string_view>

namespace looplab {

namespace {

std::string megabytes(int64_t bytes) {
    return std::to_string(bytes / (1024 * 1024)) + " MB";
}

// The first `limit` bytes of a regular file (already checked).
std::string head(const std::string& path, size_t limit) {
    std::ifstream in(path, std::ios::binary);
    std::string text(limit, '\0');
    in.read(text.data(), static_cast<std::streamsize>(limit));
    text.resize(static_cast<size_t>(in.gcount()));
    return text;
}

bool startsLikeTrace(std::string_view text) {
    const size_t brace = text.find_first_not_of(" \t\r\n");
    if (brace == std::string_view::npos || text[brace] != '{')
        return false;
    const size_t key = text.find("\"format\"", brace);
    return key != std::string_view::npos && key < brace + 64 &&
           text.find("\"looplab-trace\"", key) != std::string_view::npos;
}

} // namespace

bool isTraceFile(const std::string& path) {
    struct stat info {};
    if (stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode))
        return false;
    return startsLikeTrace(head(path, 256));
}

std::string inputFileProblem(const std::string& path, InputKind kind) {
    struct stat info {};
    if (stat(path.c_str(), &info) != 0)
        return path + ": " + (errno == ENOENT ? std::string("no such file") : std::strerror(errno));
    if (S_ISDIR(info.st_mode))
        return path + " is a folder, not a file";
    if (!S_ISREG(info.st_mode))
        return path + " is not a regular file (a device, a pipe or a socket cannot be opened)";
    if (access(path.c_str(), R_OK) != 0)
        return path + " is not readable: " + std::strerror(errno);
    const bool trace = isTraceFile(path);
    if (kind == InputKind::Program && trace)
        return path + " is a LoopLab trace, not a program: open it in the window (looplab " + path +
               ") or export it (looplab export " + path + " -o OUT.png)";
    if (kind == InputKind::Trace && !trace)
        return path + " is not a LoopLab trace (it does not start with {\"format\": "
                      "\"looplab-trace\"})";
    const int64_t limit = trace ? kMaxTraceBytes : kMaxProgramBytes;
    if (info.st_size > limit)
        return path + " is too large for a " + (trace ? "trace" : "program") + " (" +
               megabytes(info.st_size) + "; LoopLab reads up to " + megabytes(limit) + ")";
    if (!trace && head(path, static_cast<size_t>(info.st_size)).find('\0') != std::string::npos)
        return path + " is not a Python program: it contains NUL bytes (a binary file?)";
    return {};
}

} // namespace looplab
