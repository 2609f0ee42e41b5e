// Tests for the test-support JSON Schema validator and for the record schema
// itself (schema/record-v1.schema.json): a full record passes, each broken
// variant fails at the right JSON pointer.
#include "support/json_schema.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace finsam {
namespace {

using nlohmann::json;
using Errors = std::vector<std::string>;

std::string Show(const Errors& errors) { return ::testing::PrintToString(errors); }

bool AnyContains(const Errors& errors, const std::string& part) {
  for (const std::string& e : errors) {
    if (e.find(part) != std::string::npos) return true;
  }
  return false;
}

bool AnyStartsWith(const Errors& errors, const std::string& prefix) {
  for (const std::string& e : errors) {
    if (e.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

#define EXPECT_VALID(errors) EXPECT_TRUE((errors).empty()) << Show(errors)
#define EXPECT_INVALID(errors) EXPECT_FALSE((errors).empty())

json FullRecord() {
  return json::parse(R"json({
    "schema": "finsam-record/1",
    "source": {
      "file": "corpus/000/input.pdf",
      "sha256": "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      "format": "pdf", "part": 1, "parts": 2, "pages": [1, 6]
    },
    "document_type": "ansokan",
    "title": "Registerstudie av rehabiliteringskoordinator",
    "funder": "Samordningsförbundet Uppsala län",
    "case_number": "2016:41",
    "owners": [
      {"name": "Region Uppsala", "canonical": "Region Uppsala", "unit": null,
       "role": "huvudinsatsagare", "known": true},
      {"name": "Landstinget", "canonical": "Landstinget", "unit": "Vuxenpsykiatri",
       "role": "insatsagare"}
    ],
    "partners": [
      {"name": "FK", "canonical": "Försäkringskassan", "unit": null, "known": true}
    ],
    "period": {"start": "2024-09-01", "end": "2025-06-30",
               "text": "fr o m 240901 l o m 250630",
               "start_precision": "day", "end_precision": null},
    "budget": {
      "total_sek": 350000,
      "rows": [
        {"label": "Lokalhyra", "category": "lokalkostnad", "year": 2025,
         "party": "Region Uppsala", "amount_sek": 13000},
        {"label": "Övrigt", "category": null, "year": null, "party": null,
         "amount_sek": 50000}
      ]
    },
    "signatures": [
      {"name": "Nina Anundsson", "organisation": "Region Uppsala", "role": "insatsagare",
       "date": "2024-06-12", "place": null, "email": "nina@example.se",
       "method": "e-signature"},
      {"name": null, "organisation": "Region Skåne", "role": null, "date": null,
       "place": "Lund", "email": null, "method": "handwritten"}
    ],
    "participants": {"women": 462, "men": 164, "total": 626},
    "audit": [
      {"code": "invalid_email", "severity": "warning", "field": "/signatures/0/email",
       "page": 2, "line": 14, "message": "space in e-mail address"},
      {"code": "missing_signature", "severity": "error", "field": null, "page": null,
       "line": null, "message": "no signature"}
    ],
    "provenance": {
      "/period/start": {"page": 1, "line": 42, "text": "fr o m 240901",
                        "rule": "period.from_to", "confidence": 0.9},
      "/title": {"page": null, "line": null, "text": "", "rule": "label.title"}
    }
  })json");
}

json ErrorRecord() {
  return json::parse(R"json({
    "schema": "finsam-record/1",
    "source": {"file": "broken.pdf", "sha256": null, "format": null,
               "part": null, "parts": null, "pages": null},
    "error": {"code": "pdf_encrypted", "message": "the PDF is encrypted"}
  })json");
}

class RecordSchemaTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { schema_ = new json(LoadRecordSchema()); }
  static void TearDownTestSuite() {
    delete schema_;
    schema_ = nullptr;
  }
  static std::vector<std::string> Validate(const json& record) {
    return ValidateAgainstSchema(*schema_, record);
  }
  static json* schema_;
};

json* RecordSchemaTest::schema_ = nullptr;

TEST_F(RecordSchemaTest, SchemaLoads) {
  ASSERT_TRUE(schema_->is_object());
  EXPECT_EQ(schema_->value("$id", ""), "finsam-record/1");
}

TEST_F(RecordSchemaTest, FullRecordIsValid) { EXPECT_VALID(Validate(FullRecord())); }

TEST_F(RecordSchemaTest, MinimalRecordWithNullsIsValid) {
  json record = FullRecord();
  for (const char* key : {"title", "funder", "case_number", "participants"}) {
    record[key] = nullptr;
  }
  record["owners"] = json::array();
  record["partners"] = json::array();
  record["signatures"] = json::array();
  record["audit"] = json::array();
  record["provenance"] = json::object();
  record["period"] = {{"start", nullptr}, {"end", nullptr}, {"text", nullptr}};
  record["budget"] = {{"total_sek", nullptr}, {"rows", json::array()}};
  record["source"]["format"] = "text";
  record["source"]["pages"] = nullptr;
  record["document_type"] = "okand";
  EXPECT_VALID(Validate(record));
}

TEST_F(RecordSchemaTest, ErrorRecordIsValid) {
  EXPECT_VALID(Validate(ErrorRecord()));
  json with_digest = ErrorRecord();
  with_digest["source"]["sha256"] = std::string(64, 'a');
  with_digest["source"]["format"] = "pdf";
  EXPECT_VALID(Validate(with_digest));
}

struct BrokenCase {
  std::string name;
  std::function<void(json&)> mutate;
  std::string path;  // the pointer the error must name
  bool error_record = false;
};

json::json_pointer Ptr(const std::string& pointer) { return json::json_pointer(pointer); }

std::vector<BrokenCase> BrokenCases() {
  auto set = [](std::string pointer, json value) {
    return [pointer, value](json& r) { r[Ptr(pointer)] = value; };
  };
  auto erase = [](std::string parent, std::string key) {
    return [parent, key](json& r) { r[Ptr(parent)].erase(key); };
  };
  return {
      {"AmountAsString", set("/budget/rows/0/amount_sek", "13000"),
       "/budget/rows/0/amount_sek: expected integer"},
      {"AmountFractional", set("/budget/rows/0/amount_sek", 13000.5),
       "/budget/rows/0/amount_sek: expected integer"},
      {"NegativeAmount", set("/budget/rows/1/amount_sek", -5), "/budget/rows/1/amount_sek:"},
      {"MissingTitle", erase("", "title"), "/title: required property missing"},
      {"MissingAuditLine", erase("/audit/0", "line"), "/audit/0/line: required"},
      {"BadDocumentType", set("/document_type", "ansökan"), "/document_type:"},
      {"BadDatePattern", set("/period/start", "2024-9-1"), "/period/start:"},
      {"DateWithTime", set("/signatures/0/date", "2024-06-12T10:00"), "/signatures/0/date:"},
      {"ExtraTopLevelKey", set("/extra", 1), "/extra: additional property not allowed"},
      {"ExtraRowKey", set("/budget/rows/0/currency", "SEK"),
       "/budget/rows/0/currency: additional property not allowed"},
      {"BadSignatureMethod", set("/signatures/0/method", "bankid"), "/signatures/0/method:"},
      {"BadOwnerRole", set("/owners/0/role", "owner"), "/owners/0/role:"},
      {"KnownNotBool", set("/owners/0/known", "yes"), "/owners/0/known: expected boolean"},
      {"BadSeverity", set("/audit/0/severity", "fatal"), "/audit/0/severity:"},
      {"AuditCodeNotSnakeCase", set("/audit/0/code", "InvalidEmail"), "/audit/0/code:"},
      {"AuditFieldNotPointer", set("/audit/0/field", "title"), "/audit/0/field:"},
      {"BadCategory", set("/budget/rows/0/category", "lon"), "/budget/rows/0/category:"},
      {"BadPrecision", set("/period/start_precision", "week"), "/period/start_precision:"},
      {"WrongSchemaVersion", set("/schema", "finsam-record/2"), "/schema:"},
      {"EmptyTitle", set("/title", ""), "/title:"},
      {"NegativeParticipants", set("/participants/women", -1), "/participants/women:"},
      {"PagesTooShort", set("/source/pages", json::array({1})), "/source/pages:"},
      {"BadSha", set("/source/sha256", "XYZ"), "/source/sha256:"},
      {"PartZero", set("/source/part", 0), "/source/part:"},
      {"ProvenancePageString", set("/provenance/~1period~1start/page", "1"),
       "/provenance/~1period~1start/page: expected integer or null"},
      {"ProvenanceKeyNotPointer", set("/provenance/period", json::parse(R"({"page": 1,
          "line": 1, "text": "x", "rule": "r"})")),
       "/provenance/period: invalid property name"},
      {"ProvenanceExtraKey", set("/provenance/~1title/score", 1),
       "/provenance/~1title/score: additional property not allowed"},
      {"OwnersNotArray", set("/owners", json::object()), "/owners: expected array"},
      {"ErrorRecordPartSet", set("/source/part", 1), "/source/part:", true},
      {"ErrorRecordMissingMessage", erase("/error", "message"),
       "/error/message: required property missing", true},
      {"ErrorRecordBadCode", set("/error/code", "PDF encrypted"), "/error/code:", true},
  };
}

class BrokenRecordTest : public RecordSchemaTest,
                         public ::testing::WithParamInterface<BrokenCase> {};

TEST_P(BrokenRecordTest, FailsAtPath) {
  const BrokenCase& c = GetParam();
  json record = c.error_record ? ErrorRecord() : FullRecord();
  c.mutate(record);
  std::vector<std::string> errors = Validate(record);
  EXPECT_TRUE(AnyStartsWith(errors, c.path))
      << "no error starts with \"" << c.path << "\"; got:\n" << Show(errors);
}

INSTANTIATE_TEST_SUITE_P(Variants, BrokenRecordTest, ::testing::ValuesIn(BrokenCases()),
                         [](const auto& info) { return info.param.name; });

// --- The validator on small schemas -----------------------------------------

json Parse(const char* text) { return json::parse(text); }

TEST(ValidateAgainstSchemaTest, TypeArraysAndIntegralFloats) {
  json schema = Parse(R"({"type": ["integer", "null"]})");
  EXPECT_VALID(ValidateAgainstSchema(schema, json(3)));
  EXPECT_VALID(ValidateAgainstSchema(schema, json(3.0)));
  EXPECT_VALID(ValidateAgainstSchema(schema, json(nullptr)));
  EXPECT_EQ(ValidateAgainstSchema(schema, json(3.5)),
            Errors{"(root): expected integer or null, got number"});
}

TEST(ValidateAgainstSchemaTest, RefToDefinitionsAndDefs) {
  json schema = Parse(R"({
    "definitions": {"a": {"type": "string"}},
    "$defs": {"b": {"type": "object", "properties": {"x": {"$ref": "#/definitions/a"}}}},
    "$ref": "#/$defs/b"})");
  EXPECT_VALID(ValidateAgainstSchema(schema, Parse(R"({"x": "s"})")));
  EXPECT_EQ(ValidateAgainstSchema(schema, Parse(R"({"x": 1})")),
            Errors{"/x: expected string, got integer"});
}

TEST(ValidateAgainstSchemaTest, UnresolvableRefIsReported) {
  json schema = Parse(R"({"$ref": "#/$defs/missing"})");
  EXPECT_TRUE(AnyContains(ValidateAgainstSchema(schema, json(1)), "cannot resolve $ref"));
}

TEST(ValidateAgainstSchemaTest, RecursiveRefStops) {
  json schema = Parse(R"({"$defs": {"loop": {"$ref": "#/$defs/loop"}}, "$ref": "#/$defs/loop"})");
  EXPECT_TRUE(AnyContains(ValidateAgainstSchema(schema, json(1)), "too deep"));
}

TEST(ValidateAgainstSchemaTest, UnsupportedKeywordIsReported) {
  json schema = Parse(R"({"type": "string", "format": "date"})");
  EXPECT_EQ(ValidateAgainstSchema(schema, json("x")),
            Errors{"schema: unsupported keyword \"format\""});
}

TEST(ValidateAgainstSchemaTest, AdditionalPropertiesSchema) {
  json schema = Parse(R"({"type": "object", "additionalProperties": {"type": "integer"}})");
  EXPECT_VALID(ValidateAgainstSchema(schema, Parse(R"({"a": 1, "b/c": 2})")));
  EXPECT_EQ(ValidateAgainstSchema(schema, Parse(R"({"a~b/c": "x"})")),
            Errors{"/a~0b~1c: expected integer, got string"});
}

TEST(ValidateAgainstSchemaTest, OneOfMatchingTwiceFails) {
  json schema = Parse(R"({"oneOf": [{"type": "integer"}, {"minimum": 0}]})");
  EXPECT_VALID(ValidateAgainstSchema(schema, json(-1)));
  EXPECT_TRUE(AnyContains(ValidateAgainstSchema(schema, json(1)), "matches 2 oneOf alternatives"));
}

TEST(ValidateAgainstSchemaTest, AnyOfReportsClosestAlternative) {
  json schema = Parse(R"({"anyOf": [{"type": "string", "pattern": "^/"}, {"type": "null"}]})");
  EXPECT_VALID(ValidateAgainstSchema(schema, json("/a")));
  std::vector<std::string> errors = ValidateAgainstSchema(schema, json("a"));
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].rfind("(root): matches none of the anyOf", 0), 0u) << errors[0];
  EXPECT_NE(errors[1].find("does not match pattern ^/"), std::string::npos) << errors[1];
}

TEST(ValidateAgainstSchemaTest, BooleanSchemasAndConst) {
  EXPECT_VALID(ValidateAgainstSchema(json(true), json(1)));
  EXPECT_INVALID(ValidateAgainstSchema(json(false), json(1)));
  EXPECT_EQ(ValidateAgainstSchema(Parse(R"({"const": "a"})"), json("b")),
            Errors{"(root): expected \"a\", got \"b\""});
}

TEST(ValidateAgainstSchemaTest, MinLengthCountsCodePoints) {
  json schema = Parse(R"({"type": "string", "minLength": 2})");
  EXPECT_VALID(ValidateAgainstSchema(schema, json("åä")));
  EXPECT_INVALID(ValidateAgainstSchema(schema, json("å")));
}

TEST(ValidateAgainstSchemaTest, ArrayBoundsAndItems) {
  json schema = Parse(R"({"type": "array", "minItems": 1, "maxItems": 2,
                          "items": {"type": "integer", "maximum": 9}})");
  EXPECT_VALID(ValidateAgainstSchema(schema, Parse("[1, 2]")));
  EXPECT_INVALID(ValidateAgainstSchema(schema, Parse("[]")));
  EXPECT_INVALID(ValidateAgainstSchema(schema, Parse("[1, 2, 3]")));
  EXPECT_TRUE(AnyStartsWith(ValidateAgainstSchema(schema, Parse("[10]")),
                            "/0: 10 is greater than the maximum 9"));
}

TEST(ValidateAgainstSchemaTest, InvalidSchemaAndOddInputsDoNotThrow) {
  EXPECT_TRUE(
      AnyContains(ValidateAgainstSchema(json(nullptr), json(1)), "schema is not an object"));
  json bad_pattern = Parse(R"({"pattern": "("})");
  EXPECT_TRUE(AnyContains(ValidateAgainstSchema(bad_pattern, json("x")), "invalid pattern"));
  json invalid_utf8 = std::string("\xff\xfe");
  EXPECT_TRUE(
      AnyContains(ValidateAgainstSchema(Parse(R"({"enum": [1]})"), invalid_utf8), "is not one of"));
}

}  // namespace
}  // namespace finsam
