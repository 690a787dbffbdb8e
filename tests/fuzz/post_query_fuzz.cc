// Fuzzes how a request record that is not a GET becomes its capture's key (post_query.h):
// the request head is read from any bytes, and the body becomes a query by its media type
// (form, JSON, text, multipart, anything else as base64). Checked too: the requestBody is
// valid UTF-8 within warcio.js's cut, and the lookup URL is the capture's URL with the
// method after it, whatever the body.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "index/capture.h"
#include "index/js_text.h"
#include "index/post_query.h"

namespace warcrawl::index {
namespace {

// JavaScript text as js_text.h holds it: valid UTF-8, but for the lone high surrogate a cut
// may leave at the end (WTF-8 ED A0..AF xx). TextDecoder changes such text only by its BOM.
bool IsJsText(std::string_view s) {
  if (s.size() >= 3 && static_cast<unsigned char>(s[s.size() - 3]) == 0xED &&
      (static_cast<unsigned char>(s[s.size() - 2]) & 0xF0) == 0xA0) {
    s.remove_suffix(3);
  }
  std::string_view expected = s;
  if (expected.starts_with("\xEF\xBB\xBF")) expected.remove_prefix(3);
  return js::DecodeUtf8(s) == expected;
}

void CheckLookup(std::string_view url, std::string_view method, const PostLookup& lookup) {
  if (js::Utf16Length(lookup.request_body) > kMaxPostQueryLength) std::abort();
  if (!IsJsText(lookup.request_body)) std::abort();
  if (!lookup.url.starts_with(url)) std::abort();
  const std::string marker = "__wb_method=" + std::string(method) + "&";
  if (lookup.url.find(marker, url.size()) != url.size() + 1) std::abort();
}

}  // namespace
}  // namespace warcrawl::index

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace warcrawl::index;
  const std::string_view block(reinterpret_cast<const char*>(data), size);
  // The whole input as a request record's block, as the indexer reads it.
  const RequestHead head = ReadRequestHead(block);
  CaptureEntry entry;
  entry.url = "http://example.com/search?lang=en";
  if (PairWithRequest(head, &entry)) {
    if (entry.method != head.method || entry.urlkey.empty()) std::abort();
  } else if (head.has_head && head.method != "GET") {
    std::abort();
  }
  // The input's body under each media type the conversion knows.
  for (std::string_view type :
       {"application/x-www-form-urlencoded", "application/json", "text/plain; charset=utf-8",
        "multipart/form-data; boundary=xYzZY", "application/octet-stream", ""}) {
    const std::string_view url = "http://example.com/post";
    CheckLookup(url, "POST", PostToGetUrl(url, "POST", type, head.body.empty() ? block : head.body));
  }
  return 0;
}
