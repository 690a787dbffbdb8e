#include "replay/browse_pages.h"

#include <string>
#include <vector>

#include "index/cdx_query.h"
#include "index/hosts_query.h"
#include "index/posts_query.h"
#include "replay/archive_url.h"
#include "replay/capture_selection.h"
#include "replay/replies.h"

namespace warcrawl::replay {
namespace {

// Bounds on what one page lists, so a huge collection still answers quickly.
constexpr size_t kMaxHosts = 500;
constexpr size_t kMaxPostsPerHost = 300;
constexpr size_t kMaxPrefixRows = 1000;
constexpr size_t kMaxPrefixCaptures = 200000;

std::string Link(std::string_view href, std::string_view text) {
  return "<a href=\"" + SafeHref(href) + "\">" + EscapeHtml(text) + "</a>";
}

std::string SearchForm(const Collection& collection) {
  return "<form class=\"search\" method=\"get\" action=\"" +
         SafeHref(CollectionPath(collection.name()) + "search") +
         "\"><input type=\"search\" name=\"q\" placeholder=\"URL, or URL prefix ending in *\" "
         "aria-label=\"URL or prefix\" required> <button>Find</button></form>\n";
}

std::string HostOf(std::string_view url) {
  size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : start + 3;
  const size_t end = url.find_first_of("/?#", start);
  return std::string(url.substr(start, end == std::string_view::npos ? url.npos : end - start));
}

std::string PostRows(const Collection& collection, const std::vector<index::ArchivedPost>& posts) {
  std::string out;
  for (size_t i = 0; i < posts.size() && i < kMaxPostsPerHost; ++i) {
    const index::ArchivedPost& post = posts[i];
    const std::string& latest = post.captures.back().timestamp;
    out += "<tr><td class=\"url\">" +
           Link(ArchiveUrl(collection.name(), latest, "", post.url), post.url) + "</td><td>";
    for (const index::PostCapture& capture : post.captures) {
      out += "<span class=\"capture\">" +
             Link(ArchiveUrl(collection.name(), capture.timestamp, "", post.url),
                  DisplayTimestamp(capture.timestamp)) +
             " <small>" + std::to_string(capture.comment_pages.size()) + " comment page" +
             (capture.comment_pages.size() == 1 ? "" : "s") + "</small></span> ";
    }
    out += "</td></tr>\n";
  }
  if (posts.size() > kMaxPostsPerHost) {
    out += "<tr><td colspan=\"2\">… and " + std::to_string(posts.size() - kMaxPostsPerHost) +
           " more posts</td></tr>\n";
  }
  return out;
}

std::string HostSection(const Collection& collection, const index::ArchivedHost& host) {
  const std::string name = HostOf(host.first_url);
  std::string out =
      "<section class=\"host\"><h2>" + EscapeHtml(name) + "</h2>\n<p>" +
      Link("/" + collection.name() + "/*/" +
               host.first_url.substr(0, host.first_url.find(name) + name.size()) + "/*",
           "every captured URL") +
      "</p>\n";
  std::vector<index::ArchivedPost> posts;
  if (Status s = index::ListPosts(collection.db(), host.first_url, &posts); !s.ok()) {
    return out + "<p class=\"error\">" + EscapeHtml(s.message()) + "</p></section>\n";
  }
  if (posts.empty()) return out + "<p>No blog posts recognised on this host.</p></section>\n";
  out += "<table class=\"posts\"><thead><tr><th>Post (" + std::to_string(posts.size()) +
         ")</th><th>Captures</th></tr></thead><tbody>\n" + PostRows(collection, posts) +
         "</tbody></table></section>\n";
  return out;
}

}  // namespace

ReplayReply HomePage(const CollectionSet& collections) {
  std::string body = "<h1>Collections</h1>\n<ul class=\"collections\">\n";
  for (const auto& c : collections.All()) {
    body += "<li>" + Link(CollectionPath(c->name()), c->name()) + "</li>\n";
  }
  body += "</ul>\n";
  return HtmlPageReply("Collections", body);
}

ReplayReply CollectionPage(const Collection& collection) {
  std::string body = "<h1>" + EscapeHtml(collection.name()) + "</h1>\n" + SearchForm(collection);
  std::vector<index::ArchivedHost> hosts;
  bool truncated = false;
  if (Status s = index::ListHosts(collection.db(), kMaxHosts, &hosts, &truncated); !s.ok()) {
    return ErrorReply(500, "The index cannot be read", s.message());
  }
  if (hosts.empty()) body += "<p>This collection is empty.</p>\n";
  for (const index::ArchivedHost& host : hosts) body += HostSection(collection, host);
  if (truncated) body += "<p>Only the first " + std::to_string(kMaxHosts) + " hosts are shown.</p>";
  return HtmlPageReply(collection.name(), body);
}

ReplayReply CaptureListPage(const Collection& collection, std::string_view url) {
  std::vector<index::CaptureEntry> captures;
  if (Status s = CapturesOf(collection.db(), url, &captures); !s.ok()) {
    return ErrorReply(400, "Cannot look this up", s.message());
  }
  std::string body = "<h1>Captures of <span class=\"url\">" + EscapeHtml(url) + "</span></h1>\n" +
                     SearchForm(collection);
  if (captures.empty()) {
    ReplayReply reply = HtmlPageReply("Not in the archive", body + "<p>No captures.</p>\n");
    reply.status = 404;
    return reply;
  }
  body += "<p>" + std::to_string(captures.size()) + " captures, newest first.</p>\n";
  body +=
      "<table class=\"captures\"><thead><tr><th>Captured (UTC)</th><th>Status</th>"
      "<th>Type</th><th>URL</th></tr></thead><tbody>\n";
  for (auto it = captures.rbegin(); it != captures.rend(); ++it) {
    const std::string status = it->status > 0 ? std::to_string(it->status) : "–";
    body += "<tr><td>" +
            Link(ArchiveUrl(collection.name(), it->timestamp, "", it->url),
                 DisplayTimestamp(it->timestamp)) +
            "</td><td>" + status + "</td><td>" + EscapeHtml(it->mime) + "</td><td class=\"url\">" +
            EscapeHtml(it->url) + "</td></tr>\n";
  }
  body += "</tbody></table>\n";
  return HtmlPageReply("Captures", body);
}

ReplayReply PrefixListPage(const Collection& collection, std::string_view url_prefix) {
  struct Row {
    std::string urlkey, url, first, last;
    size_t count = 0;
  };
  std::vector<Row> rows;
  size_t scanned = 0;
  index::CdxQuery query;
  query.url = std::string(url_prefix);
  query.match_type = index::MatchType::kPrefix;
  Status s = index::RunCdxQuery(collection.db(), query, [&](const index::CaptureEntry& e) {
    if (rows.empty() || rows.back().urlkey != e.urlkey) {
      if (rows.size() == kMaxPrefixRows) return false;
      rows.push_back(Row{e.urlkey, e.url, e.timestamp, e.timestamp, 0});
    }
    rows.back().last = e.timestamp;
    ++rows.back().count;
    return ++scanned < kMaxPrefixCaptures;
  });
  if (!s.ok()) return ErrorReply(400, "Cannot look this up", s.message());
  std::string body = "<h1>URLs under <span class=\"url\">" + EscapeHtml(url_prefix) +
                     "</span></h1>\n" + SearchForm(collection) + "<p>" +
                     std::to_string(rows.size()) + (rows.size() == kMaxPrefixRows ? "+" : "") +
                     " URLs.</p>\n<table class=\"captures\"><thead><tr><th>URL</th>"
                     "<th>Captures</th><th>First</th><th>Last</th></tr></thead><tbody>\n";
  for (const Row& row : rows) {
    body += "<tr><td class=\"url\">" +
            Link(ArchiveUrl(collection.name(), row.last, "", row.url), row.url) + "</td><td>" +
            Link("/" + collection.name() + "/*/" + row.url, std::to_string(row.count)) +
            "</td><td>" + DisplayTimestamp(row.first) + "</td><td>" + DisplayTimestamp(row.last) +
            "</td></tr>\n";
  }
  body += "</tbody></table>\n";
  return HtmlPageReply("URLs", body);
}

ReplayReply SearchRedirect(const Collection& collection, std::string_view query) {
  std::string_view q = query;
  while (!q.empty() && q.front() == ' ') q.remove_prefix(1);
  while (!q.empty() && q.back() == ' ') q.remove_suffix(1);
  if (q.empty()) return RedirectReply(CollectionPath(collection.name()));
  return RedirectReply("/" + collection.name() + "/*/" + std::string(q));
}

}  // namespace warcrawl::replay
