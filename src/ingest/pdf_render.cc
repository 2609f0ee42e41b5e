// Page rendering for OCR (see pdf_render.h).
#include "ingest/pdf_render.h"

#include <poppler/PDFDoc.h>
#include <poppler/SplashOutputDev.h>
#include <poppler/splash/SplashBitmap.h>

#include <algorithm>
#include <cstring>

#include "ingest/poppler_core.h"

namespace finsam {

std::optional<GrayImage> RenderPageGray(std::string_view bytes, const std::string& password, int index, double dpi,
                                        int max_long_side) {
  std::unique_ptr<PDFDoc> doc = OpenPdfDoc(bytes, password);
  if (!doc || index < 0 || index >= doc->getNumPages()) return std::nullopt;
  // The crop box, as a viewer shows it; its long side caps the resolution
  // whichever way /Rotate turns the page.
  const int number = index + 1;
  double width = doc->getPageCropWidth(number), height = doc->getPageCropHeight(number);
  double long_side = std::max(width, height);
  GrayImage image;
  image.dpi = long_side <= 0 ? dpi : std::min(dpi, max_long_side * 72.0 / long_side);
  SplashColor paper;
  paper[0] = paper[1] = paper[2] = 0xff;
  // As poppler-cpp's page_renderer sets it up, with its antialiasing hints on.
  SplashOutputDev out(splashModeMono8, 4, false, paper, true, splashThinLineDefault);
  out.setFontAntialias(true);
  out.setVectorAntialias(true);
  out.setFreeTypeHinting(false, false);
  out.startDoc(doc.get());
  doc->displayPageSlice(&out, number, image.dpi, image.dpi, 0, false, true, false, -1, -1, -1, -1, nullptr, nullptr,
                        DrawAnnotationUnlessGenerated, doc.get(), true);
  SplashBitmap* bitmap = out.getBitmap();
  if (!bitmap || bitmap->getWidth() <= 0 || bitmap->getHeight() <= 0) return std::nullopt;
  image.width = bitmap->getWidth();
  image.height = bitmap->getHeight();
  image.pixels.resize(static_cast<size_t>(image.width) * static_cast<size_t>(image.height));
  const unsigned char* data = bitmap->getDataPtr();
  for (int y = 0; y < image.height; ++y) {
    std::memcpy(image.pixels.data() + static_cast<size_t>(y) * static_cast<size_t>(image.width),
                data + static_cast<size_t>(y) * static_cast<size_t>(bitmap->getRowSize()),
                static_cast<size_t>(image.width));
  }
  return image;
}

}  // namespace finsam
