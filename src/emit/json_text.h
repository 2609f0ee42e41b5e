// Finding a member of a JSON object in its text without parsing the rest:
// extract passes the workers' records on as text and edits one member of
// a record (audit/duplicate_index.h) where parsing and serializing the
// whole record would cost more than the record's own extraction on a batch
// full of copies. Tested by json_text_test.cc.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace finsam {

// Where a value lies in the text: [begin, end).
struct JsonSpan {
  size_t begin = 0, end = 0;
};

// The value of the member `key` of the object `json` holds at its top
// level (the first such member); nothing when `json` is not an object,
// holds no such member, or is cut short.
std::optional<JsonSpan> TopLevelMember(std::string_view json, std::string_view key);

}  // namespace finsam
