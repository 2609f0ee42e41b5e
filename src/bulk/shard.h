// `ingest --shard K/N`: which inputs this importer takes, decided by a stable
// hash of the path as given, so N importers over the same listing split it
// without talking to each other. Tested by shard_test.cc.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"

namespace finsam {

struct Shard {
  int index = 1;   // 1…count
  int count = 1;
  bool Takes(const std::string& path) const;
};

// Parses "K/N" with 1 <= K <= N.
Result<Shard> ParseShard(const std::string& text);

// FNV-1a: the same on every machine and build (std::hash is not).
uint64_t StableHash(const std::string& text);

}  // namespace finsam
