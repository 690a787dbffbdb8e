// Fuzzes the replay's HTML rewriter on an archived page of any bytes, with the page URL and
// whether a replay origin is known picked by the input's last byte. Checked too: the
// rewritten page stays within the growth budget url_rewriter.h promises.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <string>
#include <string_view>

#include "replay/html_rewriter.h"
#include "replay/url_rewriter.h"

namespace warcrawl::replay {
namespace {

constexpr std::string_view kPageUrls[] = {"http://example.com/dir/page.html",
                                          "https://blog.example/2024/03/post/?p=1",
                                          "ftp://example.com/file"};

void Rewrite(std::string_view html, uint8_t choice) {
  const std::string_view page_url = kPageUrls[choice % std::size(kPageUrls)];
  const std::string_view origin = (choice & 0x80) != 0 ? "http://localhost:8080" : "";
  UrlRewriter rewriter("coll", "20240102030405", page_url, origin);
  HtmlRewriteOptions options;
  options.head_insert = "<script src=\"/_static/wombat.js\"></script>";
  options.banner = "<div id=\"banner\"></div>";
  std::string out;
  if (!RewriteHtml(html, &rewriter, options, &out).ok()) return;
  const size_t inserts = options.head_insert.size() + options.banner.size();
  if (out.size() > html.size() + inserts + 4 * html.size() + (size_t{1} << 20)) std::abort();
}

}  // namespace
}  // namespace warcrawl::replay

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider provider(data, size);
  const uint8_t choice = provider.ConsumeIntegral<uint8_t>();
  warcrawl::replay::Rewrite(provider.ConsumeRemainingBytesAsString(), choice);
  return 0;
}
