// Field-level record comparison (see record_compare.h).
// Tested by record_compare_test.cc.
#include "evaluate/record_compare.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <functional>
#include <set>

namespace finsam {
namespace {

using Json = nlohmann::json;

bool IsAnyOf(const Json& v) { return v.is_object() && v.size() == 1 && v.contains("any_of"); }

std::vector<Json> Alternatives(const Json& v) {
  if (IsAnyOf(v)) return std::vector<Json>(v["any_of"].begin(), v["any_of"].end());
  return {v};
}

bool Empty(const Json& v) {
  return v.is_null() || (v.is_string() && v.get<std::string>().find_first_not_of(" \t\n") == std::string::npos);
}

std::optional<double> AsNumber(const Json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) {
    std::string t;
    for (char c : v.get<std::string>()) if (c != ' ') t += c;
    try { size_t used = 0; double d = std::stod(t, &used); if (used == t.size()) return d; } catch (...) {}
  }
  return std::nullopt;
}

bool Same(const Json& gold, const Json& pred) {
  if (gold.is_null() || Empty(pred)) return gold.is_null() && Empty(pred);
  if (gold.is_number()) { auto n = AsNumber(pred); return n && *n == gold.get<double>(); }
  if (gold.is_string()) return pred.is_string() && NormalizeForCompare(gold) == NormalizeForCompare(pred);
  return gold == pred;
}

bool Matches(const Json& gold, const Json& pred) {
  for (const Json& a : Alternatives(gold)) if (Same(a, pred)) return true;
  return false;
}

bool NullOk(const Json& gold) {
  for (const Json& a : Alternatives(gold)) if (a.is_null()) return true;
  return false;
}

const Json& At(const Json& j, std::initializer_list<const char*> path) {
  static const Json kNull;
  const Json* cur = &j;
  for (const char* k : path) {
    if (!cur->is_object() || !cur->contains(k)) return kNull;
    cur = &(*cur)[k];
  }
  return *cur;
}

FamilyScore Scalar(const std::string& family, const Json& gold, const Json& pred) {
  FamilyScore s{family, 0, 0, 0, "", ""};
  std::vector<Json> alts = Alternatives(gold);
  bool can_be_empty = alts.empty() || NullOk(gold);
  if (Empty(pred)) { if (!can_be_empty) s.fn = 1; }
  else if (std::any_of(alts.begin(), alts.end(), [&](const Json& a) { return !a.is_null() && Same(a, pred); })) s.tp = 1;
  else { s.fp = 1; s.fn = can_be_empty ? 0 : 1; }
  if (s.fp || s.fn) { s.expected = gold.dump(); s.got = pred.dump(); }
  return s;
}

// Maximum bipartite matching (Kuhn), as the acceptance scorer does.
using Ok = std::function<bool(const Json&, const Json&)>;
struct Item { Json value; bool optional; };

int MaxMatching(const std::vector<Item>& gold, const std::vector<Json>& pred, const Ok& ok, std::vector<int>& owner) {
  owner.assign(pred.size(), -1);
  std::function<bool(size_t, std::vector<bool>&)> augment = [&](size_t i, std::vector<bool>& seen) {
    for (size_t j = 0; j < pred.size(); ++j) {
      if (seen[j] || !ok(gold[i].value, pred[j])) continue;
      seen[j] = true;
      if (owner[j] == -1 || augment(static_cast<size_t>(owner[j]), seen)) { owner[j] = static_cast<int>(i); return true; }
    }
    return false;
  };
  std::vector<size_t> order(gold.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return gold[a].optional < gold[b].optional; });
  int matched = 0;
  for (size_t i : order) { std::vector<bool> seen(pred.size()); matched += augment(i, seen); }
  return matched;
}

FamilyScore Items(const std::string& family, const Json& gold_list, const std::vector<Json>& pred,
                  const std::function<std::vector<Item>(const Json&)>& to_items, const Ok& ok) {
  FamilyScore best{family, 0, 0, 0, "", ""};
  bool first = true;
  for (const Json& alt : Alternatives(gold_list)) {
    std::vector<Item> gold = to_items(alt.is_null() ? Json::array() : alt);
    std::vector<int> owner;
    int tp = MaxMatching(gold, pred, ok, owner);
    std::set<int> matched(owner.begin(), owner.end());
    FamilyScore s{family, tp, static_cast<int>(pred.size()) - tp, 0, "", ""};
    for (size_t i = 0; i < gold.size(); ++i) if (!gold[i].optional && !matched.count(static_cast<int>(i))) ++s.fn;
    auto key = [](const FamilyScore& x) { return std::make_pair(x.tp - x.fp - x.fn, x.tp); };
    if (first || key(s) > key(best)) {
      best = s;
      first = false;
    }
  }
  if (best.fp || best.fn) { best.expected = gold_list.dump(); best.got = Json(pred).dump(); }
  return best;
}

std::vector<Json> Dedupe(const std::vector<Json>& values) {
  std::vector<Json> out;
  std::set<std::string> seen;
  for (const Json& v : values) {
    std::string key = v.is_string() ? NormalizeForCompare(v.get<std::string>()) : v.dump();
    if (seen.insert(key).second) out.push_back(v);
  }
  return out;
}

Json OrgKey(const Json& o) {
  if (!o.is_object()) return o;
  const Json& c = o.contains("canonical") ? o["canonical"] : Json();
  return (!Empty(c) || IsAnyOf(c)) ? c : (o.contains("name") ? o["name"] : Json());
}

FamilyScore Orgs(const std::string& field, const Json& gold, const Json& pred) {
  std::vector<Json> items;
  for (const Json& o : At(pred, {field.c_str()})) if (!Empty(OrgKey(o))) items.push_back(OrgKey(o));
  return Items(field, At(gold, {field.c_str()}), Dedupe(items),
               [](const Json& lst) { std::vector<Item> v; for (const Json& o : lst) if (!OrgKey(o).is_null()) v.push_back({OrgKey(o), false}); return v; },
               Matches);
}

FamilyScore SignatureNames(const Json& gold, const Json& pred) {
  std::vector<Json> names;
  for (const Json& s : At(pred, {"signatures"})) if (s.is_object() && s.contains("name") && !Empty(s["name"])) names.push_back(s["name"]);
  return Items("signature_names", At(gold, {"signatures"}), Dedupe(names),
               [](const Json& lst) { std::vector<Item> v; for (const Json& s : lst) if (s.contains("name") && (IsAnyOf(s["name"]) || !Empty(s["name"]))) v.push_back({s["name"], false}); return v; },
               Matches);
}

Json SigKey(const Json& s) {
  if (!s.is_object()) return Json();
  if (s.contains("name") && (IsAnyOf(s["name"]) || !Empty(s["name"]))) return Json::array({"name", s["name"]});
  if (s.contains("organisation") && (IsAnyOf(s["organisation"]) || !Empty(s["organisation"]))) return Json::array({"org", s["organisation"]});
  return Json();
}

FamilyScore SignatureDates(const Json& gold, const Json& pred) {
  std::vector<Json> items;
  for (const Json& s : At(pred, {"signatures"})) {
    Json k = SigKey(s);
    if (!k.is_null() && s.contains("date") && !Empty(s["date"])) items.push_back(Json::array({k, s["date"]}));
  }
  return Items("signature_dates", At(gold, {"signatures"}), items,
               [](const Json& lst) {
                 std::vector<Item> v;
                 for (const Json& s : lst) {
                   Json k = SigKey(s);
                   Json d = s.contains("date") ? s["date"] : Json();
                   bool all_null = true;
                   for (const Json& a : Alternatives(d)) all_null = all_null && a.is_null();
                   if (!k.is_null() && !all_null) v.push_back({Json::array({k, d}), NullOk(d)});
                 }
                 return v;
               },
               [](const Json& g, const Json& p) {
                 return g[0][0] == p[0][0] && Matches(g[0][1], p[0][1]) && Matches(g[1], p[1]);
               });
}

FamilyScore BudgetRows(const Json& gold, const Json& pred) {
  std::vector<Json> items;
  for (const Json& r : At(pred, {"budget", "rows"})) {
    if (!r.is_object()) continue;
    auto amount = AsNumber(r.value("amount_sek", Json()));
    if (!amount || *amount == 0) continue;
    items.push_back(Json::array({*amount, r.value("year", Json())}));
  }
  return Items("budget_rows", At(gold, {"budget", "rows"}), items,
               [](const Json& lst) { std::vector<Item> v; for (const Json& r : lst) v.push_back({Json::array({r["amount_sek"], r.value("year", Json())}), false}); return v; },
               [](const Json& g, const Json& p) {
                 return Matches(g[0], p[0]) && (g[1].is_null() ? Empty(p[1]) : Matches(g[1], p[1]));
               });
}

FamilyScore Participants(const Json& gold, const Json& pred) {
  std::vector<Json> items;
  const Json& pp = At(pred, {"participants"});
  for (const char* k : {"women", "men", "total"}) {
    if (pp.is_object() && pp.contains(k) && !Empty(pp[k])) items.push_back(Json::array({k, pp[k]}));
  }
  std::vector<Item> gold_items;
  const Json& gp = At(gold, {"participants"});
  for (const char* k : {"women", "men", "total"}) {
    if (!gp.is_object() || !gp.contains(k)) continue;
    bool all_null = true;
    for (const Json& a : Alternatives(gp[k])) all_null = all_null && a.is_null();
    if (!all_null) gold_items.push_back({Json::array({k, gp[k]}), NullOk(gp[k])});
  }
  Json gold_list = Json::array();
  for (const Item& i : gold_items) gold_list.push_back(Json{{"item", i.value}, {"optional", i.optional}});
  return Items("participants", gold_list, items,
               [](const Json& lst) { std::vector<Item> v; for (const Json& i : lst) v.push_back({i["item"], i["optional"].get<bool>()}); return v; },
               [](const Json& g, const Json& p) { return g[0] == p[0] && Matches(g[1], p[1]); });
}

FamilyScore AuditCodes(const Json& gold, const Json& pred) {
  std::set<std::string> optional;
  for (const Json& c : At(gold, {"audit_codes_optional"})) optional.insert(NormalizeForCompare(c.get<std::string>()));
  std::vector<Json> codes;
  for (const Json& a : At(pred, {"audit"})) {
    if (a.is_object() && a.contains("code") && a["code"].is_string() && !optional.count(NormalizeForCompare(a["code"]))) codes.push_back(a["code"]);
  }
  return Items("audit_codes", At(gold, {"audit_codes"}), Dedupe(codes),
               [](const Json& lst) { std::vector<Item> v; for (const Json& c : lst) v.push_back({c, false}); return v; },
               Matches);
}

}  // namespace

std::string NormalizeForCompare(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString u = nfc->normalize(icu::UnicodeString::fromUTF8(text), status);
  icu::UnicodeString out;
  for (int32_t i = 0; i < u.length(); ++i) {
    UChar c = u.charAt(i);
    if (c >= 0x2010 && c <= 0x2015) c = '-';
    if (c == 0x2212) c = '-';
    if (c == 0x00A0 || c == 0x2007 || c == 0x2009 || c == 0x202F || c == 0x200A || c == 0x2002 || c == 0x2003) c = ' ';
    out.append(c);
  }
  out.foldCase();
  std::string s;
  out.toUTF8String(s);
  auto is_quote = [](const std::string& t, size_t i) {
    static const std::vector<std::string> kQuotes = {"\"", "'", "“", "”", "„", "‘", "’", "«", "»"};
    for (const std::string& q : kQuotes) if (t.compare(i, q.size(), q) == 0) return q.size();
    return size_t{0};
  };
  auto trim = [](std::string& t) {
    size_t b = t.find_first_not_of(" \t\n"), e = t.find_last_not_of(" \t\n");
    t = b == std::string::npos ? "" : t.substr(b, e - b + 1);
  };
  trim(s);
  while (size_t q = is_quote(s, 0)) s.erase(0, q);
  for (bool again = true; again && !s.empty();) {
    again = false;
    for (size_t n = 1; n <= 3 && n <= s.size(); ++n) {
      if (is_quote(s, s.size() - n) == n) { s.erase(s.size() - n); again = true; break; }
    }
  }
  trim(s);
  std::string collapsed;
  for (char c : s) {
    bool space = c == ' ' || c == '\t' || c == '\n';
    if (space && (collapsed.empty() || collapsed.back() == ' ')) continue;
    collapsed += space ? ' ' : c;
  }
  if (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
  return collapsed;
}

std::vector<FamilyScore> CompareRecord(const Json& gold, const Json& pred) {
  return {
      Scalar("document_type", At(gold, {"document_type"}), At(pred, {"document_type"})),
      Scalar("title", At(gold, {"title"}), At(pred, {"title"})),
      Scalar("funder", At(gold, {"funder"}), At(pred, {"funder"})),
      Scalar("case_number", At(gold, {"case_number"}), At(pred, {"case_number"})),
      Orgs("owners", gold, pred),
      Orgs("partners", gold, pred),
      Scalar("period_start", At(gold, {"period", "start"}), At(pred, {"period", "start"})),
      Scalar("period_end", At(gold, {"period", "end"}), At(pred, {"period", "end"})),
      Scalar("budget_total", At(gold, {"budget", "total_sek"}), At(pred, {"budget", "total_sek"})),
      BudgetRows(gold, pred),
      SignatureNames(gold, pred),
      SignatureDates(gold, pred),
      Participants(gold, pred),
      AuditCodes(gold, pred),
  };
}

}  // namespace finsam
