// OCR adapter (see ocr.h): Poppler renders a page grey at ~300 dpi,
// Tesseract's OSD finds a page turned by 90/180/270 degrees, Leptonica turns
// it upright and removes skew, Tesseract's LSTM engine reads it, and its
// words come back in PDF points. The only file that calls Tesseract or
// Leptonica; their failures become Error values. Tested by ocr_test.cc and
// tests/ocr_test.cc.
#include "ingest/ocr.h"

#include <leptonica/allheaders.h>
#include <re2/re2.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>
#include <dlfcn.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include "ingest/pdf_render.h"

namespace finsam {

std::optional<OcrMode> ParseOcrMode(std::string_view text) {
  if (text == "auto") return OcrMode::kAuto;
  if (text == "always") return OcrMode::kAlways;
  if (text == "never") return OcrMode::kNever;
  return std::nullopt;
}

PageTextStats MeasurePageText(const std::vector<Word>& words, double width, double height) {
  PageTextStats stats{width, height, 0, 0};
  for (const Word& word : words) {
    const std::string& t = word.text;
    for (size_t i = 0; i < t.size();) {
      unsigned char c = static_cast<unsigned char>(t[i]);
      size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      char32_t cp = c;
      if (len == 3 && i + 2 < t.size()) {
        cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(t[i + 1]) & 0x3Fu) << 6) |
             (static_cast<unsigned char>(t[i + 2]) & 0x3Fu);
      }
      if (c != ' ' && c != '\t') ++stats.chars;
      if (cp == 0xFFFD || (cp >= 0xE000 && cp <= 0xF8FF)) ++stats.garbage;
      i += len;
    }
  }
  return stats;
}

bool PageNeedsOcr(const PageTextStats& stats, OcrMode mode) {
  if (mode != OcrMode::kAuto) return mode == OcrMode::kAlways;
  if (stats.chars == 0) return true;
  // A written A4 page has thousands of characters; under ~25 (one per
  // 20,000 pt²) it is a scan carrying a stamp or a page number at most.
  if (static_cast<double>(stats.chars) < stats.width * stats.height / 20000.0) return true;
  // A font without a usable encoding gives U+FFFD or private-use glyphs.
  return stats.garbage * 5 > stats.chars;
}

Box PixelsToPoints(int x0, int y0, int x1, int y1, double dpi) {
  double scale = 72.0 / dpi;
  return Box{x0 * scale, y0 * scale, x1 * scale, y1 * scale};
}

namespace {

struct PixDeleter {
  void operator()(Pix* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// The two engines a worker thread owns: the reader and the orientation
// detector (OSD needs its own traineddata and page segmentation mode).
struct Engines {
  tesseract::TessBaseAPI reader;
  tesseract::TessBaseAPI osd;
  bool reader_ok = false;
  bool osd_ok = false;
};

void Quiet(tesseract::TessBaseAPI& api) {
  api.SetVariable("debug_file", "/dev/null");
}

// Debian's Tesseract runs parts of its LSTM on OpenMP teams of four
// threads. With a page per pool thread that oversubscribes the cores and
// OpenMP's spinning costs five times the work, so each worker holds OpenMP
// to one thread per region (max active levels 0, a per-thread setting and
// the one limit libgomp still accepts after start-up). Looked up at run time: a Tesseract built without
// OpenMP has no such symbol and needs nothing.
void KeepOpenMpSerial() {
  using SetLevels = void (*)(int);
  if (auto set = reinterpret_cast<SetLevels>(dlsym(RTLD_DEFAULT, "omp_set_max_active_levels"))) set(0);
}

// Created on a thread's first page and reused for all its later pages:
// loading the Swedish model costs far more than reading one page.
Engines& ThreadEngines(const std::string& language) {
  thread_local std::unique_ptr<Engines> engines;
  if (!engines) {
    KeepOpenMpSerial();
    engines = std::make_unique<Engines>();
    engines->reader_ok = engines->reader.Init(nullptr, language.c_str(), tesseract::OEM_LSTM_ONLY) == 0;
    if (engines->reader_ok) {
      Quiet(engines->reader);
      engines->reader.SetPageSegMode(tesseract::PSM_AUTO);
      // Keep runs of spaces as cell gaps for our own grouping.
      engines->reader.SetVariable("preserve_interword_spaces", "1");
    }
    engines->osd_ok = engines->osd.Init(nullptr, "osd", tesseract::OEM_TESSERACT_ONLY) == 0;
    if (engines->osd_ok) {
      Quiet(engines->osd);
      engines->osd.SetPageSegMode(tesseract::PSM_OSD_ONLY);
    }
  }
  return *engines;
}

// Renders at the wanted resolution, but a page drawn larger than A4 (a
// scan placed at 96 ppi) at most 3,508 pixels on its long side (A4 at
// 300 dpi): more pixels only slow Tesseract down. `dpi` is what was used.
// Each task opens its own document: Poppler documents are not shared
// between threads.
PixPtr RenderPage(std::string_view bytes, const std::string& password, int index, double wanted,
                  double* dpi) {
  std::optional<GrayImage> image = RenderPageGray(bytes, password, index, wanted, 3508);
  if (!image) return nullptr;
  *dpi = image->dpi;
  PixPtr pix(pixCreate(image->width, image->height, 8));
  if (!pix) return nullptr;
  for (int y = 0; y < image->height; ++y) {
    const unsigned char* row = image->pixels.data() + static_cast<size_t>(y) * static_cast<size_t>(image->width);
    l_uint32* line = pixGetData(pix.get()) + static_cast<size_t>(y) * pixGetWpl(pix.get());
    for (int x = 0; x < image->width; ++x) SET_DATA_BYTE(line, x, row[x]);
  }
  pixSetResolution(pix.get(), static_cast<int>(*dpi), static_cast<int>(*dpi));
  return pix;
}

// Clockwise quarter turns that make the page upright; 0 when OSD is unsure
// (a nearly empty page gives a low confidence and is left as it is).
int UprightQuarterTurns(Engines& engines, Pix* pix) {
  if (!engines.osd_ok) return 0;
  engines.osd.SetImage(pix);
  int degrees = 0;
  float orient_conf = 0, script_conf = 0;
  const char* script = nullptr;
  bool found = engines.osd.DetectOrientationScript(&degrees, &orient_conf, &script, &script_conf);
  engines.osd.Clear();
  if (!found || orient_conf < 2.0f) return 0;
  // OSD reports how far the image is turned clockwise; turn it back.
  return (4 - degrees / 90) % 4;
}

// A word's box, vertically the extent of its text line's font (ascender to
// descender) as in a PDF text layer, so words of one line group into one row
// whatever their letters.
Box WordBox(const tesseract::ResultIterator& it, double dpi, double* font_size) {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  it.BoundingBox(tesseract::RIL_WORD, &x0, &y0, &x1, &y1);
  float row_height = 0, descenders = 0, ascenders = 0;
  it.RowAttributes(&row_height, &descenders, &ascenders);
  int bx0 = 0, by0 = 0, bx1 = 0, by1 = 0;
  if (row_height > 0 && it.Baseline(tesseract::RIL_TEXTLINE, &bx0, &by0, &bx1, &by1)) {
    double mid = (x0 + x1) / 2.0;
    double baseline = bx1 == bx0 ? by0 : by0 + (by1 - by0) * (mid - bx0) / (bx1 - bx0);
    double top = baseline - (row_height + descenders);   // descenders are negative
    double bottom = baseline - descenders;
    y0 = static_cast<int>(std::min<double>(y0, top));
    y1 = static_cast<int>(std::max<double>(y1, bottom));
    // The size from the row's x-height (about 0.53 em), which capitals and
    // accents ("Åsa") do not stretch as they do the ascenders. Rounded to
    // half points, as text-layer sizes are, so heading detection sees one
    // body size rather than OCR's jitter.
    double x_height = row_height - ascenders + descenders;
    double em = x_height > row_height * 0.3 ? x_height / 0.53 : row_height / 0.9;
    *font_size = std::round(em * 72.0 / dpi * 2) / 2;
  } else {
    *font_size = 0;
  }
  return PixelsToPoints(x0, y0, x1, y1, dpi);
}

size_t CodePoints(const std::string& utf8) {
  size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
  return n;
}

double Median(std::vector<double> values) {
  std::nth_element(values.begin(), values.begin() + static_cast<long>(values.size() / 2), values.end());
  return values[values.size() / 2];
}

// The character pitch of a typewriter page: the median over its longer
// words of ink width per character, where the ink of n characters is about
// n - 0.2 cells wide. A median, because one misread word ("HHHHH" read
// from a smudge, two words run together) must not move the whole page's
// size: heading detection compares pages by it. 0 with too few words.
double MonospacePitch(const std::vector<Word>& words) {
  constexpr size_t kMinLetters = 4, kMinWords = 10;
  std::vector<double> per_cell;
  for (const Word& w : words) {
    double n = static_cast<double>(CodePoints(w.text));
    if (n >= kMinLetters) per_cell.push_back(w.box.width() / (n - 0.2));
  }
  return per_cell.size() >= kMinWords ? Median(per_cell) : 0;
}

// OCR boxes hug the ink; a text layer's boxes span whole character cells.
// On a typewriter page (spaces 0.6 em, told by the median gap between
// neighbouring words of Tesseract's lines) each word is widened to its
// characters' cells, at the page's pitch, so a space after a ":" is one
// space again; elsewhere the side bearings are added back.
void FitToCharacterCells(std::vector<Word>& words, const std::vector<bool>& line_start) {
  std::vector<double> gaps;
  for (size_t i = 1; i < words.size(); ++i) {
    if (line_start[i] || words[i].font_size <= 0) continue;
    gaps.push_back((words[i].box.x0 - words[i - 1].box.x1) / words[i].font_size);
  }
  double pitch = MonospacePitch(words);
  bool monospace = gaps.size() >= 10 && Median(gaps) > 0.45 && pitch > 0;
  for (Word& w : words) {
    w.monospace = monospace;
    double centre = (w.box.x0 + w.box.x1) / 2;
    double half = monospace ? pitch * static_cast<double>(CodePoints(w.text)) / 2
                            : w.box.width() / 2 + 0.04 * w.font_size;
    w.box.x0 = centre - half;
    w.box.x1 = centre + half;
    if (monospace) w.font_size = pitch / 0.6;
  }
}

// A line's first word read from a speck, a punched hole, a stamp's edge or a
// margin mark: Tesseract gives it a low confidence and no word shape
// ("HH", "&&", "»¦"): no lower-case letter, no digit, at most five
// characters. Left in, it hides the start of the line ("HH Förslag till
// beslut") from every pattern anchored there. Digits are kept (a section
// number is not guessed away) and so is any word read with confidence.
bool IsMarginNoise(const Word& word) {
  constexpr double kNoiseConfidence = 0.5;
  if (word.confidence >= kNoiseConfidence || CodePoints(word.text) > 5) return false;
  for (unsigned char c : word.text) {
    if (std::isdigit(c) || std::islower(c)) return false;
  }
  // Lower-case letters outside ASCII (å, ä, ö, é) open with 0xC3 then a byte
  // from 0xA0 up; their capitals are 0x80-0x9F.
  for (size_t i = 0; i + 1 < word.text.size(); ++i) {
    if (static_cast<unsigned char>(word.text[i]) == 0xC3 && static_cast<unsigned char>(word.text[i + 1]) >= 0xA0) {
      return false;
    }
  }
  return true;
}

// Tesseract's words in reading order, each marked when it opens a text line.
struct RawWords {
  std::vector<Word> words;
  std::vector<bool> line_start;
};

RawWords ReadWords(tesseract::TessBaseAPI& api, double dpi) {
  RawWords raw;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (!it) return raw;
  bool new_line = true;
  do {
    new_line = new_line || it->IsAtBeginningOf(tesseract::RIL_TEXTLINE);
    if (it->Empty(tesseract::RIL_WORD)) continue;
    std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
    if (!text || text[0] == '\0') continue;
    Word word;
    word.text = text.get();
    if (word.text.find_first_not_of(" \t") == std::string::npos) continue;
    // Tesseract reads a free-standing en dash ("Ansökan – Namn") as "-";
    // typeset text never has a hyphen standing alone between spaces.
    if (word.text == "-" || word.text == "—") word.text = "–";
    // A table's vertical rules read as "|": no word, and left in they would
    // fill the gap that separates two cells.
    if (word.text.find_first_not_of("|¦") == std::string::npos) continue;
    word.box = WordBox(*it, dpi, &word.font_size);
    word.confidence = std::clamp(it->Confidence(tesseract::RIL_WORD) / 100.0, 0.0, 1.0);
    raw.words.push_back(std::move(word));
    raw.line_start.push_back(new_line);
    new_line = false;
  } while (it->Next(tesseract::RIL_WORD));
  return raw;
}

// Margin noise opening a line is dropped; the line then starts at its next
// word. A line of noise alone is kept (it stays apart from the text).
void DropMarginNoise(RawWords& raw) {
  RawWords kept;
  for (size_t i = 0; i < raw.words.size(); ++i) {
    bool more = i + 1 < raw.words.size() && !raw.line_start[i + 1];
    if (raw.line_start[i] && more && IsMarginNoise(raw.words[i])) {
      raw.line_start[i + 1] = true;
      continue;
    }
    kept.words.push_back(std::move(raw.words[i]));
    kept.line_start.push_back(raw.line_start[i]);
  }
  raw = std::move(kept);
}

std::vector<Word> FinishWords(RawWords raw) {
  DropMarginNoise(raw);
  FitToCharacterCells(raw.words, raw.line_start);
  // After the boxes are fitted to the characters read, so that what the
  // dropped quote marks covered stays part of the word, not a gap.
  std::vector<Word> words;
  for (Word& w : raw.words) {
    w.text = DropQuoteRuns(w.text);
    if (!w.text.empty()) words.push_back(std::move(w));
  }
  return words;
}

Result<OcrPage> RecognisePage(std::string_view bytes, const std::string& password, int index,
                              const OcrSettings& settings) {
  Engines& engines = ThreadEngines(settings.language);
  if (!engines.reader_ok) {
    return Error{"ocr_unavailable", "Tesseract cannot load the '" + settings.language +
                 "' language data (tesseract-ocr-" + settings.language + ")", ""};
  }
  double dpi = settings.dpi;
  PixPtr pix = RenderPage(bytes, password, index, settings.dpi, &dpi);
  if (!pix) return Error{"ocr_render_failed", "Poppler cannot render page " + std::to_string(index + 1), ""};
  OcrPage page;
  int quarters = UprightQuarterTurns(engines, pix.get());
  if (quarters != 0) {
    PixPtr turned(pixRotateOrth(pix.get(), quarters));
    if (turned) pix = std::move(turned);
    page.rotation = quarters * 90;
  }
  l_float32 angle = 0, conf = 0;
  PixPtr straight(pixFindSkewAndDeskew(pix.get(), 2, &angle, &conf));
  if (straight) {
    pix = std::move(straight);
    page.skew = conf > 0 ? angle : 0;
  }
  engines.reader.SetImage(pix.get());
  engines.reader.SetSourceResolution(static_cast<int>(dpi));
  if (engines.reader.Recognize(nullptr) != 0) {
    engines.reader.Clear();
    return Error{"ocr_failed", "Tesseract could not read page " + std::to_string(index + 1), ""};
  }
  RawWords raw = ReadWords(engines.reader, dpi);
  engines.reader.Clear();
  Box size = PixelsToPoints(0, 0, pixGetWidth(pix.get()), pixGetHeight(pix.get()), dpi);
  page.width = size.x1;
  page.height = size.y1;
  page.words = FinishWords(std::move(raw));
  return page;
}

int DefaultThreads() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

// A fixed set of worker threads for the whole process, so each thread's
// Tesseract engines outlive single documents.
class OcrPool {
 public:
  explicit OcrPool(int threads) {
    for (int i = 0; i < threads; ++i) workers_.emplace_back([this] { Work(); });
  }
  ~OcrPool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    ready_.notify_all();
    for (std::thread& t : workers_) t.join();
  }

  std::future<void> Submit(std::function<void()> job) {
    std::packaged_task<void()> task(std::move(job));
    std::future<void> done = task.get_future();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      queue_.push_back(std::move(task));
    }
    ready_.notify_one();
    return done;
  }

 private:
  void Work() {
    for (;;) {
      std::packaged_task<void()> task;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [this] { return stop_ || !queue_.empty(); });
        if (queue_.empty()) return;
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      task();
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::packaged_task<void()>> queue_;
  std::vector<std::thread> workers_;
  bool stop_ = false;
};

OcrPool& SharedPool(int threads) {
  static OcrPool pool(threads > 0 ? threads : DefaultThreads());
  return pool;
}

}  // namespace

std::string DropQuoteRuns(const std::string& text) {
  static const RE2 kQuoteRun("[\"'“”„″’]{2,}");
  std::string out = text;
  RE2::GlobalReplace(&out, kQuoteRun, "");
  return out;
}

int OcrThreadsPerProcess(int processes, int requested, int cores) {
  if (requested > 0) return requested;
  return std::max(1, std::max(cores, 1) / std::max(processes, 1));
}

namespace {
std::atomic<OcrPageHook> g_page_hook{nullptr};
}  // namespace

void SetOcrPageHook(OcrPageHook hook) { g_page_hook = hook; }

void ReportOcrPage() {
  if (OcrPageHook hook = g_page_hook.load()) hook();
}

std::vector<Result<OcrPage>> RecognisePages(std::string_view bytes, const std::string& password,
                                            const std::vector<int>& pages, const OcrSettings& settings) {
  std::vector<Result<OcrPage>> results(pages.size(), Result<OcrPage>(Error{"ocr_failed", "not run", ""}));
  std::vector<std::future<void>> done;
  OcrPool& pool = SharedPool(settings.threads);
  for (size_t i = 0; i < pages.size(); ++i) {
    done.push_back(pool.Submit([&, i] {
      results[i] = RecognisePage(bytes, password, pages[i], settings);
      ReportOcrPage();
    }));
  }
  for (std::future<void>& f : done) f.get();
  return results;
}

}  // namespace finsam

// LeakSanitizer suppressions for caches that libraries keep for the whole
// process on purpose; without them every ASan run that reads a scan or a PDF
// would fail. libtesseract, liblept: Tesseract's dictionaries (DAWGs), never
// freed. libfontconfig: Poppler's global font configuration, which
// poppler_core.cc keeps alive across files instead of rebuilding it per file.
// Defined here because this object is always linked into the engine's users
// (a file of its own in the static library would not be). The sanitizer
// runtime calls this hook when present; without a sanitizer it never is.
extern "C" const char* __lsan_default_suppressions() {  // NOLINT: name fixed by LSan
  return "leak:libtesseract.so\nleak:liblept.so\nleak:libfontconfig.so\n";
}
