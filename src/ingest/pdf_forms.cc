// AcroForm field values through Poppler's core form API, laid out as words
// (see pdf_forms.h). Values are read as poppler-glib read them before (the
// engine used it for this alone): widgets in reverse page order, rectangles
// relative to the crop box, text decoded as its _poppler_goo_string_to_utf8
// does. Tested by pdf_forms_test.cc and the form case corpus/45_*.
#include "ingest/pdf_forms.h"

#include <poppler/Form.h>
#include <poppler/PDFDoc.h>
#include <poppler/PDFDocEncoding.h>
#include <poppler/Page.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <sstream>

#include "ingest/poppler_core.h"

namespace finsam {
namespace {

// A form lives in the catalog's /AcroForm, which a compressed object stream
// can hide from a byte search: only files with neither skip the second parse.
bool MayHaveForm(std::string_view bytes) {
  return bytes.find("/AcroForm") != std::string_view::npos || bytes.find("/ObjStm") != std::string_view::npos;
}

void AppendUtf8(char32_t cp, std::string& out) {
  char buffer[4];
  int32_t length = 0;
  UBool error = false;
  U8_APPEND(buffer, length, 4, cp, error);
  if (!error) out.append(buffer, static_cast<size_t>(length));
}

// UTF-16 after its byte-order mark. A value that is not well-formed UTF-16
// (an odd byte count, an unpaired surrogate) reads as empty, and one holding
// U+0000 ends there: glib's g_convert refuses the first and the C string it
// returns stops at the second.
std::string Utf16Text(std::string_view bytes, bool big_endian) {
  if (bytes.size() % 2 != 0) return "";
  auto unit = [&](size_t i) {
    auto hi = static_cast<unsigned char>(bytes[big_endian ? i : i + 1]);
    auto lo = static_cast<unsigned char>(bytes[big_endian ? i + 1 : i]);
    return static_cast<char16_t>((hi << 8) | lo);
  };
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 2) {
    char32_t cp = unit(i);
    if (cp >= 0xDC00 && cp <= 0xDFFF) return "";
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (i + 2 >= bytes.size()) return "";
      char32_t low = unit(i + 2);
      if (low < 0xDC00 || low > 0xDFFF) return "";
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      i += 2;
    }
    if (cp == 0) break;
    AppendUtf8(cp, out);
  }
  return out;
}

}  // namespace

std::string FormText(std::string_view bytes) {
  if (bytes.size() >= 2 && bytes[0] == '\xfe' && bytes[1] == '\xff') return Utf16Text(bytes.substr(2), true);
  if (bytes.size() >= 2 && bytes[0] == '\xff' && bytes[1] == '\xfe') return Utf16Text(bytes.substr(2), false);
  std::string out;
  for (char c : bytes) {
    Unicode cp = pdfDocEncoding[static_cast<unsigned char>(c)];
    if (cp == 0) break;
    AppendUtf8(cp, out);
  }
  return out;
}

namespace {

std::string FieldText(const GooString* text) { return text ? FormText(text->toStr()) : ""; }

std::string ChoiceText(FormWidgetChoice& field) {
  if (field.hasEdit()) {
    std::string typed = FieldText(field.getEditChoice());
    if (!typed.empty()) return typed;
  }
  std::string out;
  for (int i = 0; i < field.getNumChoices(); ++i) {
    if (!field.isSelected(i)) continue;
    out += (out.empty() ? "" : ", ") + FieldText(field.getChoice(i));
  }
  return out;
}

// The value of one widget, or nothing when it holds none worth reading.
// The font size stays 0 (automatic), as glib always gave it.
std::optional<FormValue> ReadField(FormWidget& widget) {
  FormValue value;
  switch (widget.getType()) {
    case formText: {
      auto& text = static_cast<FormWidgetText&>(widget);
      if (text.isPassword()) return std::nullopt;
      value.text = FieldText(text.getContent());
      value.multiline = text.isMultiline();
      break;
    }
    case formButton: {
      auto& button = static_cast<FormWidgetButton&>(widget);
      if (button.getButtonType() == formButtonPush || !button.getState()) return std::nullopt;
      value.text = "X";
      value.check = true;
      break;
    }
    case formChoice:
      value.text = ChoiceText(static_cast<FormWidgetChoice&>(widget));
      break;
    default:
      return std::nullopt;
  }
  if (value.text.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  return value;
}

std::vector<FormValue> PageValues(::Page& page) {
  std::vector<FormValue> values;
  std::unique_ptr<FormPageWidgets> widgets = page.getFormWidgets();
  if (!widgets) return values;
  const PDFRectangle* crop = page.getCropBox();
  for (int i = widgets->getNumWidgets() - 1; i >= 0; --i) {
    FormWidget* widget = widgets->getWidget(i);
    std::optional<FormValue> value = widget ? ReadField(*widget) : std::nullopt;
    if (!value) continue;
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    widget->getRect(&x1, &y1, &x2, &y2);
    x1 -= crop->x1, x2 -= crop->x1, y1 -= crop->y1, y2 -= crop->y1;
    value->x0 = std::min(x1, x2);
    value->x1 = std::max(x1, x2);
    value->y0 = std::min(y1, y2);
    value->y1 = std::max(y1, y2);
    values.push_back(std::move(*value));
  }
  return values;
}

}  // namespace

std::vector<std::vector<FormValue>> ReadFormValues(std::string_view bytes, const std::string& password) {
  std::vector<std::vector<FormValue>> pages;
  if (!MayHaveForm(bytes)) return pages;
  std::unique_ptr<PDFDoc> doc = OpenPdfDoc(bytes, password);
  if (!doc) return pages;
  bool any = false;
  for (int i = 0; i < doc->getNumPages(); ++i) {
    ::Page* page = doc->getPage(i + 1);
    pages.push_back(page ? PageValues(*page) : std::vector<FormValue>{});
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
