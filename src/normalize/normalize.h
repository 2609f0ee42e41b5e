// Stage 2 — normalization: from the raw model to the model the grammars
// read. Strips markup (keeping bold), normalizes characters (ICU), rebuilds
// cell and line text, marks headings and label lines, and for PDFs joins
// lines that were wrapped by the layout back into logical lines, mending
// words hyphenated across the break. Line numbers of a logical line are
// those of its first physical line, for provenance.
// Tested by normalize_test.cc.
#pragma once

#include "model/document.h"

namespace finsam {

Document NormalizeDocument(const Document& raw);

}  // namespace finsam
