// ExtractCssUrls finds the URLs a style sheet or a style="" attribute references, as a CSS
// tokenizer (CSS Syntax Level 3) sees them: url(x) and url("x"), the string of @import "x",
// and the strings of image-set("x" 1x). Comments and other strings are skipped, so "url(x)"
// in a comment or in content: "..." is no link. Escapes ("\29 ", "\)") are decoded; an
// unterminated url( or string at the end of the input still counts, as browsers read it.
//
// Thread-safety: a pure function; safe from any thread.
#ifndef WARCRAWL_CRAWLER_CSS_LINKS_H_
#define WARCRAWL_CRAWLER_CSS_LINKS_H_

#include <string>
#include <string_view>
#include <vector>

namespace warcrawl::crawler {

// Appends the URLs referenced by `css` to `raw_urls`, raw (unresolved, as written after
// unescaping), in order. Empty ones (url()) are left out.
void ExtractCssUrls(std::string_view css, std::vector<std::string>* raw_urls);

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_CSS_LINKS_H_
