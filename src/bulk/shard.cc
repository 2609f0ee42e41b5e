// Deterministic input sharding (see shard.h). Tested by shard_test.cc.
#include "bulk/shard.h"

#include <charconv>

namespace finsam {

uint64_t StableHash(const std::string& text) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

bool Shard::Takes(const std::string& path) const {
  return StableHash(path) % static_cast<uint64_t>(count) == static_cast<uint64_t>(index - 1);
}

Result<Shard> ParseShard(const std::string& text) {
  Shard shard;
  size_t slash = text.find('/');
  Error bad{"usage", "--shard wants K/N with 1 <= K <= N, got '" + text + "'", ""};
  if (slash == std::string::npos) return bad;
  const char* begin = text.data();
  const char* end = begin + text.size();
  auto k = std::from_chars(begin, begin + slash, shard.index);
  auto n = std::from_chars(begin + slash + 1, end, shard.count);
  if (k.ec != std::errc() || k.ptr != begin + slash || n.ec != std::errc() || n.ptr != end) return bad;
  if (shard.count < 1 || shard.index < 1 || shard.index > shard.count) return bad;
  return shard;
}

}  // namespace finsam
