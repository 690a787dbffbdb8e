// Frontier is the crawl's to-do list, kept in LevelDB inside the job's directory so that
// memory stays bounded for millions of URLs and a killed crawl resumes where it stopped:
// per-origin FIFO queues (two priorities), the URLs in flight, and the seen set that makes
// every canonical URL enter the queue once. A URL taken for fetching stays recorded as in
// flight until Finish, which in one atomic batch marks it done and queues what it led to;
// Open puts anything still in flight (a fetch the killed process never finished) back at
// the head of its queue.
//
// Dedup uses a canonical form (host case, default port, fragment, percent-encoding, dot
// segments: index::NormalizeUrl) while the queue keeps the URL exactly as it will be fetched.
//
// Thread-safety: not thread-safe; one crawl loop owns it.
#ifndef WARCRAWL_CRAWLER_FRONTIER_H_
#define WARCRAWL_CRAWLER_FRONTIER_H_

#include <leveldb/db.h>

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crawler/crawl_url.h"
#include "warc/status.h"

namespace warcrawl::crawler {

struct FrontierCounts {
  uint64_t queued = 0;
  uint64_t in_flight = 0;
  uint64_t done = 0;
  uint64_t failed = 0;
};

// The dedup key and the origin ("scheme://host[:port]", the politeness unit) of a URL.
// InvalidArgument for anything that is not an absolute http(s) URL.
Status CanonicalizeForFrontier(std::string_view url, std::string* key, std::string* origin);

class Frontier {
 public:
  static Status Open(const std::string& directory, std::unique_ptr<Frontier>* frontier);
  Frontier(const Frontier&) = delete;
  Frontier& operator=(const Frontier&) = delete;

  // Queues `url` unless its canonical form was seen before (*added says which).
  Status Add(const CrawlUrl& url, bool* added);

  // Whether a canonical key (CanonicalizeForFrontier) was ever queued.
  bool Seen(std::string_view key) const;

  // Takes the next URL of `origin` (priority 0 first, then FIFO); NotFound when its queue
  // is empty. The URL is in flight until Finish or Requeue with `ticket`.
  Status Take(std::string_view origin, CrawlUrl* url, uint64_t* ticket);

  // Ends a URL's fetch (failed or not) and queues the unseen URLs it led to, atomically.
  Status Finish(uint64_t ticket, bool failed, std::span<const CrawlUrl> discovered, size_t* added);

  // Puts an in-flight URL back at the tail of its queue (a retry), with `url`'s new state.
  Status Requeue(uint64_t ticket, const CrawlUrl& url);

  // Origins with queued URLs, and how many each.
  const std::map<std::string, uint64_t, std::less<>>& queued_by_origin() const { return queued_; }
  FrontierCounts counts() const;
  // How many in-flight URLs Open found and requeued (a resumed crawl).
  uint64_t resumed_in_flight() const { return resumed_; }

 private:
  struct OpenKey {
    explicit OpenKey() = default;
  };

 public:
  Frontier(OpenKey, std::unique_ptr<leveldb::DB> db);

 private:
  // One queue of an origin: how many URLs it holds, and the sequence after the last one
  // taken. Everything before that is deleted; a Take seeking there instead of to the
  // queue's start does not step over the tombstones of every URL taken before.
  struct QueueState {
    uint64_t queued = 0;
    uint64_t taken_up_to = 0;
  };
  using OriginQueues = std::map<uint8_t, QueueState>;  // by priority

  Status Load();
  Status Enqueue(const CrawlUrl& url, std::string_view origin, leveldb::WriteBatch* batch);
  Status TakeInFlight(uint64_t ticket, CrawlUrl* url);
  Status Commit(leveldb::WriteBatch* batch);

  std::unique_ptr<leveldb::DB> db_;
  std::map<std::string, uint64_t, std::less<>> queued_;
  std::map<std::string, OriginQueues, std::less<>> queues_;
  std::vector<std::pair<std::string, uint8_t>> pending_;  // queues of the batch being built
  uint64_t next_seq_ = 1;
  uint64_t in_flight_ = 0;
  uint64_t done_ = 0;
  uint64_t failed_ = 0;
  uint64_t resumed_ = 0;
};

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_FRONTIER_H_
