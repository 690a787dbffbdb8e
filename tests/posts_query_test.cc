#include "index/posts_query.h"

#include <gtest/gtest.h>

#include "index/hosts_query.h"
#include "index/indexer.h"
#include "index/page_annotation.h"
#include "tests/warc_test_files.h"
#include "warc/record_builder.h"
#include "warc/writer.h"

namespace warcrawl::index {
namespace {

using warc::testing::TempDir;

struct Page {
  std::string url;
  std::string date;
  PageAnnotation annotation;
};

// Each page: a response, then the crawler's metadata record naming its role.
std::string WriteCrawl(const TempDir& dir, const std::vector<Page>& pages) {
  warc::WriterOptions options;
  options.directory = dir.path();
  std::unique_ptr<warc::WarcWriter> writer;
  EXPECT_TRUE(warc::WarcWriter::Open(options, &writer).ok());
  warc::RecordLocation loc;
  for (const Page& page : pages) {
    warc::TimePoint t;
    EXPECT_TRUE(warc::ParseWarcDate(page.date, &t).ok());
    std::string block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page.url;
    warc::Capture capture{page.url, t, "", ""};
    warc::RecordHeader response;
    EXPECT_TRUE(warc::BuildResponseHeader(capture, block, {}, &response).ok());
    EXPECT_TRUE(writer->Write(response, block, &loc).ok());
    warc::RecordHeader metadata = warc::BuildMetadataHeader(capture, response.record_id(), {});
    EXPECT_TRUE(writer->Write(metadata, FormatPageAnnotation(page.annotation), &loc).ok());
  }
  EXPECT_TRUE(writer->Close().ok());
  return dir.File(loc.filename);
}

TEST(PostsQueryTest, CommentPagesCountPerCaptureOfTheirPost) {
  const std::string post = "http://www.blog.test/2024/01/02/hello/";
  auto comments = [&](uint32_t n) { return PageAnnotation{PageRole::kCommentPage, post, n}; };
  TempDir dir;
  std::string warc = WriteCrawl(
      dir, {
               {"http://blog.test/", "2024-03-01T10:00:00Z", {PageRole::kArchivePage, "", 0}},
               // Reached from a feed before the post itself.
               {post + "comment-page-4/", "2024-03-01T09:59:59Z", comments(4)},
               {post, "2024-03-01T10:00:01Z", {PageRole::kPost, "", 0}},
               {post + "comment-page-2/", "2024-03-01T10:00:02Z", comments(2)},
               {post + "comment-page-1/", "2024-03-01T10:00:03Z", comments(1)},
               {"http://blog.test/other/", "2024-03-01T10:00:04Z", {PageRole::kPost, "", 0}},
               // A re-crawl a month later finds a third page of comments.
               {post, "2024-04-01T10:00:00Z", {PageRole::kPost, "", 0}},
               {post + "comment-page-3/", "2024-04-01T10:00:01Z", comments(3)},
               {post + "comment-page-2/", "2024-04-01T10:00:02Z", comments(2)},
               {post + "comment-page-1/", "2024-04-01T10:00:03Z", comments(1)},
               {"http://elsewhere.test/x/", "2024-04-01T10:00:04Z", {PageRole::kPost, "", 0}},
           });
  std::unique_ptr<IndexDb> db;
  ASSERT_TRUE(IndexDb::Open(dir.File("index"), &db).ok());
  Indexer indexer(db.get());
  IngestStats stats;
  ASSERT_TRUE(indexer.IndexFile(warc, &stats).ok());

  std::vector<ArchivedPost> posts;
  ASSERT_TRUE(ListPosts(*db, "blog.test", &posts).ok());
  ASSERT_EQ(posts.size(), 2u) << "the listing is no post; elsewhere.test is another host";
  EXPECT_EQ(posts[0].url, post);
  ASSERT_EQ(posts[0].captures.size(), 2u);
  EXPECT_EQ(posts[0].captures[0].timestamp, "20240301100001");
  EXPECT_EQ(posts[0].captures[0].comment_pages, (std::set<uint32_t>{1, 2, 4}));
  EXPECT_EQ(posts[0].captures[1].timestamp, "20240401100000");
  EXPECT_EQ(posts[0].captures[1].comment_pages, (std::set<uint32_t>{1, 2, 3}));
  EXPECT_EQ(posts[1].url, "http://blog.test/other/");
  EXPECT_TRUE(posts[1].captures[0].comment_pages.empty());

  // The banner of the April capture links that crawl's comment pages, and page 4 from March.
  std::vector<CommentPageCapture> pages;
  ASSERT_TRUE(ListCommentPages(*db, post, "20240401100000", &pages).ok());
  ASSERT_EQ(pages.size(), 4u);
  EXPECT_EQ(pages[0].page, 1u);
  EXPECT_EQ(pages[0].timestamp, "20240401100003");
  EXPECT_EQ(pages[1].url, post + "comment-page-2/");
  EXPECT_EQ(pages[1].timestamp, "20240401100002");
  EXPECT_EQ(pages[3].page, 4u);
  EXPECT_EQ(pages[3].timestamp, "20240301095959");
  ASSERT_TRUE(ListCommentPages(*db, post, "20240301100001", &pages).ok());
  ASSERT_EQ(pages.size(), 4u);
  EXPECT_EQ(pages[0].timestamp, "20240301100003");
  ASSERT_TRUE(ListCommentPages(*db, "http://blog.test/other/", "2024", &pages).ok());
  EXPECT_TRUE(pages.empty());

  std::vector<ArchivedHost> hosts;
  bool truncated = true;
  ASSERT_TRUE(ListHosts(*db, 0, &hosts, &truncated).ok());
  ASSERT_EQ(hosts.size(), 2u) << "www.blog.test and blog.test are one host";
  EXPECT_FALSE(truncated);
  EXPECT_EQ(hosts[0].surt_host, "test,blog");
  EXPECT_EQ(hosts[0].first_url, "http://blog.test/");
  EXPECT_EQ(hosts[1].surt_host, "test,elsewhere");
  ASSERT_TRUE(ListHosts(*db, 1, &hosts, &truncated).ok());
  EXPECT_EQ(hosts.size(), 1u);
  EXPECT_TRUE(truncated);
}

}  // namespace
}  // namespace warcrawl::index
