// Signatures: handwritten signature blocks (Underskrift, Namnförtydligande,
// Ort och datum, Medlemsorganisation, E-post — labelled, or flattened from
// a two-column layout into unlabelled lines), e-signature certificate pages
// (signer names with timestamps, BankID/Freja eID), protocol signatures
// (Justeras, Utdragsbestyrkande), and signers named but not signed.
// Vocabulary from the grammar's signature.* label sets.
// Tested by signatures_test.cc.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "extractors/context.h"

namespace finsam {

struct Signature {
  std::optional<std::string> name;
  std::optional<OrgRef> organisation;
  std::optional<std::string> role;       // insatsagare | samverkanspart
  std::optional<std::string> date;       // ISO
  std::optional<std::string> place;
  std::optional<std::string> email;
  std::string method = "unsigned";       // e-signature | handwritten | unsigned
  int page = 0, line = 0;
  std::string text;                      // source line, for provenance
};

std::vector<Signature> ExtractSignatures(const ExtractContext& context);

// "NINA MARIA ANUNDSSON" → "Nina Maria Anundsson" (also "af", "von", "de").
std::string NormalizePersonName(std::string_view name);

}  // namespace finsam
