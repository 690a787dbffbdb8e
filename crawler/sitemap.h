// Sitemap is the list of URLs a site publishes for crawlers (sitemaps.org protocol 0.9): a
// <urlset> of pages or a <sitemapindex> of further sitemaps, a plain-text file with one URL per
// line, or an RSS/Atom feed, which the protocol also accepts. The body may still be gzip'd
// (a .xml.gz served as application/x-gzip); it is inflated under the protocol's size cap.
// Parsing is bounded in time and memory whatever the body: a document past the protocol's
// limits is cut (truncated), and hostile XML is read as xml_doc.h describes.
//
// Thread-safety: ParseSitemap is reentrant; a Sitemap is a plain value.
#ifndef WARCRAWL_CRAWLER_SITEMAP_H_
#define WARCRAWL_CRAWLER_SITEMAP_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "warc/status.h"

namespace warcrawl::crawler {

struct SitemapEntry {
  std::string url;      // absolute http(s), resolved against the sitemap URL, no fragment
  std::string lastmod;  // as written (W3C datetime expected), trimmed; "" when absent
};

struct Sitemap {
  bool is_index = false;  // <sitemapindex>: entries are further sitemaps
  std::vector<SitemapEntry> entries;
  // The body held more than was read: over kSitemapMaxUrls entries or kSitemapMaxBytes, or
  // the XML was cut short or broken past recovery, so entries after that point are missing.
  bool truncated = false;
};

// The protocol's limits per sitemap file (the byte limit applies after inflating).
inline constexpr size_t kSitemapMaxUrls = 50000;
inline constexpr size_t kSitemapMaxBytes = size_t{50} * 1024 * 1024;

// Parses `body` as fetched from `sitemap_url` (absolute http(s), else InvalidArgument) into
// *out. URLs that do not resolve to http(s) are skipped. Errors:
// - gzip that inflates past kSitemapMaxBytes (a decompression bomb) or is damaged before
//   yielding anything: Corruption;
// - an empty body, or a body that is neither XML nor lines of absolute http(s) URLs:
//   Corruption naming what was found;
// - XML whose root is not <urlset>, <sitemapindex> or a feed: InvalidArgument naming it.
Status ParseSitemap(std::string_view body, std::string_view sitemap_url, Sitemap* out);

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_SITEMAP_H_
