// Tests for RenderPageGray (pdf_render.h): size and resolution, the cap on
// the long side, what cannot be rendered, and the annotation rule.
#include "ingest/pdf_render.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "support/files.h"

namespace finsam {
namespace {

const char kCorpusPdf[] = FINSAM_SOURCE_DIR "/corpus/01_uppsala_form_esign/input.pdf";
// One page holding nothing but a single-line text field, /NeedAppearances
// true, whose value is 400 CJK ideographs in Helvetica.
const char kFallbackFieldPdf[] =
    FINSAM_SOURCE_DIR "/fuzz/regressions/pdf_ingest_fuzz/form_field_font_fallback.pdf";

size_t DarkPixels(const GrayImage& image) {
  return static_cast<size_t>(std::count_if(image.pixels.begin(), image.pixels.end(), [](unsigned char p) { return p < 128; }));
}

TEST(RenderPageGrayTest, RendersAnA4PageAtTheAskedResolution) {
  std::string bytes = ReadAll(kCorpusPdf);
  std::optional<GrayImage> image = RenderPageGray(bytes, "", 0, 100, 3508);
  ASSERT_TRUE(image);
  EXPECT_DOUBLE_EQ(image->dpi, 100);
  EXPECT_NEAR(image->width, 595 * 100 / 72.0, 1);
  EXPECT_NEAR(image->height, 842 * 100 / 72.0, 1);
  ASSERT_EQ(image->pixels.size(), static_cast<size_t>(image->width) * static_cast<size_t>(image->height));
  // Text, on a page that is still mostly paper.
  size_t dark = DarkPixels(*image);
  EXPECT_GT(dark, 1000u);
  EXPECT_LT(dark, image->pixels.size() / 5);
}

TEST(RenderPageGrayTest, LowersTheResolutionToKeepTheLongSideWithinTheCap) {
  std::string bytes = ReadAll(kCorpusPdf);
  std::optional<GrayImage> image = RenderPageGray(bytes, "", 0, 300, 1000);
  ASSERT_TRUE(image);
  EXPECT_NEAR(image->dpi, 1000 * 72.0 / 842, 0.05);   // the page is 841.89 pt high
  EXPECT_NEAR(image->height, 1000, 1);
}

TEST(RenderPageGrayTest, NothingForAMissingPageOrAFileThatIsNoPdf) {
  std::string bytes = ReadAll(kCorpusPdf);
  EXPECT_FALSE(RenderPageGray(bytes, "", 99, 100, 3508));
  EXPECT_FALSE(RenderPageGray(bytes, "", -1, 100, 3508));
  EXPECT_FALSE(RenderPageGray("not a pdf at all", "", 0, 100, 3508));
}

TEST(RenderPageGrayTest, AFormFieldWhoseAppearanceWouldBeGeneratedIsNotDrawn) {
  std::string bytes = ReadAll(kFallbackFieldPdf);
  ASSERT_FALSE(bytes.empty());
  std::optional<GrayImage> image = RenderPageGray(bytes, "", 0, 50, 3508);
  ASSERT_TRUE(image);
  EXPECT_EQ(DarkPixels(*image), 0u);
}

}  // namespace
}  // namespace finsam
