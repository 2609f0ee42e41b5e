// Tests for NormalizeDocument: markup, headings, bold prefixes, NFC, and PDF line joining.
#include "normalize/normalize.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "normalize/line_joiner.h"

namespace finsam {
namespace {

Document NormalizedText(const std::string& text) {
  Result<Document> raw = IngestBytes(text, "test.txt", IngestOptions{});
  EXPECT_TRUE(raw.ok()) << (raw.ok() ? "" : raw.error().ToString());
  return raw.ok() ? NormalizeDocument(*raw) : Document{};
}

// The first line containing `needle`, or nullptr.
const Line* FindLine(const Document& doc, const std::string& needle) {
  for (const Line& line : doc.lines) {
    if (line.text.find(needle) != std::string::npos) return &line;
  }
  return nullptr;
}

struct LineCase {
  const char* input;          // one line of a text file
  const char* text;           // Line::text after normalization
  LineKind kind;
  bool bold_start;
  const char* bold_prefix;    // the text of the opening bold run
};

TEST(NormalizeTest, TextLinesGetKindTextAndBoldPrefix) {
  const std::vector<LineCase> cases = {
      {"## Ansökan om medel", "Ansökan om medel", LineKind::kHeading, false, ""},
      {"<b>Insatsens namn</b> Jobbspåret", "Insatsens namn Jobbspåret", LineKind::kText, true,
       "Insatsens namn"},
      {"**Antal deltagare:** 124", "Antal deltagare: 124", LineKind::kText, true, "Antal deltagare:"},
      // A short all-bold line is a heading, unless it ends with ':' (a label).
      {"**Budget (kr)**", "Budget (kr)", LineKind::kHeading, true, "Budget (kr)"},
      {"**Antal deltagare:**", "Antal deltagare:", LineKind::kText, true, "Antal deltagare:"},
      {"Kostnad\t**100**\t200", "Kostnad\t100\t200", LineKind::kText, false, ""},
      {"**Summa**\t**594 000**", "Summa\t594 000", LineKind::kHeading, true, "Summa\t594 000"},
      {"---|---", "---|---", LineKind::kRule, false, ""},
      {"Insatsägare (\\*) Region Uppsala", "Insatsägare (*) Region Uppsala", LineKind::kText, false, ""},
      {"Perioden är 2024 \u2013 2025", "Perioden är 2024 \u2013 2025", LineKind::kText, false, ""},
      {"480\u00A0000 kr", "480 000 kr", LineKind::kText, false, ""},
  };
  for (const LineCase& c : cases) {
    SCOPED_TRACE(c.input);
    Document doc = NormalizedText(c.input);
    ASSERT_EQ(doc.lines.size(), 1u);
    const Line& line = doc.lines[0];
    EXPECT_EQ(line.text, c.text);
    EXPECT_EQ(line.kind, c.kind);
    EXPECT_EQ(line.bold_start, c.bold_start);
    EXPECT_EQ(line.text.substr(0, line.bold_prefix), c.bold_prefix);
    EXPECT_FALSE(line.continued);
  }
}

TEST(NormalizeTest, ComposesToNfc) {
  Document doc = NormalizedText("Samordningsfo\u0308rbundet i Ga\u030Ava\u0308rda\n");
  ASSERT_FALSE(doc.lines.empty());
  EXPECT_EQ(doc.lines[0].text, "Samordningsförbundet i Gåvärda");
  EXPECT_EQ(doc.lines[0].cells[0].words[2].text, "Gåvärda");
}

TEST(NormalizeTest, RebuildsCellTextAndKeepsIdentity) {
  Document doc = NormalizedText("Kostnad\t**Lön**  handläggare\t540 000\n\nSlut");
  EXPECT_EQ(doc.path, "test.txt");
  EXPECT_EQ(doc.format, SourceFormat::kText);
  EXPECT_EQ(doc.sha256.size(), 64u);
  ASSERT_EQ(doc.lines.size(), 3u);
  const Line& row = doc.lines[0];
  ASSERT_EQ(row.cells.size(), 3u);
  EXPECT_EQ(row.cells[1].text, "Lön handläggare");
  EXPECT_FALSE(row.cells[1].bold);   // only one of its words is bold
  EXPECT_EQ(row.cells[2].text, "540 000");
  EXPECT_EQ(row.text, "Kostnad\tLön handläggare\t540 000");
  EXPECT_TRUE(doc.lines[1].blank());
  EXPECT_EQ(doc.lines[2].text, "Slut");
  EXPECT_EQ(doc.lines[2].number, 3);
}

TEST(NormalizeTest, TextInputIsNeverJoined) {
  // Without geometry a text rendition keeps its physical lines.
  Document doc = NormalizedText("Många invånare med psykisk ohälsa står långt\nfrån arbetsmarknaden.\n");
  ASSERT_GE(doc.lines.size(), 2u);
  EXPECT_EQ(doc.lines[0].text, "Många invånare med psykisk ohälsa står långt");
  EXPECT_EQ(doc.lines[1].text, "från arbetsmarknaden.");
}

// A hand-made PDF line: words 5 pt per byte, 5 pt spaces, 10 pt high.
Line PdfLine(int number, double x, double y, const std::vector<std::string>& words,
             bool bold = false, double font_size = 10) {
  Line line;
  line.page = 1;
  line.number = number;
  Cell cell;
  cell.box = Box{x, y, x, y + 10};
  for (const std::string& text : words) {
    Word word;
    word.text = text;
    word.bold = bold;
    word.font_size = font_size;
    word.box = Box{x, y, x + 5.0 * static_cast<double>(text.size()), y + 10};
    x = word.box.x1 + 5;
    cell.box.x1 = word.box.x1;
    cell.words.push_back(word);
  }
  line.cells.push_back(cell);
  return line;
}

Document PdfDocument(std::vector<Line> lines) {
  Document doc;
  doc.format = SourceFormat::kPdf;
  doc.pages.push_back(Page{1, 595, 842, false});
  doc.lines = std::move(lines);
  return doc;
}

TEST(NormalizeTest, JoinsWrappedPdfLinesAndMendsHyphens) {
  Document raw = PdfDocument({
      PdfLine(1, 50, 100, {"Vi", "utvecklar", "arbets-"}),
      PdfLine(2, 50, 112, {"sättet", "i", "Gottsunda."}),
      PdfLine(3, 50, 150, {"Insatsen", "gäller", "hälso-"}),
      PdfLine(4, 50, 162, {"och", "sjukvården", "i", "länet."}),
  });
  Document doc = NormalizeDocument(raw);
  ASSERT_EQ(doc.lines.size(), 2u);
  EXPECT_EQ(doc.lines[0].text, "Vi utvecklar arbetssättet i Gottsunda.");
  EXPECT_TRUE(doc.lines[0].continued);
  EXPECT_EQ(doc.lines[0].number, 1);
  // "hälso- och" is a shared ending, not a hyphenated word.
  EXPECT_EQ(doc.lines[1].text, "Insatsen gäller hälso- och sjukvården i länet.");
  EXPECT_EQ(doc.lines[1].number, 3);
}

TEST(NormalizeTest, DoesNotJoinShortLinesGapsOrBoldLabels) {
  Document raw = PdfDocument({
      PdfLine(1, 50, 100, {"En", "rad", "som", "når", "marginalen", "helt"}),
      PdfLine(2, 50, 112, {"Insatsägare"}, /*bold=*/true),
      PdfLine(3, 50, 124, {"Kort."}),
      PdfLine(4, 50, 136, {"Ny", "mening."}),
      PdfLine(5, 50, 148, {"En", "rad", "som", "når", "marginalen", "helt"}),
      PdfLine(6, 50, 190, {"efter", "ett", "tomrum."}),
  });
  Document doc = NormalizeDocument(raw);
  std::vector<std::string> texts;
  for (const Line& line : doc.lines) texts.push_back(line.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"En rad som når marginalen helt", "Insatsägare", "Kort.",
                                             "Ny mening.", "En rad som når marginalen helt",
                                             "efter ett tomrum."}));
  EXPECT_EQ(doc.lines[1].kind, LineKind::kHeading);   // a short all-bold line
}

TEST(NormalizeTest, LargerFontMakesAHeading) {
  Document raw = PdfDocument({
      PdfLine(1, 50, 80, {"Slutrapport", "Jobbspåret"}, false, 16),
      PdfLine(2, 50, 120, {"Texten", "i", "rapporten."}),
      PdfLine(3, 50, 160, {"Mer", "text", "här."}),
  });
  Document doc = NormalizeDocument(raw);
  ASSERT_EQ(doc.lines.size(), 3u);
  EXPECT_EQ(doc.lines[0].kind, LineKind::kHeading);
  EXPECT_EQ(doc.lines[1].kind, LineKind::kText);
}

TEST(NormalizeTest, CorpusPdfGivesLogicalLines) {
  const std::string dir = FINSAM_SOURCE_DIR "/corpus/01_uppsala_form_esign";
  Result<Document> raw = IngestFile(dir + "/input.pdf", IngestOptions{});
  ASSERT_TRUE(raw.ok()) << raw.error().ToString();
  Document doc = NormalizeDocument(*raw);
  EXPECT_EQ(doc.format, SourceFormat::kPdf);

  // The title is a heading.
  ASSERT_FALSE(doc.lines.empty());
  EXPECT_EQ(doc.lines[0].text, "Ansökan om finansiering av samverkansinsats");
  EXPECT_EQ(doc.lines[0].kind, LineKind::kHeading);

  // A paragraph of input.txt that the PDF layout wraps over several lines
  // comes back whole in one logical line, opened by its bold label.
  const std::string paragraph =
      "Många invånare med psykisk ohälsa som har kontakt med kommunens öppenvård står långt från "
      "arbetsmarknaden. De faller ofta mellan stolarna när ansvaret växlar mellan myndigheterna, och "
      "väntetiden till arbetslivsinriktade insatser är lång.";
  const Line* line = FindLine(doc, "Många invånare");
  ASSERT_NE(line, nullptr);
  EXPECT_NE(line->text.find(paragraph), std::string::npos) << line->text;
  EXPECT_TRUE(line->continued);
  EXPECT_EQ(line->page, 1);
  EXPECT_TRUE(line->bold_start);
  EXPECT_EQ(line->text.substr(0, line->bold_prefix), "Beskriv behovet av insatsen (*)");

  // Markup printed into the PDF from the text rendition is gone.
  for (const Line& l : doc.lines) {
    EXPECT_EQ(l.text.find("<b>"), std::string::npos) << l.text;
    EXPECT_EQ(l.text.find("**"), std::string::npos) << l.text;
  }
  const Line* owner = FindLine(doc, "Insatsägare (*)");
  ASSERT_NE(owner, nullptr);
  EXPECT_EQ(owner->text.substr(0, owner->bold_prefix), "Insatsägare (*)");

  // E-signature page: names in capitals are their own lines on page 2.
  const Line* signer = FindLine(doc, "JONAS ÅKESSON MALM");
  ASSERT_NE(signer, nullptr);
  EXPECT_EQ(signer->page, 2);
  EXPECT_EQ(signer->text, "JONAS ÅKESSON MALM");
}

}  // namespace
}  // namespace finsam
