// Whether a PDF's last revision ends properly. Poppler opens a file cut off
// inside an incremental update without a word and shows the revision
// before it (or rebuilds the cross-reference table from whatever objects it
// finds), so the record would silently describe an older document. Tested
// by pdf_revisions_test.cc.
#pragma once

#include <string>
#include <string_view>

namespace finsam {

enum class RevisionState {
  kComplete,         // the last startxref points at a cross-reference section and %%EOF follows
  kTruncatedUpdate,  // an update (objects, xref, trailer) appended after the last %%EOF never ends
  kNoEof,            // no %%EOF at all: the file is cut off
  kBadStartxref,     // the last startxref does not point at a cross-reference section
};

RevisionState CheckLastRevision(std::string_view bytes);

// The audit message (Swedish) for a state other than kComplete.
std::string RevisionMessage(RevisionState state);

}  // namespace finsam
