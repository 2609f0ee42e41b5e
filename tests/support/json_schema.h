// A small JSON Schema validator for the tests: checks records against
// schema/record-v1.schema.json without a network or a third-party validator.
// Supports the keywords that schema uses (draft 2020-12 / draft-07 subset):
// type (string or array of types), enum, const, pattern (RE2, unanchored
// search), minLength, minimum, maximum, minItems, maxItems, properties,
// required, additionalProperties (bool or schema), propertyNames, items
// (schema or tuple array), oneOf, anyOf, and $ref to "#", "#/$defs/..." or
// "#/definitions/...". Annotations ($schema, $id, title, description,
// $comment, $defs, definitions, default, examples) are ignored; any other
// keyword is reported as an error so the schema cannot silently use one the
// validator does not check. Tested by json_schema_test.cc.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace finsam {

// Validates `instance` against `schema` (an object or boolean schema; $refs
// resolve within `schema`). Returns one human-readable error per problem,
// "<JSON pointer>: <message>" (e.g. "/budget/rows/0/amount_sek: expected
// integer, got string"; the root is "(root)"); empty when valid. Never throws.
std::vector<std::string> ValidateAgainstSchema(const nlohmann::json& schema,
                                               const nlohmann::json& instance);

// Reads FINSAM_SOURCE_DIR "/schema/record-v1.schema.json". Returns null
// (not an object) when the file is missing or not valid JSON; validating
// against it then reports that the schema is unusable.
nlohmann::json LoadRecordSchema();

}  // namespace finsam
