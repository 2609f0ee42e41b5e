// Document fingerprints for the duplicate audit (see fingerprint.h). Hashes
// are our own (splitmix64 over FNV-1a), not std::hash: signatures are stored
// in databases and compared across builds and machines.
// Tested by fingerprint_test.cc.
#include "audit/fingerprint.h"

#include <array>
#include <limits>
#include <string_view>

#include "normalize/fold.h"

namespace finsam {
namespace {

constexpr size_t kShingleWords = 5;

uint64_t Mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

uint64_t Fnv1a(std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : bytes) h = (h ^ c) * 0x100000001b3ull;
  return h;
}

const std::array<uint64_t, kMinHashSize>& Seeds() {
  static const std::array<uint64_t, kMinHashSize> seeds = [] {
    std::array<uint64_t, kMinHashSize> s{};
    for (size_t i = 0; i < s.size(); ++i) s[i] = Mix64(0x5eed0000ull + i);
    return s;
  }();
  return seeds;
}

// One hash per word of the folded text.
std::vector<uint64_t> WordHashes(const std::string& text) {
  std::string folded = FoldForMatch(text);
  std::vector<uint64_t> words;
  size_t start = 0;
  for (size_t i = 0; i <= folded.size(); ++i) {
    if (i < folded.size() && folded[i] != ' ' && folded[i] != '\n' && folded[i] != '\t') continue;
    if (i > start) words.push_back(Fnv1a(std::string_view(folded).substr(start, i - start)));
    start = i + 1;
  }
  return words;
}

// The 128 hashes of every shingle are most of a record's fingerprint cost;
// with AVX2 the compiler computes four at a time (the same values: 64-bit
// integer arithmetic), chosen at load time where the CPU has it.
__attribute__((target_clones("avx2", "default")))
void FoldShingles(const std::vector<uint64_t>& words, const std::array<uint64_t, kMinHashSize>& seeds,
                  std::array<uint32_t, kMinHashSize>& minhash) {
  for (size_t i = 0; i + kShingleWords <= words.size(); ++i) {
    uint64_t shingle = 0;
    for (size_t k = 0; k < kShingleWords; ++k) shingle = Mix64(shingle ^ words[i + k]);
    for (size_t h = 0; h < kMinHashSize; ++h) {
      uint32_t value = static_cast<uint32_t>(Mix64(shingle ^ seeds[h]) >> 32);
      minhash[h] = value < minhash[h] ? value : minhash[h];
    }
  }
}

}  // namespace

std::vector<uint32_t> MinHashSignature(const std::string& text) {
  std::vector<uint64_t> words = WordHashes(text);
  if (words.size() < kShingleWords) return {};
  std::array<uint32_t, kMinHashSize> minhash;
  minhash.fill(std::numeric_limits<uint32_t>::max());
  FoldShingles(words, Seeds(), minhash);
  return {minhash.begin(), minhash.end()};
}

DocumentFingerprint FingerprintRecord(const Record& record) {
  DocumentFingerprint fp;
  fp.file = record.file;
  fp.sha256 = record.sha256;
  fp.part = record.part;
  fp.document_type = record.document_type;
  fp.title = record.title;
  fp.funder = record.funder;
  if (!record.owners.empty()) fp.owner = record.owners.front().org.canonical;
  fp.minhash = MinHashSignature(record.fingerprint_text);
  return fp;
}

double EstimatedSimilarity(const DocumentFingerprint& a, const DocumentFingerprint& b) {
  if (a.minhash.size() != kMinHashSize || b.minhash.size() != kMinHashSize) return 0;
  size_t equal = 0;
  for (size_t i = 0; i < kMinHashSize; ++i) equal += a.minhash[i] == b.minhash[i];
  return static_cast<double>(equal) / static_cast<double>(kMinHashSize);
}

bool IsNearDuplicate(const DocumentFingerprint& a, const DocumentFingerprint& b) {
  if (a.document_type != b.document_type || a.document_type == "okand") return false;
  return EstimatedSimilarity(a, b) >= kDuplicateThreshold;
}

std::vector<int64_t> BandKeys(const DocumentFingerprint& fp) {
  if (fp.document_type == "okand" || fp.minhash.size() != kMinHashSize) return {};
  std::vector<int64_t> keys;
  uint64_t type = Fnv1a(fp.document_type);
  for (size_t band = 0; band < kBands; ++band) {
    uint64_t key = Mix64(type ^ band);
    for (size_t row = 0; row < kRowsPerBand; ++row) key = Mix64(key ^ fp.minhash[band * kRowsPerBand + row]);
    keys.push_back(static_cast<int64_t>(key));
  }
  return keys;
}

std::string SignatureToHex(const std::vector<uint32_t>& minhash) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(minhash.size() * 8);
  for (uint32_t v : minhash) {
    for (int shift = 28; shift >= 0; shift -= 4) out.push_back(kHex[(v >> shift) & 15]);
  }
  return out;
}

std::optional<std::vector<uint32_t>> SignatureFromHex(const std::string& hex) {
  if (hex.size() % 8 != 0) return std::nullopt;
  std::vector<uint32_t> minhash;
  for (size_t i = 0; i < hex.size(); i += 8) {
    uint32_t v = 0;
    for (size_t k = i; k < i + 8; ++k) {
      char c = hex[k];
      int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (digit < 0) return std::nullopt;
      v = (v << 4) | static_cast<uint32_t>(digit);
    }
    minhash.push_back(v);
  }
  return minhash;
}

nlohmann::ordered_json FingerprintToJson(const DocumentFingerprint& fp) {
  auto text = [](const std::optional<std::string>& s) { return s ? nlohmann::ordered_json(*s) : nullptr; };
  return {{"file", fp.file},         {"sha256", fp.sha256},   {"part", fp.part},
          {"document_type", fp.document_type}, {"title", text(fp.title)}, {"funder", text(fp.funder)},
          {"owner", text(fp.owner)}, {"minhash", SignatureToHex(fp.minhash)}};
}

Result<DocumentFingerprint> FingerprintFromJson(const nlohmann::ordered_json& json) {
  auto text = [&](const char* key) -> std::optional<std::string> {
    return json.contains(key) && json[key].is_string() ? std::optional(json[key].get<std::string>()) : std::nullopt;
  };
  DocumentFingerprint fp;
  std::optional<std::vector<uint32_t>> minhash = text("minhash") ? SignatureFromHex(*text("minhash")) : std::nullopt;
  if (!json.is_object() || !json.contains("part") || !json["part"].is_number_integer() || !minhash) {
    return Error{"fingerprint_invalid", "not a document fingerprint", ""};
  }
  fp.file = text("file").value_or("");
  fp.sha256 = text("sha256").value_or("");
  fp.part = json["part"].get<int>();
  fp.document_type = text("document_type").value_or("okand");
  fp.title = text("title");
  fp.funder = text("funder");
  fp.owner = text("owner");
  fp.minhash = std::move(*minhash);
  return fp;
}

}  // namespace finsam
