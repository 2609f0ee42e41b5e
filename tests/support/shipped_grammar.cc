// Shared test fixtures (see shipped_grammar.h).
#include "support/shipped_grammar.h"

#include <gtest/gtest.h>

#include "grammar/grammar_loader.h"
#include "ingest/ingest.h"
#include "normalize/normalize.h"

namespace finsam {

const Grammar& ShippedGrammar() {
  static const Grammar grammar = [] {
    Result<Grammar> g = LoadGrammarDirs({FINSAM_SOURCE_DIR "/grammars"});
    EXPECT_TRUE(g.ok()) << (g.ok() ? "" : g.error().ToString());
    return g.ok() ? std::move(g.value()) : Grammar{};
  }();
  return grammar;
}

const OrgRegistry& ShippedRegistry() {
  static const std::shared_ptr<const OrgRegistry> registry = [] {
    auto loaded = OrgRegistry::Load(FINSAM_SOURCE_DIR "/grammars/organisations.tsv");
    EXPECT_TRUE(loaded.ok()) << (loaded.ok() ? "" : loaded.error().ToString());
    return loaded.ok() ? loaded.value() : nullptr;
  }();
  return *registry;
}

Document NormalizedText(const std::string& text) {
  Result<Document> raw = IngestBytes(text, "test.txt", IngestOptions{});
  EXPECT_TRUE(raw.ok()) << (raw.ok() ? "" : raw.error().ToString());
  return raw.ok() ? NormalizeDocument(*raw) : Document{};
}

}  // namespace finsam
