// RewriteCss points the URLs of a stylesheet (a file, a <style> element or a style
// attribute) into the archive: every url(…) as an image ("im_"), the URL of an @import as a
// stylesheet ("cs_"). Everything else — comments, other strings, malformed or unterminated
// parts — is copied byte for byte, so a page's CSS only changes where a URL was rewritten.
// One pass, linear in the input, whatever the input.
//
// Thread-safety: pure; the rewriter is only read.
#ifndef WARCRAWL_REPLAY_CSS_REWRITER_H_
#define WARCRAWL_REPLAY_CSS_REWRITER_H_

#include <string>
#include <string_view>

#include "replay/url_rewriter.h"

namespace warcrawl::replay {

// CSS escapes in a URL are decoded to resolve it (so url(a\)b.png) names "a)b.png"; other
// code points become percent-encoded UTF-8) and a rewritten URL is escaped back only where
// its context needs it. A URL the rewriter leaves alone keeps its bytes. A 0x5C after a byte
// >= 0x81 is a Shift_JIS second byte, not an escape (in UTF-8 CSS an escape right after a
// non-ASCII character is misread so; that is rare). Once `budget`
// (default: GrowthBudget(css.size())) is exceeded, the rest is copied unrewritten.
std::string RewriteCss(std::string_view css, const UrlRewriter& rewriter,
                       GrowthBudget* budget = nullptr);

}  // namespace warcrawl::replay

#endif  // WARCRAWL_REPLAY_CSS_REWRITER_H_
