#include "replay/reply_cache.h"

#include <functional>

namespace warcrawl::replay {
namespace {

size_t SizeOf(const std::string& key, const ReplayReply& reply) {
  size_t bytes = key.size() + reply.body.size() + sizeof(ReplayReply);
  for (const auto& [name, value] : reply.headers) bytes += name.size() + value.size() + 64;
  return bytes;
}

}  // namespace

ReplyCache::ReplyCache(size_t max_bytes) : shard_budget_(max_bytes / kShards) {}

ReplyCache::Shard& ReplyCache::ShardFor(const std::string& key) {
  return shards_[std::hash<std::string>{}(key) % kShards];
}

bool ReplyCache::Find(const std::string& key, ReplayReply* reply) {
  if (shard_budget_ == 0) return false;
  Shard& shard = ShardFor(key);
  std::shared_ptr<const ReplayReply> found;
  {
    std::lock_guard lock(shard.mu);
    auto it = shard.by_key.find(key);
    if (it == shard.by_key.end()) return false;
    shard.lru.splice(shard.lru.begin(), shard.lru, it->second);
    found = it->second->reply;
  }
  *reply = *found;  // copied outside the lock
  return true;
}

void ReplyCache::Insert(const std::string& key, const ReplayReply& reply) {
  const size_t bytes = SizeOf(key, reply);
  if (bytes > shard_budget_ / 4) return;
  auto stored = std::make_shared<const ReplayReply>(reply);
  Shard& shard = ShardFor(key);
  std::lock_guard lock(shard.mu);
  if (shard.by_key.contains(key)) return;  // another thread rendered it too
  shard.lru.push_front(Entry{key, std::move(stored), bytes});
  shard.by_key.emplace(key, shard.lru.begin());
  shard.bytes += bytes;
  while (shard.bytes > shard_budget_) {
    const Entry& last = shard.lru.back();
    shard.bytes -= last.bytes;
    shard.by_key.erase(last.key);
    shard.lru.pop_back();
  }
}

void ReplyCache::Clear() {
  for (Shard& shard : shards_) {
    std::lock_guard lock(shard.mu);
    shard.lru.clear();
    shard.by_key.clear();
    shard.bytes = 0;
  }
}

}  // namespace warcrawl::replay
