// What a URL or a page is to a blog: a page of a post's comments (WordPress
// "/comment-page-N/" or "?cpage=N", and the post it belongs to), a paged listing
// ("/page/N/", "?paged=N"), a feed URL, or a post. The crawler uses it to keep comment
// pages at their post's depth and ahead in the queue, and to write each page's role in
// its metadata record. These are heuristics over the URL shapes blog engines use, plus
// what the page says about itself (a comments section, a per-post comment feed).
//
// Thread-safety: pure functions.
#ifndef WARCRAWL_CRAWLER_BLOG_PAGES_H_
#define WARCRAWL_CRAWLER_BLOG_PAGES_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "index/page_annotation.h"

namespace warcrawl::crawler {

struct CommentPageRef {
  std::string post_url;  // the post's URL: the comment-page part removed
  uint32_t page = 0;     // 1-based
};

// Whether `url` names a page of comments; fills `ref` when it does.
bool ParseCommentPageUrl(std::string_view url, CommentPageRef* ref);

// "/page/N/", "?paged=N" (WordPress), "?page=N" on the front page, "/search?updated-max="
// (Blogger): a page of a listing rather than content.
bool IsListingUrl(std::string_view url);

// "/feed/", "/comments/feed/", "/feed/atom/", "?feed=rss2", "/feeds/posts/default" (Blogger),
// "/rss", "/atom.xml", "/index.xml", ".rss".
bool LooksLikeFeedUrl(std::string_view url);

// What an HTML page tells about itself, gathered by the link extractor's caller.
struct PageSignals {
  bool has_comment_links = false;      // links inside an element whose id/class says "comment"
  bool has_post_comment_feed = false;  // <link rel=alternate> to "<this page>feed/"
};

// The role of an HTML page at `url`.
index::PageAnnotation ClassifyHtmlPage(std::string_view url, const PageSignals& signals);

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_BLOG_PAGES_H_
