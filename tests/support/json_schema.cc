// A small JSON Schema validator for test code (see json_schema.h).
// Tested by json_schema_test.cc.
#include "support/json_schema.h"

#include <re2/re2.h>

#include <cmath>
#include <cstddef>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string_view>
#include <utility>

#ifndef FINSAM_SOURCE_DIR
#define FINSAM_SOURCE_DIR "."
#endif

namespace finsam {
namespace {

using nlohmann::json;
using Errors = std::vector<std::string>;

constexpr int kMaxDepth = 64;
constexpr size_t kMaxShownValue = 60;

// Keywords that carry no assertion.
const std::set<std::string, std::less<>>& AnnotationKeywords() {
  static const auto* kWords = new std::set<std::string, std::less<>>{
      "$schema", "$id", "$comment", "$defs", "definitions", "title",
      "description", "default", "examples"};
  return *kWords;
}

// Keywords handled by Validator::Check*.
const std::set<std::string, std::less<>>& AssertionKeywords() {
  static const auto* kWords = new std::set<std::string, std::less<>>{
      "$ref", "type", "enum", "const", "pattern", "minLength", "minimum",
      "maximum", "minItems", "maxItems", "properties", "required",
      "additionalProperties", "propertyNames", "items", "oneOf", "anyOf"};
  return *kWords;
}

std::string EscapePointerToken(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string ShowValue(const json& value) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > kMaxShownValue) text = text.substr(0, kMaxShownValue) + "...";
  return text;
}

std::string TypeName(const json& value) {
  if (value.is_number_integer()) return "integer";
  if (value.is_number()) return "number";
  return value.type_name();  // "null", "boolean", "string", "array", "object"
}

bool IsIntegral(const json& value) {
  if (value.is_number_integer()) return true;  // signed and unsigned
  if (!value.is_number_float()) return false;
  double d = value.get<double>();
  return std::isfinite(d) && std::floor(d) == d;
}

bool MatchesType(const json& value, std::string_view type) {
  if (type == "null") return value.is_null();
  if (type == "boolean") return value.is_boolean();
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "number") return value.is_number();
  if (type == "integer") return IsIntegral(value);
  return false;
}

// Code points in a UTF-8 string (continuation bytes not counted).
size_t CodePointCount(const std::string& utf8) {
  size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
  return n;
}

// Exact integer arithmetic where possible, so large int64 bounds compare right.
bool LessThan(const json& a, const json& b) {
  if (a.is_number_integer() && b.is_number_integer() && !a.is_number_unsigned() &&
      !b.is_number_unsigned()) {
    return a.get<int64_t>() < b.get<int64_t>();
  }
  return a.get<double>() < b.get<double>();
}

class Validator {
 public:
  explicit Validator(const json& root) : root_(root) {}

  void Validate(const json& schema, const json& instance, const std::string& path,
                int depth, Errors* errors);

 private:
  static std::string At(const std::string& path) { return path.empty() ? "(root)" : path; }
  static void Add(const std::string& path, const std::string& message, Errors* errors) {
    errors->push_back(At(path) + ": " + message);
  }

  const json* Resolve(const std::string& ref) const;
  const RE2* Regex(const std::string& pattern);

  void CheckUnknownKeywords(const json& schema, Errors* errors);
  void CheckRef(const json& ref, const json& instance, const std::string& path, int depth,
                Errors* errors);
  bool CheckType(const json& type, const json& instance, const std::string& path,
                 Errors* errors);
  void CheckEnumConst(const json& schema, const json& instance, const std::string& path,
                      Errors* errors);
  void CheckString(const json& schema, const json& instance, const std::string& path,
                   Errors* errors);
  void CheckNumber(const json& schema, const json& instance, const std::string& path,
                   Errors* errors);
  void CheckArray(const json& schema, const json& instance, const std::string& path,
                  int depth, Errors* errors);
  void CheckObject(const json& schema, const json& instance, const std::string& path,
                   int depth, Errors* errors);
  void CheckPropertyName(const json& schema, const std::string& name,
                         const std::string& path, int depth, Errors* errors);
  void CheckCombinator(const json& branches, bool exactly_one, const json& instance,
                       const std::string& path, int depth, Errors* errors);

  const json& root_;
  std::map<std::string, std::unique_ptr<RE2>> regex_cache_;
  std::set<std::string> reported_schema_problems_;
};

void Validator::Validate(const json& schema, const json& instance, const std::string& path,
                         int depth, Errors* errors) {
  if (depth > kMaxDepth) {
    Add(path, "schema nesting too deep (recursive $ref?)", errors);
    return;
  }
  if (schema.is_boolean()) {
    if (!schema.get<bool>()) Add(path, "no value is allowed here", errors);
    return;
  }
  if (!schema.is_object()) {
    Add(path, "schema is not an object or boolean: " + ShowValue(schema), errors);
    return;
  }
  CheckUnknownKeywords(schema, errors);
  if (auto it = schema.find("$ref"); it != schema.end()) {
    CheckRef(*it, instance, path, depth, errors);
  }
  if (auto it = schema.find("type"); it != schema.end()) {
    if (!CheckType(*it, instance, path, errors)) return;  // the rest would only add noise
  }
  CheckEnumConst(schema, instance, path, errors);
  if (instance.is_string()) CheckString(schema, instance, path, errors);
  if (instance.is_number()) CheckNumber(schema, instance, path, errors);
  if (instance.is_array()) CheckArray(schema, instance, path, depth, errors);
  if (instance.is_object()) CheckObject(schema, instance, path, depth, errors);
  if (auto it = schema.find("anyOf"); it != schema.end()) {
    CheckCombinator(*it, false, instance, path, depth, errors);
  }
  if (auto it = schema.find("oneOf"); it != schema.end()) {
    CheckCombinator(*it, true, instance, path, depth, errors);
  }
}

const json* Validator::Resolve(const std::string& ref) const {
  if (ref.empty() || ref[0] != '#') return nullptr;
  if (ref.size() == 1) return &root_;
  try {
    json::json_pointer pointer(ref.substr(1));
    if (!root_.contains(pointer)) return nullptr;
    return &root_.at(pointer);
  } catch (const json::exception&) {
    return nullptr;
  }
}

const RE2* Validator::Regex(const std::string& pattern) {
  auto it = regex_cache_.find(pattern);
  if (it == regex_cache_.end()) {
    RE2::Options options;
    options.set_log_errors(false);
    auto re = std::make_unique<RE2>(pattern, options);
    it = regex_cache_.emplace(pattern, std::move(re)).first;
  }
  return it->second->ok() ? it->second.get() : nullptr;
}

void Validator::CheckUnknownKeywords(const json& schema, Errors* errors) {
  for (const auto& [key, value] : schema.items()) {
    if (AssertionKeywords().count(key) || AnnotationKeywords().count(key)) continue;
    std::string problem = "schema: unsupported keyword \"" + key + "\"";
    if (reported_schema_problems_.insert(problem).second) errors->push_back(problem);
  }
}

void Validator::CheckRef(const json& ref, const json& instance, const std::string& path,
                         int depth, Errors* errors) {
  const json* target = ref.is_string() ? Resolve(ref.get<std::string>()) : nullptr;
  if (target == nullptr) {
    std::string problem = "schema: cannot resolve $ref " + ShowValue(ref);
    if (reported_schema_problems_.insert(problem).second) errors->push_back(problem);
    return;
  }
  Validate(*target, instance, path, depth + 1, errors);
}

bool Validator::CheckType(const json& type, const json& instance, const std::string& path,
                          Errors* errors) {
  std::vector<std::string> names;
  if (type.is_string()) {
    names.push_back(type.get<std::string>());
  } else if (type.is_array()) {
    for (const json& t : type) {
      if (t.is_string()) names.push_back(t.get<std::string>());
    }
  }
  std::string expected;
  for (const std::string& name : names) {
    if (MatchesType(instance, name)) return true;
    expected += (expected.empty() ? "" : " or ") + name;
  }
  Add(path, "expected " + expected + ", got " + TypeName(instance), errors);
  return false;
}

void Validator::CheckEnumConst(const json& schema, const json& instance,
                               const std::string& path, Errors* errors) {
  if (auto it = schema.find("const"); it != schema.end() && *it != instance) {
    Add(path, "expected " + ShowValue(*it) + ", got " + ShowValue(instance), errors);
  }
  auto it = schema.find("enum");
  if (it == schema.end() || !it->is_array()) return;
  for (const json& allowed : *it) {
    if (allowed == instance) return;
  }
  Add(path, ShowValue(instance) + " is not one of " + ShowValue(*it), errors);
}

void Validator::CheckString(const json& schema, const json& instance,
                            const std::string& path, Errors* errors) {
  const std::string& text = instance.get_ref<const std::string&>();
  if (auto it = schema.find("minLength"); it != schema.end() && it->is_number()) {
    if (static_cast<double>(CodePointCount(text)) < it->get<double>()) {
      Add(path, ShowValue(instance) + " is shorter than " + it->dump() + " characters", errors);
    }
  }
  auto it = schema.find("pattern");
  if (it == schema.end() || !it->is_string()) return;
  const RE2* re = Regex(it->get<std::string>());
  if (re == nullptr) {
    std::string problem = "schema: invalid pattern " + ShowValue(*it);
    if (reported_schema_problems_.insert(problem).second) errors->push_back(problem);
    return;
  }
  if (!RE2::PartialMatch(text, *re)) {
    Add(path, ShowValue(instance) + " does not match pattern " + it->get<std::string>(),
        errors);
  }
}

void Validator::CheckNumber(const json& schema, const json& instance,
                            const std::string& path, Errors* errors) {
  if (auto it = schema.find("minimum"); it != schema.end() && it->is_number()) {
    if (LessThan(instance, *it)) {
      Add(path, ShowValue(instance) + " is less than the minimum " + it->dump(), errors);
    }
  }
  if (auto it = schema.find("maximum"); it != schema.end() && it->is_number()) {
    if (LessThan(*it, instance)) {
      Add(path, ShowValue(instance) + " is greater than the maximum " + it->dump(), errors);
    }
  }
}

void Validator::CheckArray(const json& schema, const json& instance, const std::string& path,
                           int depth, Errors* errors) {
  const double size = static_cast<double>(instance.size());
  if (auto it = schema.find("minItems"); it != schema.end() && it->is_number()) {
    if (size < it->get<double>()) {
      Add(path, "expected at least " + it->dump() + " items, got " +
                    std::to_string(instance.size()), errors);
    }
  }
  if (auto it = schema.find("maxItems"); it != schema.end() && it->is_number()) {
    if (size > it->get<double>()) {
      Add(path, "expected at most " + it->dump() + " items, got " +
                    std::to_string(instance.size()), errors);
    }
  }
  auto items = schema.find("items");
  if (items == schema.end()) return;
  for (size_t i = 0; i < instance.size(); ++i) {
    const json* item_schema = &*items;
    if (items->is_array()) {  // draft-07 tuple form: positional schemas
      if (i >= items->size()) break;
      item_schema = &(*items)[i];
    }
    Validate(*item_schema, instance[i], path + "/" + std::to_string(i), depth + 1, errors);
  }
}

void Validator::CheckObject(const json& schema, const json& instance,
                            const std::string& path, int depth, Errors* errors) {
  if (auto it = schema.find("required"); it != schema.end() && it->is_array()) {
    for (const json& key : *it) {
      if (key.is_string() && !instance.contains(key.get<std::string>())) {
        Add(path + "/" + EscapePointerToken(key.get<std::string>()),
            "required property missing", errors);
      }
    }
  }
  auto properties = schema.find("properties");
  auto additional = schema.find("additionalProperties");
  auto names = schema.find("propertyNames");
  for (const auto& [key, value] : instance.items()) {
    const std::string child = path + "/" + EscapePointerToken(key);
    if (names != schema.end()) CheckPropertyName(*names, key, child, depth, errors);
    if (properties != schema.end() && properties->is_object() && properties->contains(key)) {
      Validate(properties->at(key), value, child, depth + 1, errors);
    } else if (additional != schema.end()) {
      if (additional->is_boolean() && !additional->get<bool>()) {
        Add(child, "additional property not allowed", errors);
      } else {
        Validate(*additional, value, child, depth + 1, errors);
      }
    }
  }
}

void Validator::CheckPropertyName(const json& schema, const std::string& name,
                                  const std::string& path, int depth, Errors* errors) {
  Errors name_errors;
  Validate(schema, json(name), path, depth + 1, &name_errors);
  for (std::string& error : name_errors) {
    if (error.rfind(At(path) + ": ", 0) == 0) {
      error.insert(At(path).size() + 2, "invalid property name: ");
    }
    errors->push_back(std::move(error));
  }
}

// anyOf (exactly_one false) or oneOf (true). When nothing matches, the
// errors of the closest alternative (fewest errors) are reported, so a
// document record with one wrong field names that field rather than every
// way it also fails to be an error record.
void Validator::CheckCombinator(const json& branches, bool exactly_one, const json& instance,
                                const std::string& path, int depth, Errors* errors) {
  if (!branches.is_array() || branches.empty()) {
    Add(path, "schema: oneOf/anyOf needs a non-empty array", errors);
    return;
  }
  const char* keyword = exactly_one ? "oneOf" : "anyOf";
  int matches = 0;
  size_t best = 0;
  Errors best_errors;
  for (size_t i = 0; i < branches.size(); ++i) {
    Errors branch_errors;
    Validate(branches[i], instance, path, depth + 1, &branch_errors);
    if (branch_errors.empty()) {
      ++matches;
      if (!exactly_one) return;
    } else if (best_errors.empty() || branch_errors.size() < best_errors.size()) {
      best = i;
      best_errors = std::move(branch_errors);
    }
  }
  if (matches == 1) return;
  if (matches > 1) {
    Add(path, "matches " + std::to_string(matches) + " " + keyword +
                  " alternatives, expected exactly one", errors);
    return;
  }
  Add(path, std::string("matches none of the ") + keyword + " alternatives; closest (#" +
                std::to_string(best) + ") fails with:", errors);
  for (std::string& error : best_errors) errors->push_back(std::move(error));
}

}  // namespace

std::vector<std::string> ValidateAgainstSchema(const nlohmann::json& schema,
                                               const nlohmann::json& instance) {
  Errors errors;
  try {
    Validator validator(schema);
    validator.Validate(schema, instance, "", 0, &errors);
  } catch (const std::exception& e) {  // defensive: nlohmann accessors on odd schemas
    errors.push_back(std::string("(root): validator failed: ") + e.what());
  }
  return errors;
}

nlohmann::json LoadRecordSchema() {
  std::ifstream in(FINSAM_SOURCE_DIR "/schema/record-v1.schema.json", std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream content;
  content << in.rdbuf();
  json schema = json::parse(content.str(), nullptr, /*allow_exceptions=*/false);
  if (schema.is_discarded()) return nullptr;
  return schema;
}

}  // namespace finsam
