// Scope decides which discovered URLs belong to a crawl, in Browsertrix-crawler's terms:
// per seed, `page` (the seed alone), `prefix` (URLs under the seed's directory), `host`
// (the seed's host; "www." is not folded in, as in Browsertrix), `domain` (the seed's host
// without a leading "www." and all its subdomains), or `custom` (only the include
// patterns). Include patterns widen the scope, exclude patterns always win, and `depth`
// caps link hops from a seed. A page requisite (an embed) of an in-scope page is fetched
// even off scope: a replayed page needs its CSS, scripts, images and fonts.
//
// Thread-safety: immutable after Create; Decide may run concurrently.
#ifndef WARCRAWL_CRAWLER_SCOPE_H_
#define WARCRAWL_CRAWLER_SCOPE_H_

#include <string>
#include <string_view>
#include <vector>

#include "crawler/crawl_config.h"
#include "crawler/url_pattern.h"
#include "warc/status.h"

namespace warcrawl::crawler {

enum class ScopeVerdict { kInScope, kRequisite, kOutOfScope, kExcluded, kTooDeep };

// "in scope", "page requisite", "out of scope", "excluded", "too deep".
std::string_view ScopeVerdictName(ScopeVerdict verdict);

class Scope {
 public:
  static Status Create(const CrawlConfig& config, Scope* scope);

  // Seeds' rules and include patterns, minus exclude patterns; depth not considered.
  bool InScope(std::string_view url) const;

  // The verdict for a URL found at navigation `depth`; `embed` when it is a page
  // requisite of a page that was itself in scope (or a requisite's requisite, as a font in
  // a style sheet).
  ScopeVerdict Decide(std::string_view url, int depth, bool embed) const;

 private:
  struct SeedRule {
    ScopeType type;
    std::string url;     // normalized seed (page)
    std::string prefix;  // normalized seed up to its last '/' (prefix)
    std::string host;    // lowercase host (host, domain)
  };
  bool Excluded(std::string_view url) const;

  std::vector<SeedRule> seeds_;
  std::vector<UrlPattern> include_;
  std::vector<UrlPattern> exclude_;
  int max_depth_ = -1;
};

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_SCOPE_H_
