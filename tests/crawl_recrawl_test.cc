// Re-crawls with conditional requests: the second crawl of a blog sends the validators of
// what the archive holds, unchanged pages answer 304 and are archived as server-not-modified
// revisits, the links of those pages are still followed (every post is fetched again, and a
// new comment page is found), replay-side the revisits resolve, and the WARCs pass both
// validators. With fetch.conditionalRequests: false no validator is sent.
#include <gtest/gtest.h>

#include <map>

#include "crawler/revalidation.h"
#include "index/cdx_query.h"
#include "index/posts_query.h"
#include "replay/capture_loader.h"
#include "tests/crawl_harness.h"
#include "tests/fixtures/fixture_server.h"
#include "tests/fixtures/sample_blog.h"

namespace warcrawl::crawler {
namespace {

using fixtures::BlogOptions;
using fixtures::FixtureServer;
using fixtures::FixtureServerOptions;
using fixtures::SampleBlog;
using warc::testing::TempDir;

std::string Config(const std::string& seed, const std::string& extra = "") {
  return "name: recrawl\nseeds: [\"" + seed +
         "\"]\ncontact: \"mailto:a@example.test\"\nworkers: 4\n"
         "politeness:\n  minDelay: 0s\n  maxDelay: 0s\n" +
         extra;
}

class RecrawlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    BlogOptions options;
    options.posts = 4;
    options.threads = {2, 9, 10, 25};
    options.crawl_delay = -1;
    blog_ = std::make_unique<SampleBlog>(options);
    FixtureServerOptions server_options;
    server_options.validators = true;
    server_ = std::make_unique<FixtureServer>(blog_.get(), server_options);
    ASSERT_TRUE(server_->Start().ok());
  }

  TempDir data_;
  std::unique_ptr<SampleBlog> blog_;
  std::unique_ptr<FixtureServer> server_;
};

TEST_F(RecrawlTest, UnchangedPagesAre304RevisitsAndTheirLinksAreStillFollowed) {
  ASSERT_TRUE(testing::RunCrawl(Config(server_->Url("/")), data_.path()).status.ok());
  for (const auto& entry : server_->log().Entries()) {
    EXPECT_EQ(entry.Header("If-None-Match"), "") << "nothing to revalidate yet: " << entry.target;
  }
  const size_t pages_before = blog_->CommentPageUrls(1).size();
  for (int i = 0; i < 10; ++i) {
    int id = 0;
    ASSERT_TRUE(blog_->AddComment(1, "Reader", "A new thread.", &id).ok());
  }
  ASSERT_GT(blog_->CommentPageUrls(1).size(), pages_before);
  server_->log().Clear();
  testing::CrawlRun second = testing::RunCrawl(Config(server_->Url("/")), data_.path());
  ASSERT_TRUE(second.status.ok()) << second.status.ToString();

  size_t conditional = 0, not_modified = 0;
  std::set<std::string> fetched;
  for (const auto& entry : server_->log().Entries()) {
    fetched.insert(entry.target);
    if (entry.target == "/robots.txt") {
      EXPECT_EQ(entry.Header("If-None-Match"), "") << "robots.txt is always fetched whole";
      continue;
    }
    conditional += !entry.Header("If-None-Match").empty();
    not_modified += entry.status == 304;
  }
  EXPECT_GT(conditional, 30u);
  EXPECT_GT(not_modified, 20u);
  for (const std::string& post : blog_->PostUrls()) {
    EXPECT_TRUE(fetched.contains(post)) << "links of 304'd listings were followed to " << post;
  }
  auto captures = testing::CapturesUnder(data_.path(), server_->Url("/"));
  for (const std::string& page : blog_->CommentPageUrls(1)) {
    EXPECT_TRUE(captures.contains(server_->Url(page))) << "the new comment page " << page;
  }
  // An unchanged post: its second capture is a 304 revisit of the first.
  const auto& post = captures[server_->Url(blog_->PostUrls()[0])];
  ASSERT_EQ(post.size(), 2u);
  EXPECT_EQ(post[1].record_type, warc::RecordType::kRevisit);
  EXPECT_EQ(post[1].status, 304);
  EXPECT_EQ(post[1].refers_to_timestamp, post[0].timestamp);
  EXPECT_EQ(post[1].digest, post[0].digest);
  EXPECT_NE(second.log.find("warcRevisit:notModified"), std::string::npos);
  {
    // Replay serves the 304 revisit with the payload and head of the capture it confirms.
    std::unique_ptr<index::IndexDb> db;
    ASSERT_TRUE(index::IndexDb::Open(data_.path() + "/index", &db).ok());
    replay::ArchivedResponse first, confirmed;
    ASSERT_TRUE(replay::CaptureLoader(*db).Load(post[0], &first).ok());
    Status s = replay::CaptureLoader(*db).Load(post[1], &confirmed);
    ASSERT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(confirmed.status, 200);
    EXPECT_EQ(confirmed.entity_body, first.entity_body);
  }
  // The blog view counts the confirmed post as captured twice.
  std::unique_ptr<index::IndexDb> db;
  ASSERT_TRUE(index::IndexDb::Open(data_.path() + "/index", &db).ok());
  std::vector<index::ArchivedPost> posts;
  ASSERT_TRUE(index::ListPosts(*db, server_->Url("/"), &posts).ok());
  for (const auto& p : posts) EXPECT_EQ(p.captures.size(), 2u) << p.url;
  db.reset();
  testing::ExpectValidWarcs(data_.path());
}

TEST_F(RecrawlTest, ConditionalRequestsCanBeTurnedOff) {
  const std::string yaml = Config(server_->Url("/"), "fetch:\n  conditionalRequests: false\n");
  ASSERT_TRUE(testing::RunCrawl(yaml, data_.path()).status.ok());
  server_->log().Clear();
  ASSERT_TRUE(testing::RunCrawl(yaml, data_.path()).status.ok());
  ASSERT_FALSE(server_->log().Entries().empty());
  for (const auto& entry : server_->log().Entries()) {
    EXPECT_EQ(entry.Header("If-None-Match"), "") << entry.target;
    EXPECT_EQ(entry.Header("If-Modified-Since"), "") << entry.target;
    EXPECT_NE(entry.status, 304);
  }
}

}  // namespace
}  // namespace warcrawl::crawler

namespace warcrawl::crawler {
namespace {

TEST(RevalidationTest, ArchivedValidatorsCannotCarryControlBytesIntoARequest) {
  Revalidation r;
  r.etag = "\"v1\"\rX-Injected: yes";
  r.last_modified = "Mon, 01 Jan 2024 00:00:00 GMT";
  EXPECT_EQ(r.RequestHeaders(),
            std::vector<std::string>{"If-Modified-Since: Mon, 01 Jan 2024 00:00:00 GMT"});
  r.etag = "W/\"v2\"";
  r.last_modified.clear();
  EXPECT_EQ(r.RequestHeaders(), std::vector<std::string>{"If-None-Match: W/\"v2\""});
}

}  // namespace
}  // namespace warcrawl::crawler
