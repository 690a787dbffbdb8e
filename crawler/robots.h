// Robots is one site's robots.txt (RFC 9309) as seen by one crawler: the allow/disallow rules
// of the group(s) naming our product token (else the "*" group), that group's crawl-delay, and
// the file's sitemap URLs. Parsing never fails on the body: garbage lines are skipped, so a
// hostile or broken file yields whatever rules it legibly states. RobotsPolicyForStatus maps
// the outcome of fetching /robots.txt to what the crawler may do (RFC 9309 §2.3.1).
//
// Thread-safety: a Robots is immutable after Parse; const methods may run concurrently.
// The free functions are pure.
#ifndef WARCRAWL_CRAWLER_ROBOTS_H_
#define WARCRAWL_CRAWLER_ROBOTS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "warc/status.h"

namespace warcrawl::crawler {

// RFC 9309 §2.5: crawlers must parse at least 500 KiB; we parse exactly that much so a
// huge body costs bounded work. A line cut by the cap is dropped, not half-applied.
inline constexpr size_t kRobotsMaxBytes = size_t{500} * 1024;

// RFC 9309 §2.3.1.2: follow at least five consecutive redirects for /robots.txt; past that
// the file may be treated as unavailable (kAllowAll).
inline constexpr int kRobotsMaxRedirects = 5;

class Robots {
 public:
  // A Robots with no rules: everything is allowed.
  Robots() = default;

  // RFC 9309 §2.3.1.4 "complete disallow": only /robots.txt itself may be fetched.
  static Robots DisallowAll();

  // Parses `body` for the crawler whose product token is `product_token` (letters, '_' and
  // '-' only, as RFC 9309 §2.2.1 requires). InvalidArgument only for a bad token; any body
  // parses.
  static Status Parse(std::string_view body, std::string_view product_token, Robots* out);

  // Whether the path and query of a URL ("/a/b?c", as sent on the request line) may be
  // fetched. The longest matching pattern decides, allow winning a tie; "/robots.txt" is
  // always allowed.
  bool IsAllowed(std::string_view path_and_query) const;

  // The group's crawl-delay in seconds (non-standard); the largest if merged groups differ.
  std::optional<double> CrawlDelay() const { return crawl_delay_; }

  // Absolute URLs from "sitemap:" lines anywhere in the file, in file order.
  const std::vector<std::string>& Sitemaps() const { return sitemaps_; }

  // True when the body was longer than kRobotsMaxBytes and its tail was ignored.
  bool truncated() const { return truncated_; }

  // Number of allow/disallow rules that apply to us (after merging groups).
  size_t rule_count() const { return rules_.size(); }

 private:
  struct Rule {
    std::vector<std::string> segments;  // the normalized pattern split at '*'
    bool anchored = false;              // pattern ended with '$'
    size_t length = 0;                  // octets of the normalized pattern, for priority
    bool allow = false;
  };
  class Builder;

  static bool Matches(const Rule& rule, std::string_view path);

  std::vector<Rule> rules_;
  std::optional<double> crawl_delay_;
  std::vector<std::string> sitemaps_;
  bool truncated_ = false;
  bool disallow_all_ = false;
};

// What the crawler may do with a site given how its /robots.txt fetch ended.
enum class RobotsFetchPolicy {
  kUseBody,      // 2xx: parse the body and obey it
  kAllowAll,     // 4xx "unavailable" (§2.3.1.3), or a redirect chain past the limit
  kDisallowAll,  // 5xx or no answer: "unreachable", complete disallow (§2.3.1.4)
};

// The policy for the final HTTP status of the fetch (after redirects). A 3xx here means
// redirects were not followed to the end, which RFC 9309 §2.3.1.2 lets us treat as
// unavailable. Codes outside 200-599 are treated as unreachable.
RobotsFetchPolicy RobotsPolicyForStatus(int http_status);

// The policy when no HTTP status arrived (DNS failure, refused connection, timeout).
inline RobotsFetchPolicy RobotsPolicyForNetworkError() { return RobotsFetchPolicy::kDisallowAll; }

// The form of a URL's path and query that patterns are matched against (RFC 9309 §2.2.2):
// escapes of unreserved octets decoded, other escapes uppercased; non-ASCII, controls, space,
// stray '%', and the pattern operators '*' and '$' escaped.
std::string NormalizeRobotsPath(std::string_view path);

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_ROBOTS_H_
