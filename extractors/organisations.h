// Swedish public bodies: a registry loaded from grammars/organisations.tsv
// (Försäkringskassan, Arbetsförmedlingen, the 21 regions with their former
// landsting names, the 290 kommuner, the samordningsförbund), with
// abbreviations (FK, AF) and aliases. Resolves a written name to the
// canonical body and splits off a unit ("Försäkringskassan, Avdelningen för
// funktionsnedsättning" → Försäkringskassan + unit). Finds mentions in
// running text. Unknown organisations are kept as written, never dropped.
// Matching folds case and diacritics and tolerates one OCR slip in names of
// 8+ letters ("Försäkringskasssan"). Tested by organisations_test.cc.
//
// Registry format (TAB-separated, '#' comments; the file header says more):
//   kind  canonical  aliases|separated|by|bars  [field-only names]
// kinds: agency, region, kommun, forbund, and generic-<kind> for words that
// name a body without saying which one ("Landstinget", "Kommunen").
// Matching details:
//  - words are runs of letters and digits; between the words of a name the
//    text may have white space, hyphens/dashes, ',', '&' or '/' only;
//  - the last word may carry a genitive -s ("Försäkringskassans");
//  - one edit (or one word split by a space: "Försäkrings kassan") is
//    tolerated in one word of 6+ letters when the whole name has 8+ letters;
//    never for short aliases (<= 3 letters) or generic words;
//  - names differing only in diacritics ("Håbo"/"Habo") are told apart by
//    them; in running text a kommun name needs its capital ("vara kommun"
//    is the verb, not Vara kommun);
//  - a bare kommun name ("Lund") is a field-only name: Resolve accepts it when
//    it is the whole field; FindMentions never reports it.
// Generic words: Resolve returns known=false, canonical as written, and the
// kind they hint at (kRegion for "Landstinget"). FindMentions reports them as
// known=false mentions only when written with a capital ("Landstinget,
// Försäkringskassan och ..."), never lower-case prose ("kommunen ansvarar").
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace finsam {

enum class OrgKind { kAgency, kRegion, kKommun, kForbund, kOther };

struct OrgRef {
  std::string name;                  // as written, cleaned (trimmed, no trailing punctuation)
  std::string canonical;             // registry name; == name when unknown
  std::optional<std::string> unit;   // the part below the body, if any
  OrgKind kind = OrgKind::kOther;
  bool known = false;                // found in the registry
  size_t begin = 0, end = 0;         // byte span in the searched text (FindMentions)
};

class OrgRegistry {
 public:
  // Loads the TSV registry. Errors name file:line.
  static Result<std::shared_ptr<const OrgRegistry>> Load(const std::string& path);
  // Builds a registry from TSV text (for tests and fuzzing).
  static Result<std::shared_ptr<const OrgRegistry>> FromText(std::string_view tsv,
                                                             const std::string& origin);

  // Resolves a written organisation ("landstinget Sörmland", "FK FVV Syd",
  // "Region Skåne, Vuxenpsykiatri Lund", "Vuxenpsykiatri Lund, Region Skåne")
  // to its body. Returns a ref with known=false and canonical=name when the
  // body is not in the registry but the text looks like an organisation
  // (e.g. "Landstinget", "Akademiska sjukhuset"); nullopt for empty input
  // (nothing but white space and punctuation).
  // The body named first wins, else the one that ends the text; the rest,
  // stripped of separators and a dangling "i"/"vid"/"inom"/"hos"/"på", is
  // the unit ("Socialförvaltningen i Lunds kommun" → unit
  // "Socialförvaltningen"). begin/end span the cleaned name in `written`.
  std::optional<OrgRef> Resolve(std::string_view written) const;

  // Registry bodies mentioned in running text, in order of appearance,
  // longest match first at a position ("Samordningsförbundet RAR i Sörmland"
  // beats "RAR"). Short aliases (≤ 3 letters, e.g. "FK", "AF", "RAR") match
  // only as whole upper-case words. A unit is not split off here.
  std::vector<OrgRef> FindMentions(std::string_view text) const;

  // Number of bodies (generic words not counted).
  size_t size() const;
  // Number of bodies of one kind (generic words not counted).
  size_t CountKind(OrgKind kind) const;

  // Implementation detail, public only so the .cc can define it.
  struct Entry;
  struct Impl;
  explicit OrgRegistry(std::unique_ptr<Impl> impl);
  ~OrgRegistry();

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace finsam
