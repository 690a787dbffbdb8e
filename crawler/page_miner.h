// PageMiner reads a fetched response for what the crawl does next: the URLs it leads to
// (links, page requisites, redirects, feed items, sitemap entries, robots.txt Sitemap
// lines), what the page is to its blog (post, comment page N of post X, listing, feed,
// sitemap, asset) and, for /robots.txt, its rules. The body is de-chunked and decoded here,
// with a cap, on the processing thread; the archived bytes are never touched.
// MetadataFields renders the result as the metadata record warcrawl writes beside the
// response (role first, then Heritrix-style "outlink: URL HOP CONTEXT" lines).
//
// Thread-safety: pure functions.
#ifndef WARCRAWL_CRAWLER_PAGE_MINER_H_
#define WARCRAWL_CRAWLER_PAGE_MINER_H_

#include <optional>
#include <string>
#include <vector>

#include "crawler/crawl_url.h"
#include "crawler/fetcher.h"
#include "crawler/robots.h"
#include "index/page_annotation.h"

namespace warcrawl::crawler {

struct MiningOptions {
  std::string robots_token = "warcrawl";  // product token robots.txt groups are matched by
  bool follow_feeds = true;
  bool follow_sitemaps = true;
  bool page_requisites = true;
  size_t max_decoded_bytes = size_t{64} << 20;  // decoded body cap for link extraction
  // libxml2's HTML parser is quadratic on some hostile markup (attributes of one tag): only
  // this much of a page is parsed for links.
  size_t max_html_bytes = size_t{8} << 20;
};

// A URL found in a response, before scope and trap rules decide on it.
struct Discovery {
  std::string url;
  char hop = 'L';  // L link, E embed, R redirect, M sitemap or feed entry
  UrlKind kind = UrlKind::kPage;
  bool comment_page = false;  // a page of the same post's comments
  std::string context;        // where it was found: "a/@href", "Location", "rss/item/link"
};

struct MinedPage {
  std::string mime;  // Content-Type without parameters, lowercased
  index::PageAnnotation annotation;
  std::vector<Discovery> links;
  std::optional<Robots> robots;  // set for a kRobots fetch with a 2xx response
  std::string problem;           // why mining stopped short (decode error, …); empty if none
};

// Mines `fetch` (which has a response) according to what the URL was queued as and what
// the response says it is.
void MinePage(const CrawlUrl& url, const FetchResult& fetch, const MiningOptions& options,
              MinedPage* out);

// The metadata record's warc-fields block.
std::string MetadataFields(const CrawlUrl& url, const MinedPage& page);

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_PAGE_MINER_H_
