// Stage 7 — the record-v1 JSON (see record_json.h). Tested by record_json_test.cc.
#include "emit/record_json.h"

namespace finsam {
namespace {

using Json = nlohmann::ordered_json;

template <class T>
Json Opt(const std::optional<T>& v) { return v ? Json(*v) : Json(nullptr); }

Json OrgJson(const OrgRef& org) {
  return Json{{"name", org.name}, {"canonical", org.canonical}, {"unit", Opt(org.unit)}, {"known", org.known}};
}

Json BudgetJson(const Record& r) {
  Json rows = Json::array();
  for (const BudgetRow& row : r.budget_rows) {
    rows.push_back(Json{{"label", row.label}, {"category", Opt(row.category)}, {"year", Opt(row.year)},
                        {"party", Opt(row.party)}, {"amount_sek", row.amount_sek}});
  }
  return Json{{"total_sek", Opt(r.total_sek)}, {"rows", rows}};
}

Json SignaturesJson(const Record& r) {
  Json out = Json::array();
  for (const Signature& s : r.signatures) {
    out.push_back(Json{{"name", Opt(s.name)},
                       {"organisation", s.organisation ? Json(s.organisation->canonical) : Json(nullptr)},
                       {"role", Opt(s.role)}, {"date", Opt(s.date)}, {"place", Opt(s.place)},
                       {"email", Opt(s.email)}, {"method", s.method}});
  }
  return out;
}

Json AuditJson(const Record& r) {
  Json out = Json::array();
  for (const Finding& f : r.audit) {
    out.push_back(Json{{"code", f.code}, {"severity", f.severity},
                       {"field", f.field.empty() ? Json(nullptr) : Json(f.field)},
                       {"page", f.page ? Json(f.page) : Json(nullptr)},
                       {"line", f.line ? Json(f.line) : Json(nullptr)}, {"message", f.message}});
  }
  return out;
}

Json ProvenanceJson(const Record& r) {
  Json out = Json::object();
  for (const auto& [pointer, e] : r.provenance) {
    Json entry{{"page", e.page ? Json(e.page) : Json(nullptr)}, {"line", e.line ? Json(e.line) : Json(nullptr)},
               {"text", e.text}, {"rule", e.rule}};
    if (e.confidence < 1) entry["confidence"] = e.confidence;
    out[pointer] = entry;
  }
  return out;
}

}  // namespace

nlohmann::ordered_json RecordToJson(const Record& r) {
  Json owners = Json::array(), partners = Json::array();
  for (const OwnerEntry& o : r.owners) {
    Json j = OrgJson(o.org);
    j["role"] = o.role;
    owners.push_back(j);
  }
  for (const OrgRef& p : r.partners) partners.push_back(OrgJson(p));
  Json participants = nullptr;
  if (r.participants) {
    participants = Json{{"women", Opt(r.participants->women)}, {"men", Opt(r.participants->men)},
                        {"total", Opt(r.participants->total)}};
  }
  Json pages = r.first_page ? Json::array({r.first_page, r.last_page}) : Json(nullptr);
  return Json{
      {"schema", kRecordSchema},
      {"source", Json{{"file", r.file}, {"sha256", r.sha256}, {"format", r.format},
                      {"part", r.part}, {"parts", r.parts}, {"pages", pages}}},
      {"document_type", r.document_type},
      {"title", Opt(r.title)},
      {"funder", Opt(r.funder)},
      {"case_number", Opt(r.case_number)},
      {"owners", owners},
      {"partners", partners},
      {"period", Json{{"start", Opt(r.period_start)}, {"end", Opt(r.period_end)}, {"text", Opt(r.period_text)},
                      {"start_precision", Opt(r.start_precision)}, {"end_precision", Opt(r.end_precision)}}},
      {"budget", BudgetJson(r)},
      {"signatures", SignaturesJson(r)},
      {"participants", participants},
      {"audit", AuditJson(r)},
      {"provenance", ProvenanceJson(r)},
  };
}

nlohmann::ordered_json ErrorToJson(const Error& error, const std::string& file, const std::string& sha256) {
  return Json{{"schema", kRecordSchema},
              {"source", Json{{"file", file}, {"sha256", sha256.empty() ? Json(nullptr) : Json(sha256)},
                              {"format", nullptr}, {"part", nullptr}, {"parts", nullptr}, {"pages", nullptr}}},
              {"error", Json{{"code", error.code}, {"message", error.message}}}};
}

}  // namespace finsam
