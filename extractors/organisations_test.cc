#include "extractors/organisations.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace finsam {
namespace {

const char kRegistryPath[] = FINSAM_SOURCE_DIR "/grammars/organisations.tsv";

std::shared_ptr<const OrgRegistry> Real() {
  static const std::shared_ptr<const OrgRegistry> registry = [] {
    auto loaded = OrgRegistry::Load(kRegistryPath);
    EXPECT_TRUE(loaded.ok()) << (loaded.ok() ? "" : loaded.error().ToString());
    return loaded.ok() ? loaded.value() : nullptr;
  }();
  return registry;
}

std::shared_ptr<const OrgRegistry> Small(const std::string& tsv) {
  auto loaded = OrgRegistry::FromText(tsv, "test.tsv");
  EXPECT_TRUE(loaded.ok()) << (loaded.ok() ? "" : loaded.error().ToString());
  return loaded.ok() ? loaded.value() : nullptr;
}

std::vector<std::string> Canonicals(const std::vector<OrgRef>& refs) {
  std::vector<std::string> out;
  for (const OrgRef& r : refs) out.push_back(r.known ? r.canonical : "?" + r.name);
  return out;
}

// Resolves `written` with the real registry and expects a known body.
void ExpectBody(const std::string& written, const std::string& canonical, OrgKind kind,
                const std::optional<std::string>& unit = std::nullopt) {
  SCOPED_TRACE(written);
  auto ref = Real()->Resolve(written);
  ASSERT_TRUE(ref.has_value());
  EXPECT_TRUE(ref->known);
  EXPECT_EQ(ref->canonical, canonical);
  EXPECT_EQ(ref->kind, kind);
  EXPECT_EQ(ref->unit, unit);
}

// ------------------------------------------------------------- registry --

TEST(OrgRegistryData, LoadsWithExpectedCounts) {
  auto reg = Real();
  ASSERT_NE(reg, nullptr);
  EXPECT_EQ(reg->CountKind(OrgKind::kKommun), 290u);
  EXPECT_EQ(reg->CountKind(OrgKind::kRegion), 21u);
  EXPECT_EQ(reg->CountKind(OrgKind::kAgency), 2u);
  EXPECT_GE(reg->CountKind(OrgKind::kForbund), 60u);
  EXPECT_EQ(reg->size(), 290u + 21u + 2u + reg->CountKind(OrgKind::kForbund));
}

struct TsvRow {
  size_t line;
  std::string kind, canonical;
  std::vector<std::string> aliases;
};

std::vector<std::string> SplitOn(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, sep);) out.push_back(part);
  return out;
}

std::vector<TsvRow> ReadRows() {
  std::ifstream in(kRegistryPath);
  std::vector<TsvRow> rows;
  size_t n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols = SplitOn(line, '\t');
    TsvRow row{n, cols.at(0), cols.at(1), {}};
    if (cols.size() > 2) row.aliases = SplitOn(cols[2], '|');
    rows.push_back(row);
  }
  return rows;
}

TEST(OrgRegistryData, KommunAndRegionNamesFollowTheLegalStyle) {
  for (const TsvRow& row : ReadRows()) {
    SCOPED_TRACE(row.canonical);
    if (row.kind == "kommun") {
      EXPECT_EQ(row.canonical.substr(row.canonical.size() - 7), " kommun");
    } else if (row.kind == "region") {
      EXPECT_TRUE(row.canonical.rfind("Region ", 0) == 0 ||
                  row.canonical == "Västra Götalandsregionen");
    }
  }
}

// Every canonical name and alias must come back as its own body, both as a
// field and in running text: catches aliases shadowed by a longer name or
// by an OCR-tolerant neighbour.
TEST(OrgRegistryData, EveryNameResolvesToItsOwnBody) {
  auto reg = Real();
  ASSERT_NE(reg, nullptr);
  for (const TsvRow& row : ReadRows()) {
    if (row.kind.rfind("generic", 0) == 0) continue;
    std::vector<std::string> names = row.aliases;
    names.push_back(row.canonical);
    for (const std::string& name : names) {
      SCOPED_TRACE("line " + std::to_string(row.line) + ": " + name);
      auto ref = reg->Resolve(name);
      ASSERT_TRUE(ref.has_value());
      EXPECT_TRUE(ref->known);
      EXPECT_EQ(ref->canonical, row.canonical);
      EXPECT_FALSE(ref->unit.has_value());
      auto mentions = reg->FindMentions("Beslut av " + name + " i dag.");
      ASSERT_EQ(mentions.size(), 1u);
      EXPECT_EQ(mentions[0].canonical, row.canonical);
      EXPECT_EQ(mentions[0].name, name);
    }
  }
}

// ---------------------------------------------------------------- Resolve --

TEST(OrgResolve, FormerLandstingNamesMapToRegions) {
  ExpectBody("landstinget Sörmland", "Region Sörmland", OrgKind::kRegion);
  ExpectBody("Landstinget i Södermanland", "Region Sörmland", OrgKind::kRegion);
  ExpectBody("Region Södermanland", "Region Sörmland", OrgKind::kRegion);
  ExpectBody("Stockholms läns landsting", "Region Stockholm", OrgKind::kRegion);
  ExpectBody("Landstinget i Värmland", "Region Värmland", OrgKind::kRegion);
  ExpectBody("Region Västra Götaland", "Västra Götalandsregionen", OrgKind::kRegion);
  ExpectBody("Region Uppsala", "Region Uppsala", OrgKind::kRegion);
  ExpectBody("Region Jämtland Härjedalen", "Region Jämtland Härjedalen", OrgKind::kRegion);
}

TEST(OrgResolve, GenericAndUnknownBodiesAreKeptAsWritten) {
  auto landsting = Real()->Resolve("Landstinget");
  ASSERT_TRUE(landsting.has_value());
  EXPECT_FALSE(landsting->known);
  EXPECT_EQ(landsting->canonical, "Landstinget");
  EXPECT_EQ(landsting->kind, OrgKind::kRegion);

  auto hospital = Real()->Resolve("Akademiska sjukhuset.");
  ASSERT_TRUE(hospital.has_value());
  EXPECT_FALSE(hospital->known);
  EXPECT_EQ(hospital->name, "Akademiska sjukhuset");
  EXPECT_EQ(hospital->canonical, "Akademiska sjukhuset");
  EXPECT_EQ(hospital->kind, OrgKind::kOther);
  EXPECT_FALSE(hospital->unit.has_value());
}

TEST(OrgResolve, SplitsUnitAfterBody) {
  ExpectBody("Försäkringskassan, Avdelningen för funktionsnedsättning kontorsområde Syd",
             "Försäkringskassan", OrgKind::kAgency,
             "Avdelningen för funktionsnedsättning kontorsområde Syd");
  ExpectBody("FK FVV Syd", "Försäkringskassan", OrgKind::kAgency, "FVV Syd");
  ExpectBody("FK FIVSYD", "Försäkringskassan", OrgKind::kAgency, "FIVSYD");
  ExpectBody("Försäkringskassan Södermanland", "Försäkringskassan", OrgKind::kAgency,
             "Södermanland");
  ExpectBody("Lunds kommun, socialförvaltningen", "Lunds kommun", OrgKind::kKommun,
             "socialförvaltningen");
  ExpectBody("Försäkringskassan (FVV Syd)", "Försäkringskassan", OrgKind::kAgency, "FVV Syd");
  ExpectBody("Försäkringskassan i Västerbotten", "Försäkringskassan", OrgKind::kAgency,
             "Västerbotten");
}

TEST(OrgResolve, SplitsUnitBeforeBody) {
  ExpectBody("Vuxenpsykiatri Verksamhetsområde Lund, Region Skåne", "Region Skåne",
             OrgKind::kRegion, "Vuxenpsykiatri Verksamhetsområde Lund");
  ExpectBody("Socialförvaltningen i Lunds kommun", "Lunds kommun", OrgKind::kKommun,
             "Socialförvaltningen");
  ExpectBody("Vuxenpsykiatrin – Region Skåne", "Region Skåne", OrgKind::kRegion,
             "Vuxenpsykiatrin");
}

TEST(OrgResolve, SeveralBodiesResolveToTheFirstWithoutUnit) {
  ExpectBody("Försäkringskassan och Arbetsförmedlingen", "Försäkringskassan",
             OrgKind::kAgency);
  ExpectBody("Region Halland, Landstinget Halland", "Region Halland", OrgKind::kRegion);
}

TEST(OrgResolve, KommunStylesAndBarePlaceNames) {
  ExpectBody("Göteborgs Stad", "Göteborgs kommun", OrgKind::kKommun);
  ExpectBody("Stockholms stad", "Stockholms kommun", OrgKind::kKommun);
  ExpectBody("Malmö stad", "Malmö kommun", OrgKind::kKommun);
  ExpectBody("Eslövs kommun", "Eslövs kommun", OrgKind::kKommun);
  ExpectBody("eslövs kommun", "Eslövs kommun", OrgKind::kKommun);  // a field: lenient
  ExpectBody("Uppsala kommun", "Uppsala kommun", OrgKind::kKommun);
  // A whole field holding only a place name is the kommun.
  ExpectBody("Eslöv", "Eslövs kommun", OrgKind::kKommun);
  ExpectBody("  Upplands Väsby ", "Upplands Väsby kommun", OrgKind::kKommun);
}

TEST(OrgResolve, DiacriticsTellTwinKommunerApart) {
  ExpectBody("Håbo kommun", "Håbo kommun", OrgKind::kKommun);
  ExpectBody("Habo kommun", "Habo kommun", OrgKind::kKommun);
  ExpectBody("HÅBO KOMMUN", "Håbo kommun", OrgKind::kKommun);
  ExpectBody("Håbo", "Håbo kommun", OrgKind::kKommun);
  ExpectBody("Habo", "Habo kommun", OrgKind::kKommun);
  EXPECT_EQ(Canonicals(Real()->FindMentions("Habo kommun och Håbo kommun")),
            (std::vector<std::string>{"Habo kommun", "Håbo kommun"}));
}

TEST(OrgResolve, SamordningsforbundAliases) {
  ExpectBody("Samordningsförbundet i Uppsala län", "Samordningsförbundet Uppsala län",
             OrgKind::kForbund);
  ExpectBody("Samordningsförbundet RAR Sörmland", "Samordningsförbundet RAR i Sörmland",
             OrgKind::kForbund);
  ExpectBody("Burlöv-Staffanstorps Samordningsförbundet",
             "Samordningsförbundet Burlöv Staffanstorp", OrgKind::kForbund);
  ExpectBody("Finsam MittSkåne", "Samordningsförbundet Finsam Mittskåne", OrgKind::kForbund);
  ExpectBody("Samordningsförbundet för Eslöv, Höör och Hörby",
             "Samordningsförbundet Finsam Mittskåne", OrgKind::kForbund);
  ExpectBody("Lunds Samordningsförbund FINSAM", "Lunds Samordningsförbund", OrgKind::kForbund);
  ExpectBody("Finsam Lund", "Lunds Samordningsförbund", OrgKind::kForbund);
}

TEST(OrgResolve, ToleratesOneOcrSlipInLongNamesOnly) {
  ExpectBody("Försäkringskasssan", "Försäkringskassan", OrgKind::kAgency);
  ExpectBody("Forsakringskassan", "Försäkringskassan", OrgKind::kAgency);
  ExpectBody("FÖRSÄKRINGSKASSAN", "Försäkringskassan", OrgKind::kAgency);
  ExpectBody("Försäkringskasan", "Försäkringskassan", OrgKind::kAgency);
  ExpectBody("Arbetsförmedlingcn", "Arbetsförmedlingen", OrgKind::kAgency);
  ExpectBody("Försäkrings kassan", "Försäkringskassan", OrgKind::kAgency);
  // Two slips: unknown.
  EXPECT_FALSE(Real()->Resolve("Försäkrinskasssan")->known);
  // Short aliases tolerate nothing, not even lower case.
  EXPECT_FALSE(Real()->Resolve("FX")->known);
  EXPECT_FALSE(Real()->Resolve("fk")->known);
}

TEST(OrgResolve, CleansAndRejectsEmptyInput) {
  EXPECT_FALSE(Real()->Resolve("").has_value());
  EXPECT_FALSE(Real()->Resolve("   ").has_value());
  EXPECT_FALSE(Real()->Resolve(" .,: ").has_value());
  auto ref = Real()->Resolve("  Arbetsförmedlingen:  ");
  ASSERT_TRUE(ref.has_value());
  EXPECT_EQ(ref->name, "Arbetsförmedlingen");
  EXPECT_EQ(ref->canonical, "Arbetsförmedlingen");
  EXPECT_EQ(ref->begin, 2u);
  EXPECT_EQ(ref->end, 2u + std::string("Arbetsförmedlingen").size());
}

// ----------------------------------------------------------- FindMentions --

TEST(OrgMentions, FindsBodiesWithSpans) {
  std::string text = "Försäkringskassan och landstinget Sörmland genomförde";
  auto m = Real()->FindMentions(text);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].canonical, "Försäkringskassan");
  EXPECT_EQ(m[0].kind, OrgKind::kAgency);
  EXPECT_EQ(m[0].begin, 0u);
  EXPECT_EQ(m[0].end, std::string("Försäkringskassan").size());
  EXPECT_EQ(m[1].canonical, "Region Sörmland");
  EXPECT_EQ(m[1].name, "landstinget Sörmland");
  EXPECT_EQ(text.substr(m[1].begin, m[1].end - m[1].begin), "landstinget Sörmland");
  for (const OrgRef& r : m) EXPECT_FALSE(r.unit.has_value());
}

// Candidate names are remembered per word and thread; a second registry
// asked about the same words must not get the first one's answers.
TEST(OrgMentions, RegistriesDoNotShareRememberedCandidates) {
  auto first = Small("agency\tFörsäkringskassan\tFK\n");
  auto second = Small("agency\tArbetsförmedlingen\tAF\n");
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  const std::string text = "Försäkringskassan och Arbetsförmedlingen";
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(Canonicals(first->FindMentions(text)), std::vector<std::string>{"Försäkringskassan"});
    EXPECT_EQ(Canonicals(second->FindMentions(text)), std::vector<std::string>{"Arbetsförmedlingen"});
    // An OCR slip finds the same body through the remembered fuzzy candidates.
    EXPECT_EQ(Canonicals(first->FindMentions("Försäkringskasan")), std::vector<std::string>{"Försäkringskassan"});
  }
}

TEST(OrgMentions, ShortAliasesOnlyAsUpperCaseWords) {
  auto m = Real()->FindMentions("Ansökan om medel från RAR");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].canonical, "Samordningsförbundet RAR i Sörmland");
  EXPECT_EQ(Canonicals(Real()->FindMentions("Handläggare på FK:s kontor och AF.")),
            (std::vector<std::string>{"Försäkringskassan", "Arbetsförmedlingen"}));
  EXPECT_TRUE(Real()->FindMentions("ett rar fk af-projekt").empty());
}

TEST(OrgMentions, LongestNameWinsOnce) {
  auto m = Real()->FindMentions("Samordningsförbundet Finsam Mittskåne");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].canonical, "Samordningsförbundet Finsam Mittskåne");
  m = Real()->FindMentions("Styrelsen för Samordningsförbundet RAR i Sörmland beslutade");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].name, "Samordningsförbundet RAR i Sörmland");
}

TEST(OrgMentions, GenericWordsAreUnknownAndOnlyCapitalised) {
  auto m = Real()->FindMentions("Landstinget, Försäkringskassan och Arbetsförmedlingen ansöker");
  EXPECT_EQ(Canonicals(m), (std::vector<std::string>{"?Landstinget", "Försäkringskassan",
                                                     "Arbetsförmedlingen"}));
  EXPECT_EQ(m[0].kind, OrgKind::kRegion);
  EXPECT_EQ(m[0].canonical, "Landstinget");
  EXPECT_TRUE(Real()->FindMentions("kommunen och landstinget ansvarar").empty());
}

TEST(OrgMentions, BareKommunNamesAreNotMentions) {
  EXPECT_TRUE(Real()->FindMentions("Mötet hölls i Lund och Eslöv med Göran Mora.").empty());
  EXPECT_EQ(Canonicals(Real()->FindMentions("Lunds kommun och Eslövs kommuns socialtjänst")),
            (std::vector<std::string>{"Lunds kommun", "Eslövs kommun"}));
  // "vår kommun" is not Vara kommun, however close; kommun names are proper
  // nouns, so "vara kommun" (to be ...) is not Vara kommun either.
  EXPECT_TRUE(Real()->FindMentions("i vår kommun finns").empty());
  EXPECT_TRUE(Real()->FindMentions("att vara kommun i länet").empty());
  EXPECT_EQ(Canonicals(Real()->FindMentions("VARA KOMMUN")),
            (std::vector<std::string>{"Vara kommun"}));
}

TEST(OrgMentions, GenitiveAndOcrSlips) {
  std::string text = "Försäkringskassans handläggare och Arbetsformedlingen";
  auto m = Real()->FindMentions(text);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].name, "Försäkringskassans");
  EXPECT_EQ(m[0].canonical, "Försäkringskassan");
  EXPECT_EQ(m[1].canonical, "Arbetsförmedlingen");
  EXPECT_EQ(Canonicals(Real()->FindMentions("enligt Försäkringskasssan")),
            (std::vector<std::string>{"Försäkringskassan"}));
  // A word split in two by text extraction counts as the one slip.
  m = Real()->FindMentions("Ansökan till Samordnings förbundet RAR i Sörmland.");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].canonical, "Samordningsförbundet RAR i Sörmland");
  EXPECT_EQ(m[0].name, "Samordnings förbundet RAR i Sörmland");
  EXPECT_TRUE(Real()->FindMentions("Försäkrings kasssan").empty());  // two slips
}

TEST(OrgMentions, WordsOfANameMustNotBeSplitBySentencePunctuation) {
  EXPECT_EQ(Canonicals(Real()->FindMentions("i denna region. Skåne är")),
            std::vector<std::string>{});
  EXPECT_EQ(Canonicals(Real()->FindMentions("Region\u00a0Skåne och Burlöv–Staffanstorps "
                                            "samordningsförbund")),
            (std::vector<std::string>{"Region Skåne",
                                      "Samordningsförbundet Burlöv Staffanstorp"}));
}

TEST(OrgMentions, DecomposedAndUpperCaseText) {
  // "Försäkringskassan" with o + U+0308 and a + U+0308.
  auto m = Real()->FindMentions("Fo\xCC\x88rsa\xCC\x88kringskassan och REGION SKÅNE");
  EXPECT_EQ(Canonicals(m), (std::vector<std::string>{"Försäkringskassan", "Region Skåne"}));
  EXPECT_EQ(m[0].end, std::string("Fo\xCC\x88rsa\xCC\x88kringskassan").size());
}

TEST(OrgMentions, HandlesOddBytesAndEmptyText) {
  EXPECT_TRUE(Real()->FindMentions("").empty());
  EXPECT_TRUE(Real()->FindMentions("\xFF\xFE\x80 --- ,,,").empty());
  EXPECT_EQ(Canonicals(Real()->FindMentions("\xFF" "FK\xC3")),
            (std::vector<std::string>{"Försäkringskassan"}));
}

TEST(OrgMentions, SpansStayInsideArbitraryText) {
  const std::vector<std::string> pieces = {
      "Försäkrings", "kassan", " ", "-", ",", "FK", "Region", "Skåne", "\xC3", "\xA4",
      "o\xCC\x88", "Samordnings", "förbundet", "RAR", " i ", "Sörmland", "Håbo", "kommun",
      "s", "(", ")", "\xE2\x80\x93", "\xC2\xA0", "Landstinget", "\xFF", "."};
  uint32_t seed = 12345;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    for (int n = 0; n < 12; ++n) {
      seed = seed * 1103515245u + 12345u;
      text += pieces[(seed >> 16) % pieces.size()];
    }
    for (const OrgRef& r : Real()->FindMentions(text)) {
      ASSERT_LE(r.begin, r.end);
      ASSERT_LE(r.end, text.size());
      EXPECT_EQ(r.name, text.substr(r.begin, r.end - r.begin));
    }
    if (auto r = Real()->Resolve(text)) {
      ASSERT_LE(r->end, text.size());
      EXPECT_EQ(r->name, text.substr(r->begin, r->end - r->begin));
      if (!r->known) {
        EXPECT_EQ(r->canonical, r->name);
      }
    }
  }
}

TEST(OrgMentions, FastEnoughForEveryLine) {
  const std::vector<std::string> lines = {
      "Samordningsförbundet RAR i Sörmland har under året finansierat insatser",
      "tillsammans med Försäkringskassan, Arbetsförmedlingen och Region Sörmland.",
      "Deltagarna kom från Eskilstuna kommun, Nyköpings kommun och Katrineholm.",
      "Totalt 480 000 kr betalades ut enligt beslut 2019-03-14 § 12.",
      "Insatsen har utvärderats av en extern utvärderare med gott resultat.",
  };
  auto start = std::chrono::steady_clock::now();
  size_t found = 0;
  for (int i = 0; i < 4000; ++i) found += Real()->FindMentions(lines[i % lines.size()]).size();
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(found, 4000u / 5 * 6);
  EXPECT_LT(seconds, 4.0) << "4000 lines took " << seconds << " s";
}

// ------------------------------------------------------------ load errors --

TEST(OrgLoad, SmallRegistryFromText) {
  auto reg = Small(
      "# comment\r\n"
      "\n"
      "agency\tFörsäkringskassan\tFK|Försäkringskassa\r\n"
      "kommun\tLunds kommun\t\tLund\n"
      "generic-region\tLandstinget\n");
  ASSERT_NE(reg, nullptr);
  EXPECT_EQ(reg->size(), 2u);
  EXPECT_EQ(reg->Resolve("Lund")->canonical, "Lunds kommun");
  EXPECT_EQ(Canonicals(reg->FindMentions("FK och Lund")),
            (std::vector<std::string>{"Försäkringskassan"}));
}

void ExpectSyntaxError(const std::string& tsv, const std::string& where,
                       const std::string& fragment) {
  SCOPED_TRACE(tsv);
  auto loaded = OrgRegistry::FromText(tsv, "test.tsv");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, "registry_syntax");
  EXPECT_EQ(loaded.error().where, where);
  EXPECT_NE(loaded.error().message.find(fragment), std::string::npos)
      << loaded.error().message;
}

TEST(OrgLoad, SyntaxErrorsNameFileAndLine) {
  ExpectSyntaxError("# x\nagency\tFörsäkringskassan\nmyndighet\tSkatteverket\n", "test.tsv:3",
                    "unknown kind 'myndighet'");
  ExpectSyntaxError("agency Försäkringskassan\n", "test.tsv:1", "TAB-separated");
  ExpectSyntaxError("agency\t\tFK\n", "test.tsv:1", "empty canonical");
  ExpectSyntaxError("agency\tA\tB\tC\tD\n", "test.tsv:1", "found 5");
  ExpectSyntaxError("agency\tFörsäkringskassan\tFK\nagency\tArbetsförmedlingen\tfk\n",
                    "test.tsv:2", "already belongs to 'Försäkringskassan' (line 1)");
  ExpectSyntaxError("agency\tFörsäkringskassan\t--\n", "test.tsv:1", "has no letters");
}

TEST(OrgLoad, MissingFileIsAnIoError) {
  auto loaded = OrgRegistry::Load("/nonexistent/organisations.tsv");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, "registry_io");
  EXPECT_EQ(loaded.error().where, "/nonexistent/organisations.tsv");
}

}  // namespace
}  // namespace finsam
