#pragma once
// Descriptors for a worker's standard streams when they must carry nothing: an input that is
// at its end from the start, and an output that goes nowhere.
//
// Why not simply /dev/null: on some machines (containers, broken images) /dev/null is an
// ordinary file that every process writing "to /dev/null" appends to or truncates. Reading it
// then gives another program's output, and writing to it hands ours to whoever reads it next.
// A run must never see or leak another run's output, so /dev/null is used only when it is
// the real null device (character device 1:3).

namespace looplab {

// Whether path is a character device (stat, following links); false when it cannot be read.
bool isCharacterDevice(const char* path);

// Whether path is the kernel's null device (character device, major 1, minor 3).
bool isNullDevice(const char* path);

// The read end of a pipe whose write end is already closed: every read gives end-of-file at
// once. Close-on-exec is not set. -1 (errno set) when no pipe can be made.
int openEmptyInput();

// A write-only descriptor whose bytes nobody reads: nullPath when it is the null device, else
// an unnamed private file in the temporary folder (O_TMPFILE, or a made and unlinked one), gone
// when the descriptor is closed. -1 (errno set) when neither can be opened.
int openDiscardingOutput(const char* nullPath = "/dev/null");

} // namespace looplab
