// Checks the loopback fixtures the crawler's tests stand on: the sample blog (WordPress
// comment paging, links, feeds, robots, assets, export). The servers and the
// warcrawl-sample-blog tool are checked in fixtures/fixture_server_test.cc and
// fixtures/hostile_server_test.cc, linked into the same executable.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <zlib.h>

#include <deque>
#include <memory>
#include <regex>
#include <set>

#include "crawler/robots.h"
#include "tests/fixtures/sample_blog.h"
#include "tests/warc_test_files.h"

namespace warcrawl::fixtures {
namespace {

using ::testing::ElementsAreArray;

constexpr std::string_view kBase = "http://blog.test";

std::vector<std::string> Matches(const std::string& text, const std::regex& re) {
  std::vector<std::string> out;
  for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) {
    out.push_back((*it)[1]);
  }
  return out;
}

// The site's targets a crawler finds in a response: href/src/data-src/srcset, CSS url()
// (relative to the stylesheet), XML <loc>/<link>/<comments>/<wfw:commentRss>, and robots
// Sitemap lines. Fragments are dropped; data: URIs and other sites skipped.
std::set<std::string> Links(const std::string& url, const BlogResponse& r) {
  static const std::regex kAttr(R"re((?:href|src|data-src)="([^"]*)")re");
  static const std::regex kSrcset(R"re(srcset="([^"]*)")re");
  static const std::regex kCss(R"re(url\(\s*['"]?([^'")]+)['"]?\s*\))re");
  static const std::regex kXml(R"re(<(?:loc|link|comments|wfw:commentRss)>([^<]*)</)re");
  static const std::regex kSitemap(R"re(Sitemap: (\S+))re");
  static const std::regex kCandidate(R"re((\S+) \d+w)re");
  std::vector<std::string> raw = Matches(r.body, kAttr);
  for (const std::string& set : Matches(r.body, kSrcset)) {
    for (const std::string& u : Matches(set, kCandidate)) raw.push_back(u);
  }
  std::string dir = url.substr(0, url.rfind('/') + 1);
  for (const std::string& u : Matches(r.body, kCss))
    raw.push_back(u.starts_with('/') ? u : dir + u);
  for (auto* re : {&kXml, &kSitemap}) {
    for (const std::string& u : Matches(r.body, *re)) raw.push_back(u);
  }
  std::set<std::string> out;
  for (std::string u : raw) {
    u = u.substr(0, u.find('#'));
    if (u.starts_with(kBase)) u = u.substr(kBase.size());
    if (u.starts_with('/')) out.insert(u);
  }
  return out;
}

std::set<std::string> AsSet(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

// Comment ids in document order, and those of top-level threads only.
std::vector<int> CommentIds(const std::string& html) {
  std::vector<int> ids;
  for (const std::string& id :
       Matches(html, std::regex(R"re(<li id="comment-(\d+)" class="comment">)re"))) {
    ids.push_back(std::stoi(id));
  }
  return ids;
}

std::vector<int> TopLevelIds(const std::string& html) {
  std::vector<int> ids;
  int depth = 0;
  std::regex token(R"re(<ol class="children">|</ol>|<li id="comment-(\d+)")re");
  size_t list = html.find("<ol class=\"commentlist\">");
  if (list == std::string::npos) return ids;
  for (std::sregex_iterator it(html.begin() + list + 1, html.end(), token), end; it != end; ++it) {
    std::string t = it->str();
    if (t == "</ol>" && --depth < 0) break;
    if (t == "<ol class=\"children\">") ++depth;
    if ((*it)[1].matched && depth == 0) ids.push_back(std::stoi((*it)[1]));
  }
  return ids;
}

TEST(SampleBlogTest, DefaultMixHasEmptyFullAndLongCommentSections) {
  SampleBlog blog;
  ASSERT_EQ(blog.post_count(), 12);
  std::set<int> counts;
  for (int p = 0; p < blog.post_count(); ++p) counts.insert(blog.CommentPageCount(p));
  EXPECT_TRUE(counts.count(0));
  EXPECT_GT(*counts.rbegin(), 3);
  // Post 2 has exactly one full page of threads: the page AddComment will overflow.
  EXPECT_EQ(TopLevelIds(blog.Get(blog.PostUrls()[2], kBase).body).size(), 10u);
  EXPECT_EQ(blog.CommentPageCount(2), 1);
}

TEST(SampleBlogTest, NewestFirstShowsLastPageAtPostUrlAndNewestThreadsOnTop) {
  SampleBlog blog;
  const std::string post = blog.PostUrls()[0];
  ASSERT_EQ(blog.CommentPageCount(0), 4);
  EXPECT_EQ(blog.DefaultCommentPage(0), 4);
  EXPECT_THAT(blog.CommentPageUrls(0),
              ElementsAreArray({post + "comment-page-1/", post + "comment-page-2/",
                                post + "comment-page-3/", post + "comment-page-4/"}));
  std::string at_post = blog.Get(post, kBase).body;
  EXPECT_THAT(at_post, ::testing::HasSubstr("id=\"comment_parent\" value=\"0\""));
  EXPECT_EQ(CommentIds(at_post), blog.CommentIdsOnPage(0, 4));
  EXPECT_EQ(CommentIds(blog.Get(post + "comment-page-4/", kBase).body), CommentIds(at_post));
  int previous_newest = 0;
  for (int page = 1; page <= 4; ++page) {
    std::string html = blog.Get(post + "comment-page-" + std::to_string(page) + "/", kBase).body;
    EXPECT_EQ(CommentIds(html), blog.CommentIdsOnPage(0, page));
    std::vector<int> top = TopLevelIds(html);
    ASSERT_FALSE(top.empty());
    EXPECT_TRUE(std::is_sorted(top.rbegin(), top.rend())) << "page " << page;
    EXPECT_LT(previous_newest, top.back()) << "page 1 holds the oldest threads";
    previous_newest = top.front();
  }
}

TEST(SampleBlogTest, CommentNavigationLinksLikeWordPress) {
  SampleBlog blog;
  const std::string post = blog.PostUrls()[0];
  auto nav = [&](const std::string& url) {
    std::string html = blog.Get(url, kBase).body;
    size_t at = html.find("<nav class=\"navigation comment-navigation\"");
    return html.substr(at, html.find("</nav>", at) - at);
  };
  std::string last = nav(post);
  EXPECT_THAT(last,
              ::testing::HasSubstr("href=\"" + post + "comment-page-3/#comments\" rel=\"prev\""));
  EXPECT_THAT(last, ::testing::Not(::testing::HasSubstr("rel=\"next\"")));
  EXPECT_THAT(nav(post + "comment-page-3/"),
              ::testing::HasSubstr("href=\"" + post + "#comments\" rel=\"next\""));
  std::string first = nav(post + "comment-page-1/");
  EXPECT_THAT(first,
              ::testing::HasSubstr("href=\"" + post + "comment-page-2/#comments\" rel=\"next\""));
  EXPECT_THAT(first, ::testing::Not(::testing::HasSubstr("rel=\"prev\"")));
}

TEST(SampleBlogTest, OldestFirstRedirectsPageOneToThePost) {
  BlogOptions options;
  options.newest_first = false;
  SampleBlog blog(options);
  const std::string post = blog.PostUrls()[0];
  EXPECT_EQ(blog.DefaultCommentPage(0), 1);
  EXPECT_THAT(blog.CommentPageUrls(0),
              ElementsAreArray(
                  {post + "comment-page-2/", post + "comment-page-3/", post + "comment-page-4/"}));
  BlogResponse one = blog.Get(post + "comment-page-1/", kBase);
  EXPECT_EQ(one.status, 301);
  EXPECT_EQ(one.location, std::string(kBase) + post);
  std::string html = blog.Get(post, kBase).body;
  std::vector<int> top = TopLevelIds(html);
  EXPECT_TRUE(std::is_sorted(top.begin(), top.end()));
  EXPECT_EQ(CommentIds(html), blog.CommentIdsOnPage(0, 1));
  EXPECT_THAT(blog.Get(post + "comment-page-2/", kBase).body,
              ::testing::HasSubstr("href=\"" + post + "#comments\" rel=\"prev\""));
}

TEST(SampleBlogTest, AliasesRedirectsAndNotFound) {
  SampleBlog blog;
  const std::string post = blog.PostUrls()[0];
  BlogResponse alias = blog.Get(post + "?cpage=2", kBase);
  EXPECT_EQ(alias.status, 200);
  EXPECT_THAT(alias.body,
              ::testing::HasSubstr("rel=\"canonical\" href=\"" + post + "comment-page-2/\""));
  EXPECT_EQ(CommentIds(alias.body), blog.CommentIdsOnPage(0, 2));
  EXPECT_EQ(blog.Get(post + "comment-page-5/", kBase).status, 404);
  EXPECT_EQ(blog.Get(post + "?cpage=9", kBase).status, 404);
  BlogResponse slash = blog.Get(post.substr(0, post.size() - 1), kBase);
  EXPECT_EQ(slash.status, 301);
  EXPECT_EQ(slash.location, std::string(kBase) + post);
  EXPECT_EQ(blog.Get("/page/1/", kBase).status, 301);
  EXPECT_EQ(blog.Get("/page/2/", kBase).status, 200);
  EXPECT_EQ(blog.Get("/page/99/", kBase).status, 404);
  BlogResponse missing = blog.Get("/no/such/page/", kBase);
  EXPECT_EQ(missing.status, 404);
  EXPECT_TRUE(missing.IsHtml());
  std::smatch id;
  std::string html = blog.Get(post, kBase).body;
  ASSERT_TRUE(std::regex_search(html, id, std::regex("postid-(\\d+)")));
  EXPECT_EQ(blog.Get("/?p=" + id[1].str(), kBase).location, std::string(kBase) + post);
}

// A crawl over Get() from / and /robots.txt that never enters a trap reaches exactly
// AllUrls(), every one answering 200, and meets every trap as a link.
TEST(SampleBlogTest, LinksReachExactlyTheExpectationsAndTheTraps) {
  SampleBlog blog;
  std::set<std::string> traps = AsSet(blog.TrapUrls()), reached, trap_links;
  std::deque<std::string> queue = {"/", "/robots.txt"};
  while (!queue.empty()) {
    std::string url = queue.front();
    queue.pop_front();
    if (traps.count(url)) {
      trap_links.insert(url);
      continue;
    }
    if (!reached.insert(url).second) continue;
    BlogResponse r = blog.Get(url, kBase);
    EXPECT_EQ(r.status, 200) << url;
    for (const std::string& link : Links(url, r)) queue.push_back(link);
  }
  EXPECT_EQ(reached, AsSet(blog.AllUrls()));
  EXPECT_EQ(trap_links, traps);
  for (const std::string& trap : traps) EXPECT_NE(blog.Get(trap, kBase).status, 404) << trap;
  EXPECT_THAT(blog.Get(blog.TrapUrls()[0], kBase).body, ::testing::HasSubstr("noindex"));
}

TEST(SampleBlogTest, RobotsTxtParsesWithTheCrawlersParser) {
  SampleBlog blog;
  crawler::Robots robots;
  ASSERT_TRUE(
      crawler::Robots::Parse(blog.Get("/robots.txt", kBase).body, "warcrawl", &robots).ok());
  EXPECT_FALSE(robots.IsAllowed("/wp-admin/"));
  EXPECT_TRUE(robots.IsAllowed("/wp-admin/admin-ajax.php"));
  EXPECT_TRUE(robots.IsAllowed("/"));
  EXPECT_EQ(robots.CrawlDelay(), 1.0);
  EXPECT_THAT(robots.Sitemaps(), ElementsAreArray({std::string(kBase) + "/sitemap.xml"}));
  for (double delay : {0.25, -1.0}) {
    BlogOptions options;
    options.crawl_delay = delay;
    ASSERT_TRUE(crawler::Robots::Parse(SampleBlog(options).Get("/robots.txt", kBase).body,
                                       "warcrawl", &robots)
                    .ok());
    EXPECT_EQ(robots.CrawlDelay(), delay < 0 ? std::nullopt : std::optional<double>(delay));
  }
}

struct XmlDocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

bool IsWellFormedXml(const std::string& xml) {
  std::unique_ptr<xmlDoc, XmlDocFree> doc(
      xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "fixture.xml", nullptr,
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  return doc != nullptr;
}

TEST(SampleBlogTest, FeedsAndSitemapsAreWellFormedAndComplete) {
  SampleBlog blog;
  ASSERT_TRUE(blog.AddComment(1, "Mallory <&>", "x ]]> y & <b>bold</b>", nullptr).ok());
  for (const std::string& url : blog.FeedUrls())
    EXPECT_TRUE(IsWellFormedXml(blog.Get(url, kBase).body)) << url;
  for (const std::string& url : blog.SitemapUrls())
    EXPECT_TRUE(IsWellFormedXml(blog.Get(url, kBase).body)) << url;
  std::string feed = blog.Get("/feed/", kBase).body;
  EXPECT_EQ(Matches(feed, std::regex("<item>()")).size(), 10u);
  std::vector<std::string> counts = Matches(feed, std::regex("<slash:comments>(\\d+)<"));
  std::vector<std::string> rss = Matches(feed, std::regex("<wfw:commentRss>([^<]+)<"));
  ASSERT_EQ(counts.size(), 10u);
  ASSERT_EQ(rss.size(), 10u);
  EXPECT_EQ(rss[0], std::string(kBase) + blog.PostUrls()[11] + "feed/");
  size_t newest_comments = 0;
  for (int page = 1; page <= blog.CommentPageCount(11); ++page) {
    newest_comments += CommentIds(blog.Get(blog.CommentPageUrls(11)[page - 1], kBase).body).size();
  }
  EXPECT_EQ(counts[0], std::to_string(newest_comments));
  std::string index = blog.Get("/sitemap.xml", kBase).body;
  EXPECT_THAT(Matches(index, std::regex("<loc>([^<]+)</loc>")),
              ElementsAreArray({std::string(kBase) + "/wp-sitemap-posts-post-1.xml"}));
  std::vector<std::string> posts;
  for (const std::string& p : blog.PostUrls()) posts.push_back(std::string(kBase) + p);
  EXPECT_EQ(Matches(blog.Get("/wp-sitemap-posts-post-1.xml", kBase).body,
                    std::regex("<loc>([^<]+)</loc>")),
            posts);
}

TEST(SampleBlogTest, AddCommentOverflowsAFullPageIntoANewOne) {
  SampleBlog blog;
  const std::string post = blog.PostUrls()[2];
  std::vector<int> before = blog.CommentIdsOnPage(2, 1);
  int id = 0;
  ASSERT_TRUE(blog.AddComment(2, "Newcomer", "First on a new page.", &id).ok());
  EXPECT_EQ(blog.CommentPageCount(2), 2);
  EXPECT_THAT(blog.CommentPageUrls(2),
              ElementsAreArray({post + "comment-page-1/", post + "comment-page-2/"}));
  EXPECT_THAT(CommentIds(blog.Get(post, kBase).body), ElementsAreArray({id}));
  EXPECT_EQ(CommentIds(blog.Get(post + "comment-page-1/", kBase).body), before);
  EXPECT_EQ(blog.Get(post + "comment-page-2/", kBase).status, 200);
  EXPECT_TRUE(blog.AddComment(12, "x", "y", nullptr).IsInvalidArgument());
  EXPECT_TRUE(blog.AddComment(-1, "x", "y", nullptr).IsInvalidArgument());
}

// PNG chunks carry valid CRCs and the image data inflates to the size IHDR implies.
void ExpectValidPng(const std::string& png) {
  ASSERT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  auto be32 = [&](size_t at) {
    return (uint32_t{static_cast<uint8_t>(png[at])} << 24) |
           (uint32_t{static_cast<uint8_t>(png[at + 1])} << 16) |
           (uint32_t{static_cast<uint8_t>(png[at + 2])} << 8) |
           uint32_t{static_cast<uint8_t>(png[at + 3])};
  };
  uint32_t width = 0, height = 0;
  std::string idat;
  for (size_t at = 8; at + 12 <= png.size();) {
    uint32_t len = be32(at);
    ASSERT_LE(at + 12 + len, png.size());
    std::string type = png.substr(at + 4, 4);
    EXPECT_EQ(be32(at + 8 + len),
              crc32(0, reinterpret_cast<const Bytef*>(png.data() + at + 4), len + 4))
        << type;
    if (type == "IHDR") width = be32(at + 8), height = be32(at + 12);
    if (type == "IDAT") idat += png.substr(at + 8, len);
    at += 12 + len;
  }
  std::string raw(size_t{height} * (1 + 3 * size_t{width}), '\0');
  uLongf raw_size = raw.size();
  ASSERT_EQ(uncompress(reinterpret_cast<Bytef*>(raw.data()), &raw_size,
                       reinterpret_cast<const Bytef*>(idat.data()), idat.size()),
            Z_OK);
  EXPECT_EQ(raw_size, raw.size());
}

TEST(SampleBlogTest, AssetsAreValidAndDistinct) {
  SampleBlog blog;
  std::set<std::string> bodies;
  for (const std::string& url : blog.AssetUrls()) {
    BlogResponse r = blog.Get(url, kBase);
    ASSERT_EQ(r.status, 200) << url;
    bodies.insert(r.body);
    if (r.content_type == "image/png") ExpectValidPng(r.body);
    if (r.content_type == "image/gif") {
      EXPECT_EQ(r.body.substr(0, 6), "GIF89a") << url;
      EXPECT_EQ(r.body.back(), ';') << url;
    }
  }
  EXPECT_EQ(bodies.size(), blog.AssetUrls().size());
  EXPECT_EQ(
      blog.Get("/wp-content/themes/fixture/fonts/fixture-sans.woff2", kBase).body.substr(0, 4),
      "wOF2");
  EXPECT_EQ(blog.Get("/wp-content/uploads/2023/01/nothing.png", kBase).status, 404);
}

TEST(SampleBlogTest, ExportWritesEveryUrlAsServed) {
  SampleBlog blog;
  warc::testing::TempDir dir;
  ASSERT_TRUE(blog.ExportStatic(dir.path(), kBase).ok());
  for (const std::string& url : blog.AllUrls()) {
    std::string path = url.substr(1, url.find('?') - 1);
    if (path.empty() || path.ends_with('/')) path += "index.html";
    EXPECT_EQ(warc::testing::ReadFileOrDie(dir.File(path)), blog.Get(url, kBase).body) << url;
  }
}

// Posts and comment pages all weigh 20-60 KB; only the short last pages of listings do not.
TEST(SampleBlogTest, BigSiteHasAboutThePagesAskedOfMostlyTwentyToSixtyKb) {
  SampleBlog blog(SampleBlog::BigSiteOptions(400));
  std::vector<std::string> pages = blog.PageUrls();
  EXPECT_NEAR(static_cast<double>(pages.size()), 400, 40);
  std::set<std::string> listings = AsSet(blog.ListingUrls());
  size_t in_range = 0;
  for (const std::string& url : pages) {
    size_t size = blog.Get(url, kBase).body.size();
    bool fits = size >= 20000 && size <= 60000;
    in_range += fits;
    if (!listings.count(url)) {
      EXPECT_TRUE(fits) << url << " is " << size << " bytes";
    }
  }
  EXPECT_GE(in_range, pages.size() * 9 / 10);
}

TEST(SampleBlogTest, SameSeedSameSite) {
  BlogOptions other;
  other.seed = 2;
  EXPECT_EQ(SampleBlog().Get("/", kBase).body, SampleBlog().Get("/", kBase).body);
  EXPECT_NE(SampleBlog().Get("/", kBase).body, SampleBlog(other).Get("/", kBase).body);
}

}  // namespace
}  // namespace warcrawl::fixtures
