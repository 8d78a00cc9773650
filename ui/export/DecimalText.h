#pragma once
// Exact decimal text for integer nanoseconds. The exports write seconds (CSV) and
// microseconds (Chrome trace) as fixed-point text straight from the integer, never through a
// double, so every value reads back to the very nanosecond it came from and two segments that
// touch in the model still touch in the file.

#include <charconv>
#include <cstdint>
#include <string>

namespace looplab {

// Appends value / 10^decimals (decimals from 0 to 18) in plain notation, e.g. 1500000001 with
// 9 decimals is "1.500000001". With trimZeros the fraction's trailing zeros go, and the dot
// with them when nothing is left ("1.5", "2"); without, the fraction always has all digits.
inline void appendScaled(std::string& out, int64_t value, int decimals, bool trimZeros) {
    // Work on the magnitude as unsigned so INT64_MIN has no overflow.
    uint64_t magnitude =
        value < 0 ? ~static_cast<uint64_t>(value) + 1 : static_cast<uint64_t>(value);
    if (value < 0)
        out += '-';
    uint64_t scale = 1;
    for (int i = 0; i < decimals; ++i)
        scale *= 10;
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, magnitude / scale).ptr;
    out.append(digits, end);
    if (decimals == 0)
        return;
    uint64_t fraction = magnitude % scale;
    int width = decimals;
    if (trimZeros) {
        if (fraction == 0)
            return;
        while (fraction % 10 == 0) {
            fraction /= 10;
            --width;
        }
    }
    char text[20];
    for (int i = width - 1; i >= 0; --i) {
        text[i] = static_cast<char>('0' + fraction % 10);
        fraction /= 10;
    }
    out += '.';
    out.append(text, static_cast<size_t>(width));
}

} // namespace looplab
