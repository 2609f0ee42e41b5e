// What the files that use Poppler's core API share: opening a document
// from memory with the process-wide parameters kept alive, and the rule for
// which annotations are drawn when a page is read or rendered. Tested through pdf_words_test.cc, ocr_test.cc and the
// fuzz_regressions_pdf_ingest_fuzz test.
#pragma once

#include <memory>
#include <string>
#include <string_view>

class Annot;
class PDFDoc;

namespace finsam {

// Opens `bytes`, which must outlive the document; null when Poppler cannot
// open them (damaged, or locked and `password` does not open it).
std::unique_ptr<PDFDoc> OpenPdfDoc(std::string_view bytes, const std::string& password);

// The same open, keeping a document that is whole but locked (`locked`
// then true, `doc` set): the caller can tell an encrypted file from a
// damaged one, as poppler-cpp's is_locked() did.
struct OpenedPdf {
  std::unique_ptr<PDFDoc> doc;   // null: damaged
  bool locked = false;
};
OpenedPdf OpenPdf(std::string_view bytes, const std::string& password);

// Poppler's annotDisplayDecideCbk, its data the PDFDoc: an annotation is
// drawn unless it is a form widget whose appearance Poppler would have to
// generate (no stored appearance, or the form asks for new ones).
bool DrawAnnotationUnlessGenerated(Annot* annot, void* pdf_doc);

}  // namespace finsam
