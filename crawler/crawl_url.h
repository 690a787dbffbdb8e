// CrawlUrl is one URL the crawler means to fetch, with how it was found: the page it came
// from, Heritrix's discovery path (one letter per hop: L link, E embed, R redirect,
// P prerequisite such as robots.txt, M sitemap or feed), its navigation depth and its
// attempt count. EncodeCrawlUrl/DecodeCrawlUrl give it a compact, versioned byte form for
// the frontier's LevelDB values.
//
// Thread-safety: a value type; the functions are pure.
#ifndef WARCRAWL_CRAWLER_CRAWL_URL_H_
#define WARCRAWL_CRAWLER_CRAWL_URL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "warc/status.h"

namespace warcrawl::crawler {

// What the crawler expects behind a URL; decides how its body is mined for links.
enum class UrlKind : uint8_t {
  kPage = 0,     // HTML page (post, listing, comment page…)
  kAsset = 1,    // page requisite: CSS, JS, image, font
  kRobots = 2,   // /robots.txt of an origin
  kSitemap = 3,  // sitemap or sitemap index
  kFeed = 4,     // RSS/Atom feed
};

struct CrawlUrl {
  std::string url;    // absolute, without fragment: exactly what is requested
  std::string via;    // the URL it was discovered on; empty for a seed
  std::string path;   // discovery path letters from the seed; empty for a seed
  int depth = 0;      // navigation hops from the seed
  int attempts = 0;   // fetches tried so far (retries after errors)
  int redirects = 0;  // length of the redirect chain that led here
  UrlKind kind = UrlKind::kPage;
  uint8_t priority = 1;  // 0 is taken before 1 (prerequisites, requisites, comment pages)
};

std::string EncodeCrawlUrl(const CrawlUrl& url);
Status DecodeCrawlUrl(std::string_view data, CrawlUrl* url);

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_CRAWL_URL_H_
