// RewriteHtml prepares an archived HTML page for replay, as pywb's frameless mode does: the
// URLs in the attributes that load or link resources become archive URLs (see
// url_rewriter.h), CSS in style attributes and <style> elements goes through RewriteCss,
// and the replay's own markup is inserted into <head> and <body>. It is a tokenizer over the
// bytes, not a parser: everything but the rewritten attribute values and the insertions is
// copied byte for byte, so the page keeps its encoding, its whitespace and its mistakes.
// Scripts (inline and JS files) are not rewritten: that is left to the client-side code the
// head insert brings, as in pywb.
//
// Thread-safety: pure apart from the rewriter's base, which a <base href> changes.
#ifndef WARCRAWL_REPLAY_HTML_REWRITER_H_
#define WARCRAWL_REPLAY_HTML_REWRITER_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "replay/url_rewriter.h"
#include "warc/status.h"

namespace warcrawl::replay {

// Larger pages are not rewritten (InvalidArgument): the server serves them as they are.
inline constexpr size_t kMaxRewrittenHtmlBytes = size_t{64} << 20;

struct HtmlRewriteOptions {
  // Right after the <head …> start tag; without one, before the first tag other than
  // <!doctype>, <html> or a comment; at the end if the page has no such tag.
  std::string head_insert;
  // Right after the <body …> start tag; without one, before the first </body> or </html>
  // end tag, else at the end.
  std::string banner;
};

// Rewrites `html` into *out. Malformed markup never fails: what cannot be tokenized (an
// unterminated tag, comment or raw-text element) is copied unchanged to the end. The
// errors (InvalidArgument, *out then empty) are a null argument, a page over
// kMaxRewrittenHtmlBytes, and a rewrite that would exceed GrowthBudget(html.size()).
//
// The first <base href> becomes the rewriter's base for the URLs after it (a page's URLs
// before its <base> resolve against the page URL). Attribute values are decoded (character
// references; non-ASCII ones become percent-encoded UTF-8 in URLs, CSS escapes in CSS) before
// they are rewritten, and a rewritten value is written back escaped in double quotes. The
// integrity attribute of <script> and <link> is renamed _integrity: the archive's copy of a
// resource may no longer match its hash. <noscript> ends at its first "</noscript", as for a
// browser running scripts, and its content is rewritten too, for one that does not.
Status RewriteHtml(std::string_view html, UrlRewriter* rewriter, const HtmlRewriteOptions& options,
                   std::string* out);

}  // namespace warcrawl::replay

#endif  // WARCRAWL_REPLAY_HTML_REWRITER_H_
