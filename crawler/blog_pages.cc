#include "crawler/blog_pages.h"

#include <algorithm>
#include <charconv>

#include "index/url.h"

namespace warcrawl::crawler {
namespace {

// The value of query parameter `name` in `query`, if present.
std::optional<std::string_view> QueryParam(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
    size_t eq = pair.find('=');
    if (pair.substr(0, eq) == name) {
      return eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    }
  }
  return std::nullopt;
}

// Removes one "name=value" from a query, keeping the others' order.
std::string WithoutParam(std::string_view query, std::string_view name) {
  std::string out;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
    if (pair.substr(0, pair.find('=')) == name || pair.empty()) continue;
    if (!out.empty()) out.push_back('&');
    out.append(pair);
  }
  return out;
}

bool ParsePageNumber(std::string_view digits, uint32_t* page) {
  if (digits.empty() || digits.size() > 6) return false;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), *page);
  return ec == std::errc() && end == digits.data() + digits.size() && *page > 0;
}

bool ParseUrlNoFragment(std::string_view text, index::Url* url) {
  if (!index::ParseUrl(text, url).ok() || !url->has_authority()) return false;
  url->fragment.reset();
  return true;
}

}  // namespace

bool ParseCommentPageUrl(std::string_view text, CommentPageRef* ref) {
  // Most links are neither. ParseUrl takes path and query as written (a backslash read as
  // '/'), so the words must already be in the text.
  if (text.find("comment-page-") == std::string_view::npos &&
      text.find("cpage") == std::string_view::npos)
    return false;
  index::Url url;
  if (!ParseUrlNoFragment(text, &url)) return false;
  uint32_t page = 0;
  std::string_view path = url.path;
  if (path.ends_with('/')) path.remove_suffix(1);
  size_t slash = path.rfind('/');
  std::string_view last = slash == std::string_view::npos ? path : path.substr(slash + 1);
  // Plain string work, not std::regex: this runs on every link of every page.
  if (slash != std::string_view::npos && last.starts_with("comment-page-") &&
      ParsePageNumber(last.substr(13), &page)) {
    url.path = std::string(path.substr(0, slash + 1));
  } else if (auto cpage = url.query ? QueryParam(*url.query, "cpage") : std::nullopt;
             cpage && ParsePageNumber(*cpage, &page)) {
    std::string rest = WithoutParam(*url.query, "cpage");
    if (rest.empty()) {
      url.query.reset();
    } else {
      url.query = rest;
    }
  } else {
    return false;
  }
  ref->post_url = url.ToString();
  ref->page = page;
  return true;
}

namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "…/page/N" or "page/N", with or without a trailing '/'.
bool IsPagedPath(std::string_view path) {
  if (path.ends_with('/')) path.remove_suffix(1);
  size_t slash = path.rfind('/');
  if (slash == std::string_view::npos || !AllDigits(path.substr(slash + 1))) return false;
  std::string_view head = path.substr(0, slash);
  return head == "page" || head.ends_with("/page");
}

// Takes "D…D/" (`width` digits and a slash) off the front of `path`, if it is there.
bool ConsumeDigitsAndSlash(std::string_view* path, size_t width) {
  if (path->size() <= width || (*path)[width] != '/' || !AllDigits(path->substr(0, width))) {
    return false;
  }
  path->remove_prefix(width + 1);
  return true;
}

// "/YYYY/", "/YYYY/MM/" or "/YYYY/MM/DD/".
bool IsDateArchivePath(std::string_view path) {
  if (!path.starts_with('/')) return false;
  path.remove_prefix(1);
  if (!ConsumeDigitsAndSlash(&path, 4)) return false;
  if (!path.empty()) ConsumeDigitsAndSlash(&path, 2);
  if (!path.empty()) ConsumeDigitsAndSlash(&path, 2);
  return path.empty();
}

}  // namespace

bool IsListingUrl(std::string_view text) {
  index::Url url;
  if (!ParseUrlNoFragment(text, &url)) return false;
  if (IsPagedPath(url.path) || IsDateArchivePath(url.path)) return true;
  if (url.path.find("/category/") != std::string::npos ||
      url.path.find("/tag/") != std::string::npos ||
      url.path.find("/author/") != std::string::npos ||
      url.path.find("/search/label/") != std::string::npos) {
    return true;
  }
  if (url.query && (QueryParam(*url.query, "paged") || QueryParam(*url.query, "updated-max"))) {
    return true;
  }
  return url.path.empty() || url.path == "/";
}

bool LooksLikeFeedUrl(std::string_view text) {
  // Every feed form below holds one of these words (see ParseCommentPageUrl).
  bool maybe = false;
  for (std::string_view word : {"feed", "rss", "atom", "index.xml", "default"})
    maybe = maybe || text.find(word) != std::string_view::npos;
  if (!maybe) return false;
  index::Url url;
  if (!ParseUrlNoFragment(text, &url)) return false;
  if (url.query && QueryParam(*url.query, "feed").has_value()) return true;
  // String checks, not std::regex: the miner asks this of every link on every page.
  std::string_view path = url.path;
  if (path.ends_with(".rss")) return true;
  if (path.ends_with('/')) path.remove_suffix(1);
  std::string_view last = path.substr(path.rfind('/') + 1);
  std::string_view rest = path.substr(0, path.size() - last.size());
  for (std::string_view name : {"feed", "rss", "atom.xml", "index.xml", "rss.xml", "feed.xml"}) {
    if (last == name) return true;
  }
  // "/feed/rss2", "/feed/atom", …, and Blogger's "/feeds/…/default".
  if (rest.ends_with("/feed/") &&
      (last == "rss" || last == "rss2" || last == "atom" || last == "rdf")) {
    return true;
  }
  return last == "default" && path.find("/feeds/") != std::string_view::npos;
}

index::PageAnnotation ClassifyHtmlPage(std::string_view url, const PageSignals& signals) {
  index::PageAnnotation a;
  CommentPageRef ref;
  if (ParseCommentPageUrl(url, &ref)) {
    a.role = index::PageRole::kCommentPage;
    a.post_url = ref.post_url;
    a.page_number = ref.page;
  } else if (IsListingUrl(url)) {
    a.role = index::PageRole::kArchivePage;
  } else if (signals.has_post_comment_feed || signals.has_comment_links) {
    a.role = index::PageRole::kPost;
  } else {
    a.role = index::PageRole::kOther;
  }
  return a;
}

}  // namespace warcrawl::crawler
