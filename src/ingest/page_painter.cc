// Successive pages drawn by one Gfx while their resources agree (see
// page_painter.h). Tested by page_painter_test.cc.
#include "ingest/page_painter.h"

#include <poppler/Annot.h>
#include <poppler/Catalog.h>
#include <poppler/Dict.h>
#include <poppler/Gfx.h>
#include <poppler/GfxState.h>
#include <poppler/PDFDoc.h>
#include <poppler/Page.h>
#include <poppler/TextOutputDev.h>

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "ingest/poppler_core.h"

namespace finsam {
namespace {

// Deeper resource values are compared as different: no sharing, no harm.
constexpr int kMaxCompareDepth = 8;

// Whether two objects, as written (references not followed), are the same.
bool SameObject(const Object& a, const Object& b, int depth = 0) {
  if (a.getType() != b.getType()) return false;
  switch (a.getType()) {
    case objNull: return true;
    case objBool: return a.getBool() == b.getBool();
    case objInt: return a.getInt() == b.getInt();
    case objInt64: return a.getInt64() == b.getInt64();
    case objReal: return a.getReal() == b.getReal();
    case objName: return std::strcmp(a.getName(), b.getName()) == 0;
    case objString: return a.getString()->cmp(b.getString()) == 0;
    case objRef: return a.getRef() == b.getRef();
    case objArray: {
      if (depth >= kMaxCompareDepth || a.arrayGetLength() != b.arrayGetLength()) return false;
      for (int i = 0; i < a.arrayGetLength(); ++i) {
        if (!SameObject(a.arrayGetNF(i), b.arrayGetNF(i), depth + 1)) return false;
      }
      return true;
    }
    case objDict: {
      if (depth >= kMaxCompareDepth || a.dictGetLength() != b.dictGetLength()) return false;
      for (int i = 0; i < a.dictGetLength(); ++i) {
        if (!SameObject(a.dictGetValNF(i), b.dictLookupNF(a.dictGetKey(i)), depth + 1)) return false;
      }
      return true;
    }
    default: return false;   // streams are indirect; nothing else belongs in resources
  }
}

// The resources of a run of pages: every page's names in one dictionary,
// so long as no name means two different objects.
class ResourceUnion {
 public:
  ResourceUnion(Object first, XRef* xref) : resources_(std::move(first)), xref_(xref) {}

  // Adds a page's resources; false (and nothing added) when a name clashes.
  bool Add(const Object& page) {
    if (!page.isDict() || (resources_.isDict() && page.getDict() == resources_.getDict())) return true;
    if (!merged_) {
      resources_ = resources_.isDict() ? Object(new Dict(resources_.getDict())) : Object(new Dict(xref_));
      merged_ = true;
    }
    std::vector<std::pair<std::string, Object>> changes;
    for (int i = 0; i < page.dictGetLength(); ++i) {
      const char* category = page.dictGetKey(i);
      const Object& theirs = page.dictGetValNF(i);
      const Object& ours = resources_.dictLookupNF(category);
      if (ours.isNull()) {
        changes.emplace_back(category, theirs.copy());
        continue;
      }
      if (SameObject(ours, theirs)) continue;
      Object joined = JoinCategory(ours.fetch(xref_), theirs.fetch(xref_));
      if (joined.isNull()) return false;
      changes.emplace_back(category, std::move(joined));
    }
    for (auto& [category, value] : changes) resources_.dictSet(category.c_str(), std::move(value));
    return true;
  }

  Object Take() { return std::move(resources_); }

 private:
  // One category (Font, XObject, ExtGState…) holding both pages' names;
  // null when a name clashes or either is not a dictionary.
  Object JoinCategory(const Object& ours, const Object& theirs) {
    if (!ours.isDict() || !theirs.isDict()) return Object(objNull);
    Object joined(new Dict(ours.getDict()));
    for (int i = 0; i < theirs.dictGetLength(); ++i) {
      const char* name = theirs.dictGetKey(i);
      const Object& have = ours.dictLookupNF(name);
      if (have.isNull()) {
        joined.dictAdd(name, theirs.dictGetValNF(i).copy());
      } else if (!SameObject(have, theirs.dictGetValNF(i))) {
        return Object(objNull);
      }
    }
    return joined;
  }

  Object resources_;
  XRef* xref_;
  bool merged_ = false;
};

// What Page::createGfx makes of a page at 72 dpi, unrotated, no slice: the
// crop box as drawn and the page's own turn.
struct Geometry {
  PDFRectangle box;
  int rotate = 0;
  bool operator==(const Geometry& o) const {
    return box.x1 == o.box.x1 && box.y1 == o.box.y1 && box.x2 == o.box.x2 && box.y2 == o.box.y2 &&
           rotate == o.rotate;
  }
};

Geometry GeometryOf(const ::Page& page) {
  int rotate = page.getRotate();
  if (rotate >= 360) rotate -= 360;
  else if (rotate < 0) rotate += 360;
  return Geometry{*page.getCropBox(), rotate};
}

// The text_list configuration (reading order, no physical layout), with
// a count of the /ActualText spans a page leaves open: such a span would
// swallow the next page's text.
class TextDevice : public TextOutputDev {
 public:
  TextDevice() : TextOutputDev(nullptr, false, 0, false, false) {}
  void beginActualText(GfxState* state, const GooString* text) override {
    ++open_spans_;
    TextOutputDev::beginActualText(state, text);
  }
  void endActualText(GfxState* state) override {
    --open_spans_;
    TextOutputDev::endActualText(state);
  }
  int open_spans() const { return open_spans_; }

 private:
  int open_spans_ = 0;
};

}  // namespace

struct PagePainter::Run {
  Object resources;   // read by the Gfx: declared first, destroyed last
  std::unique_ptr<TextDevice> out = std::make_unique<TextDevice>();
  std::unique_ptr<Gfx> gfx;
  GfxState* base = nullptr;   // the state every page starts from
  int next = 0, end = 0;      // the next page index this run draws; one past its last

  ~Run() {
    // ~Gfx ends the page once more: clear the text first, which a second
    // TextPage::coalesce would overwrite without freeing.
    if (gfx) out->startPage(0, nullptr, nullptr);
    gfx.reset();
  }
};

PagePainter::PagePainter(PDFDoc& doc) : doc_(doc) {}

PagePainter::~PagePainter() = default;

void PagePainter::StartRun(int index) {
  EndRun();
  ::Page* first = doc_.getPage(index + 1);
  Geometry geometry = GeometryOf(*first);
  ResourceUnion resources(first->getResourceDictObject()->copy(), doc_.getXRef());
  int end = index + 1;
  // Optional content makes what a page shows depend on marked-content
  // state that a page may leave open: such documents get a Gfx per page.
  if (!doc_.getCatalog()->getOptContentConfig()) {
    for (; end < doc_.getNumPages(); ++end) {
      ::Page* page = doc_.getPage(end + 1);
      if (!page || !(GeometryOf(*page) == geometry) || !resources.Add(*page->getResourceDictObject())) break;
    }
  }
  run_ = std::make_unique<Run>();
  run_->resources = resources.Take();
  Dict* dict = run_->resources.isDict() ? run_->resources.getDict() : nullptr;
  run_->gfx = std::make_unique<Gfx>(&doc_, run_->out.get(), first->getNum(), dict, 72.0, 72.0, &geometry.box,
                                    nullptr, geometry.rotate, nullptr, nullptr, nullptr);
  run_->base = run_->gfx->getState();
  run_->next = index;
  run_->end = end;
  ++runs_started_;
}

void PagePainter::EndRun() { run_.reset(); }

bool PagePainter::Paint(int index, const std::function<void(TextOutputDev&)>& read) {
  if (index < 0 || index >= doc_.getNumPages()) return false;
  ::Page* page = doc_.getPage(index + 1);
  if (!page) return false;
  if (run_ && run_->next == index) {
    // What the Gfx constructor does for the run's first page.
    GfxState* state = run_->base;
    run_->out->startPage(page->getNum(), state, doc_.getXRef());
    run_->out->setDefaultCTM(state->getCTM());
    run_->out->updateAll(state);
  } else {
    StartRun(index);
  }
  Run& run = *run_;
  // Page::displaySlice from here on.
  bool balanced = true;
  Object contents = page->getContents();
  if (!contents.isNull()) {
    run.gfx->saveState();
    GfxState* saved = run.gfx->getState();
    run.gfx->display(&contents);
    // Gfx::go guards the state around a page's content (22.12 does); a
    // Poppler that did not would leave the next page another state.
    balanced = run.gfx->getState() == saved;
    run.gfx->restoreState();
  } else {
    run.out->dump();
  }
  Annots* annots = page->getAnnots();
  if (!annots->getAnnots().empty()) {
    for (Annot* annot : annots->getAnnots()) {
      if (DrawAnnotationUnlessGenerated(annot, &doc_)) annot->draw(run.gfx.get(), false);
    }
    run.out->dump();
  }
  balanced = balanced && run.gfx->getState() == run.base && run.out->open_spans() == 0;
  run.out->endPage();
  read(*run.out);
  ++pages_painted_;
  if (++run.next >= run.end || !balanced) EndRun();
  return true;
}

}  // namespace finsam
