// ReplyCache keeps the rendered replies of archived pages in memory, least recently used
// first out, bounded in bytes. A capture never changes once written, so a rendered reply
// stays right for as long as the collection's set of captures does (the banner and Memento
// links name the other captures): whoever adds captures to a collection being served must
// call Clear(). A replay server alone cannot: the index is locked to its one process.
//
// Thread-safety: every method may be called from any thread; the cache is sharded so that
// request threads rarely wait for each other.
#ifndef WARCRAWL_REPLAY_REPLY_CACHE_H_
#define WARCRAWL_REPLAY_REPLY_CACHE_H_

#include <array>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "replay/replay_service.h"

namespace warcrawl::replay {

class ReplyCache {
 public:
  static constexpr size_t kShards = 16;

  // max_bytes 0: a cache that keeps nothing. A reply over a quarter of a shard's share of
  // max_bytes is not kept (it would evict all the rest).
  explicit ReplyCache(size_t max_bytes);
  ReplyCache(const ReplyCache&) = delete;
  ReplyCache& operator=(const ReplyCache&) = delete;

  // A copy of the reply stored under `key`, or false.
  bool Find(const std::string& key, ReplayReply* reply);
  void Insert(const std::string& key, const ReplayReply& reply);
  void Clear();

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const ReplayReply> reply;
    size_t bytes = 0;
  };
  struct Shard {
    std::mutex mu;
    std::list<Entry> lru;  // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> by_key;
    size_t bytes = 0;
  };

  Shard& ShardFor(const std::string& key);

  const size_t shard_budget_;
  std::array<Shard, kShards> shards_;
};

}  // namespace warcrawl::replay

#endif  // WARCRAWL_REPLAY_REPLY_CACHE_H_
