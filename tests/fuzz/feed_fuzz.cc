// Fuzzes the RSS / RDF / Atom feed parser.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "crawler/feed.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace crawler = warcrawl::crawler;
  std::string_view body(reinterpret_cast<const char*>(data), size);
  crawler::Feed feed;
  if (!crawler::ParseFeed(body, "https://blog.example/feed/", &feed).ok()) return 0;
  if (feed.items.size() > crawler::kFeedMaxItems) std::abort();
  return 0;
}
