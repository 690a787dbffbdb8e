// Replay end to end: the fixture blog is crawled twice (a comment added in between, so the
// second crawl finds a new comment page and stores unchanged pages as revisits), then every
// captured post and comment page is replayed through the service and over HTTP: status 200,
// links pointing into the archive, Memento headers and TimeMaps, revisits and redirects, the
// CDX API, the browse pages and the guards against escaping the archive.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <regex>
#include <set>
#include <thread>

#include "index/cdx_query.h"
#include "replay/collection.h"
#include "replay/replay_server.h"
#include "replay/replay_service.h"
#include "tests/crawl_harness.h"
#include "tests/fixtures/fixture_server.h"
#include "tests/fixtures/sample_blog.h"

namespace warcrawl::replay {
namespace {

using fixtures::BlogOptions;
using fixtures::FixtureServer;
using fixtures::SampleBlog;
using warc::testing::TempDir;

// Seeds the blog's root, and two URLs nothing links: a 301 (comment page 1 of an oldest-first
// thread is the post itself) and a URL with a query string.
std::string CrawlConfig(const std::string& root, const std::string& post) {
  return "name: replay\nseeds: [\"" + root + "\", \"" + post + "comment-page-1/\", \"" + post +
         "?cpage=2\"]\ncontact: \"mailto:archivist@example.test\"\nscopeType: host\nworkers: 4\n"
         "politeness:\n  minDelay: 0s\n  maxDelay: 0s\n";
}

class ReplayTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    BlogOptions options;
    options.posts = 4;
    options.threads = {0, 3, 12, 25};
    options.newest_first = false;  // page 1 is a 301 to the post: a redirect to replay
    options.crawl_delay = -1;
    blog_ = new SampleBlog(options);
    server_ = new FixtureServer(blog_);
    data_ = new TempDir;
    ASSERT_TRUE(server_->Start().ok());
    ASSERT_TRUE(
        testing::RunCrawl(CrawlConfig(server_->Url("/"), server_->Url(blog_->PostUrls()[3])),
                          data_->path())
            .status.ok());
    // One more thread on the last post fills a new comment page for the second crawl; a
    // second apart, so the crawls' captures have different timestamps.
    for (int i = 0; i < 10; ++i) {
      int id = 0;
      ASSERT_TRUE(blog_->AddComment(3, "Late Reader", "Still relevant.", &id).ok());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    ASSERT_TRUE(
        testing::RunCrawl(CrawlConfig(server_->Url("/"), server_->Url(blog_->PostUrls()[3])),
                          data_->path())
            .status.ok());
    std::unique_ptr<Collection> collection;
    ASSERT_TRUE(Collection::Open("blog", data_->path(), &collection).ok());
    collections_ = new CollectionSet;
    ASSERT_TRUE(collections_->Add(std::move(collection)).ok());
    service_ = new ReplayService(*collections_);
  }
  static void TearDownTestSuite() {
    delete service_;
    delete collections_;
    delete server_;
    delete blog_;
    delete data_;
  }

  static ReplayReply Get(const std::string& target, const std::string& accept_datetime = "") {
    ReplayRequest request;
    request.target = target;
    request.accept_datetime = accept_datetime;
    request.origin = "http://replay.test";
    return service_->Handle(request);
  }

  // Captures of a live URL, oldest first.
  static std::vector<index::CaptureEntry> CapturesOf(const std::string& target) {
    std::vector<index::CaptureEntry> out;
    index::CdxQuery query;
    query.url = server_->Url(target);
    EXPECT_TRUE(index::RunCdxQuery(collections_->Find("blog")->db(), query,
                                   [&](const index::CaptureEntry& e) {
                                     out.push_back(e);
                                     return true;
                                   })
                    .ok());
    return out;
  }

  static std::string Replay(const index::CaptureEntry& c, const std::string& mod = "") {
    return "/blog/" + c.timestamp + mod + "/" + c.url;
  }

  static SampleBlog* blog_;
  static FixtureServer* server_;
  static TempDir* data_;
  static CollectionSet* collections_;
  static ReplayService* service_;
};

SampleBlog* ReplayTest::blog_ = nullptr;
FixtureServer* ReplayTest::server_ = nullptr;
TempDir* ReplayTest::data_ = nullptr;
CollectionSet* ReplayTest::collections_ = nullptr;
ReplayService* ReplayTest::service_ = nullptr;

// Every URL in an href, src or action attribute of the page.
std::vector<std::string> LinksIn(const std::string& html) {
  static const std::regex kAttr(R"re(\s(?:href|src|action|data-src)\s*=\s*"([^"]*)")re",
                                std::regex::icase);
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), kAttr);
       it != std::sregex_iterator(); ++it) {
    out.push_back((*it)[1]);
  }
  return out;
}

TEST_F(ReplayTest, EveryPostAndCommentPageReplaysWithLinksIntoTheArchive) {
  std::vector<std::string> pages = blog_->PostUrls();
  for (int post = 0; post < blog_->post_count(); ++post) {
    for (const std::string& url : blog_->CommentPageUrls(post)) pages.push_back(url);
  }
  ASSERT_GE(pages.size(), 8u);
  for (const std::string& target : pages) {
    std::vector<index::CaptureEntry> captures = CapturesOf(target);
    ASSERT_FALSE(captures.empty()) << target;
    for (const index::CaptureEntry& capture : captures) {
      ReplayReply reply = Get(Replay(capture));
      ASSERT_EQ(reply.status, 200) << Replay(capture) << "\n" << reply.body;
      EXPECT_NE(reply.body.find("id=\"wcr-banner\""), std::string::npos) << target;
      EXPECT_NE(reply.Header("Content-Security-Policy").find("default-src 'self'"),
                std::string::npos);
      const std::vector<std::string> links = LinksIn(reply.body);
      EXPECT_GT(links.size(), 10u) << target;
      for (const std::string& link : links) {
        const bool inside = link.starts_with("/blog/") || link.starts_with("/_static/") ||
                            link.starts_with("#") || link.starts_with("mailto:") ||
                            link.starts_with("data:");
        EXPECT_TRUE(inside) << target << " links out of the archive: " << link;
        EXPECT_EQ(link.find(server_->origin() + "/", 0) == 0, false) << link;
      }
    }
  }
}

TEST_F(ReplayTest, ThePageIsTheArchivedPageWithOnlyItsUrlsChanged) {
  const std::string target = blog_->PostUrls()[1];
  const index::CaptureEntry first = CapturesOf(target).front();
  ReplayReply original = Get(Replay(first, "id_"));
  ASSERT_EQ(original.status, 200);
  EXPECT_EQ(original.body, blog_->Get(target, server_->origin()).body)
      << "id_ serves the archived payload (decoded: the client accepted no coding)";
  EXPECT_EQ(original.Header("X-Archive-Orig-Vary"), "Accept-Encoding");
  EXPECT_EQ(original.Header("Content-Encoding"), "");
  ReplayRequest gzip_ok;
  gzip_ok.target = Replay(first, "id_");
  gzip_ok.accept_encoding = "gzip, deflate";
  EXPECT_EQ(service_->Handle(gzip_ok).Header("Content-Encoding"), "gzip");

  ReplayReply page = Get(Replay(first));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("href=\"/blog/" + first.timestamp + "/" + server_->origin()),
            std::string::npos)
      << "root-relative links resolve against the archived URL, at the page's time";
  EXPECT_NE(page.body.find("/blog/" + first.timestamp + "cs_/" + server_->origin()),
            std::string::npos)
      << "stylesheets get cs_";
  EXPECT_EQ(page.Header("Content-Type"), "text/html; charset=UTF-8");
}

TEST_F(ReplayTest, PartialTimestampsRedirectToTheNearestCapture) {
  const std::string url = server_->Url(blog_->PostUrls()[0]);
  std::vector<index::CaptureEntry> captures = CapturesOf(blog_->PostUrls()[0]);
  ASSERT_EQ(captures.size(), 2u) << "one capture per crawl";
  ReplayReply latest = Get("/blog/" + url);
  EXPECT_EQ(latest.status, 302);
  EXPECT_EQ(latest.Header("Location"), Replay(captures.back()));
  ReplayReply oldest = Get("/blog/1999/" + url);
  EXPECT_EQ(oldest.Header("Location"), Replay(captures.front()));
  EXPECT_EQ(Get("/blog/" + captures.front().timestamp + "/" + url).status, 200);
  // Subresources are served at once, from the nearest capture.
  EXPECT_EQ(Get("/blog/1999im_/" + url).status, 200);
}

TEST_F(ReplayTest, MementoHeadersTimeGateAndTimeMaps) {
  const std::string url = server_->Url(blog_->PostUrls()[2]);
  std::vector<index::CaptureEntry> captures = CapturesOf(blog_->PostUrls()[2]);
  ASSERT_EQ(captures.size(), 2u);
  ReplayReply first = Get(Replay(captures[0]));
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.Header("Memento-Datetime").size(), 29u) << first.Header("Memento-Datetime");
  const std::string link = first.Header("Link");
  EXPECT_NE(link.find("<" + url + ">; rel=\"original\""), std::string::npos) << link;
  EXPECT_NE(link.find("timegate"), std::string::npos) << link;
  EXPECT_NE(link.find("rel=\"timemap\""), std::string::npos) << link;
  EXPECT_NE(link.find("first memento"), std::string::npos) << link;
  EXPECT_NE(link.find("next"), std::string::npos) << link;

  // TimeGate: Accept-Datetime far in the past picks the first capture.
  ReplayReply gate = Get("/blog/timegate/" + url, "Thu, 01 Jan 1998 00:00:00 GMT");
  EXPECT_EQ(gate.status, 302);
  EXPECT_EQ(gate.Header("Location"), Replay(captures[0]));
  EXPECT_EQ(gate.Header("Vary"), "accept-datetime");
  EXPECT_EQ(Get("/blog/timegate/" + url, "not a date").status, 400);

  ReplayReply map = Get("/blog/timemap/link/" + url);
  ASSERT_EQ(map.status, 200);
  EXPECT_EQ(map.Header("Content-Type"), "application/link-format");
  for (const auto& c : captures) {
    EXPECT_NE(map.body.find("/blog/" + c.timestamp + "/" + url + ">; rel="), std::string::npos)
        << map.body;
  }
  EXPECT_EQ(Get("/blog/timemap/json/" + url).status, 200);
  EXPECT_EQ(Get("/blog/timemap/link/" + server_->Url("/never/")).status, 404);
}

TEST_F(ReplayTest, RevisitsReplayTheOriginalPayload) {
  const std::string target = blog_->PostUrls()[0];
  std::vector<index::CaptureEntry> captures = CapturesOf(target);
  ASSERT_EQ(captures.size(), 2u);
  ASSERT_EQ(captures[1].record_type, warc::RecordType::kRevisit)
      << "an unchanged page is a revisit in the second crawl";
  EXPECT_EQ(captures[1].status, 200) << "the revisit's own head is indexed";
  ReplayReply original = Get(Replay(captures[0], "id_"));
  ReplayReply revisit = Get(Replay(captures[1], "id_"));
  ASSERT_EQ(revisit.status, 200) << revisit.body;
  EXPECT_EQ(revisit.body, original.body);
  EXPECT_EQ(revisit.Header("Memento-Datetime"), revisit.Header("Memento-Datetime"));
  EXPECT_NE(revisit.Header("Memento-Datetime"), original.Header("Memento-Datetime"));
}

TEST_F(ReplayTest, RedirectsReplayIntoTheArchiveAtTheSameTime) {
  const std::string post = blog_->PostUrls()[3];
  std::vector<index::CaptureEntry> captures = CapturesOf(post + "comment-page-1/");
  ASSERT_FALSE(captures.empty());
  ASSERT_EQ(captures[0].status, 301);
  ReplayReply reply = Get(Replay(captures[0]));
  EXPECT_EQ(reply.status, 301);
  EXPECT_EQ(reply.Header("Location"), "/blog/" + captures[0].timestamp + "/" + server_->Url(post));
}

TEST_F(ReplayTest, TheBannerOfAPostLinksItsCapturedCommentPages) {
  const std::string post = blog_->PostUrls()[3];
  std::vector<index::CaptureEntry> captures = CapturesOf(post);
  ReplayReply reply = Get(Replay(captures.back()));
  const size_t banner = reply.body.find("id=\"wcr-banner\"");
  ASSERT_NE(banner, std::string::npos);
  const std::string text = reply.body.substr(banner, reply.body.find("</div>", banner) - banner);
  EXPECT_NE(text.find("comment pages captured:"), std::string::npos) << text;
  for (const std::string& page : blog_->CommentPageUrls(3)) {
    const std::string href = server_->Url(page).append("\"");
    EXPECT_NE(text.find(href), std::string::npos) << page << "\n" << text;
  }
}

TEST_F(ReplayTest, CdxApiAnswersAsPywbDoes) {
  const std::string url = server_->Url(blog_->PostUrls()[0]);
  ReplayReply cdxj = Get("/blog/cdx?url=" + url);
  ASSERT_EQ(cdxj.status, 200);
  EXPECT_EQ(std::count(cdxj.body.begin(), cdxj.body.end(), '\n'), 2);
  ReplayReply json = Get("/blog/cdx?url=" + url + "&output=json&limit=1");
  EXPECT_EQ(std::count(json.body.begin(), json.body.end(), '\n'), 1);
  EXPECT_EQ(json.body.rfind("{\"urlkey\": ", 0), 0u) << json.body;
  ReplayReply prefix = Get("/blog/cdx?url=" + server_->Url("/") + "&matchType=prefix&output=cdx");
  EXPECT_GT(std::count(prefix.body.begin(), prefix.body.end(), '\n'), 40);
  EXPECT_EQ(Get("/blog/cdx?url=" + url + "&matchType=nope").status, 400);
  EXPECT_EQ(Get("/blog/cdx?limit=3").status, 400) << "url is required";
}

TEST_F(ReplayTest, BrowsePagesListCollectionsPostsAndCaptures) {
  ReplayReply home = Get("/");
  ASSERT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("href=\"/blog/\""), std::string::npos);
  ReplayReply collection = Get("/blog/");
  ASSERT_EQ(collection.status, 200);
  for (const std::string& post : blog_->PostUrls()) {
    EXPECT_NE(collection.body.find(server_->Url(post)), std::string::npos) << post;
  }
  EXPECT_NE(
      collection.body.find(std::to_string(blog_->CommentPageUrls(3).size()) + " comment pages"),
      std::string::npos);
  ReplayReply list = Get("/blog/*/" + server_->Url(blog_->PostUrls()[0]));
  EXPECT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("2 captures"), std::string::npos);
  ReplayReply prefix = Get("/blog/*/" + server_->Url("/") + "*");
  EXPECT_EQ(prefix.status, 200);
  EXPECT_NE(prefix.body.find(server_->Url(blog_->PostUrls()[3])), std::string::npos);
  ReplayReply search = Get("/blog/search?q=" + server_->Url("/"));
  EXPECT_EQ(search.status, 302);
  EXPECT_EQ(Get("/_static/browse.css").status, 200);
  EXPECT_EQ(Get("/favicon.ico").status, 204) << "browsers ask for it on every origin";
}

TEST_F(ReplayTest, NothingOutsideTheArchiveIsServed) {
  for (const char* target :
       {"/../../../../etc/passwd", "/..%2f..%2fetc/passwd", "/blog/..%2f..%2f/etc/passwd",
        "/_static/../../etc/passwd", "/%2e%2e/index", "/nope/2020/http://example.test/"}) {
    ReplayReply reply = Get(target);
    EXPECT_TRUE(reply.status == 400 || reply.status == 404) << target << " " << reply.status;
    EXPECT_EQ(reply.body.find("root:"), std::string::npos) << target;
  }
  EXPECT_EQ(Get("/blog/2020/" + server_->Url("/never-captured/")).status, 404);
  ReplayRequest post;
  post.method = "POST";
  post.target = "/blog/";
  EXPECT_EQ(service_->Handle(post).status, 405) << "a collection's page takes no POST";
  post.target = "/blog/2020/" + server_->Url("/");
  post.content_type = "application/x-www-form-urlencoded";
  post.body = "q=x";
  ReplayReply reply = service_->Handle(post);
  EXPECT_EQ(reply.status, 404) << "looked up by method and body; the blog took no POST";
  EXPECT_NE(reply.body.find("__wb_method=POST"), std::string::npos) << reply.body;
}

TEST_F(ReplayTest, ServesOverHttpOnLoopback) {
  ReplayServerOptions options;
  options.port = 0;
  options.threads = 2;
  ReplayServer replay(*collections_, options);
  int port = 0;
  ASSERT_TRUE(replay.Bind(&port).ok());
  std::thread runner([&] { EXPECT_TRUE(replay.Run().ok()); });
  httplib::Client client("127.0.0.1", port);
  const index::CaptureEntry capture = CapturesOf(blog_->PostUrls()[1]).front();
  // The archived URL's own query string must survive httplib's parsing.
  auto page = client.Get(Replay(capture));
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("wcr-banner"), std::string::npos);
  const std::string cpage = server_->Url(blog_->PostUrls()[3] + "?cpage=2");
  auto by_query = client.Get("/blog/" + cpage);
  ASSERT_TRUE(by_query);
  EXPECT_EQ(by_query->status, 302);
  EXPECT_NE(by_query->get_header_value("Location").find("?cpage=2"), std::string::npos);
  auto huge = client.Get("/blog/" + std::string(20000, 'a'));
  ASSERT_TRUE(huge);
  EXPECT_GE(huge->status, 400);
  auto again = client.Get("/");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200) << "still serving after a bad request";
  replay.Stop();
  runner.join();
}

}  // namespace
}  // namespace warcrawl::replay
