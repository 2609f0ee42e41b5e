// A new template is a grammar file alone: loading tests/data/template_example
// with the built-in grammars teaches the engine labels it did not know.
#include <gtest/gtest.h>

#include "pipeline.h"

namespace finsam {
namespace {

const std::string kExample = std::string(FINSAM_SOURCE_DIR) + "/tests/data/template_example";

Record ExtractWith(const std::vector<std::string>& extra) {
  auto engine = Engine::Load(extra);
  EXPECT_TRUE(engine.ok()) << (engine.ok() ? "" : engine.error().ToString());
  auto records = ExtractFile(kExample + "/input.txt", **engine);
  EXPECT_TRUE(records.ok());
  EXPECT_EQ(records->size(), 1u);
  return records->front();
}

TEST(TemplateGrammarTest, UnknownLabelsAreNotReadWithoutTheTemplate) {
  Record r = ExtractWith({});
  EXPECT_FALSE(r.title.has_value());
  EXPECT_FALSE(r.period_start.has_value());
}

TEST(TemplateGrammarTest, TemplateFileAddsItsLabels) {
  Record r = ExtractWith({kExample});
  EXPECT_EQ(r.document_type, "ansokan");
  ASSERT_TRUE(r.title.has_value());
  EXPECT_EQ(*r.title, "Arbetsträning i Nybro");
  EXPECT_EQ(r.period_start.value_or(""), "2010-09-01");
  EXPECT_EQ(r.period_end.value_or(""), "2011-08-31");
  EXPECT_EQ(r.provenance.at("/title").rule, "title.kalmar_2010");
  EXPECT_EQ(r.funder.value_or(""), "Samordningsförbundet Kalmar län");
}

}  // namespace
}  // namespace finsam
