// Tests for the audit report model and its three renderings.
#include <gtest/gtest.h>

#include <sstream>

#include "report/audit_report.h"
#include "report/html_report.h"
#include "report/json_report.h"
#include "report/terminal_report.h"

namespace finsam {
namespace {

Document SampleDocument() {
  Document doc;
  for (int n = 1; n <= 6; ++n) {
    Line line;
    line.page = 1;
    line.number = n;
    line.text = "rad " + std::to_string(n);
    doc.lines.push_back(line);
  }
  Line second;
  second.page = 2;
  second.number = 1;
  second.text = "sidan två";
  doc.lines.push_back(second);
  return doc;
}

Record SampleRecord() {
  Record r;
  r.file = "a.txt";
  r.document_type = "ansokan";
  r.title = "Vägen <vidare>";
  r.audit.push_back({"invalid_email", "warning", "/signatures", 1, 3, "Ogiltig e-postadress: \"a@b c.se\""});
  r.audit.push_back({"missing_signature", "error", "/signatures", 0, 0, "Dokumentet saknar underskrift"});
  return r;
}

AuditReport SampleReport() {
  Document doc = SampleDocument();
  AuditReport report;
  report.documents.push_back(MakeReportDocument(SampleRecord(), &doc));
  Record clean;
  clean.file = "b.txt";
  clean.document_type = "beslut";
  report.documents.push_back(MakeReportDocument(clean, nullptr));
  ReportDocument unreadable;
  unreadable.file = "c.pdf";
  unreadable.error_code = "pdf_encrypted";
  unreadable.error_message = "c.pdf: krypterad";
  report.documents.push_back(unreadable);
  return report;
}

TEST(ReportTest, SourceContextIsTheLinesAroundOnTheSamePage) {
  Document doc = SampleDocument();
  std::vector<ContextLine> context = SourceContext(doc, 1, 3, 2);
  ASSERT_EQ(context.size(), 5u);
  EXPECT_EQ(context[0].text, "rad 1");
  EXPECT_EQ(context[4].text, "rad 5");
  EXPECT_TRUE(context[2].focus);
  EXPECT_FALSE(context[1].focus);
  EXPECT_EQ(SourceContext(doc, 1, 6, 2).size(), 3u);   // the next page's line is not included
  EXPECT_TRUE(SourceContext(doc, 1, 0, 2).empty());    // a finding about the whole document
  EXPECT_TRUE(SourceContext(doc, 0, 0, 2).empty());
}

TEST(ReportTest, SummaryCountsDocumentsAndCodes) {
  ReportSummary s = SampleReport().Summarize();
  EXPECT_EQ(s.documents, 2);
  EXPECT_EQ(s.complete, 1);
  EXPECT_EQ(s.with_errors, 1);
  EXPECT_EQ(s.unreadable, 1);
  EXPECT_EQ(s.documents_by_code, (std::map<std::string, int>{{"invalid_email", 1}, {"missing_signature", 1}}));
  EXPECT_EQ(s.findings_by_severity, (std::map<std::string, int>{{"error", 1}, {"warning", 1}}));
}

TEST(ReportTest, SeverityOrder) {
  EXPECT_GT(SeverityRank("error"), SeverityRank("warning"));
  EXPECT_GT(SeverityRank("warning"), SeverityRank("info"));
  EXPECT_EQ(SeverityLabel("error"), "fel");
  EXPECT_EQ(SeverityLabel("warning"), "varning");
}

TEST(ReportTest, TerminalTableAndColours) {
  std::ostringstream plain, coloured;
  WriteTerminalReport(SampleReport(), plain, false);
  WriteTerminalReport(SampleReport(), coloured, true);
  std::string text = plain.str();
  EXPECT_EQ(text.find('\033'), std::string::npos);
  EXPECT_NE(coloured.str().find("\033[31;1m"), std::string::npos);
  EXPECT_NE(text.find("a.txt  del 1/1  ansokan  \"Vägen <vidare>\"\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  varning invalid_email      /signatures  1:3     Ogiltig e-postadress"), std::string::npos)
      << text;
  EXPECT_NE(text.find("  fel     missing_signature  /signatures  –       Dokumentet saknar underskrift"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("b.txt  del 1/1  beslut\n  inga anmärkningar"), std::string::npos) << text;
  EXPECT_NE(text.find("kunde inte läsas: pdf_encrypted"), std::string::npos) << text;
  EXPECT_NE(text.find("  dokument:                 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  kompletta (inga fynd):    1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("    invalid_email      1\n"), std::string::npos) << text;
}

TEST(ReportTest, JsonHasSourcesFindingsAndSummary) {
  nlohmann::ordered_json j = AuditReportToJson(SampleReport());
  EXPECT_EQ(j["schema"], "finsam-audit/1");
  ASSERT_EQ(j["documents"].size(), 3u);
  const auto& first = j["documents"][0];
  EXPECT_EQ(first["source"]["file"], "a.txt");
  ASSERT_EQ(first["findings"].size(), 2u);
  EXPECT_EQ(first["findings"][0]["code"], "invalid_email");
  EXPECT_EQ(first["findings"][0]["line"], 3);
  EXPECT_EQ(first["findings"][0]["context"].size(), 5u);
  EXPECT_TRUE(first["findings"][1]["page"].is_null());
  EXPECT_FALSE(first["findings"][1].contains("context"));
  EXPECT_EQ(j["documents"][2]["error"]["code"], "pdf_encrypted");
  EXPECT_EQ(j["summary"]["documents"], 2);
  EXPECT_EQ(j["summary"]["complete"], 1);
  EXPECT_EQ(j["summary"]["with_errors"], 1);
  EXPECT_EQ(j["summary"]["documents_by_code"]["missing_signature"], 1);
}

TEST(ReportTest, HtmlEscapesAndIsSelfContained) {
  EXPECT_EQ(HtmlEscape("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
  std::string html = RenderHtmlReport(SampleReport());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("Vägen &lt;vidare&gt;"), std::string::npos);
  EXPECT_EQ(html.find("Vägen <vidare>"), std::string::npos);
  EXPECT_NE(html.find("data-code=\"invalid_email\" data-severity=\"warning\""), std::string::npos);
  EXPECT_NE(html.find("data-code=\"pdf_encrypted\""), std::string::npos);
  EXPECT_NE(html.find("<span class=\"focus\"><span class=\"ln\">1:3  </span>rad 3</span>"), std::string::npos);
  EXPECT_NE(html.find("<option>missing_signature</option>"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("href="), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos);
}

}  // namespace
}  // namespace finsam
