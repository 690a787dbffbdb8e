#include "replay/banner.h"

#include "index/posts_query.h"
#include "replay/archive_url.h"
#include "replay/replies.h"

namespace warcrawl::replay {
namespace {

std::string Link(std::string_view href, std::string_view text, std::string_view cls = "") {
  std::string out = "<a href=\"" + SafeHref(href) + "\"";
  if (!cls.empty()) out += " class=\"" + std::string(cls) + "\"";
  return out + ">" + EscapeHtml(text) + "</a>";
}

// "Comments: 1 2 3" linking each captured page of the post's comments at its own time.
std::string CommentPagesHtml(const index::IndexDb& db, std::string_view collection,
                             const index::CaptureEntry& capture) {
  const bool is_post = capture.role == index::PageRole::kPost;
  const std::string post_url = is_post ? capture.url : capture.post_url;
  std::vector<index::CommentPageCapture> pages;
  if (post_url.empty() || !index::ListCommentPages(db, post_url, capture.timestamp, &pages).ok()) {
    return "";
  }
  std::string out = "<span class=\"wcr-comments\">";
  if (!is_post) {
    out += Link(ArchiveUrl(collection, capture.timestamp, "", post_url), "the post") + " · ";
  }
  out += "comment pages captured:";
  if (pages.empty()) out += " none";
  for (const auto& page : pages) {
    const std::string label = std::to_string(page.page);
    out += ' ';
    const bool here = !is_post && page.page == capture.page_number;
    out += here ? "<b>" + label + "</b>"
                : Link(ArchiveUrl(collection, page.timestamp, "", page.url), label);
  }
  return out + "</span>";
}

}  // namespace

std::string BannerHtml(const index::IndexDb& db, std::string_view collection,
                       const std::vector<index::CaptureEntry>& captures, size_t current) {
  const index::CaptureEntry& c = captures[current];
  std::string out = "<div id=\"wcr-banner\" class=\"wcr-banner\" role=\"banner\">";
  out += Link(CollectionPath(collection), std::string(collection), "wcr-home");
  out += " <span class=\"wcr-when\">archived <time>";
  out += EscapeHtml(DisplayTimestamp(c.timestamp));
  out += " UTC</time></span>";
  if (current > 0) {
    const auto& prev = captures[current - 1];
    out += ' ';
    out += Link(ArchiveUrl(collection, prev.timestamp, "", prev.url), "◀ earlier");
  }
  if (current + 1 < captures.size()) {
    const auto& next = captures[current + 1];
    out += ' ';
    out += Link(ArchiveUrl(collection, next.timestamp, "", next.url), "later ▶");
  }
  std::string all = "/";
  all += collection;
  all += "/*/";
  all += c.url;
  out += ' ';
  out += Link(all, captures.size() == 1 ? std::string("1 capture")
                                        : "all " + std::to_string(captures.size()) + " captures");
  out += ' ';
  out += Link(ArchiveUrl(collection, c.timestamp, "id_", c.url), "original");
  if (c.role == index::PageRole::kPost || c.role == index::PageRole::kCommentPage) {
    out += "<br>";
    out += CommentPagesHtml(db, collection, c);
  }
  out += "</div>";
  return out;
}

}  // namespace warcrawl::replay
