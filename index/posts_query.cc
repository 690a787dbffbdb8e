#include "index/posts_query.h"

#include <algorithm>
#include <map>

#include "index/cdx_query.h"
#include "index/surt.h"

namespace warcrawl::index {
namespace {

struct CommentCapture {
  std::string timestamp;
  uint32_t page = 0;
};

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
    if (e.role == PageRole::kPost && e.status >= 200 && e.status < 300) {
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
      // The latest capture of the post at or before this comment page.
      auto after = std::upper_bound(
          post.captures.begin(), post.captures.end(), c.timestamp,
          [](const std::string& t, const PostCapture& p) { return t < p.timestamp; });
      if (after != post.captures.begin()) std::prev(after)->comment_pages.insert(c.page);
    }
    posts->push_back(std::move(post));
  }
  return Status::OK();
}

}  // namespace warcrawl::index
