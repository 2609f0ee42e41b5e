// Dispatches an input file to the PDF or text reader and stamps its identity
// (path, sha256); enforces the limits on the file as a whole (size, lines).
// Tested by ingest_test.cc and limits_test.cc.
#include "ingest/ingest.h"

#include <openssl/evp.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <system_error>
#include <vector>

namespace finsam {

static std::string Hex(const unsigned char* digest, unsigned int length) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  return Hex(digest, length);
}

size_t CountCodePoints(std::string_view utf8) {
  size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
  return n;
}

Error FileTooLarge(const std::string& path, uint64_t size, size_t max_file_bytes) {
  return Error{"file_too_large", "the file has " + std::to_string(size) + " bytes, more than the limit of " +
                                     std::to_string(max_file_bytes) + " (--max-file-mb)",
               path};
}

Result<FileDigest> DigestFile(const std::string& path, size_t max_file_bytes) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Error{"file_not_found", "no such file", path};
  std::ifstream in(path, std::ios::binary);
  if (!in || std::filesystem::is_directory(path, ec)) return Error{"file_unreadable", "cannot open the file", path};
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  FileDigest digest;
  char buffer[1 << 16];   // on the stack: a heap buffer was allocated and zeroed for every file
  while (in) {
    in.read(buffer, sizeof buffer);
    EVP_DigestUpdate(ctx.get(), buffer, static_cast<size_t>(in.gcount()));
    digest.size += static_cast<uint64_t>(in.gcount());
  }
  if (in.bad()) return Error{"file_unreadable", "read error", path};
  unsigned char raw[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx.get(), raw, &length);
  digest.sha256 = Hex(raw, length);
  digest.too_large = digest.size > max_file_bytes;
  return digest;
}

std::optional<Error> CheckPageText(const std::vector<Word>& words, int page, const IngestOptions& options) {
  size_t chars = 0;
  for (const Word& word : words) chars += CountCodePoints(word.text);
  if (chars <= options.max_page_chars) return std::nullopt;
  return Error{"page_text_limit_exceeded", "page " + std::to_string(page) + " has " + std::to_string(chars) +
                                               " characters of text, more than the limit of " +
                                               std::to_string(options.max_page_chars) + " (--max-page-chars)",
               ""};
}

static bool LooksLikePdf(std::string_view bytes) {
  // The header may follow up to 1 KiB of junk, as readers accept.
  return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

static bool NamedPdf(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".pdf";
}

// A line longer than the limit is an error, not a cut: such a line is not
// a form's text (a minified page, a dump) and would only cost the label
// patterns time.
static std::optional<Error> CheckLineLengths(const Document& doc, size_t max_line_chars) {
  for (const Line& line : doc.lines) {
    size_t chars = 0;
    for (const Cell& cell : line.cells) {
      for (const Word& word : cell.words) chars += CountCodePoints(word.text) + 1;
    }
    if (chars > max_line_chars) {
      return Error{"line_too_long", "line " + std::to_string(line.number) + " has about " + std::to_string(chars) +
                                        " characters, more than the limit of " + std::to_string(max_line_chars) +
                                        " (--max-line-chars)",
                   ""};
    }
  }
  return std::nullopt;
}

Result<Document> IngestBytes(std::string_view bytes, const std::string& path,
                             const IngestOptions& options) {
  if (bytes.empty()) return Error{"empty_file", "the file is empty", path};
  if (bytes.size() > options.max_file_bytes) return FileTooLarge(path, bytes.size(), options.max_file_bytes);
  bool pdf = LooksLikePdf(bytes);
  if (!pdf && NamedPdf(path)) {
    return Error{"not_a_pdf", "the file is named .pdf but has no PDF header (HTML, text or other bytes)", path};
  }
  Result<Document> doc = pdf ? IngestPdf(bytes, options) : IngestText(bytes, options);
  if (doc.ok() && !pdf) {
    if (std::optional<Error> too_long = CheckLineLengths(*doc, options.max_line_chars)) doc = *too_long;
  }
  if (!doc.ok()) {
    Error error = doc.error();
    error.where = path;
    return error;
  }
  doc->path = path;
  doc->sha256 = Sha256Hex(bytes);
  return doc;
}

Result<Document> IngestFile(const std::string& path, const IngestOptions& options) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Error{"file_not_found", "no such file", path};
  if (std::filesystem::is_directory(path, ec)) return Error{"file_unreadable", "is a directory", path};
  uintmax_t size = std::filesystem::file_size(path, ec);
  if (!ec && size > options.max_file_bytes) return FileTooLarge(path, size, options.max_file_bytes);
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"file_unreadable", "cannot open the file for reading", path};
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Error{"file_unreadable", "read error", path};
  return IngestBytes(buffer.str(), path, options);
}

}  // namespace finsam
