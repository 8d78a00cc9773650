#pragma once
// A text held in 8 bytes, for the two texts of every TraceEvent (issue 17: a run of a million
// task steps is over six million events, and a std::string takes 32 bytes even when empty).
//
// Up to 7 bytes are kept inline ("step", "wake", "loop": most texts of a trace); a longer text
// is one heap block holding its size and its bytes. The bytes are any bytes (not only UTF-8);
// the text reads as a std::string_view, converts to std::string where one is needed, and
// compares with anything that reads as a string_view.

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace looplab {

class CompactText {
  public:
    CompactText() noexcept = default;
    CompactText(std::string_view text) { assign(text); } // NOLINT(google-explicit-constructor)
    CompactText(const std::string& text) : CompactText(std::string_view(text)) {} // NOLINT
    CompactText(const char* text) : CompactText(std::string_view(text)) {}        // NOLINT
    CompactText(const CompactText& other) { assign(other.view()); }
    CompactText(CompactText&& other) noexcept : bits_(other.bits_) { other.bits_ = 0; }
    CompactText& operator=(const CompactText& other) {
        if (this != &other) {
            CompactText copy(other);
            swap(copy);
        }
        return *this;
    }
    CompactText& operator=(CompactText&& other) noexcept {
        swap(other);
        return *this;
    }
    CompactText& operator=(std::string_view text) { return *this = CompactText(text); }
    CompactText& operator=(const std::string& text) { return *this = CompactText(text); }
    CompactText& operator=(const char* text) { return *this = CompactText(text); }
    ~CompactText() { release(); }

    void swap(CompactText& other) noexcept { std::swap(bits_, other.bits_); }

    std::string_view view() const {
        if (bits_ & kInlineTag)
            return {reinterpret_cast<const char*>(&bits_) + 1, (bits_ & 0xff) >> 1};
        const char* block = heapBlock();
        if (!block)
            return {};
        uint32_t size = 0;
        std::memcpy(&size, block, sizeof size);
        return {block + sizeof size, size};
    }
    operator std::string_view() const { return view(); } // NOLINT(google-explicit-constructor)
    operator std::string() const { return str(); }       // NOLINT(google-explicit-constructor)
    std::string str() const { return std::string(view()); }
    bool empty() const { return bits_ == 0; }
    size_t size() const { return view().size(); }

    // The few std::string reads that callers use, on the text's bytes.
    const char* data() const { return view().data(); }
    const char* begin() const { return data(); }
    const char* end() const { return data() + size(); }
    char operator[](size_t at) const { return view()[at]; }
    size_t find(std::string_view what, size_t from = 0) const { return view().find(what, from); }
    size_t find(char what, size_t from = 0) const { return view().find(what, from); }
    size_t rfind(char what, size_t from = std::string_view::npos) const {
        return view().rfind(what, from);
    }
    std::string substr(size_t from, size_t count = std::string_view::npos) const {
        return std::string(view().substr(from, count));
    }

    // One overload for each kind of operand, so that no comparison is ambiguous.
    friend bool operator==(const CompactText& a, const CompactText& b) {
        return a.view() == b.view();
    }
    friend bool operator==(const CompactText& a, std::string_view b) { return a.view() == b; }
    friend bool operator==(const CompactText& a, const std::string& b) { return a.view() == b; }
    friend bool operator==(const CompactText& a, const char* b) { return a.view() == b; }
    template <typename Other> friend bool operator==(const Other& a, const CompactText& b) {
        return b == a;
    }
    friend bool operator!=(const CompactText& a, const CompactText& b) { return !(a == b); }
    template <typename Other> friend bool operator!=(const CompactText& a, const Other& b) {
        return !(a == b);
    }
    template <typename Other> friend bool operator!=(const Other& a, const CompactText& b) {
        return !(b == a);
    }
    friend std::string operator+(const CompactText& a, std::string_view b) {
        std::string out = a.str();
        out.append(b);
        return out;
    }
    friend std::string operator+(std::string_view a, const CompactText& b) {
        std::string out(a);
        out.append(b.view());
        return out;
    }

    friend std::ostream& operator<<(std::ostream& out, const CompactText& text) {
        return out << text.view();
    }

  private:
    // x86-64 and AArch64 Linux are little-endian: the first byte is the low byte of bits_.
    // The low bit of the first byte tells the two layouts apart: a heap block's address is even
    // (malloc aligns to at least 8), an inline text's first byte is its size times two plus one.
    static constexpr uint64_t kInlineTag = 1;
    static constexpr size_t kInlineBytes = sizeof(uint64_t) - 1;

    const char* heapBlock() const { return reinterpret_cast<const char*>(bits_); }

    void assign(std::string_view text) {
        if (text.empty()) {
            bits_ = 0;
        } else if (text.size() <= kInlineBytes) {
            bits_ = (static_cast<uint64_t>(text.size()) << 1) | kInlineTag;
            std::memcpy(reinterpret_cast<char*>(&bits_) + 1, text.data(), text.size());
        } else {
            if (text.size() > UINT32_MAX)
                throw std::length_error("CompactText: a text of 4 GiB or more");
            const auto size = static_cast<uint32_t>(text.size());
            char* block = static_cast<char*>(std::malloc(sizeof size + text.size()));
            if (!block)
                throw std::bad_alloc();
            std::memcpy(block, &size, sizeof size);
            std::memcpy(block + sizeof size, text.data(), text.size());
            bits_ = reinterpret_cast<uint64_t>(block);
        }
    }
    void release() {
        if (bits_ != 0 && !(bits_ & kInlineTag))
            std::free(reinterpret_cast<char*>(bits_));
        bits_ = 0;
    }

    uint64_t bits_ = 0;
};

static_assert(sizeof(CompactText) == 8, "CompactText is one machine word");

} // namespace looplab
