// ExtractHtmlLinks finds the http(s) links of an HTML page, each tagged with how a crawler
// should treat it: navigation (pages to crawl), embeds (requisites a browser loads to render
// the page) or a meta refresh. It parses with libxml2's HTML parser in recovery mode, so any
// bytes are a page: broken markup yields whatever links it legibly holds.
//
// libxml2 runs in SAX mode, not building a tree: its tree builder stops the whole parse at
// nesting depth 256 or at a 10 MB text node (without HTML_PARSE_HUGE), silently losing every
// later link; the SAX stream has neither limit and keeps no DOM.
//
// Thread-safety: a pure function; calls may run concurrently (libxml2 is initialized once).
#ifndef WARCRAWL_CRAWLER_HTML_LINKS_H_
#define WARCRAWL_CRAWLER_HTML_LINKS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "warc/status.h"

namespace warcrawl::crawler {

enum class LinkContext {
  kNavigation,  // a/area href; link rel=next/prev/canonical/alternate (and first/last/up/amphtml)
  kEmbed,       // page requisites: img/source src+srcset (and lazy-loading data-* variants),
                // script src, link rel=stylesheet/icon/preload/modulepreload/manifest,
                // iframe/frame src, video/audio/track src, video poster, embed src, object
                // data, input type=image src, background attributes, CSS url()/@import
  kRefresh,     // <meta http-equiv=refresh content="5; url=...">
};

struct ExtractedLink {
  std::string url;  // absolute http(s) URL, normalized (index::NormalizeUrl), no fragment
  LinkContext context = LinkContext::kNavigation;
  std::string element;    // lowercase tag name ("a", "img", "style" for CSS in <style>, ...)
  std::string attribute;  // "href", "src", "srcset", "style", "content", ...; "" for <style> text
  std::string rel;        // the lowercased rel tokens of a/area/link, space separated
  std::string type;       // the type attribute of <link> (application/rss+xml), lowercased
  bool nofollow = false;  // rel contains nofollow (a hint only: the crawler may still follow)
  bool in_comments = false;  // in (or on) an element whose id or class contains "comment"
};

struct HtmlLinks {
  std::vector<ExtractedLink> links;  // document order; one per (url, context)
  std::string base_url;    // the effective base: the first <base href> resolved, else the page URL
  std::string charset;     // the encoding the page was decoded with ("utf-8", "shift_jis", ...)
  bool truncated = false;  // extraction stopped early (see below); what came before is complete
};

// More unique links than this, and the rest are dropped (truncated is set).
inline constexpr size_t kMaxLinksPerPage = 100000;

// Elements nested deeper than this stop the parse (truncated is set). libxml2 scans its open
// element stack on every end tag, so unbounded depth would make hostile pages quadratic;
// 512 is where Chromium's tree builder stops nesting.
inline constexpr int kMaxHtmlDepth = 512;

// Extracts the links of `html` (already de-chunked and content-decoded) fetched from
// `page_url`. `http_charset` is the charset parameter of the Content-Type ("" if none); see
// SniffHtmlCharset (crawler/html_charset.h) for how the encoding is chosen. Only http and
// https links come back (javascript:, mailto:, data:, tel: ... are skipped), as do empty
// attributes. URLs resolve against the first <base href> wherever it appears, as browsers do.
//
// Non-ASCII in a link: the path is percent-encoded as UTF-8 and the host converted by IDNA
// (NormalizeUrl), while the query is encoded in the page's encoding (windows-1252 "é" as
// "%E9"), as the URL Standard has browsers do, so the crawler requests what a browser would.
//
// InvalidArgument only when `page_url` is not an absolute URL; broken markup is never an error.
Status ExtractHtmlLinks(std::string_view html, std::string_view page_url,
                        std::string_view http_charset, HtmlLinks* out);

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_HTML_LINKS_H_
