// AcroForm field values through poppler-glib, laid out as words (see
// pdf_forms.h). The only file that calls poppler-glib. Tested by
// pdf_forms_test.cc and the form case corpus/45_*.
#include "ingest/pdf_forms.h"

#include <poppler/glib/poppler.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <sstream>

namespace finsam {
namespace {

struct GObjectUnref {
  void operator()(void* object) const { g_object_unref(object); }
};
template <typename T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

// Takes ownership of a g_malloc'ed string.
std::string TakeString(gchar* text) {
  std::string out = text ? text : "";
  g_free(text);
  return out;
}

// A form lives in the catalog's /AcroForm, which a compressed object stream
// can hide from a byte search: only files with neither skip the second parse.
bool MayHaveForm(std::string_view bytes) {
  return bytes.find("/AcroForm") != std::string_view::npos || bytes.find("/ObjStm") != std::string_view::npos;
}

std::string ChoiceText(PopplerFormField* field) {
  if (poppler_form_field_choice_is_editable(field)) {
    std::string typed = TakeString(poppler_form_field_choice_get_text(field));
    if (!typed.empty()) return typed;
  }
  std::string out;
  for (int i = 0; i < poppler_form_field_choice_get_n_items(field); ++i) {
    if (!poppler_form_field_choice_is_item_selected(field, i)) continue;
    out += (out.empty() ? "" : ", ") + TakeString(poppler_form_field_choice_get_item(field, i));
  }
  return out;
}

// The value of one widget, or nothing when it holds none worth reading.
std::optional<FormValue> ReadField(PopplerFormField* field) {
  FormValue value;
  value.font_size = poppler_form_field_get_font_size(field);
  switch (poppler_form_field_get_field_type(field)) {
    case POPPLER_FORM_FIELD_TEXT:
      if (poppler_form_field_text_is_password(field)) return std::nullopt;
      value.text = TakeString(poppler_form_field_text_get_text(field));
      value.multiline = poppler_form_field_text_get_text_type(field) == POPPLER_FORM_TEXT_MULTILINE;
      break;
    case POPPLER_FORM_FIELD_BUTTON:
      if (poppler_form_field_button_get_button_type(field) == POPPLER_FORM_BUTTON_PUSH) return std::nullopt;
      if (!poppler_form_field_button_get_state(field)) return std::nullopt;
      value.text = "X";
      value.check = true;
      break;
    case POPPLER_FORM_FIELD_CHOICE:
      value.text = ChoiceText(field);
      break;
    default:
      return std::nullopt;
  }
  if (value.text.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  return value;
}

std::vector<FormValue> PageValues(PopplerPage* page) {
  std::vector<FormValue> values;
  GList* mapping = poppler_page_get_form_field_mapping(page);
  for (GList* item = mapping; item; item = item->next) {
    auto* map = static_cast<PopplerFormFieldMapping*>(item->data);
    std::optional<FormValue> value = ReadField(map->field);
    if (!value) continue;
    value->x0 = std::min(map->area.x1, map->area.x2);
    value->x1 = std::max(map->area.x1, map->area.x2);
    value->y0 = std::min(map->area.y1, map->area.y2);
    value->y1 = std::max(map->area.y1, map->area.y2);
    values.push_back(std::move(*value));
  }
  poppler_page_free_form_field_mapping(mapping);
  return values;
}

}  // namespace

std::vector<std::vector<FormValue>> ReadFormValues(std::string_view bytes, const std::string& password) {
  std::vector<std::vector<FormValue>> pages;
  if (!MayHaveForm(bytes)) return pages;
  GBytes* data = g_bytes_new_static(bytes.data(), bytes.size());
  GError* error = nullptr;
  GPtr<PopplerDocument> doc(poppler_document_new_from_bytes(data, password.empty() ? nullptr : password.c_str(), &error));
  g_bytes_unref(data);   // the document holds its own reference
  if (error) g_error_free(error);
  if (!doc) return pages;
  int count = poppler_document_get_n_pages(doc.get());
  bool any = false;
  for (int i = 0; i < count; ++i) {
    GPtr<PopplerPage> page(poppler_document_get_page(doc.get(), i));
    pages.push_back(page ? PageValues(page.get()) : std::vector<FormValue>{});
    any = any || !pages.back().empty();
  }
  if (!any) pages.clear();
  return pages;
}

namespace {

// A widget rectangle in the displayed page's points, origin top-left: the
// space of the text layer's word boxes.
Box ToDisplay(const FormValue& v, const PageFrame& f) {
  switch (f.rotation) {
    case 90: return Box{v.y0, v.x0, v.y1, v.x1};
    case 180: return Box{f.width - v.x1, v.y0, f.width - v.x0, v.y1};
    case 270: return Box{f.height - v.y1, f.width - v.x1, f.height - v.y0, f.width - v.x0};
    default: return Box{v.x0, f.height - v.y1, v.x1, f.height - v.y0};
  }
}

std::string WithoutSpaces(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') out.push_back(c);
  }
  return out;
}

// Whether the page's own words inside `box` already show `value` (its
// appearance stream prints it): then adding it again would double it.
bool PageShows(const FormValue& value, const Box& box, const std::vector<Word>& words) {
  std::string shown;
  for (const Word& w : words) {
    double cx = (w.box.x0 + w.box.x1) / 2, cy = (w.box.y0 + w.box.y1) / 2;
    if (cx >= box.x0 && cx <= box.x1 && cy >= box.y0 && cy <= box.y1) shown += WithoutSpaces(w.text);
  }
  if (shown.empty()) return false;
  if (value.check) return true;   // a check mark of any glyph
  std::string wanted = WithoutSpaces(value.text);
  return wanted.find(shown) != std::string::npos || shown.find(wanted) != std::string::npos;
}

// A proportional font's average advance is about half an em.
double EstimatedWidth(std::string_view text, double size) {
  size_t chars = 0;
  for (char c : text) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return 0.5 * size * static_cast<double>(chars);
}

// The value's text lines: its own line breaks, and in a multi-line field
// the words wrapped at the box's width as a viewer wraps them.
std::vector<std::vector<std::string>> ValueLines(const FormValue& value, double width, double size) {
  std::vector<std::vector<std::string>> lines;
  std::string text = value.text;
  std::replace(text.begin(), text.end(), '\r', '\n');
  std::istringstream paragraphs(text);
  for (std::string paragraph; std::getline(paragraphs, paragraph);) {
    std::istringstream in(paragraph);
    std::vector<std::string> line;
    double used = 0;
    for (std::string word; in >> word;) {
      double w = EstimatedWidth(word + " ", size);
      if (value.multiline && !line.empty() && used + w > width) {
        lines.push_back(std::move(line));
        line.clear();
        used = 0;
      }
      line.push_back(word);
      used += w;
    }
    if (!line.empty()) lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace

std::vector<Word> FormValueWords(const std::vector<FormValue>& values, const PageFrame& frame,
                                 const std::vector<Word>& page_words) {
  constexpr double kPad = 2;   // a viewer's inset of the text in its box
  std::vector<Word> words;
  for (const FormValue& value : values) {
    Box box = ToDisplay(value, frame);
    if (PageShows(value, box, page_words)) continue;
    double size = value.font_size > 0 ? value.font_size : std::clamp((box.y1 - box.y0) * 0.6, 6.0, 10.0);
    std::vector<std::vector<std::string>> lines = ValueLines(value, box.x1 - box.x0 - 2 * kPad, size);
    // One line sits in the middle of its box; several start at the top.
    double top = lines.size() == 1 && !value.multiline ? (box.y0 + box.y1 - size) / 2 : box.y0 + kPad;
    for (size_t i = 0; i < lines.size(); ++i) {
      double x = box.x0 + kPad, y = top + static_cast<double>(i) * size * 1.2;
      for (const std::string& text : lines[i]) {
        Word word;
        word.text = text;
        word.box = Box{x, y, x + EstimatedWidth(text, size), y + size};
        word.font_size = size;
        x = word.box.x1 + 0.28 * size;
        words.push_back(std::move(word));
      }
    }
  }
  return words;
}

}  // namespace finsam
