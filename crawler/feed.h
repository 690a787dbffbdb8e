// Feed is what the crawler takes from a syndication feed (RSS 2.0, RSS 1.0/RDF, Atom 1.0, as
// WordPress, Blogger, Ghost and the like serve them): the posts' pages, where their comments
// live (comment pages, per-post comment feeds, counts), and the links to further pages of a
// paged feed (RFC 5005). Elements are matched by namespace and local name, tolerating feeds
// that forget to declare a prefix; hostile XML is read as xml_doc.h describes.
//
// Thread-safety: ParseFeed is reentrant; a Feed is a plain value.
#ifndef WARCRAWL_CRAWLER_FEED_H_
#define WARCRAWL_CRAWLER_FEED_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "warc/status.h"

namespace warcrawl::crawler {

// Every URL below is absolute http(s), resolved against the feed URL and any xml:base, with
// no fragment; "" when the feed gives none that qualifies.
struct FeedItem {
  std::string link;                  // the item's page: RSS <link>, Atom <link rel="alternate">
  std::string comments_url;          // RSS <comments>, Atom rel="replies" type="text/html"
  std::string comment_feed_url;      // wfw:commentRss, Atom rel="replies" of a feed type (RFC 4685)
  std::string id;                    // <guid> / <id> / rdf:about, as written (trimmed)
  std::string published;             // as written: pubDate, published, dc:date, else updated
  std::optional<int> comment_count;  // slash:comments or thr:total (else thr:count)
};

struct Feed {
  enum class Kind { kRss, kRdf, kAtom };
  Kind kind = Kind::kRss;
  std::string title;
  std::string site_link;  // the channel's / feed's link to the site
  std::vector<FeedItem> items;
  // Feed-level <atom:link> rel="next", "previous"/"prev", "first", "last", "next-archive",
  // "prev-archive" (RFC 5005 paged and archived feeds), in document order, without repeats.
  std::vector<std::string> paging_links;
  // Items past kFeedMaxItems were dropped, or the XML was cut short or broken past recovery.
  bool truncated = false;
};

// Bounds the result whatever the body; real feeds carry tens to a few thousand items.
inline constexpr size_t kFeedMaxItems = 10000;

// Parses `body` as fetched from `feed_url` (absolute http(s), else InvalidArgument) into *out.
// A body that is empty, not XML, or XML whose root is not <rss>, <rdf:RDF> or <feed> (an
// HTML page, say) is InvalidArgument saying it is not a feed and what was found instead.
// Broken XML is recovered from where possible; a feed with no items is fine.
Status ParseFeed(std::string_view body, std::string_view feed_url, Feed* out);

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_FEED_H_
