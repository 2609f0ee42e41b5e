// Filled-in AcroForm fields of a PDF as words of the page model. Many
// archived applications are fillable forms whose answers live only in the
// fields' values (/V): the page content holds the labels, and the widgets'
// appearance streams may be empty or stale. The fields are read through
// Poppler's core form API (pdf_forms.cc). Tested by pdf_forms_test.cc and
// corpus/45_*.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ingest/pdf_words.h"
#include "model/document.h"

namespace finsam {

// One widget's value. The rectangle is in PDF user space relative to the
// page's crop box (origin bottom-left, before /Rotate).
struct FormValue {
  std::string text;        // the value as a reader shows it ("X" for a checked box)
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double font_size = 0;    // from /DA; 0 means automatic
  bool multiline = false;  // a multi-line text field: the value wraps in its box
  bool check = false;      // a check box or radio button
};

// A field's text string as UTF-8, as poppler-glib decoded it: UTF-16 after a
// byte-order mark (either order; a value that is not well-formed UTF-16
// reads as empty, and one holding U+0000 ends there), else PDFDocEncoding,
// which ends at its first byte without a character.
std::string FormText(std::string_view bytes);

// Every filled-in widget, per 0-based page index (empty when the PDF has no
// form, or Poppler cannot open it: the text layer is read regardless).
std::vector<std::vector<FormValue>> ReadFormValues(std::string_view bytes, const std::string& password);

// Words for a page's values, laid out in their widgets' boxes as a viewer
// draws them (in page points, origin top-left of the displayed page), so
// labels and values group into rows and cells like printed text. A value the
// page's own words already show inside its box (an appearance stream that
// prints it) is left out.
std::vector<Word> FormValueWords(const std::vector<FormValue>& values, const PageFrame& frame,
                                 const std::vector<Word>& page_words);

}  // namespace finsam
