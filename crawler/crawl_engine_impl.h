// The crawl engine's private state, shared by its two source files: crawl_engine.cc
// (opening, the loop, scheduling, fetch completion) and crawl_outcomes.cc (what a processed
// fetch changes: frontier, robots rules, crawl log, totals).
//
// Thread-safety: owned by the thread running CrawlEngine::Run.
#ifndef WARCRAWL_CRAWLER_CRAWL_ENGINE_IMPL_H_
#define WARCRAWL_CRAWLER_CRAWL_ENGINE_IMPL_H_

#include <random>
#include <unordered_map>
#include <unordered_set>

#include "crawler/crawl_engine.h"
#include "crawler/crawl_log.h"
#include "crawler/frontier.h"
#include "crawler/origin_state.h"
#include "crawler/processor.h"
#include "crawler/revalidation.h"
#include "index/index_db.h"

namespace warcrawl::crawler {

using Clock = std::chrono::steady_clock;

inline bool IsServerTrouble(int status) { return status == 429 || status >= 500; }

inline int StatusForFailure(FetchFailure f) {
  switch (f) {
    case FetchFailure::kDns:
      return kStatusDnsFailed;
    case FetchFailure::kConnect:
      return kStatusConnectFailed;
    case FetchFailure::kTimeout:
      return kStatusTimeout;
    case FetchFailure::kBroken:
      return kStatusConnectionBroken;
    default:
      return kStatusUnexpected;
  }
}

// A fetch between Start and the end of its processing.
struct PendingFetch {
  uint64_t ticket = 0;  // frontier ticket; 0 for robots.txt fetches
  std::string origin;   // whose politeness slot it holds
  CrawlUrl url;
  int worker = 0;
  bool fetching = false;  // in the fetcher (not yet handed to the processor)
  std::shared_ptr<const Revalidation> revalidation;  // the validators sent, if any
};

class CrawlEngine::Impl {
 public:
  explicit Impl(CrawlPlan plan)
      : plan_(std::move(plan)), pacer_(plan_.politeness.max_requests_per_second) {}

  Status Open(const std::string& data_dir, bool resume);
  Status Run(CrawlSummary* summary, const std::function<void(const CrawlProgress&)>& progress);
  void RequestStop() { stop_requests_.fetch_add(1); }

 private:
  Status AddSeeds();
  void Schedule(Clock::time_point now);
  bool ScheduleOrigin(const std::string& origin, OriginState* st, Clock::time_point now);
  void StartRobots(const std::string& origin, OriginState* st);
  void StartFetch(PendingFetch pending);
  void OnFetchDone(FetchResult&& result);
  void DrainOutcomes();
  void HandleOutcome(PendingFetch pending, const ProcessOutcome& outcome);
  void HandleRobotsOutcome(const PendingFetch& pending, const ProcessOutcome& outcome);
  void FailQueuedUrls(const std::string& origin, int status, std::string_view why);
  std::vector<CrawlUrl> Admit(const CrawlUrl& parent, const std::vector<Discovery>& found);
  bool AlreadyDecided(const std::string& written) const;
  void Decided(const std::string& key, const std::string& written);
  void Log(const CrawlUrl& url, const ProcessOutcome* outcome, int status, int worker,
           std::vector<std::string> annotations);
  void Fail(Status s) {
    if (fatal_.ok()) fatal_ = std::move(s);
  }
  bool LimitReached(std::string* why) const;
  Clock::duration Backoff(OriginState* st, std::optional<Millis> retry_after);
  CrawlProgress Progress() const;

  CrawlPlan plan_;
  RatePacer pacer_;
  std::shared_ptr<index::IndexDb> index_;
  std::unique_ptr<Frontier> frontier_;
  std::vector<std::unique_ptr<Archiver>> archivers_;
  std::unique_ptr<CrawlLog> log_;
  std::unique_ptr<Fetcher> fetcher_;
  std::unique_ptr<Processor> processor_;
  std::unordered_map<std::string, OriginState> origins_;
  std::unordered_map<uint64_t, PendingFetch> pending_;
  // Canonical URLs already decided (queued before, or a trap): most links on a page are
  // the same navigation again, and this spares them the frontier lookup and the gate. The
  // flag says a link written exactly as the key was seen, so its canonical form is itself
  // and it is known without being canonicalised again.
  std::unordered_map<std::string, bool> known_;
  // Links written otherwise than their canonical URL, which is in known_.
  std::unordered_set<std::string> known_as_written_;
  std::vector<int> free_workers_;
  uint64_t next_fetch_id_ = 1;
  bool resume_ = false;
  Clock::time_point started_;
  CrawlSummary summary_;
  Status fatal_;
  std::atomic<int> stop_requests_{0};
  std::mt19937 jitter_rng_{std::random_device{}()};
};

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_CRAWL_ENGINE_IMPL_H_
