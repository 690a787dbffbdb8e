// The blog view of an index: each archived post of a host with its captures, and for each
// capture how many of the post's comment pages were captured with it. A comment page
// belongs to the capture of its post nearest in time (a crawl may reach a comment page
// first, from a feed), so "per capture" reads as "per crawl". Roles come from the
// crawler's metadata records (page_annotation.h).
//
// Thread-safety: ListPosts may run concurrently on one IndexDb.
#ifndef WARCRAWL_INDEX_POSTS_QUERY_H_
#define WARCRAWL_INDEX_POSTS_QUERY_H_

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "index/index_db.h"
#include "warc/status.h"

namespace warcrawl::index {

struct PostCapture {
  std::string timestamp;             // 14 digits
  std::set<uint32_t> comment_pages;  // page numbers captured with it
};

struct ArchivedPost {
  std::string url;                    // as first captured
  std::vector<PostCapture> captures;  // oldest first
};

// Posts of `host` (a URL or a bare host name; SURT rules apply, so "www." is the same
// host), ordered by URL key.
Status ListPosts(const IndexDb& db, std::string_view host, std::vector<ArchivedPost>* posts);

struct CommentPageCapture {
  uint32_t page = 0;      // 1-based
  std::string url;        // as captured
  std::string timestamp;  // 14 digits
};

// The captured comment pages of the post at `post_url`, one per page number (the capture
// nearest `timestamp`: the same crawl's), by page number. Only pages whose URLs extend the
// post's are found (WordPress's /comment-page-N/ and ?cpage=N do): it is one prefix scan,
// cheap enough for every replayed post.
Status ListCommentPages(const IndexDb& db, std::string_view post_url, std::string_view timestamp,
                        std::vector<CommentPageCapture>* pages);

}  // namespace warcrawl::index

#endif  // WARCRAWL_INDEX_POSTS_QUERY_H_
