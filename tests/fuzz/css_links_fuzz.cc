// Fuzzes the CSS url()/@import extractor on a style sheet (or style attribute) of any bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "crawler/css_links.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view css(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> urls;
  warcrawl::crawler::ExtractCssUrls(css, &urls);
  for (const std::string& url : urls) {
    if (url.empty()) std::abort();  // css_links.h: empty ones are left out
  }
  return 0;
}
