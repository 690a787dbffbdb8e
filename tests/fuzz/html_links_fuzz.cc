// Fuzzes the HTML link extractor and the charset sniffing and conversions it relies on. The
// input is the page; its last byte picks the Content-Type charset and the page URL (a
// FuzzedDataProvider takes integers from the end), so seeds can be plain HTML files.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <string>
#include <string_view>

#include "crawler/html_charset.h"
#include "crawler/html_links.h"

namespace warcrawl::crawler {
namespace {

constexpr std::string_view kHttpCharsets[] = {
    "", "utf-8", "windows-1252", "shift_jis", "utf-16le", "iso-2022-jp", "euc-kr", "bogus"};
constexpr std::string_view kPageUrls[] = {"http://example.com/dir/page.html",
                                          "https://xn--bcher-kva.example/a/b/?q=1#f"};

void Extract(std::string_view html, std::string_view page_url, std::string_view charset) {
  HtmlLinks links;
  if (!ExtractHtmlLinks(html, page_url, charset, &links).ok()) std::abort();
  if (links.links.size() > kMaxLinksPerPage) std::abort();
  for (const ExtractedLink& link : links.links) {
    if (!link.url.starts_with("http://") && !link.url.starts_with("https://")) std::abort();
  }
}

void Charset(std::string_view html, std::string_view http_charset) {
  std::string_view charset = SniffHtmlCharset(html, http_charset);
  (void)CharsetForLabel(http_charset);
  std::string utf8;
  if (!DecodeHtmlToUtf8(html, charset, &utf8).ok()) return;
  // A query as the page writes it, sent back in the page's encoding.
  (void)EncodeQueryInCharset(std::string_view(utf8).substr(0, 256), charset);
}

}  // namespace
}  // namespace warcrawl::crawler

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace crawler = warcrawl::crawler;
  FuzzedDataProvider provider(data, size);
  const uint8_t choice = provider.ConsumeIntegral<uint8_t>();
  const std::string html = provider.ConsumeRemainingBytesAsString();
  std::string_view charset = crawler::kHttpCharsets[choice % std::size(crawler::kHttpCharsets)];
  std::string_view page_url = crawler::kPageUrls[(choice / 8) % std::size(crawler::kPageUrls)];
  crawler::Charset(html, charset);
  crawler::Extract(html, page_url, charset);
  return 0;
}
