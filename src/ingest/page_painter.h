// Draws a document's pages into Poppler's TextOutputDev one after another
// as PDFDoc::displayPageSlice does for poppler-cpp's text_list (72 dpi,
// the crop box, unrotated, annotations chosen by
// DrawAnnotationUnlessGenerated), with one difference in cost: Poppler
// builds every font of a page's resources again for each page (its ToUnicode
// map, widths, embedded-font type: a sixth of the text layer's work), so
// consecutive pages that agree on their resources and geometry are drawn
// by one Gfx and share its fonts. Pages agree when no resource name means
// two different objects on two of them. Each run has its own text device,
// and a page that leaves an /ActualText span open (which would swallow the
// next page's text) or the graphics state changed ends its run; documents
// with optional content get a Gfx per page. Tested by page_painter_test.cc
// (the words equal displayPageSlice's, page by page, on every corpus,
// odd and hostile PDF).
#pragma once

#include <functional>
#include <memory>

class PDFDoc;
class TextOutputDev;

namespace finsam {

class PagePainter {
 public:
  explicit PagePainter(PDFDoc& doc);
  ~PagePainter();
  PagePainter(const PagePainter&) = delete;
  PagePainter& operator=(const PagePainter&) = delete;

  // Draws page `index` (0-based) and hands `read` the device holding its
  // text, coalesced as TextOutputDev::endPage leaves it (valid only during
  // the call); false for a page the document does not hold. Pages drawn in
  // order share fonts; any order gives the same text.
  bool Paint(int index, const std::function<void(TextOutputDev&)>& read);

  // Pages drawn and Gfx objects built so far (for tests).
  int pages_painted() const { return pages_painted_; }
  int runs_started() const { return runs_started_; }

 private:
  struct Run;
  void StartRun(int index);
  void EndRun();

  PDFDoc& doc_;
  std::unique_ptr<TextOutputDev> out_;
  std::unique_ptr<Run> run_;
  int pages_painted_ = 0, runs_started_ = 0;
};

}  // namespace finsam
