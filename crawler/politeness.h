// The arithmetic of politeness, kept apart from the crawl loop so it can be tested exactly:
// how long to wait before the next request to a host (Heritrix's adaptive model: a multiple
// of the last response time, clamped to [min_delay, max_delay], never below the host's
// robots.txt Crawl-delay up to a cap), how long to back off after errors and 429/503
// (Retry-After honoured up to a cap, else exponential with jitter), and a global pacer
// that spaces request starts across all hosts.
//
// Thread-safety: the functions are pure; RatePacer is not thread-safe.
#ifndef WARCRAWL_CRAWLER_POLITENESS_H_
#define WARCRAWL_CRAWLER_POLITENESS_H_

#include <chrono>
#include <optional>
#include <string_view>

namespace warcrawl::crawler {

using Millis = std::chrono::milliseconds;

struct PolitenessPolicy {
  Millis min_delay{3000};
  Millis max_delay{30000};
  double delay_factor = 5.0;
  Millis max_crawl_delay{300000};  // robots.txt Crawl-delay is honoured up to this
  int connections_per_host = 1;
  double max_requests_per_second = 0;  // across all hosts; 0: no global cap
  Millis retry_backoff{10000};         // first retry waits about this long, then doubles
  Millis max_backoff{600000};          // exponential backoff stops growing here
  Millis max_retry_after{3600000};     // a Retry-After longer than this is cut to it
  int max_retries = 3;
  // A host that answered none of this many fetches in a row is given up: its queued URLs
  // fail at once instead of each waiting out its retries behind a growing backoff. 0: never.
  int give_up_host_after = 10;
};

// The gap between the end of one response from a host and the start of the next request.
Millis DelayAfterResponse(const PolitenessPolicy& policy, Millis response_time,
                          std::optional<double> crawl_delay_seconds);

// The wait before retrying a host after its `failures`-th consecutive failure (1-based).
// `retry_after` (from a 429/503) wins when present, capped at max_retry_after; otherwise
// retry_backoff × 2^(failures-1), capped at max_backoff, scaled by `jitter` in [0.5, 1.5].
Millis BackoffDelay(const PolitenessPolicy& policy, int failures, std::optional<Millis> retry_after,
                    double jitter);

// Parses a Retry-After value: delta-seconds or an HTTP-date (RFC 9110 §10.2.3), relative to
// `now`. nullopt when it is neither; a date in the past is zero.
std::optional<Millis> ParseRetryAfter(std::string_view value,
                                      std::chrono::system_clock::time_point now);

// Spaces request starts globally: at most `per_second` starts in any second, evenly.
class RatePacer {
 public:
  using Clock = std::chrono::steady_clock;
  explicit RatePacer(double per_second) : per_second_(per_second) {}

  // The earliest time the next request may start (now or later).
  Clock::time_point NextSlot(Clock::time_point now) const;
  // Records a start at `now` (which must be ≥ NextSlot(now)).
  void Consume(Clock::time_point now);

 private:
  double per_second_;
  Clock::time_point next_ = Clock::time_point::min();
};

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_POLITENESS_H_
