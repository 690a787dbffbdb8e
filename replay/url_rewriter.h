// UrlRewriter turns the URL references found in one archived page into archive URLs
// ("/{collection}/{timestamp}{modifier}/{absolute url}", see archive_url.h), as pywb does
// in its frameless mode, so the browser fetches every resource from the archive and never
// from the live web. It only resolves and prefixes: the reference's bytes (raw non-ASCII in
// a Shift_JIS or UTF-8 page included) are kept, so the page's own encoding still applies; a
// 0x5C after a byte >= 0x81 is taken for the second byte of a Shift_JIS (Big5, GBK) character
// and kept, where a lone '\' in a path would become '/' as browsers read it. RewriteSrcset
// and RewriteRefresh apply it to values that hold URLs in a syntax of their own.
//
// Thread-safety: Rewrite is const and may run concurrently; SetBase may not run
// concurrently with anything else on the same object.
#ifndef WARCRAWL_REPLAY_URL_REWRITER_H_
#define WARCRAWL_REPLAY_URL_REWRITER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "index/url.h"

namespace warcrawl::replay {

class UrlRewriter {
 public:
  // `page_url` is the archived page's URL and first base; `timestamp` its 14-digit capture
  // time. `replay_origin` ("http://localhost:8080", optional) is where the replay server is
  // reached, so absolute URLs already pointing into the archive are recognised too. A page
  // URL that is not http(s) leaves only absolute references to be rewritten.
  UrlRewriter(std::string_view collection, std::string_view timestamp, std::string_view page_url,
              std::string_view replay_origin = {});

  // The archive URL for `reference` used as `modifier` says ("im_", "cs_", "" …). Returns
  // `reference` byte for byte when it is left alone: empty, "#fragment" only, a scheme other
  // than http/https (javascript:, data:, mailto:, …), already an archive URL of this
  // collection, or not parseable. HTML whitespace around it is trimmed and tabs and newlines
  // inside dropped, as browsers do.
  std::string Rewrite(std::string_view reference, std::string_view modifier) const;

  // Applies a <base href>: resolved against the current base; ignored when that fails or
  // does not give http(s) (HTML does the same). An archive URL is unwrapped to its target.
  void SetBase(std::string_view href);

  // The current base URL, or "" when there is none.
  std::string base() const { return has_base_ ? base_.ToString() : std::string(); }

 private:
  std::string_view ArchivePath(std::string_view reference) const;
  bool Resolve(std::string_view reference, index::Url* url) const;
  char HideTrailBytes(std::string* reference) const;

  std::string collection_;
  std::string timestamp_;
  std::string collection_path_;  // "/{collection}/"
  std::string replay_origin_;    // without a trailing '/'
  bool has_base_ = false;
  index::Url base_;
};

// How much rewriting may lengthen one document. Every rewritten URL can repeat the base URL,
// so without a limit a short hostile page with a long <base href> would grow without bound.
// Not thread-safe: one per document being rewritten.
class GrowthBudget {
 public:
  // Four times the input plus 1 MiB: far more than real pages need.
  explicit GrowthBudget(size_t input_bytes) : remaining_(4 * input_bytes + (size_t{1} << 20)) {}

  // Accounts for replacing `from` bytes by `to` bytes. False, and from then on always false,
  // once the growth does not fit.
  bool Take(size_t from, size_t to);
  bool exceeded() const { return exceeded_; }

 private:
  size_t remaining_;
  bool exceeded_ = false;
};

// A srcset (HTML §4.8.4.3.10) with each candidate's URL rewritten and all else kept: a URL
// runs to whitespace (commas inside it included, trailing ones not), its descriptors to the
// next comma outside parentheses. Stops rewriting once `budget` (default:
// GrowthBudget(srcset.size())) is exceeded.
std::string RewriteSrcset(std::string_view srcset, const UrlRewriter& rewriter,
                          std::string_view modifier, GrowthBudget* budget = nullptr);

// A refresh value ("5; url=next.html", of <meta http-equiv=refresh> or a Refresh header)
// with its URL rewritten (no modifier), read as HTML's declarative refresh steps read it.
std::string RewriteRefresh(std::string_view content, const UrlRewriter& rewriter);

// Appends a code point decoded from an HTML character reference or a CSS escape to a URL
// reference: ASCII as it is, anything else as percent-encoded UTF-8 (what a browser sends
// for it in a path); NUL, surrogates and values past U+10FFFF as U+FFFD.
void AppendCodePointToUrl(uint32_t cp, std::string* out);

}  // namespace warcrawl::replay

#endif  // WARCRAWL_REPLAY_URL_REWRITER_H_
