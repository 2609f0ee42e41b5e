// Tests for TopLevelMember: the span of a top-level member's value, past
// strings holding braces, quotes and the key itself, and nothing for nested
// members, missing keys or cut-off text.
#include "emit/json_text.h"

#include <gtest/gtest.h>

#include <string>

namespace finsam {
namespace {

std::string ValueOf(const std::string& json, const std::string& key) {
  std::optional<JsonSpan> span = TopLevelMember(json, key);
  return span ? json.substr(span->begin, span->end - span->begin) : "<none>";
}

TEST(JsonTextTest, FindsTopLevelValuesOfEveryKind) {
  std::string json =
      R"({"a":1,"s":"x \"}] y","o":{"audit":[1]},"audit":[{"m":"[\"]"},{}],"n":null,"d":-2.5e3,"t":true})";
  EXPECT_EQ(ValueOf(json, "a"), "1");
  EXPECT_EQ(ValueOf(json, "s"), R"("x \"}] y")");
  EXPECT_EQ(ValueOf(json, "o"), R"({"audit":[1]})");
  EXPECT_EQ(ValueOf(json, "audit"), R"([{"m":"[\"]"},{}])");   // not the nested one
  EXPECT_EQ(ValueOf(json, "n"), "null");
  EXPECT_EQ(ValueOf(json, "d"), "-2.5e3");
  EXPECT_EQ(ValueOf(json, "t"), "true");
  EXPECT_EQ(ValueOf(json, "missing"), "<none>");
}

TEST(JsonTextTest, ToleratesSpaceAndKeysInsideStrings) {
  std::string json = " { \"k\" : \"audit\" ,\n \"audit\" : [ ] } ";
  EXPECT_EQ(ValueOf(json, "audit"), "[ ]");
  EXPECT_EQ(ValueOf(json, "k"), "\"audit\"");
}

TEST(JsonTextTest, NothingForWhatIsNotAWholeObject) {
  EXPECT_EQ(ValueOf("[1,2]", "a"), "<none>");
  EXPECT_EQ(ValueOf("", "a"), "<none>");
  EXPECT_EQ(ValueOf(R"({"a":[1,2)", "a"), "<none>");
  EXPECT_EQ(ValueOf(R"({"a":"cut)", "a"), "<none>");
  EXPECT_EQ(ValueOf(R"({"b":1 "a":2})", "a"), "<none>");   // missing comma
  EXPECT_EQ(ValueOf(R"({"a":})", "a"), "<none>");
}

}  // namespace
}  // namespace finsam
