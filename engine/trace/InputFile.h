#pragma once
// Checks a file before LoopLab reads it, so that whatever a user opens (a folder, a FIFO,
// /dev/zero, a 2 GB file, a binary, a trace where a program is expected) gives one clear
// sentence at once instead of a hang, a crash or an "internal error". Shared by `looplab run`,
// `export`, `check-lesson` and the window.

#include <cstdint>
#include <string>

namespace looplab {

// The largest program or lesson LoopLab reads: far beyond any program written by hand.
inline constexpr int64_t kMaxProgramBytes = 4 * 1024 * 1024;
// The largest trace it reads (traces of long runs are big, but not without bound).
inline constexpr int64_t kMaxTraceBytes = int64_t(2) * 1024 * 1024 * 1024;

enum class InputKind {
    Program,       // a Python program or lesson
    Trace,         // a LoopLab trace (JSON)
    ProgramOrTrace // either: the window and `looplab export` take both
};

// What is wrong with `path` as an input of `kind`, as a sentence that starts with the path
// ("prog.py is a folder, not a file"); empty when it can be read. Never blocks: the file is
// checked with stat() before it is opened, so a FIFO or a device is never opened.
std::string inputFileProblem(const std::string& path, InputKind kind);

// Whether the file starts like a LoopLab trace ({"format":"looplab-trace", ...}); false for
// anything that cannot be read.
bool isTraceFile(const std::string& path);

} // namespace looplab
