#include "JsonFields.h"

#include <charconv>

namespace looplab {

namespace {

constexpr size_t kBad = std::string_view::npos;

size_t skipSpace(std::string_view text, size_t at) {
    while (at < text.size() &&
           (text[at] == ' ' || text[at] == '\n' || text[at] == '\t' || text[at] == '\r'))
        ++at;
    return at;
}

// Past the end of the string starting at `at` (an opening quote).
size_t skipString(std::string_view text, size_t at) {
    for (size_t i = at + 1; i < text.size(); ++i) {
        if (text[i] == '\\')
            ++i; // whatever is escaped, a quote included
        else if (text[i] == '"')
            return i + 1;
    }
    return kBad;
}

// Past the end of the value starting at `at`.
size_t skipValue(std::string_view text, size_t at) {
    if (at >= text.size())
        return kBad;
    if (text[at] == '"')
        return skipString(text, at);
    if (text[at] == '{' || text[at] == '[') {
        int depth = 0;
        for (size_t i = at; i < text.size(); ++i) {
            const char c = text[i];
            if (c == '"') {
                i = skipString(text, i);
                if (i == kBad)
                    return kBad;
                --i; // the loop steps past the closing quote
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return kBad;
    }
    // A number, true, false or null: up to the next separator.
    size_t end = at;
    while (end < text.size() && text[end] != ',' && text[end] != '}' && text[end] != ']' &&
           text[end] != ' ' && text[end] != '\n' && text[end] != '\t' && text[end] != '\r')
        ++end;
    return end > at ? end : kBad;
}

} // namespace

std::string_view jsonField(std::string_view object, std::string_view key) {
    size_t at = skipSpace(object, 0);
    if (at >= object.size() || object[at] != '{')
        return {};
    at = skipSpace(object, at + 1);
    while (at < object.size() && object[at] == '"') {
        const size_t keyEnd = skipString(object, at);
        if (keyEnd == kBad)
            return {};
        const std::string_view name = object.substr(at + 1, keyEnd - at - 2);
        at = skipSpace(object, keyEnd);
        if (at >= object.size() || object[at] != ':')
            return {};
        const size_t valueStart = skipSpace(object, at + 1);
        const size_t valueEnd = skipValue(object, valueStart);
        if (valueEnd == kBad)
            return {};
        // A key with escapes never equals a plain key, which is all callers ask for.
        if (name == key)
            return object.substr(valueStart, valueEnd - valueStart);
        at = skipSpace(object, valueEnd);
        if (at < object.size() && object[at] == ',')
            at = skipSpace(object, at + 1);
    }
    return {};
}

std::optional<std::string_view> jsonPlainString(std::string_view raw) {
    if (raw.size() < 2 || raw.front() != '"' || raw.back() != '"')
        return std::nullopt;
    const std::string_view inner = raw.substr(1, raw.size() - 2);
    if (inner.find('\\') != std::string_view::npos)
        return std::nullopt;
    return inner;
}

std::optional<int64_t> jsonInteger(std::string_view raw) {
    int64_t value = 0;
    const char* end = raw.data() + raw.size();
    const auto [stop, error] = std::from_chars(raw.data(), end, value);
    if (raw.empty() || error != std::errc() || stop != end)
        return std::nullopt;
    return value;
}

std::optional<std::vector<std::string_view>> jsonArrayItems(std::string_view raw) {
    std::vector<std::string_view> items;
    if (raw.empty() || raw.front() != '[')
        return items;
    size_t at = skipSpace(raw, 1);
    while (at < raw.size() && raw[at] != ']') {
        const size_t end = skipValue(raw, at);
        if (end == kBad)
            return std::nullopt;
        items.push_back(raw.substr(at, end - at));
        at = skipSpace(raw, end);
        if (at < raw.size() && raw[at] == ',')
            at = skipSpace(raw, at + 1);
        else if (at >= raw.size() || raw[at] != ']')
            return std::nullopt;
    }
    if (at >= raw.size()) // no closing bracket
        return std::nullopt;
    return items;
}

} // namespace looplab
