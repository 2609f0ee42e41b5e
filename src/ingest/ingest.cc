// Dispatches an input file to the PDF or text reader and stamps its identity
// (path, sha256). Tested by ingest_test.cc.
#include "ingest/ingest.h"

#include <openssl/evp.h>

#include <fstream>
#include <sstream>
#include <system_error>
#include <filesystem>

namespace finsam {

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

static bool LooksLikePdf(std::string_view bytes) {
  // The header may follow up to 1 KiB of junk, as readers accept.
  return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

Result<Document> IngestBytes(std::string_view bytes, const std::string& path,
                             const IngestOptions& options) {
  if (bytes.empty()) return Error{"empty_file", "the file is empty", path};
  Result<Document> doc = LooksLikePdf(bytes) ? IngestPdf(bytes, options)
                                             : IngestText(bytes, options);
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
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"file_unreadable", "cannot open the file for reading", path};
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Error{"file_unreadable", "read error", path};
  return IngestBytes(buffer.str(), path, options);
}

}  // namespace finsam
