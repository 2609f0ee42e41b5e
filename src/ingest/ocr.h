// OCR of PDF pages that have no usable text layer: the page decision, the
// pixel-to-point scaling, and recognition (Poppler renders, Leptonica
// corrects rotation and skew, Tesseract reads). Tesseract and Leptonica are
// only called in ocr.cc. Recognition runs on a process-wide pool of worker
// threads, each with one Tesseract engine created on first use and reused
// for every page after. Tested by ocr_test.cc (unit) and tests/ocr_test.cc
// (scanned corpus variants).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/document.h"

namespace finsam {

enum class OcrMode { kAuto, kAlways, kNever };

// "auto" | "always" | "never"; nullopt otherwise.
std::optional<OcrMode> ParseOcrMode(std::string_view text);

// What the text layer of one page offers.
struct PageTextStats {
  double width = 0, height = 0;   // page size in points
  size_t chars = 0;               // code points in words, spaces excluded
  size_t garbage = 0;             // U+FFFD and private-use code points among them
};

PageTextStats MeasurePageText(const std::vector<Word>& words, double width, double height);

// `auto`: no text, too little text for the page's area (a scan with a
// stamped header), or mostly undecodable characters (a broken font
// encoding). `always`/`never` decide alone.
bool PageNeedsOcr(const PageTextStats& stats, OcrMode mode);

// A box in pixels of an image rendered at `dpi` into PDF points.
Box PixelsToPoints(int x0, int y0, int x1, int y1, double dpi);

struct OcrSettings {
  double dpi = 300;
  int threads = 0;                // recognition threads of this process; 0: one per core
  std::string language = "swe";
};

// Recognition threads for each of `processes` processes that parse files at
// once (extract/ingest --jobs): `requested` if positive (--ocr-threads),
// else the cores shared out between the processes, at least one, so that
// files in parallel and pages in parallel together never ask for more
// threads than there are cores.
int OcrThreadsPerProcess(int processes, int requested, int cores);

// An OCR word without its runs of two or more quote marks: typeset text never
// has them, and Tesseract reads specks, stars and heavy strokes as them
// ("\"\"AKT\"\"ivitet" is "AKTivitet"). A single quote mark is text and stays.
std::string DropQuoteRuns(const std::string& text);

// One recognised page: words in PDF points of the upright page.
struct OcrPage {
  std::vector<Word> words;
  double width = 0, height = 0;   // points, after rotation
  int rotation = 0;               // degrees the page was turned clockwise to read it
  double skew = 0;                // degrees corrected by deskewing
};

// Recognises the 0-based `pages` of the PDF in `bytes`, in parallel; one
// result per requested page, in order. The process-wide pool is sized by
// the first call's settings.threads. Per-page failures are Error values
// (ocr_unavailable, ocr_render_failed, ocr_failed).
std::vector<Result<OcrPage>> RecognisePages(std::string_view bytes, const std::string& password,
                                            const std::vector<int>& pages, const OcrSettings& settings);

// Told of every page RecognisePages has read, from the thread that read it
// (so it must be thread-safe and async-signal-safe enough for write()). An
// isolated worker process uses it to show its parent that a long scan is
// still moving (bulk/isolated_extract.cc); null, the default, does nothing.
using OcrPageHook = void (*)();
void SetOcrPageHook(OcrPageHook hook);

// Calls the hook, if any: what RecognisePages does after each page.
void ReportOcrPage();

}  // namespace finsam
