// A real browser on replay: headless Chromium (driven by tests/browser/cdp_browse.py over
// the DevTools protocol) opens a replayed post, clicks the banner's link to the post's
// comment page 2, and keeps a screenshot. Every request it made must go to the replay
// origin, and the live site, still up, must receive none: nothing escapes the archive.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "index/cdx_query.h"
#include "replay/collection.h"
#include "replay/replay_server.h"
#include "tests/crawl_harness.h"
#include "tests/fixtures/fixture_server.h"
#include "tests/fixtures/sample_blog.h"
#include "tests/run_command.h"

namespace warcrawl::replay {
namespace {

using nlohmann::json;
using warc::testing::TempDir;

TEST(ReplayBrowserTest, APostAndItsSecondCommentPageReplayWithNothingEscaping) {
  if (std::getenv("WARCRAWL_SKIP_BROWSER") != nullptr) {
    GTEST_SKIP() << "WARCRAWL_SKIP_BROWSER is set";
  }
  ASSERT_EQ(testing::RunCommand("command -v chromium").exit_code, 0)
      << "chromium is missing: run scripts/install-deps (or set WARCRAWL_SKIP_BROWSER=1)";
  fixtures::BlogOptions options;
  options.posts = 3;
  options.threads = {25, 2, 4};  // post 0: three pages of comments
  options.crawl_delay = -1;
  fixtures::SampleBlog blog(options);
  fixtures::FixtureServer site(&blog);
  ASSERT_TRUE(site.Start().ok());
  TempDir data;
  const std::string yaml = "name: browser\nseeds: [\"" + site.Url("/") +
                           "\"]\ncontact: \"mailto:a@example.test\"\nworkers: 4\n"
                           "politeness:\n  minDelay: 0s\n  maxDelay: 0s\n";
  ASSERT_TRUE(testing::RunCrawl(yaml, data.path()).status.ok());

  std::unique_ptr<Collection> collection;
  ASSERT_TRUE(Collection::Open("blog", data.path(), &collection).ok());
  const std::string post = site.Url(blog.PostUrls()[0]);
  std::string timestamp;
  index::CdxQuery query;
  query.url = post;
  ASSERT_TRUE(index::RunCdxQuery(collection->db(), query, [&](const index::CaptureEntry& e) {
                timestamp = e.timestamp;
                return false;
              }).ok());
  CollectionSet collections;
  ASSERT_TRUE(collections.Add(std::move(collection)).ok());
  ReplayServerOptions server_options;
  server_options.port = 0;
  ReplayServer server(collections, server_options);
  int port = 0;
  ASSERT_TRUE(server.Bind(&port).ok());
  std::thread runner([&] { EXPECT_TRUE(server.Run().ok()); });
  const std::string origin = "http://127.0.0.1:" + std::to_string(port) + "/";

  site.log().Clear();
  const std::string shots = std::string(WARCRAWL_BINARY_DIR) + "/tests/artifacts";
  std::filesystem::create_directories(shots);
  const std::string shot = shots + "/replay-comment-page-2.png";
  std::filesystem::remove(shot);
  testing::CommandResult browse =
      testing::RunCommand("/usr/bin/python3 " + std::string(WARCRAWL_SOURCE_DIR) +
                          "/tests/browser/cdp_browse.py '" + origin + "blog/" + timestamp + "/" +
                          post + "' '#wcr-banner .wcr-comments a:nth-of-type(2)' '" + shot + "'");
  server.Stop();
  runner.join();
  ASSERT_EQ(browse.exit_code, 0) << browse.out;
  json result = json::parse(browse.out, nullptr, false);
  ASSERT_FALSE(result.is_discarded()) << browse.out;

  EXPECT_EQ(site.log().size(), 0u) << "a request reached the live site";
  size_t stylesheets = 0, images = 0;
  for (const auto& request : result["requests"]) {
    const std::string url = request.get<std::string>();
    const bool local = url.starts_with(origin) || url.starts_with("data:") ||
                       url.starts_with("about:") || url.starts_with("blob:");
    EXPECT_TRUE(local) << "escaped the replay origin: " << url;
    stylesheets += url.find("cs_/") != std::string::npos;
    images += url.find("im_/") != std::string::npos;
  }
  EXPECT_GE(stylesheets, 2u) << "the theme's stylesheet, on both pages";
  EXPECT_GE(images, 4u);
  EXPECT_TRUE(result["failed"].empty()) << result["failed"].dump();
  const std::string page_two = site.Url(blog.PostUrls()[0] + "comment-page-2/");
  EXPECT_TRUE(result["final_url"].get<std::string>().ends_with("/" + page_two))
      << result["final_url"];
  const std::string text = result["text_sample"];
  EXPECT_NE(text.find("comment pages captured"), std::string::npos) << "the banner is there";
  std::vector<std::string> expected_ids;
  for (int id : blog.CommentIdsOnPage(0, 2))
    expected_ids.push_back("comment-" + std::to_string(id));
  EXPECT_EQ(result["comment_ids"].get<std::vector<std::string>>(), expected_ids)
      << "the browser shows comment page 2 as it was";
  std::ifstream png(shot, std::ios::binary);
  std::string magic(8, '\0');
  png.read(magic.data(), 8);
  EXPECT_EQ(magic, "\x89PNG\r\n\x1a\n") << "a screenshot is kept at " << shot;
  EXPECT_GT(std::filesystem::file_size(shot), 20000u);
}

}  // namespace
}  // namespace warcrawl::replay
