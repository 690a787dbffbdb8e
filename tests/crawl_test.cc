// The crawler end to end against the fixture blog on loopback: every post and every comment
// page captured (newest-first and oldest-first), traps not entered, robots.txt first and
// obeyed, pages annotated in the index, the crawl log written, politeness measured on the
// server side, and WARCs that both our validator and warcio.js accept.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "crawler/crawl_engine.h"
#include "index/cdx_query.h"
#include "index/index_db.h"
#include "index/posts_query.h"
#include "tests/crawl_harness.h"
#include "tests/fixtures/fixture_server.h"
#include "tests/fixtures/sample_blog.h"
#include "tests/warc_test_files.h"

namespace warcrawl::crawler {
namespace {

using fixtures::BlogOptions;
using fixtures::FixtureServer;
using fixtures::SampleBlog;
using warc::testing::TempDir;

// A job config for `seed`; `extra` adds top-level YAML lines.
std::string ConfigFor(const std::string& seed, const std::string& extra = "") {
  return "name: test\n"
         "seeds: [\"" +
         seed +
         "\"]\n"
         "contact: \"mailto:archivist@example.test\"\n"
         "scopeType: host\n"
         "workers: 4\n"
         "politeness:\n"
         "  minDelay: 0s\n"
         "  maxDelay: 0s\n"
         "  maxRetries: 1\n"
         "  retryBackoff: 100ms\n" +
         extra;
}

using testing::CrawlRun;

CrawlRun Crawl(const std::string& yaml, const std::string& data_dir) {
  return testing::RunCrawl(yaml, data_dir);
}

class BlogCrawlTest : public ::testing::TestWithParam<bool> {};

TEST_P(BlogCrawlTest, CapturesEveryPostAndCommentPageAndNoTrap) {
  BlogOptions options;
  options.newest_first = GetParam();
  options.crawl_delay = -1;  // no Crawl-delay line: this test is about completeness
  SampleBlog blog(options);
  FixtureServer server(&blog);
  ASSERT_TRUE(server.Start().ok());
  TempDir data;
  CrawlRun run = Crawl(ConfigFor(server.Url("/")), data.path());
  ASSERT_TRUE(run.status.ok()) << run.status.ToString();
  EXPECT_EQ(run.summary.ended_because, "frontier empty");

  auto captures = testing::CapturesUnder(data.path(), server.Url("/"));
  for (const std::string& target : blog.AllUrls()) {
    EXPECT_TRUE(captures.contains(server.Url(target))) << "not captured: " << target;
  }
  for (const std::string& target : blog.TrapUrls()) {
    EXPECT_FALSE(captures.contains(server.Url(target))) << "trap entered: " << target;
  }
  for (const auto& entry : server.log().Entries()) {
    EXPECT_EQ(entry.target.find("replytocom"), std::string::npos) << entry.target;
    EXPECT_NE(entry.target, "/wp-admin/") << "robots.txt disallows it";
    EXPECT_EQ(entry.user_agent.rfind("warcrawl/0.1.0-test (+mailto:archivist@example.test)", 0), 0u)
        << entry.user_agent;
  }
  ASSERT_FALSE(server.log().Entries().empty());
  EXPECT_EQ(server.log().Entries().front().target, "/robots.txt") << "robots.txt comes first";

  // Roles: each post knows how many of its comment pages were captured.
  std::unique_ptr<index::IndexDb> db;
  ASSERT_TRUE(index::IndexDb::Open(data.path() + "/index", &db).ok());
  std::vector<index::ArchivedPost> posts;
  ASSERT_TRUE(index::ListPosts(*db, server.Url("/"), &posts).ok());
  std::map<std::string, size_t> pages_of;
  for (const auto& p : posts) {
    ASSERT_EQ(p.captures.size(), 1u) << p.url;
    pages_of[p.url] = p.captures[0].comment_pages.size();
  }
  std::vector<std::string> post_urls = blog.PostUrls();
  for (int i = 0; i < blog.post_count(); ++i) {
    std::string url = server.Url(post_urls[i]);
    ASSERT_TRUE(pages_of.contains(url)) << "not indexed as a post: " << url;
    EXPECT_EQ(pages_of[url], blog.CommentPageUrls(i).size()) << url;
  }
}

INSTANTIATE_TEST_SUITE_P(CommentOrder, BlogCrawlTest, ::testing::Values(true, false),
                         [](const auto& info) {
                           return info.param ? "NewestFirst" : "OldestFirst";
                         });

TEST(CrawlTest, WarcsPassOurValidatorAndWarcio) {
  BlogOptions options;
  options.posts = 3;
  options.crawl_delay = -1;
  SampleBlog blog(options);
  FixtureServer server(&blog);
  ASSERT_TRUE(server.Start().ok());
  TempDir data;
  CrawlRun run = Crawl(ConfigFor(server.Url("/")), data.path());
  ASSERT_TRUE(run.status.ok()) << run.status.ToString();
  testing::ExpectValidWarcs(data.path());
  std::string robots_line = server.Url("/robots.txt");
  robots_line.append(" P ");
  EXPECT_NE(run.log.find(robots_line), std::string::npos) << run.log;
}

TEST(CrawlTest, PolitenessDelayHoldsOnTheServerSide) {
  BlogOptions options;
  options.posts = 2;
  options.crawl_delay = -1;
  SampleBlog blog(options);
  FixtureServer server(&blog);
  ASSERT_TRUE(server.Start().ok());
  TempDir data;
  std::string yaml = "name: polite\nseeds: [\"" + server.Url("/") +
                     "\"]\ncontact: \"https://example.test/about\"\nworkers: 8\n"
                     "pageLimit: 6\n"
                     "blog:\n  pageRequisites: false\n  feeds: false\n  sitemaps: false\n"
                     "politeness:\n  minDelay: 300ms\n  maxDelay: 300ms\n  connectionsPerHost: 1\n";
  CrawlRun run = Crawl(yaml, data.path());
  ASSERT_TRUE(run.status.ok()) << run.status.ToString();
  ASSERT_GE(server.log().size(), 4u);
  auto gap = server.log().SmallestGap(server.address());
  ASSERT_TRUE(gap.has_value());
  EXPECT_GE(*gap, std::chrono::milliseconds(300) - fixtures::RequestLog::kClockSlack);
}

TEST(CrawlTest, GlobalRequestRateCapHoldsAcrossHosts) {
  BlogOptions options;
  options.posts = 2;
  options.crawl_delay = -1;
  SampleBlog blog(options);
  fixtures::RequestLog log;
  fixtures::FixtureServerOptions a, b;
  a.log = b.log = &log;
  b.address = "127.0.0.2";
  FixtureServer one(&blog, a), two(&blog, b);
  ASSERT_TRUE(one.Start().ok());
  ASSERT_TRUE(two.Start().ok());
  TempDir data;
  std::string yaml =
      "name: capped\ncontact: \"mailto:t@example.test\"\nworkers: 8\n"
      "seeds: [\"" +
      one.Url("/") + "\", \"" + two.Url("/") +
      "\"]\n"
      "pageLimit: 6\nblog:\n  pageRequisites: false\n"
      "politeness:\n  minDelay: 0s\n  maxDelay: 0s\n  connectionsPerHost: 4\n"
      "  maxRequestsPerSecond: 5\n";
  CrawlRun run = Crawl(yaml, data.path());
  ASSERT_TRUE(run.status.ok()) << run.status.ToString();
  std::vector<fixtures::LoggedRequest> entries = log.Entries();
  ASSERT_GE(entries.size(), 8u);
  // Starts are spaced 200 ms apart by the client; in any second the servers see at most 5
  // (6 with scheduling jitter at a window's edges).
  for (size_t i = 0; i < entries.size(); ++i) {
    size_t in_window = 0;
    for (size_t j = i; j < entries.size(); ++j) {
      if (entries[j].arrived - entries[i].arrived < std::chrono::seconds(1)) ++in_window;
    }
    EXPECT_LE(in_window, 6u) << "from request " << i;
  }
}

TEST(CrawlTest, RobotsCrawlDelayIsHonoured) {
  BlogOptions options;
  options.posts = 1;
  options.crawl_delay = 0.4;
  SampleBlog blog(options);
  FixtureServer server(&blog);
  ASSERT_TRUE(server.Start().ok());
  TempDir data;
  CrawlRun run = Crawl(ConfigFor(server.Url("/"), "pageLimit: 3\nblog:\n  pageRequisites: false\n"),
                       data.path());
  ASSERT_TRUE(run.status.ok()) << run.status.ToString();
  ASSERT_GE(server.log().size(), 3u);
  auto gap = server.log().SmallestGap(server.address());
  ASSERT_TRUE(gap.has_value());
  EXPECT_GE(*gap, std::chrono::milliseconds(400) - fixtures::RequestLog::kClockSlack);
}

}  // namespace
}  // namespace warcrawl::crawler
