#pragma once
// Reading one field of a JSON object as text, without building a document.
//
// A view that sorts 20,000 waiting tasks by what they wait on needs two or three fields of
// each task's wait description on every step; a full JSON parse per task was most of a jump
// in a big run. These functions only find where a value starts and ends. They expect valid
// JSON (what the recorder writes) and return nothing rather than guess when it is not, so a
// caller can fall back to a real parser.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace looplab {

// The raw text of `key`'s value in the object `object` ("{...}"), looking at its top level
// only: `"sleep"`, `12`, `{"kind":...}`. Empty when the key is absent or the text is not an
// object.
std::string_view jsonField(std::string_view object, std::string_view key);

// A raw string value without its quotes when it needs no unescaping; nothing for a string
// with escapes or a value that is not a string.
std::optional<std::string_view> jsonPlainString(std::string_view raw);

// A raw integer value; nothing for any other value.
std::optional<int64_t> jsonInteger(std::string_view raw);

// The raw items of an array value. No items for an empty `raw` (an absent field) or a value
// that is not an array; nothing for a broken array.
std::optional<std::vector<std::string_view>> jsonArrayItems(std::string_view raw);

} // namespace looplab
