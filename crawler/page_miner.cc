#include "crawler/page_miner.h"

#include <algorithm>

#include "crawler/blog_pages.h"
#include "crawler/css_links.h"
#include "crawler/feed.h"
#include "crawler/html_links.h"
#include "crawler/sitemap.h"
#include "index/url.h"
#include "warc/http_payload.h"
#include "warc/text_util.h"

namespace warcrawl::crawler {
namespace {

// An absolute http(s) URL without fragment for `reference` on the page at `base`; "" if none.
std::string Resolve(std::string_view base, std::string_view reference) {
  index::Url b, r;
  if (!index::ParseUrl(base, &b).ok() || !index::ResolveUrl(b, reference, &r).ok()) return "";
  if ((r.scheme != "http" && r.scheme != "https") || !r.has_authority()) return "";
  r.fragment.reset();
  return r.ToString();
}

// Media type and charset parameter of a Content-Type value.
void SplitContentType(std::string_view value, std::string* mime, std::string* charset) {
  size_t semi = value.find(';');
  *mime = warc::text::LowerAscii(warc::text::TrimBlanks(value.substr(0, semi)));
  charset->clear();
  while (semi != std::string_view::npos) {
    value.remove_prefix(semi + 1);
    semi = value.find(';');
    std::string_view param = warc::text::TrimBlanks(value.substr(0, semi));
    if (warc::text::LowerAscii(param.substr(0, 8)) == "charset=") {
      std::string_view v = param.substr(8);
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      *charset = warc::text::LowerAscii(v);
    }
  }
}

bool IsHtml(std::string_view mime) {
  return mime == "text/html" || mime == "application/xhtml+xml";
}

bool IsFeedMime(std::string_view mime) {
  return mime.find("rss") != std::string_view::npos ||
         mime.find("atom") != std::string_view::npos || mime == "application/rdf+xml";
}

bool IsXml(std::string_view mime) {
  return mime == "text/xml" || mime == "application/xml" || IsFeedMime(mime);
}

void Add(MinedPage* out, std::string url, char hop, UrlKind kind, std::string context) {
  if (url.empty()) return;
  Discovery d;
  CommentPageRef ref;
  d.comment_page = kind == UrlKind::kPage && ParseCommentPageUrl(url, &ref);
  d.url = std::move(url);
  d.hop = hop;
  d.kind = kind;
  d.context = std::move(context);
  out->links.push_back(std::move(d));
}

bool IsFeedLink(const ExtractedLink& link) {
  bool alternate = (" " + link.rel + " ").find(" alternate ") != std::string::npos;
  return (alternate && IsFeedMime(link.type)) || LooksLikeFeedUrl(link.url);
}

void MineHtml(const FetchResult& fetch, std::string_view body, std::string_view charset,
              const MiningOptions& options, MinedPage* out) {
  HtmlLinks html;
  bool cut = body.size() > options.max_html_bytes;
  Status s = ExtractHtmlLinks(body.substr(0, options.max_html_bytes), fetch.url, charset, &html);
  if (!s.ok()) {
    out->problem = s.ToString();
    return;
  }
  PageSignals signals;
  std::string page = fetch.url.substr(0, fetch.url.find_first_of("?#"));
  for (const ExtractedLink& link : html.links) {
    std::string context = link.element + "/@" + link.attribute;
    signals.has_comment_links |= link.in_comments;
    if (link.context == LinkContext::kEmbed) {
      if (options.page_requisites) Add(out, link.url, 'E', UrlKind::kAsset, context);
    } else if (link.context == LinkContext::kRefresh) {
      Add(out, link.url, 'R', UrlKind::kPage, context);
    } else if (IsFeedLink(link)) {
      if (link.url == page + "feed/" || link.url == page + "/feed/") {
        signals.has_post_comment_feed = true;
      }
      if (options.follow_feeds) Add(out, link.url, 'L', UrlKind::kFeed, context);
    } else {
      Add(out, link.url, 'L', UrlKind::kPage, context);
    }
  }
  if (cut) {
    out->problem = "only the first " + std::to_string(options.max_html_bytes) + " bytes parsed";
  } else if (html.truncated) {
    out->problem = "links past kMaxLinksPerPage or nesting past kMaxHtmlDepth not extracted";
  }
  out->annotation = ClassifyHtmlPage(fetch.url, signals);
}

void MineCss(const FetchResult& fetch, std::string_view body, MinedPage* out) {
  std::vector<std::string> raw;
  ExtractCssUrls(body, &raw);
  for (const std::string& ref : raw)
    Add(out, Resolve(fetch.url, ref), 'E', UrlKind::kAsset, "css/url");
  out->annotation.role = index::PageRole::kAsset;
}

void MineFeed(const FetchResult& fetch, std::string_view body, MinedPage* out) {
  Feed feed;
  Status s = ParseFeed(body, fetch.url, &feed);
  if (!s.ok()) {
    out->problem = s.ToString();
    return;
  }
  for (const FeedItem& item : feed.items) {
    Add(out, item.link, 'L', UrlKind::kPage, "feed/item/link");
    Add(out, item.comments_url, 'L', UrlKind::kPage, "feed/item/comments");
    Add(out, item.comment_feed_url, 'L', UrlKind::kFeed, "feed/item/commentRss");
  }
  for (const std::string& next : feed.paging_links)
    Add(out, next, 'L', UrlKind::kFeed, "feed/link");
  if (!feed.site_link.empty()) Add(out, feed.site_link, 'L', UrlKind::kPage, "feed/link");
  out->annotation.role = index::PageRole::kFeed;
}

void MineSitemap(const FetchResult& fetch, std::string_view body, MinedPage* out) {
  Sitemap sitemap;
  Status s = ParseSitemap(body, fetch.url, &sitemap);
  if (!s.ok()) {
    out->problem = s.ToString();
    return;
  }
  for (const SitemapEntry& entry : sitemap.entries) {
    Add(out, entry.url, 'M', sitemap.is_index ? UrlKind::kSitemap : UrlKind::kPage, "sitemap/loc");
  }
  if (sitemap.truncated) out->problem = "sitemap longer than the protocol's limits; rest ignored";
  out->annotation.role = index::PageRole::kSitemap;
}

void MineRobots(std::string_view body, int status, const MiningOptions& options, MinedPage* out) {
  out->annotation.role = index::PageRole::kOther;
  if (status < 200 || status >= 300) return;
  Robots robots;
  if (!Robots::Parse(body, options.robots_token, &robots).ok()) return;
  if (options.follow_sitemaps) {
    for (const std::string& url : robots.Sitemaps())
      Add(out, url, 'M', UrlKind::kSitemap, "robots/sitemap");
  }
  out->robots = std::move(robots);
}

}  // namespace

void MinePage(const CrawlUrl& url, const FetchResult& fetch, const MiningOptions& options,
              MinedPage* out) {
  *out = MinedPage();
  warc::HttpPayload payload;
  warc::PayloadOptions po;
  po.max_decoded = options.max_decoded_bytes;
  std::string block = fetch.response_head + fetch.response_body;
  Status s = warc::ExtractHttpPayload(block, po, &payload);
  if (payload.head.status == 0) {
    out->problem = s.ToString();
    return;
  }
  std::string charset;
  SplitContentType(payload.head.headers.Get("Content-Type").value_or(""), &out->mime, &charset);
  if (payload.head.status >= 300 && payload.head.status < 400) {
    if (auto location = payload.head.headers.Get("Location")) {
      Add(out, Resolve(fetch.url, *location), 'R', url.kind, "Location");
    }
    return;
  }
  if (!s.ok()) out->problem = s.ToString();  // mine the decoded prefix all the same
  std::string_view body = payload.decoded;
  if (url.kind == UrlKind::kRobots) return MineRobots(body, payload.head.status, options, out);
  if (payload.head.status < 200 || payload.head.status >= 300) return;
  if (url.kind == UrlKind::kSitemap) return MineSitemap(fetch, body, out);
  if (IsFeedMime(out->mime) || (url.kind == UrlKind::kFeed && IsXml(out->mime))) {
    return MineFeed(fetch, body, out);
  }
  if (IsHtml(out->mime)) return MineHtml(fetch, body, charset, options, out);
  if (out->mime == "text/css") return MineCss(fetch, body, out);
  out->annotation.role = index::PageRole::kAsset;
}

std::string MetadataFields(const CrawlUrl& url, const MinedPage& page) {
  std::string out = index::FormatPageAnnotation(page.annotation);
  if (!url.via.empty()) out.append("via: ").append(url.via).append("\r\n");
  out.append("hopsFromSeed: ").append(url.path).append("\r\n");
  for (const Discovery& d : page.links) {
    out.append("outlink: ").append(d.url).push_back(' ');
    out.push_back(d.hop);
    out.append(" ").append(d.context).append("\r\n");
  }
  return out;
}

}  // namespace warcrawl::crawler
