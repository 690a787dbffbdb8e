#include "replay/reply_cache.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace warcrawl::replay {
namespace {

std::string Key(int i) {
  std::string key = "k";
  key += std::to_string(i);
  return key;
}

ReplayReply Sized(size_t bytes, int status = 200) {
  ReplayReply reply;
  reply.status = status;
  reply.headers.emplace_back("Content-Type", "text/html");
  reply.body.assign(bytes, 'x');
  return reply;
}

TEST(ReplyCacheTest, FindsWhatWasInsertedUntilCleared) {
  ReplyCache cache(16 << 20);
  ReplayReply out;
  EXPECT_FALSE(cache.Find("a", &out));
  cache.Insert("a", Sized(100, 302));
  ASSERT_TRUE(cache.Find("a", &out));
  EXPECT_EQ(out.status, 302);
  EXPECT_EQ(out.body.size(), 100u);
  EXPECT_EQ(out.Header("content-type"), "text/html");
  cache.Clear();
  EXPECT_FALSE(cache.Find("a", &out));
}

TEST(ReplyCacheTest, StaysWithinItsBudgetDroppingTheLeastRecentlyUsed) {
  const size_t budget = ReplyCache::kShards * 40000;
  ReplyCache cache(budget);
  ReplayReply out;
  // Many 9 KB replies: far more than fit, in every shard.
  for (int i = 0; i < 2000; ++i) cache.Insert(Key(i), Sized(9000));
  size_t kept = 0;
  for (int i = 0; i < 2000; ++i) kept += cache.Find(Key(i), &out);
  EXPECT_LE(kept * 9000, budget);
  EXPECT_GE(kept, ReplyCache::kShards * 2) << "each shard keeps what fits";
  EXPECT_TRUE(cache.Find("k1999", &out)) << "the newest stays";
  EXPECT_FALSE(cache.Find("k0", &out)) << "the oldest went";
  // A reply over a quarter of a shard's share would push out everything: not kept.
  cache.Insert("big", Sized(20000));
  EXPECT_FALSE(cache.Find("big", &out));
}

TEST(ReplyCacheTest, ZeroBytesKeepsNothing) {
  ReplyCache cache(0);
  cache.Insert("a", Sized(1));
  ReplayReply out;
  EXPECT_FALSE(cache.Find("a", &out));
}

TEST(ReplyCacheTest, ThreadsShareItSafely) {
  ReplyCache cache(1 << 20);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, t] {
      ReplayReply out;
      for (int i = 0; i < 2000; ++i) {
        const std::string key = Key((i * 7 + t) % 300);
        if (!cache.Find(key, &out)) cache.Insert(key, Sized(100 + i % 50));
        if (i % 500 == 0) cache.Clear();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ReplayReply out;
  cache.Insert("last", Sized(10));
  EXPECT_TRUE(cache.Find("last", &out));
}

}  // namespace
}  // namespace warcrawl::replay
