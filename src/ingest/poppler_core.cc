// Opening documents and choosing annotations through Poppler's core API
// (see poppler_core.h).
#include "ingest/poppler_core.h"

#include <poppler/Annot.h>
#include <poppler/Catalog.h>
#include <poppler/ErrorCodes.h>
#include <poppler/Form.h>
#include <poppler/GlobalParams.h>
#include <poppler/PDFDoc.h>
#include <poppler/Stream.h>

namespace finsam {
namespace {

// Poppler builds its global parameters (font and encoding tables, about as
// much work as reading a short page) when the first document opens and
// drops them when the last one closes, that is for every file read one at a
// time. One holder for the process keeps them. Poppler's error messages
// stay silent: what a file's damage means reaches the record as findings.
void KeepGlobalParams() {
  static const GlobalParamsIniter kIniter([](ErrorCategory, Goffset, const char*) {});
}

}  // namespace

OpenedPdf OpenPdf(std::string_view bytes, const std::string& password) {
  KeepGlobalParams();
  OpenedPdf opened;
  // As poppler::document::load_from_raw_data opens it, which refuses
  // fewer than 10 bytes before Poppler sees them.
  if (bytes.size() < 10) return opened;
  auto* stream = new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull));
  auto doc = std::make_unique<PDFDoc>(stream, GooString(password.c_str()), GooString(password.c_str()));
  opened.locked = !doc->isOk() && doc->getErrorCode() == errEncrypted;
  if (doc->isOk() || opened.locked) opened.doc = std::move(doc);
  return opened;
}

std::unique_ptr<PDFDoc> OpenPdfDoc(std::string_view bytes, const std::string& password) {
  OpenedPdf opened = OpenPdf(bytes, password);
  return opened.locked ? nullptr : std::move(opened.doc);
}

// Generating a widget's appearance is where hostile forms hurt: Poppler
// 22.12 never returns from laying out a multi-line text field whose value
// is UTF-16 with an odd number of bytes, and it asks fontconfig for a
// fallback font for every glyph the field's font lacks (tens of
// milliseconds each: a field of a few thousand such glyphs took minutes).
// Both were found by fuzz/pdf_ingest_fuzz (fuzz/regressions/). The values
// of such widgets reach the page through pdf_forms.cc instead, which lays
// them out where the page does not already show them.
bool DrawAnnotationUnlessGenerated(Annot* annot, void* pdf_doc) {
  if (annot->getType() != Annot::typeWidget) return true;
  Form* form = static_cast<PDFDoc*>(pdf_doc)->getCatalog()->getForm();
  return !annot->getAppearance().isNull() && !(form && form->getNeedAppearances());
}

}  // namespace finsam
