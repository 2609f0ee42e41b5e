// The last-revision check of a PDF's tail (see pdf_revisions.h): a few byte
// searches from the end, no parsing of objects. Tested by
// pdf_revisions_test.cc.
#include "ingest/pdf_revisions.h"

#include <cctype>

namespace finsam {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\0'; }

size_t SkipSpace(std::string_view s, size_t i) {
  while (i < s.size() && IsSpace(s[i])) ++i;
  return i;
}

// "12 0 obj" at `i`: digits, space, digits, space, "obj".
bool ObjectHeaderAt(std::string_view s, size_t i) {
  for (int number = 0; number < 2; ++number) {
    size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == start || i >= s.size() || !IsSpace(s[i])) return false;
    i = SkipSpace(s, i);
  }
  return s.substr(i, 3) == "obj";
}

// Whether bytes after the last %%EOF begin a revision: an object, a
// cross-reference section or a trailer. Other trailing junk (padding, a
// mail client's signature) is harmless and common.
bool BeginsRevision(std::string_view tail) {
  size_t i = SkipSpace(tail, 0);
  if (i == tail.size()) return false;
  return ObjectHeaderAt(tail, i) || tail.substr(i, 4) == "xref" || tail.substr(i, 7) == "trailer" ||
         tail.find("startxref") != std::string_view::npos;
}

// Whether the last startxref before `eof` points at "xref" or at an object
// (a cross-reference stream).
bool StartxrefValid(std::string_view bytes, size_t eof) {
  size_t keyword = bytes.rfind("startxref", eof);
  if (keyword == std::string_view::npos) return false;
  size_t i = SkipSpace(bytes, keyword + 9);
  unsigned long long offset = 0;
  size_t digits = 0;
  for (; i < eof && std::isdigit(static_cast<unsigned char>(bytes[i])) && digits < 15; ++i, ++digits) {
    offset = offset * 10 + static_cast<unsigned>(bytes[i] - '0');
  }
  if (digits == 0) return false;
  // Offsets count from the %PDF header, which may follow some junk.
  size_t header = bytes.substr(0, 1024).find("%PDF-");
  for (size_t base : {size_t{0}, header == std::string_view::npos ? size_t{0} : header}) {
    if (offset + base >= bytes.size()) continue;
    size_t at = SkipSpace(bytes, static_cast<size_t>(offset) + base);
    if (bytes.substr(at, 4) == "xref" || ObjectHeaderAt(bytes, at)) return true;
  }
  return false;
}

}  // namespace

RevisionState CheckLastRevision(std::string_view bytes) {
  size_t eof = bytes.rfind("%%EOF");
  if (eof == std::string_view::npos) return RevisionState::kNoEof;
  if (BeginsRevision(bytes.substr(eof + 5))) return RevisionState::kTruncatedUpdate;
  if (!StartxrefValid(bytes, eof)) return RevisionState::kBadStartxref;
  return RevisionState::kComplete;
}

std::string RevisionMessage(RevisionState state) {
  switch (state) {
    case RevisionState::kTruncatedUpdate:
      return "PDF-filen är avkortad mitt i en senare ändring (inkrementell uppdatering); "
             "uppgifterna kommer från den föregående, fullständiga versionen";
    case RevisionState::kNoEof:
      return "PDF-filen är avkortad (slutmarkeringen %%EOF saknas); det som kunde läsas kan vara ofullständigt";
    case RevisionState::kBadStartxref:
      return "PDF-filens korsreferenstabell pekar fel och har återskapats; "
             "kontrollera uppgifterna mot originalet";
    case RevisionState::kComplete:
      break;
  }
  return "";
}

}  // namespace finsam
