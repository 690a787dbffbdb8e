// Fuzzes the robots.txt parser and matcher. The input is the file; the paths asked about are
// the values of its own lines (what follows a ':'), so the fuzzer's patterns meet paths that
// nearly match them, and a few fixed ones.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "crawler/robots.h"

namespace warcrawl::crawler {
namespace {

constexpr int kMaxLines = 64;

void Query(const Robots& robots, std::string_view path) {
  (void)robots.IsAllowed(path);
  (void)robots.IsAllowed(NormalizeRobotsPath(path));
}

}  // namespace
}  // namespace warcrawl::crawler

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace crawler = warcrawl::crawler;
  std::string_view body(reinterpret_cast<const char*>(data), size);
  crawler::Robots robots;
  if (!crawler::Robots::Parse(body, "warcrawl", &robots).ok()) std::abort();
  // RFC 9309 section 2.3.1.4 and the header: /robots.txt itself is always allowed.
  if (!robots.IsAllowed("/robots.txt")) std::abort();
  (void)robots.CrawlDelay();
  for (const char* path : {"/", "/index.html", "/a/b?c=d", "/%7Ea%2fb"}) {
    crawler::Query(robots, path);
  }
  int lines = 0;
  for (size_t pos = 0; pos < body.size() && lines < crawler::kMaxLines; ++lines) {
    size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(pos, end - pos);
    size_t colon = line.find(':');
    if (colon != std::string_view::npos) crawler::Query(robots, line.substr(colon + 1));
    pos = end + 1;
  }
  return 0;
}
