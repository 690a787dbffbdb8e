// CrawlEngine runs one crawl: it feeds the frontier's URLs to the fetcher as politeness
// allows (robots.txt first for every origin, at most N connections per origin, an adaptive
// delay between requests, backoff after errors, a global rate cap), hands each finished
// fetch to the Processor (mining and archiving on the second thread), and feeds what the
// pages led to, filtered by the plan's gate (scope and traps), back into the frontier.
// Every finished URL gets a crawl.log line. It ends by itself when the frontier is empty
// or a limit is reached, and stops cleanly on request: in-flight fetches finish, files
// close, and whatever was in flight when the process died is fetched again on --resume.
//
// Thread-safety: Run is called once, on one thread. RequestStop may be called from any
// thread (it only sets a flag), including a signal handler.
#ifndef WARCRAWL_CRAWLER_CRAWL_ENGINE_H_
#define WARCRAWL_CRAWLER_CRAWL_ENGINE_H_

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "crawler/archiver.h"
#include "crawler/crawl_url.h"
#include "crawler/fetcher.h"
#include "crawler/page_miner.h"
#include "crawler/politeness.h"
#include "index/index_db.h"
#include "warc/status.h"

namespace warcrawl::crawler {

// Decides on a discovered URL. `next` arrives filled in by the engine (depth, path,
// priority, kind); the gate may adjust it. False rejects it, with a short reason.
using UrlGate = std::function<bool(const Discovery& found, const CrawlUrl& parent, CrawlUrl* next,
                                   std::string* reason)>;

// Everything a crawl needs, in the engine's own terms (crawl_plan.h builds it from a job
// config).
struct CrawlPlan {
  std::string name = "crawl";
  std::vector<std::string> seeds;
  std::string user_agent;
  std::string accept_encoding = "gzip, deflate, br";
  bool verify_tls = false;           // refuse sites whose certificate does not verify
  bool conditional_requests = true;  // revalidate what the archive holds (revalidation.h)
  PolitenessPolicy politeness;
  bool obey_robots = true;
  Millis robots_ttl{24 * 3600 * 1000};
  FetchLimits fetch;
  MiningOptions mining;
  ArchiverOptions archive;  // writer.directory is set by the engine
  // Archiving threads, each writing its own WARC files. One is the default: on two cores a
  // second one measured no faster (the crawl is CPU-bound as a whole, not on one thread).
  int archivers = 1;
  int workers = 4;             // fetches in flight across all origins
  int max_redirects = 20;      // hops of one redirect chain
  uint64_t page_limit = 0;     // pages fetched in this run; 0: none
  uint64_t size_limit = 0;     // bytes archived in this run; 0: none
  Millis time_limit{0};        // 0: none
  bool probe_sitemaps = true;  // seed origins whose robots.txt names none: /sitemap.xml etc.
  UrlGate gate;                // null admits everything
  // The data directory's index when the caller already holds it open (a service replaying
  // the collection while crawling into it: LevelDB allows one opener per process); null
  // opens DATA/index.
  std::shared_ptr<index::IndexDb> index;
};

struct CrawlProgress {
  uint64_t done = 0, failed = 0, queued = 0, in_flight = 0;
  uint64_t pages = 0, bytes = 0, revisits = 0, robots_blocked = 0;
  std::chrono::milliseconds elapsed{0};
};

struct CrawlSummary {
  CrawlProgress totals;
  std::map<std::string, uint64_t> rejected;  // discovered URLs not queued, by reason
  std::string ended_because;                 // "frontier empty", "page limit", "stopped", …
  uint64_t resumed_in_flight = 0;            // URLs a killed run left in flight
  int recovered_warcs = 0;                   // ".open" files a killed run left
};

class CrawlEngine {
 public:
  // Opens the data directory's index, the job's frontier and a WARC writer. Without
  // `resume` the job's frontier starts afresh (the archive and index are kept, so a new
  // crawl still writes revisits for what it already holds).
  static Status Open(CrawlPlan plan, const std::string& data_dir, bool resume,
                     std::unique_ptr<CrawlEngine>* engine);
  ~CrawlEngine();
  CrawlEngine(const CrawlEngine&) = delete;
  CrawlEngine& operator=(const CrawlEngine&) = delete;

  // Crawls until done; `progress` (optional) is called about once a second.
  Status Run(CrawlSummary* summary, const std::function<void(const CrawlProgress&)>& progress);

  // First call: stop starting fetches and finish the ones in flight. Second call: abandon
  // them too (they stay in the frontier for --resume).
  void RequestStop();

  class Impl;

 private:
  explicit CrawlEngine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_CRAWL_ENGINE_H_
