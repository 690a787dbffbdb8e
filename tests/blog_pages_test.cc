#include "crawler/blog_pages.h"

#include <gtest/gtest.h>

namespace warcrawl::crawler {
namespace {

TEST(BlogPagesTest, WordPressCommentPagePaths) {
  CommentPageRef ref;
  ASSERT_TRUE(ParseCommentPageUrl("http://b.test/2024/05/01/hello/comment-page-3/#comments", &ref));
  EXPECT_EQ(ref.post_url, "http://b.test/2024/05/01/hello/");
  EXPECT_EQ(ref.page, 3u);
  ASSERT_TRUE(ParseCommentPageUrl("http://b.test/hello/comment-page-12", &ref));
  EXPECT_EQ(ref.post_url, "http://b.test/hello/");
  EXPECT_EQ(ref.page, 12u);
}

TEST(BlogPagesTest, CpageQueryParameter) {
  CommentPageRef ref;
  ASSERT_TRUE(ParseCommentPageUrl("http://b.test/?p=42&cpage=2#comments", &ref));
  EXPECT_EQ(ref.post_url, "http://b.test/?p=42");
  EXPECT_EQ(ref.page, 2u);
  ASSERT_TRUE(ParseCommentPageUrl("http://b.test/hello/?cpage=5", &ref));
  EXPECT_EQ(ref.post_url, "http://b.test/hello/");
  ASSERT_TRUE(ParseCommentPageUrl("http://b.test/hello\\comment-page-3", &ref));
  EXPECT_EQ(ref.post_url, "http://b.test/hello/");
  EXPECT_EQ(ref.page, 3u);
}

TEST(BlogPagesTest, NearMissesAreNotCommentPages) {
  CommentPageRef ref;
  for (const char* url :
       {"http://b.test/hello/", "http://b.test/comment-page-x/", "http://b.test/comment-page-0/",
        "http://b.test/hello/?replytocom=5",
        "http://b.test/?cpage=", "http://b.test/my-comment-page-2-story/x", "not a url"}) {
    EXPECT_FALSE(ParseCommentPageUrl(url, &ref)) << url;
  }
}

TEST(BlogPagesTest, Listings) {
  for (const char* url :
       {"http://b.test/", "http://b.test/page/2/", "http://b.test/category/news/",
        "http://b.test/tag/c/page/3/", "http://b.test/2024/05/", "http://b.test/2024/",
        "http://b.test/?paged=2", "http://b.test/search/label/x", "http://b.test/2024/05/06/",
        "http://b.test/page/2", "http://b.test/a/page/10"}) {
    EXPECT_TRUE(IsListingUrl(url)) << url;
  }
  for (const char* url :
       {"http://b.test/2024/05/01/hello/", "http://b.test/about/", "http://b.test/page-of-history/",
        "http://b.test/2024//", "http://b.test/20245/", "http://b.test/2024/5/",
        "http://b.test/2024/05/06/07/", "http://b.test/mypage/2/", "http://b.test/page/x/",
        "http://b.test/page/"}) {
    EXPECT_FALSE(IsListingUrl(url)) << url;
  }
  // A hostile page's endless path is answered without recursion (std::regex overflowed).
  std::string endless = "http://b.test/";
  for (int i = 0; i < 200000; ++i) endless += "a/";
  EXPECT_FALSE(IsListingUrl(endless));
  EXPECT_TRUE(IsListingUrl(endless + "page/2/"));
}

TEST(BlogPagesTest, FeedUrls) {
  for (const char* url :
       {"http://b.test/feed/", "http://b.test/comments/feed/",
        "http://b.test/2024/05/01/hello/feed/", "http://b.test/feed/atom/",
        "http://b.test/?feed=rss2", "http://b.blogspot.test/feeds/posts/default",
        "http://b.test/atom.xml", "http://b.test/index.xml", "http://b.test/news.rss",
        "http://b.test/rss", "http://b.test/rss.xml", "http://b.test/feed.xml",
        "http://b.test/feed/rdf", "http://b.test/feed\\rss2", "http://b.test/x?a=1&feed"}) {
    EXPECT_TRUE(LooksLikeFeedUrl(url)) << url;
  }
  for (const char* url : {"http://b.test/feeding-cats/", "http://b.test/2024/05/01/hello/"}) {
    EXPECT_FALSE(LooksLikeFeedUrl(url)) << url;
  }
}

TEST(BlogPagesTest, ClassifiesPages) {
  PageSignals none;
  PageSignals post;
  post.has_post_comment_feed = true;
  auto a = ClassifyHtmlPage("http://b.test/hello/comment-page-2/", none);
  EXPECT_EQ(a.role, index::PageRole::kCommentPage);
  EXPECT_EQ(a.post_url, "http://b.test/hello/");
  EXPECT_EQ(a.page_number, 2u);
  EXPECT_EQ(ClassifyHtmlPage("http://b.test/page/2/", post).role, index::PageRole::kArchivePage);
  EXPECT_EQ(ClassifyHtmlPage("http://b.test/hello/", post).role, index::PageRole::kPost);
  EXPECT_EQ(ClassifyHtmlPage("http://b.test/about/", none).role, index::PageRole::kOther);
}

}  // namespace
}  // namespace warcrawl::crawler
