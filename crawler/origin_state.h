// OriginState is what the crawl loop knows about one origin (scheme, host, port): its
// robots.txt and where fetching it stands, when the next request may start, how many
// requests are in flight, and its run of consecutive failures (which sets the backoff).
//
// Thread-safety: plain data owned by the crawl loop.
#ifndef WARCRAWL_CRAWLER_ORIGIN_STATE_H_
#define WARCRAWL_CRAWLER_ORIGIN_STATE_H_

#include <chrono>
#include <optional>
#include <string>

#include "crawler/robots.h"

namespace warcrawl::crawler {

enum class RobotsStatus {
  kUnknown,      // not fetched yet (or the cached copy expired)
  kFetching,     // a fetch of /robots.txt (or a redirect of it) is in flight
  kReady,        // rules known (a 4xx means "allow all")
  kUnavailable,  // 5xx or unreachable: nothing may be fetched; retried after a backoff
  kGaveUp,       // unavailable after every retry: the origin's URLs fail
};

struct OriginState {
  using Clock = std::chrono::steady_clock;

  RobotsStatus robots_status = RobotsStatus::kUnknown;
  Robots robots;
  Clock::time_point robots_expires;
  int robots_attempts = 0;
  std::string robots_url;  // where a redirected /robots.txt led; empty: the usual place
  int robots_redirects = 0;
  bool sitemaps_probed = false;

  Clock::time_point next_allowed;  // no request starts before this
  int active = 0;                  // requests in flight
  int failures = 0;                // consecutive failed fetches
  int unanswered = 0;              // consecutive fetches with no response at all
  int last_failure_status = 0;     // crawl.log status of the last failed fetch
};

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_ORIGIN_STATE_H_
