// Fuzzes URL parsing, resolution and normalisation, and the SURT keys made from URLs. The
// input is a URL, a newline, and a reference resolved against it. Besides not crashing, two
// promises of index/url.h are checked: ToString() parses back to the same URL, and
// normalising is idempotent (one spelling per resource, or deduplication fails).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "index/surt.h"
#include "index/surt_canonicalizer.h"
#include "index/url.h"

namespace warcrawl::index {
namespace {

bool SameComponents(const Url& a, const Url& b) {
  return a.scheme == b.scheme && a.userinfo == b.userinfo && a.host == b.host && a.port == b.port &&
         a.path == b.path && a.query == b.query && a.fragment == b.fragment;
}

// The text parses back to the same URL: the same components or, where ToString() escapes
// (a path "//x" without authority, trailing spaces), the same URL once normalised.
void CheckRoundTrip(const Url& url) {
  Url again;
  const std::string text = url.ToString();
  if (!ParseUrl(text, &again).ok() || again.ToString() != text) std::abort();
  if (SameComponents(url, again)) return;
  Url a = url;
  Url b = again;
  if (NormalizeUrl(&a).ok() != NormalizeUrl(&b).ok() || a.ToString() != b.ToString()) {
    std::abort();
  }
}

void CheckNormalized(Url url) {
  if (!NormalizeUrl(&url).ok()) return;
  CheckRoundTrip(url);
  Url twice = url;
  if (!NormalizeUrl(&twice).ok() || twice.ToString() != url.ToString()) std::abort();
}

void Surt(std::string_view text) {
  std::string key;
  (void)SurtKey(text, &key);
  (void)SurtCanonicalUrl(text, &key);
  SurtRange range;
  for (MatchType m :
       {MatchType::kExact, MatchType::kPrefix, MatchType::kHost, MatchType::kDomain}) {
    (void)SurtSearchRange(text, m, &range);
  }
  SurtUrl surt;
  if (ParseSurtUrl(text, &surt).ok()) CanonicalizeSurtUrl(&surt);
}

void Host(const Url& url) {
  if (!url.host) return;
  std::string ascii, prefix;
  (void)HostToAscii(*url.host, IdnaMode::kTransitional, &ascii);
  (void)HostToAscii(*url.host, IdnaMode::kNontransitional, &ascii);
  if (SurtHostPrefix(*url.host, true, &prefix).ok()) (void)InSurtDomain(prefix + ")/", prefix);
  (void)SurtHostPrefix(*url.host, false, &prefix);
}

}  // namespace
}  // namespace warcrawl::index

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace index = warcrawl::index;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  size_t newline = in.find('\n');
  std::string_view first = in.substr(0, newline);
  std::string_view reference = newline == std::string_view::npos ? "" : in.substr(newline + 1);

  index::Surt(first);
  index::Surt(reference);
  (void)index::RemoveDotSegments(reference);
  index::Url base;
  if (!index::ParseUrl(first, &base).ok()) return 0;
  index::CheckRoundTrip(base);
  index::CheckNormalized(base);
  index::Host(base);
  index::Url resolved;
  if (!index::ResolveUrl(base, reference, &resolved).ok()) return 0;
  index::CheckRoundTrip(resolved);
  index::CheckNormalized(resolved);
  return 0;
}
