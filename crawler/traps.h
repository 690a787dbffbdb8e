// Crawler traps: URL shapes that multiply without end or only duplicate what is archived
// already, refused before they reach the frontier. The defaults cover what archivists ship
// in grab-site's "blogs" and "global" ignore sets (reply-to-comment and share links,
// per-comment feeds, login and admin pages, calendars, session ids, repeated path
// segments, runaway re-escaping, endless URLs), each with a name so a job can turn it off.
// Comment pagination ("/comment-page-N/", "?cpage=N") never matches a trap.
// QueryVariantLimiter caps how many distinct queries one path may have.
//
// Thread-safety: TrapRules is immutable after Create (Match may run concurrently);
// QueryVariantLimiter is not thread-safe.
#ifndef WARCRAWL_CRAWLER_TRAPS_H_
#define WARCRAWL_CRAWLER_TRAPS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "crawler/crawl_config.h"
#include "crawler/url_pattern.h"
#include "warc/status.h"

namespace warcrawl::crawler {

// The names `traps.disable` accepts.
std::vector<std::string> DefaultTrapNames();

class TrapRules {
 public:
  // InvalidArgument for a bad `extra` pattern (the loader checks them first).
  static Status Create(const TrapConfig& config, TrapRules* rules);

  // The name of the first trap `url` falls into, if any.
  std::optional<std::string> Match(std::string_view url) const;

 private:
  struct Pattern {
    std::string name;
    UrlPattern regex;
  };
  std::vector<std::pair<std::string, bool (*)(std::string_view)>> defaults_;
  std::vector<Pattern> patterns_;  // traps.extra
  bool repeated_segments_ = false;
  bool calendar_years_ = false;
  int max_path_repeats_ = 2;
  size_t max_url_length_ = 2048;
};

class QueryVariantLimiter {
 public:
  explicit QueryVariantLimiter(int max_variants) : max_(static_cast<size_t>(max_variants)) {}
  // False once the URL's path already has max_variants other queries. Memory: at most
  // max_variants 8-byte hashes per path that has queries.
  bool Admit(std::string_view url);

 private:
  size_t max_;
  std::unordered_map<uint64_t, std::unordered_set<uint64_t>> seen_;
};

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_TRAPS_H_
