#include "bulk/shard.h"

#include <gtest/gtest.h>

namespace finsam {
namespace {

TEST(ShardTest, ParsesKOfN) {
  Result<Shard> shard = ParseShard("3/8");
  ASSERT_TRUE(shard.ok());
  EXPECT_EQ(shard->index, 3);
  EXPECT_EQ(shard->count, 8);
  EXPECT_FALSE(ParseShard("0/8").ok());
  EXPECT_FALSE(ParseShard("9/8").ok());
  EXPECT_FALSE(ParseShard("3").ok());
  EXPECT_FALSE(ParseShard("3/8x").ok());
  EXPECT_FALSE(ParseShard("/8").ok());
}

TEST(ShardTest, EveryPathLandsInExactlyOneShard) {
  for (int i = 0; i < 200; ++i) {
    std::string path = "arkiv/" + std::to_string(i) + ".pdf";
    int takers = 0;
    for (int k = 1; k <= 4; ++k) takers += Shard{k, 4}.Takes(path);
    EXPECT_EQ(takers, 1) << path;
  }
}

TEST(ShardTest, HashIsStableAcrossBuilds) {
  // FNV-1a 64 reference values: a changed hash would reshuffle running shards.
  EXPECT_EQ(StableHash(""), 14695981039346656037ull);
  EXPECT_EQ(StableHash("a"), 0xaf63dc4c8601ec8cull);
}

}  // namespace
}  // namespace finsam
