// A PDF page rendered to 8-bit grey pixels for OCR, through Poppler's
// Splash output device, drawing annotations as pdf_words.cc reads them
// (poppler_core.h): poppler-cpp's page_renderer draws every annotation and
// so runs into the appearance generation hostile forms hang. Tested by
// pdf_render_test.cc.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace finsam {

struct GrayImage {
  int width = 0;
  int height = 0;
  double dpi = 0;   // the resolution used, which `max_long_side` may lower
  std::vector<unsigned char> pixels;   // rows top down, `width` bytes each, 0 black
};

// Renders page `index` (0-based) of `bytes` at `dpi`, lowered so that the
// image's long side stays within `max_long_side` pixels; nothing for a
// file Poppler cannot open, a missing page or an empty render.
std::optional<GrayImage> RenderPageGray(std::string_view bytes, const std::string& password, int index, double dpi,
                                        int max_long_side);

}  // namespace finsam
