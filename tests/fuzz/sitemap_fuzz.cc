// Fuzzes the sitemap parser (XML urlset and sitemapindex, plain text, feeds, gzip'd bodies).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "crawler/sitemap.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace crawler = warcrawl::crawler;
  std::string_view body(reinterpret_cast<const char*>(data), size);
  crawler::Sitemap sitemap;
  if (!crawler::ParseSitemap(body, "http://example.com/sitemap.xml", &sitemap).ok()) return 0;
  if (sitemap.entries.size() > crawler::kSitemapMaxUrls) std::abort();
  for (const crawler::SitemapEntry& entry : sitemap.entries) {
    if (!entry.url.starts_with("http://") && !entry.url.starts_with("https://")) std::abort();
  }
  return 0;
}
