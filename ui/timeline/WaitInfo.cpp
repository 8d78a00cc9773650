#include "WaitInfo.h"

#include <cctype>
#include <cstdlib>

namespace looplab {

namespace {

// A cursor over the JSON text. Every method returns false on anything unexpected, and callers
// simply stop: a timeline with a missing wait kind is better than a crash on an odd trace.
class JsonCursor {
  public:
    explicit JsonCursor(const std::string& text) : text_(text) {}

    void skipSpace() {
        while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_])))
            ++pos_;
    }

    bool consume(char c) {
        skipSpace();
        if (pos_ >= text_.size() || text_[pos_] != c)
            return false;
        ++pos_;
        return true;
    }

    char peek() {
        skipSpace();
        return pos_ < text_.size() ? text_[pos_] : '\0';
    }

    bool readString(std::string& out) {
        out.clear();
        if (!consume('"'))
            return false;
        while (pos_ < text_.size()) {
            const char c = text_[pos_++];
            if (c == '"')
                return true;
            if (c == '\\' && pos_ < text_.size()) {
                const char escaped = text_[pos_++];
                if (escaped == 'u') {
                    pos_ += 4; // not needed for kinds or names we match on: keep a marker
                    out += '?';
                    continue;
                }
                out += escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped;
                continue;
            }
            out += c;
        }
        return false;
    }

    bool readNumber(int64_t& out) {
        skipSpace();
        const char* begin = text_.c_str() + pos_;
        char* end = nullptr;
        const long long value = std::strtoll(begin, &end, 10);
        if (end == begin)
            return false;
        pos_ += static_cast<size_t>(end - begin);
        // A fractional or exponent part means this is not an integer ns value; skip the rest.
        while (pos_ < text_.size() &&
               std::string(".eE+-0123456789").find(text_[pos_]) != std::string::npos)
            ++pos_;
        out = value;
        return true;
    }

    bool skipValue() {
        const char c = peek();
        if (c == '"') {
            std::string ignored;
            return readString(ignored);
        }
        if (c == '{' || c == '[') {
            const char close = c == '{' ? '}' : ']';
            ++pos_;
            if (consume(close))
                return true;
            do {
                if (close == '}') {
                    std::string key;
                    if (!readString(key) || !consume(':'))
                        return false;
                }
                if (!skipValue())
                    return false;
            } while (consume(','));
            return consume(close);
        }
        // A number or a literal (true, false, null): up to the next delimiter.
        const size_t start = pos_;
        while (pos_ < text_.size() &&
               std::string(",}] \t\r\n").find(text_[pos_]) == std::string::npos)
            ++pos_;
        return pos_ > start;
    }

    // Positions the cursor on the value of `key` in the object starting here.
    bool enterMember(const std::string& key) {
        if (!consume('{'))
            return false;
        if (peek() == '}')
            return false;
        do {
            std::string name;
            if (!readString(name) || !consume(':'))
                return false;
            if (name == key)
                return true;
            if (!skipValue())
                return false;
        } while (consume(','));
        return false;
    }

    size_t position() const { return pos_; }
    void seek(size_t pos) { pos_ = pos; }

  private:
    const std::string& text_;
    size_t pos_ = 0;
};

} // namespace

WaitInfo WaitInfo::fromYieldJson(const std::string& json) {
    WaitInfo info;
    JsonCursor cursor(json);
    if (!cursor.enterMember("wait") || cursor.peek() != '{')
        return info;
    const size_t waitStart = cursor.position();
    // Each member is looked up from the start of the wait object: key order is not fixed.
    if (cursor.enterMember("kind") && cursor.peek() == '"')
        cursor.readString(info.kind);
    cursor.seek(waitStart);
    if (cursor.enterMember("until")) {
        int64_t until = -1;
        if (cursor.readNumber(until))
            info.untilNs = until;
    }
    cursor.seek(waitStart);
    if (cursor.enterMember("name") && cursor.peek() == '"')
        cursor.readString(info.name);
    return info;
}

} // namespace looplab
