// Tests for CheckLastRevision: complete files, updates cut off after the
// last %%EOF, files with no %%EOF, startxref offsets that point nowhere.
#include "ingest/pdf_revisions.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace finsam {
namespace {

// A minimal one-revision file: xref at the offset startxref names.
std::string Revision() {
  std::string head = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
  std::string xref = "xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\n";
  return head + xref + "startxref\n" + std::to_string(head.size()) + "\n%%EOF\n";
}

TEST(CheckLastRevisionTest, ClassifiesFileEnds) {
  struct Case {
    const char* name;
    std::string bytes;
    RevisionState want;
  };
  const std::string base = Revision();
  const std::vector<Case> cases = {
      {"complete", base, RevisionState::kComplete},
      {"complete, no newline after %%EOF", base.substr(0, base.size() - 1), RevisionState::kComplete},
      {"harmless junk after %%EOF", base + "\n\n-- sent from my phone\n", RevisionState::kComplete},
      {"update cut inside an object", base + "2 0 obj\n<< /Type /Page /Contents", RevisionState::kTruncatedUpdate},
      {"update cut inside its xref", base + "2 0 obj\n<< >>\nendobj\nxref\n0 3\n000", RevisionState::kTruncatedUpdate},
      {"update cut before its %%EOF", base + "2 0 obj\n<< >>\nendobj\nstartxref\n99\n", RevisionState::kTruncatedUpdate},
      {"no %%EOF at all", base.substr(0, base.find("startxref")), RevisionState::kNoEof},
      {"startxref past the end", "%PDF-1.4\nstartxref\n999999\n%%EOF\n", RevisionState::kBadStartxref},
      {"startxref into the middle of an object", "%PDF-1.4\n1 0 obj\n<< >>\nendobj\nstartxref\n12\n%%EOF\n",
       RevisionState::kBadStartxref},
      {"offsets counted from a header after junk", "junk\n" + base, RevisionState::kComplete},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(CheckLastRevision(c.bytes), c.want);
  }
}

TEST(CheckLastRevisionTest, XrefStreamCounts) {
  std::string head = "%PDF-1.5\n";
  std::string bytes = head + "5 0 obj\n<< /Type /XRef /Size 6 >>\nstream\nendstream\nendobj\nstartxref\n" +
                      std::to_string(head.size()) + "\n%%EOF\n";
  EXPECT_EQ(CheckLastRevision(bytes), RevisionState::kComplete);
}

TEST(CheckLastRevisionTest, MessagesAreSwedishAndOnlyForProblems) {
  EXPECT_EQ(RevisionMessage(RevisionState::kComplete), "");
  EXPECT_NE(RevisionMessage(RevisionState::kTruncatedUpdate).find("avkortad"), std::string::npos);
  EXPECT_NE(RevisionMessage(RevisionState::kNoEof).find("%%EOF"), std::string::npos);
  EXPECT_NE(RevisionMessage(RevisionState::kBadStartxref).find("korsreferenstabell"), std::string::npos);
}

}  // namespace
}  // namespace finsam
