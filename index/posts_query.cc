#include "index/posts_query.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "index/cdx_query.h"
#include "index/surt.h"
#include "index/timestamp.h"

namespace warcrawl::index {
namespace {

struct CommentCapture {
  std::string timestamp;
  uint32_t page = 0;
};

// The capture of the post closest in time to a comment page's: the same crawl's.
PostCapture* Nearest(std::vector<PostCapture>& captures, const std::string& timestamp) {
  auto after =
      std::upper_bound(captures.begin(), captures.end(), timestamp,
                       [](const std::string& t, const PostCapture& p) { return t < p.timestamp; });
  if (after == captures.begin()) return &*after;
  auto before = std::prev(after);
  if (after == captures.end()) return &*before;
  int64_t t = TimestampSeconds(timestamp);
  return t - TimestampSeconds(before->timestamp) <= TimestampSeconds(after->timestamp) - t
             ? &*before
             : &*after;
}

std::string KeyOf(const std::string& url) {
  std::string key;
  return SurtKey(url, &key).ok() ? key : url;
}

}  // namespace

Status ListPosts(const IndexDb& db, std::string_view host, std::vector<ArchivedPost>* posts) {
  CdxQuery query;
  query.url = std::string(host);
  if (query.url.find("://") == std::string::npos) query.url = "http://" + query.url + "/";
  query.match_type = MatchType::kHost;
  std::map<std::string, ArchivedPost> by_key;
  std::map<std::string, std::vector<CommentCapture>> comments;  // by post key
  Status s = RunCdxQuery(db, query, [&](const CaptureEntry& e) {
    // A 304 revisit confirms the post as it was: a capture of it all the same.
    const bool confirmed = e.status == 304 && e.record_type == warc::RecordType::kRevisit;
    if (e.role == PageRole::kPost && ((e.status >= 200 && e.status < 300) || confirmed)) {
      ArchivedPost& post = by_key[e.urlkey];
      if (post.url.empty()) post.url = e.url;
      post.captures.push_back(PostCapture{e.timestamp, {}});
    } else if (e.role == PageRole::kCommentPage && !e.post_url.empty()) {
      comments[KeyOf(e.post_url)].push_back(CommentCapture{e.timestamp, e.page_number});
    }
    return true;
  });
  if (!s.ok()) return s;
  for (auto& [key, post] : by_key) {
    std::sort(post.captures.begin(), post.captures.end(),
              [](const PostCapture& a, const PostCapture& b) { return a.timestamp < b.timestamp; });
    for (const CommentCapture& c : comments[key]) {
      Nearest(post.captures, c.timestamp)->comment_pages.insert(c.page);
    }
    posts->push_back(std::move(post));
  }
  return Status::OK();
}

Status ListCommentPages(const IndexDb& db, std::string_view post_url, std::string_view timestamp,
                        std::vector<CommentPageCapture>* pages) {
  CdxQuery query;
  query.url = std::string(post_url);
  query.match_type = MatchType::kPrefix;
  const std::string post_key = KeyOf(query.url);
  const int64_t target = TimestampSeconds(timestamp);
  std::map<uint32_t, CommentPageCapture> by_page;
  Status s = RunCdxQuery(db, query, [&](const CaptureEntry& e) {
    // The same spelling needs no SURT key (the common case: one crawl names its post once).
    if (e.role != PageRole::kCommentPage || e.page_number == 0 ||
        (e.post_url != post_url && KeyOf(e.post_url) != post_key)) {
      return true;
    }
    auto [it, added] = by_page.try_emplace(e.page_number);
    CommentPageCapture& best = it->second;
    if (added || std::llabs(TimestampSeconds(e.timestamp) - target) <
                     std::llabs(TimestampSeconds(best.timestamp) - target)) {
      best = CommentPageCapture{e.page_number, e.url, e.timestamp};
    }
    return true;
  });
  if (!s.ok()) return s;
  pages->clear();
  for (auto& [page, capture] : by_page) pages->push_back(std::move(capture));
  return Status::OK();
}

}  // namespace warcrawl::index
