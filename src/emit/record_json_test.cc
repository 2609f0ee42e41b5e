// Tests for RecordToJson/ErrorToJson: every contract key, value shapes, and validity against the schema.
#include "emit/record_json.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/json_schema.h"

namespace finsam {
namespace {

using nlohmann::json;

const char kSha[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

OrgRef Org(const std::string& name, const std::string& canonical, std::optional<std::string> unit = std::nullopt) {
  OrgRef org;
  org.name = name;
  org.canonical = canonical;
  org.unit = std::move(unit);
  org.known = true;
  return org;
}

Record FilledRecord() {
  Record r;
  r.file = "in/ansokan.pdf";
  r.sha256 = kSha;
  r.format = "pdf";
  r.part = 2;
  r.parts = 3;
  r.first_page = 4;
  r.last_page = 7;
  r.document_type = "ansokan";
  r.title = "Vägen vidare";
  r.funder = "Norra Dalarnas samordningsförbund";
  r.case_number = "2024:31";
  r.owners.push_back({Org("Mora kommun, Socialförvaltningen", "Mora kommun", "Socialförvaltningen"), "huvudinsatsagare"});
  r.owners.push_back({Org("Region Dalarna", "Region Dalarna"), "insatsagare"});
  OrgRef unknown;
  unknown.name = "Föreningen Steget";
  unknown.canonical = "Föreningen Steget";
  r.partners.push_back(Org("FK", "Försäkringskassan"));
  r.partners.push_back(unknown);
  r.period_start = "2025-01-01";
  r.period_end = "2026-12-31";
  r.period_text = "Insatsperiod: januari 2025 - december 2026";
  r.start_precision = "month";
  r.end_precision = "month";
  r.total_sek = 620000;
  BudgetRow row;
  row.label = "Coach 100 %";
  row.category = "lonekostnad";
  row.year = 2025;
  row.party = "Mora kommun";
  row.amount_sek = 600000;
  r.budget_rows.push_back(row);
  BudgetRow plain;
  plain.label = "Resor";
  plain.amount_sek = 20000;
  r.budget_rows.push_back(plain);
  Signature s;
  s.name = "Petra Lindqvist";
  s.organisation = Org("Mora kommun", "Mora kommun");
  s.role = "insatsagare";
  s.date = "2024-11-05";
  s.place = "Mora";
  s.email = "petra.lindqvist@mora.se";
  s.method = "handwritten";
  r.signatures.push_back(s);
  Signature unsigned_signer;
  unsigned_signer.name = "Omar Haddad";
  r.signatures.push_back(unsigned_signer);
  Participants p;
  p.women = 18;
  p.men = 23;
  r.participants = p;
  r.audit.push_back({"budget_sum_mismatch", "error", "/budget", 5, 12, "Summan stämmer inte"});
  r.audit.push_back({"duplicate_submission", "warning", "", 0, 0, "Samma ansökan finns även i b.pdf del 1"});
  r.provenance["/title"] = Evidence{4, 3, "Insatsens namn: Vägen vidare", "title.label", 1};
  r.provenance["/budget/total_sek"] = Evidence{0, 0, "sum of budget rows", "budget.tables", 0.5};
  return r;
}

std::vector<std::string> Keys(const nlohmann::ordered_json& object) {
  std::vector<std::string> keys;
  for (auto it = object.begin(); it != object.end(); ++it) keys.push_back(it.key());
  return keys;
}

#define EXPECT_VALID(instance)                                                     \
  do {                                                                             \
    std::vector<std::string> errors = ValidateAgainstSchema(LoadRecordSchema(), json(instance)); \
    EXPECT_TRUE(errors.empty()) << ::testing::PrintToString(errors);               \
  } while (0)

TEST(RecordJsonTest, FilledRecordHasEveryContractKey) {
  nlohmann::ordered_json j = RecordToJson(FilledRecord());
  EXPECT_EQ(Keys(j), (std::vector<std::string>{"schema", "source", "document_type", "title", "funder",
                                               "case_number", "owners", "partners", "period", "budget",
                                               "signatures", "participants", "audit", "provenance"}));
  EXPECT_EQ(Keys(j["source"]), (std::vector<std::string>{"file", "sha256", "format", "part", "parts", "pages"}));
  EXPECT_EQ(Keys(j["owners"][0]), (std::vector<std::string>{"name", "canonical", "unit", "known", "role"}));
  EXPECT_EQ(Keys(j["partners"][0]), (std::vector<std::string>{"name", "canonical", "unit", "known"}));
  EXPECT_EQ(Keys(j["period"]),
            (std::vector<std::string>{"start", "end", "text", "start_precision", "end_precision"}));
  EXPECT_EQ(Keys(j["budget"]), (std::vector<std::string>{"total_sek", "rows"}));
  EXPECT_EQ(Keys(j["budget"]["rows"][0]),
            (std::vector<std::string>{"label", "category", "year", "party", "amount_sek"}));
  EXPECT_EQ(Keys(j["signatures"][0]),
            (std::vector<std::string>{"name", "organisation", "role", "date", "place", "email", "method"}));
  EXPECT_EQ(Keys(j["participants"]), (std::vector<std::string>{"women", "men", "total"}));
  EXPECT_EQ(Keys(j["audit"][0]), (std::vector<std::string>{"code", "severity", "field", "page", "line", "message"}));
  EXPECT_EQ(Keys(j["provenance"]["/title"]), (std::vector<std::string>{"page", "line", "text", "rule"}));
  EXPECT_VALID(j);
}

TEST(RecordJsonTest, FilledRecordValues) {
  nlohmann::ordered_json j = RecordToJson(FilledRecord());
  EXPECT_EQ(j["schema"], "finsam-record/1");
  EXPECT_EQ(j["source"]["file"], "in/ansokan.pdf");
  EXPECT_EQ(j["source"]["sha256"], kSha);
  EXPECT_EQ(j["source"]["format"], "pdf");
  EXPECT_EQ(j["source"]["part"], 2);
  EXPECT_EQ(j["source"]["parts"], 3);
  EXPECT_EQ(j["source"]["pages"], json::array({4, 7}));
  EXPECT_EQ(j["document_type"], "ansokan");
  EXPECT_EQ(j["title"], "Vägen vidare");
  EXPECT_EQ(j["case_number"], "2024:31");
  EXPECT_EQ(j["owners"][0]["canonical"], "Mora kommun");
  EXPECT_EQ(j["owners"][0]["unit"], "Socialförvaltningen");
  EXPECT_EQ(j["owners"][0]["role"], "huvudinsatsagare");
  EXPECT_EQ(j["owners"][1]["unit"], nullptr);
  EXPECT_EQ(j["partners"][0]["name"], "FK");
  EXPECT_EQ(j["partners"][0]["canonical"], "Försäkringskassan");
  EXPECT_EQ(j["partners"][1]["known"], false);
  EXPECT_EQ(j["period"]["start"], "2025-01-01");
  EXPECT_EQ(j["period"]["end_precision"], "month");
  EXPECT_EQ(j["budget"]["total_sek"], 620000);
  EXPECT_EQ(j["budget"]["rows"][0]["year"], 2025);
  EXPECT_EQ(j["budget"]["rows"][0]["amount_sek"], 600000);
  EXPECT_EQ(j["budget"]["rows"][1]["category"], nullptr);
  EXPECT_EQ(j["budget"]["rows"][1]["year"], nullptr);
  EXPECT_EQ(j["signatures"][0]["organisation"], "Mora kommun");   // the canonical name
  EXPECT_EQ(j["signatures"][0]["date"], "2024-11-05");
  EXPECT_EQ(j["signatures"][1]["organisation"], nullptr);
  EXPECT_EQ(j["signatures"][1]["method"], "unsigned");
  EXPECT_EQ(j["participants"]["women"], 18);
  EXPECT_EQ(j["participants"]["total"], nullptr);
  EXPECT_EQ(j["audit"][0]["page"], 5);
  EXPECT_EQ(j["audit"][0]["field"], "/budget");
  EXPECT_EQ(j["audit"][1]["field"], nullptr);   // no field, no position
  EXPECT_EQ(j["audit"][1]["page"], nullptr);
  EXPECT_EQ(j["audit"][1]["line"], nullptr);
  EXPECT_EQ(j["provenance"]["/title"]["rule"], "title.label");
  EXPECT_EQ(j["provenance"]["/title"]["line"], 3);
  EXPECT_FALSE(j["provenance"]["/title"].contains("confidence"));   // only below 1
  EXPECT_EQ(j["provenance"]["/budget/total_sek"]["confidence"], 0.5);
  EXPECT_EQ(j["provenance"]["/budget/total_sek"]["page"], nullptr);
}

TEST(RecordJsonTest, SparseTextRecordIsValid) {
  Record r;
  r.file = "brev.txt";
  r.sha256 = kSha;
  r.format = "text";
  nlohmann::ordered_json j = RecordToJson(r);
  EXPECT_EQ(j["source"]["pages"], nullptr);   // text has no pages
  EXPECT_EQ(j["document_type"], "okand");
  EXPECT_EQ(j["title"], nullptr);
  EXPECT_EQ(j["owners"], json::array());
  EXPECT_EQ(j["period"]["start"], nullptr);
  EXPECT_EQ(j["budget"]["total_sek"], nullptr);
  EXPECT_EQ(j["budget"]["rows"], json::array());
  EXPECT_EQ(j["participants"], nullptr);
  EXPECT_EQ(j["provenance"], json::object());
  EXPECT_VALID(j);
}

TEST(RecordJsonTest, SchemaCatchesABrokenRecord) {
  // The validation above is not vacuous: a value outside the contract fails.
  Record r = FilledRecord();
  r.signatures[0].method = "typed";
  std::vector<std::string> errors = ValidateAgainstSchema(LoadRecordSchema(), json(RecordToJson(r)));
  EXPECT_FALSE(errors.empty());
}

TEST(RecordJsonTest, ErrorRecords) {
  nlohmann::ordered_json j = ErrorToJson(Error{"file_not_found", "no such file", "in/saknas.pdf"}, "in/saknas.pdf", "");
  EXPECT_EQ(Keys(j), (std::vector<std::string>{"schema", "source", "error"}));
  EXPECT_EQ(Keys(j["source"]), (std::vector<std::string>{"file", "sha256", "format", "part", "parts", "pages"}));
  EXPECT_EQ(j["schema"], "finsam-record/1");
  EXPECT_EQ(j["source"]["file"], "in/saknas.pdf");
  EXPECT_EQ(j["source"]["sha256"], nullptr);
  EXPECT_EQ(j["source"]["part"], nullptr);
  EXPECT_EQ(j["error"]["code"], "file_not_found");
  EXPECT_EQ(j["error"]["message"], "no such file");
  EXPECT_VALID(j);

  nlohmann::ordered_json damaged = ErrorToJson(Error{"pdf_damaged", "Poppler cannot open the PDF", ""}, "x.pdf", kSha);
  EXPECT_EQ(damaged["source"]["sha256"], kSha);
  EXPECT_VALID(damaged);
}

}  // namespace
}  // namespace finsam
