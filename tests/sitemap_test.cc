#include "crawler/sitemap.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>
#include <string>
#include <vector>

#include "tests/warc_test_files.h"

namespace warcrawl::crawler {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using warc::testing::TempDir;

constexpr std::string_view kUrl = "https://example.com/sub/sitemap.xml";

std::string Gzip(std::string_view data, size_t copies = 1) {
  return warc::testing::CompressRepeated(data, 16 + MAX_WBITS, copies);
}

Sitemap MustParse(std::string_view body, std::string_view url = kUrl) {
  Sitemap sitemap;
  Status s = ParseSitemap(body, url, &sitemap);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return sitemap;
}

std::vector<std::string> Urls(const Sitemap& sitemap) {
  std::vector<std::string> urls;
  for (const SitemapEntry& e : sitemap.entries) urls.push_back(e.url);
  return urls;
}

std::string Urlset(size_t n) {
  std::string xml = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">";
  for (size_t i = 0; i < n; ++i) {
    xml += "<url><loc>https://example.com/p" + std::to_string(i) + "</loc></url>";
  }
  return xml + "</urlset>";
}

// The sitemaps.org protocol's own example, abridged.
constexpr std::string_view kUrlset = R"(<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
   <url>
      <loc>http://www.example.com/</loc>
      <lastmod>2005-01-01</lastmod>
      <changefreq>monthly</changefreq>
      <priority>0.8</priority>
   </url>
   <url>
      <loc>http://www.example.com/catalog?item=12&amp;desc=vacation_hawaii</loc>
      <changefreq>weekly</changefreq>
   </url>
   <url>
      <loc>
        http://www.example.com/catalog?item=83&amp;desc=vacation_usa
      </loc>
      <lastmod> 2004-11-23T18:00:15+00:00 </lastmod>
   </url>
</urlset>)";

TEST(SitemapTest, UrlsetWithLastmod) {
  Sitemap sitemap = MustParse(kUrlset);
  EXPECT_FALSE(sitemap.is_index);
  EXPECT_FALSE(sitemap.truncated);
  ASSERT_EQ(sitemap.entries.size(), 3u);
  EXPECT_EQ(sitemap.entries[0].url, "http://www.example.com/");
  EXPECT_EQ(sitemap.entries[0].lastmod, "2005-01-01");
  EXPECT_EQ(sitemap.entries[1].url, "http://www.example.com/catalog?item=12&desc=vacation_hawaii");
  EXPECT_EQ(sitemap.entries[1].lastmod, "");
  EXPECT_EQ(sitemap.entries[2].url, "http://www.example.com/catalog?item=83&desc=vacation_usa");
  EXPECT_EQ(sitemap.entries[2].lastmod, "2004-11-23T18:00:15+00:00");
}

TEST(SitemapTest, SitemapIndex) {
  Sitemap sitemap = MustParse(R"(<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>http://www.example.com/sitemap1.xml.gz</loc>
    <lastmod>2004-10-01T18:23:17+00:00</lastmod></sitemap>
  <sitemap><loc>http://www.example.com/sitemap2.xml.gz</loc></sitemap>
  <url><loc>http://www.example.com/not-an-index-entry</loc></url>
</sitemapindex>)");
  EXPECT_TRUE(sitemap.is_index);
  EXPECT_THAT(Urls(sitemap), ElementsAre("http://www.example.com/sitemap1.xml.gz",
                                         "http://www.example.com/sitemap2.xml.gz"));
  EXPECT_EQ(sitemap.entries[0].lastmod, "2004-10-01T18:23:17+00:00");
}

// WordPress core (5.5+) serves /wp-sitemap.xml as an index with an XSL stylesheet PI.
TEST(SitemapTest, WordPressWpSitemapIndex) {
  Sitemap sitemap = MustParse(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<?xml-stylesheet type=\"text/xsl\" href=\"https://blog.example.com/wp-sitemap-index.xsl\" "
      "?>\n"
      "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
      "<sitemap><loc>https://blog.example.com/wp-sitemap-posts-post-1.xml</loc></sitemap>"
      "<sitemap><loc>https://blog.example.com/wp-sitemap-posts-page-1.xml</loc></sitemap>"
      "<sitemap><loc>https://blog.example.com/wp-sitemap-taxonomies-category-1.xml</loc>"
      "</sitemap>"
      "<sitemap><loc>https://blog.example.com/wp-sitemap-users-1.xml</loc></sitemap>"
      "</sitemapindex>\n",
      "https://blog.example.com/wp-sitemap.xml");
  EXPECT_TRUE(sitemap.is_index);
  EXPECT_THAT(Urls(sitemap),
              ElementsAre("https://blog.example.com/wp-sitemap-posts-post-1.xml",
                          "https://blog.example.com/wp-sitemap-posts-page-1.xml",
                          "https://blog.example.com/wp-sitemap-taxonomies-category-1.xml",
                          "https://blog.example.com/wp-sitemap-users-1.xml"));
}

TEST(SitemapTest, ExtensionsAreNotEntries) {
  Sitemap sitemap = MustParse(R"(<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
      xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"
      xmlns:xhtml="http://www.w3.org/1999/xhtml">
  <url><loc>https://example.com/page</loc>
    <image:image><image:loc>https://example.com/photo.jpg</image:loc></image:image>
    <xhtml:link rel="alternate" hreflang="de" href="https://example.com/de/page"/>
    <image:loc>https://example.com/also-not.jpg</image:loc>
    <loc>https://example.com/second-loc-ignored</loc>
  </url>
  <url><undeclared:loc>https://example.com/sloppy-extension</undeclared:loc></url>
</urlset>)");
  EXPECT_THAT(Urls(sitemap), ElementsAre("https://example.com/page"));
}

TEST(SitemapTest, NoNamespaceAndOldGoogleNamespace) {
  EXPECT_THAT(Urls(MustParse("<urlset><url><loc>http://a.example/</loc></url></urlset>")),
              ElementsAre("http://a.example/"));
  EXPECT_THAT(Urls(MustParse("<urlset xmlns='http://www.google.com/schemas/sitemap/0.84'>"
                             "<url><loc>http://b.example/</loc></url></urlset>")),
              ElementsAre("http://b.example/"));
}

TEST(SitemapTest, RelativeAndOddUrls) {
  Sitemap sitemap = MustParse(R"(<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>/top</loc></url>
  <url><loc>page.html</loc></url>
  <url><loc>../up.html</loc></url>
  <url><loc>//cdn.example.org/x</loc></url>
  <url><loc>https://example.com/a#section</loc></url>
  <url><loc><![CDATA[https://example.com/cdata?a=1&b=2]]></loc></url>
  <url><loc>https://example.com/with
newline</loc></url>
  <url><loc>javascript:alert(1)</loc></url>
  <url><loc>mailto:someone@example.com</loc></url>
  <url><loc>ftp://example.com/file</loc></url>
  <url><loc>http://</loc></url>
  <url><loc>   </loc></url>
  <url><loc></loc></url>
  <url><lastmod>2020-01-01</lastmod></url>
  <url><loc>https://example.com/long-lastmod</loc><lastmod>)" +
                              std::string(100, '9') + R"(</lastmod></url>
</urlset>)");
  EXPECT_THAT(Urls(sitemap),
              ElementsAre("https://example.com/top", "https://example.com/sub/page.html",
                          "https://example.com/up.html", "https://cdn.example.org/x",
                          "https://example.com/a", "https://example.com/cdata?a=1&b=2",
                          "https://example.com/withnewline", "https://example.com/long-lastmod"));
  EXPECT_EQ(sitemap.entries.back().lastmod, "");
}

TEST(SitemapTest, PlainText) {
  Sitemap sitemap = MustParse(
      "\xEF\xBB\xBFhttp://www.example.com/catalog?item=1\r\n"
      "https://www.example.com/a#frag\n"
      "\n"
      "   http://www.example.com/spaced   \n"
      "not a url\n"
      "/relative/is/not/allowed\n"
      "ftp://example.com/x\n"
      "http://www.example.com/last");
  EXPECT_FALSE(sitemap.is_index);
  EXPECT_FALSE(sitemap.truncated);
  EXPECT_THAT(Urls(sitemap),
              ElementsAre("http://www.example.com/catalog?item=1", "https://www.example.com/a",
                          "http://www.example.com/spaced", "http://www.example.com/last"));
}

TEST(SitemapTest, NeitherXmlNorUrls) {
  Sitemap sitemap;
  Status s = ParseSitemap("hello\nworld\n", kUrl, &sitemap);
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_THAT(s.message(), HasSubstr("line 1: 'hello'"));
  EXPECT_TRUE(sitemap.entries.empty());

  s = ParseSitemap("<<<>>>\n", kUrl, &sitemap);
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_THAT(s.message(), HasSubstr("not XML"));

  s = ParseSitemap(" \r\n\t", kUrl, &sitemap);
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_THAT(s.message(), HasSubstr("empty"));
}

TEST(SitemapTest, HtmlIsNotASitemap) {
  Sitemap sitemap;
  Status s = ParseSitemap(
      "<!DOCTYPE html><html><head><title>Not Found</title></head><body><a "
      "href='/x'>x</a></body></html>",
      kUrl, &sitemap);
  EXPECT_TRUE(s.IsInvalidArgument()) << s.ToString();
  EXPECT_THAT(s.message(), HasSubstr("'html'"));
  EXPECT_TRUE(sitemap.entries.empty());
}

TEST(SitemapTest, FeedServedAsSitemap) {
  Sitemap sitemap = MustParse(
      "<rss version='2.0'><channel><title>t</title>"
      "<item><link>/2024/post-1</link><pubDate>Tue, 02 Jan 2024 10:00:00 +0000</pubDate></item>"
      "<item><title>no link</title></item>"
      "</channel></rss>");
  EXPECT_FALSE(sitemap.is_index);
  ASSERT_EQ(sitemap.entries.size(), 1u);
  EXPECT_EQ(sitemap.entries[0].url, "https://example.com/2024/post-1");
  EXPECT_EQ(sitemap.entries[0].lastmod, "Tue, 02 Jan 2024 10:00:00 +0000");
}

TEST(SitemapTest, BadSitemapUrl) {
  Sitemap sitemap;
  EXPECT_TRUE(ParseSitemap(kUrlset, "sitemap.xml", &sitemap).IsInvalidArgument());
  EXPECT_TRUE(ParseSitemap(kUrlset, "file:///tmp/sitemap.xml", &sitemap).IsInvalidArgument());
}

TEST(SitemapTest, GzippedSitemap) {
  Sitemap sitemap = MustParse(Gzip(kUrlset), "https://example.com/sitemap.xml.gz");
  EXPECT_EQ(sitemap.entries.size(), 3u);
  EXPECT_FALSE(sitemap.truncated);
  EXPECT_EQ(MustParse(Gzip("http://a.example/1\nhttp://a.example/2\n")).entries.size(), 2u);
}

TEST(SitemapTest, CutGzipKeepsWhatInflated) {
  std::string gz = Gzip(Urlset(2000));
  Sitemap sitemap = MustParse(std::string_view(gz).substr(0, gz.size() / 2));
  EXPECT_TRUE(sitemap.truncated);
  EXPECT_GT(sitemap.entries.size(), 0u);
  EXPECT_LT(sitemap.entries.size(), 2000u);

  Sitemap nothing;
  EXPECT_TRUE(ParseSitemap(gz.substr(0, 12), kUrl, &nothing).IsCorruption());
}

TEST(SitemapTest, GzipBombIsAnError) {
  // 64 MiB of spaces inside a urlset compress to about 64 KiB.
  std::string bomb = Gzip(std::string(1 << 20, ' '), 64);
  Sitemap sitemap;
  Status s = ParseSitemap(bomb, kUrl, &sitemap);
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_THAT(s.message(), HasSubstr("exceeds " + std::to_string(kSitemapMaxBytes)));
  EXPECT_TRUE(sitemap.entries.empty());
}

TEST(SitemapTest, MoreThanFiftyThousandUrlsIsTruncated) {
  Sitemap exact = MustParse(Urlset(kSitemapMaxUrls));
  EXPECT_EQ(exact.entries.size(), kSitemapMaxUrls);
  EXPECT_FALSE(exact.truncated);

  Sitemap over = MustParse(Urlset(kSitemapMaxUrls + 10));
  EXPECT_EQ(over.entries.size(), kSitemapMaxUrls);
  EXPECT_TRUE(over.truncated);
  EXPECT_EQ(over.entries.back().url, "https://example.com/p49999");

  std::string text;
  for (size_t i = 0; i <= kSitemapMaxUrls; ++i)
    text += "http://t.example/" + std::to_string(i) + "\n";
  Sitemap text_over = MustParse(text);
  EXPECT_EQ(text_over.entries.size(), kSitemapMaxUrls);
  EXPECT_TRUE(text_over.truncated);
}

TEST(SitemapTest, BodyPastByteLimitIsCut) {
  std::string body = "<urlset><url><loc>http://a.example/first</loc></url>";
  body += std::string(kSitemapMaxBytes, ' ');
  body += "<url><loc>http://a.example/beyond</loc></url></urlset>";
  Sitemap sitemap = MustParse(body);
  EXPECT_TRUE(sitemap.truncated);
  EXPECT_THAT(Urls(sitemap), ElementsAre("http://a.example/first"));
}

TEST(SitemapTest, CutTextDropsThePartialLastLine) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "http://t.example/page-number-" + std::to_string(i) + "\n";
  std::string gz = Gzip(text);
  Sitemap sitemap = MustParse(std::string_view(gz).substr(0, gz.size() * 3 / 4));
  EXPECT_TRUE(sitemap.truncated);
  ASSERT_FALSE(sitemap.entries.empty());
  size_t n = sitemap.entries.size();
  EXPECT_LT(n, 5000u);
  for (size_t i = 0; i < n; ++i) {
    ASSERT_EQ(sitemap.entries[i].url, "http://t.example/page-number-" + std::to_string(i));
  }
}

TEST(SitemapTest, ExternalEntitiesAreNeverLoaded) {
  TempDir dir;
  std::string secret = dir.path() + "/secret.txt";
  std::ofstream(secret) << "http://leak.example/secret";
  std::string dtd = dir.path() + "/evil.dtd";
  std::ofstream(dtd) << "<!ENTITY pe \"http://leak.example/parameter\">";
  for (const std::string& doctype : std::vector<std::string>{
           "<!DOCTYPE urlset [<!ENTITY xxe SYSTEM \"file://" + secret + "\">]>",
           "<!DOCTYPE urlset [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
           "<!DOCTYPE urlset [<!ENTITY % ext SYSTEM \"file://" + dtd + "\"> %ext;]>",
           "<!DOCTYPE urlset SYSTEM \"file://" + dtd + "\">",
       }) {
    std::string body = "<?xml version=\"1.0\"?>" + doctype +
                       "<urlset><url><loc>&xxe;</loc></url><url><loc>&pe;</loc></url>"
                       "<url><loc>http://a.example/&xxe;x</loc></url>"
                       "<url><loc>http://a.example/after</loc></url></urlset>";
    Sitemap sitemap = MustParse(body);
    for (const SitemapEntry& e : sitemap.entries) {
      EXPECT_THAT(e.url, ::testing::Not(HasSubstr("leak"))) << doctype;
      EXPECT_THAT(e.url, ::testing::Not(HasSubstr("root"))) << doctype;
    }
    EXPECT_THAT(Urls(sitemap), ::testing::Contains("http://a.example/after")) << doctype;
  }
}

std::string BillionLaughsDoctype() {
  std::string dtd = "<!DOCTYPE urlset [<!ENTITY lol0 \"lol\">";
  for (int i = 1; i <= 9; ++i) {
    dtd += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) dtd += "&lol" + std::to_string(i - 1) + ";";
    dtd += "\">";
  }
  return dtd + "]>";
}

TEST(SitemapTest, BillionLaughsIsNotExpanded) {
  std::string body = "<?xml version=\"1.0\"?>" + BillionLaughsDoctype() +
                     "<urlset><url><loc>http://a.example/before</loc></url>"
                     "<url><loc>http://a.example/&lol9;</loc></url>"
                     "<url><loc>http://a.example/after</loc></url></urlset>";
  Sitemap sitemap = MustParse(body);
  EXPECT_THAT(Urls(sitemap), ::testing::Contains("http://a.example/before"));
  for (const SitemapEntry& e : sitemap.entries) {
    EXPECT_THAT(e.url, ::testing::Not(HasSubstr("lol")));
    EXPECT_LT(e.url.size(), 100u);
  }
}

// Many references to one large entity: expanding them would take ~100 MB.
TEST(SitemapTest, QuadraticBlowupIsNotExpanded) {
  std::string body =
      "<!DOCTYPE urlset [<!ENTITY big \"" + std::string(10000, 'a') + "\">]><urlset>";
  for (int i = 0; i < 10000; ++i) body += "<url><loc>&big;</loc></url>";
  body += "<url><loc>http://a.example/after</loc></url></urlset>";
  Sitemap sitemap = MustParse(body);
  EXPECT_THAT(Urls(sitemap), ElementsAre("http://a.example/after"));
}

TEST(SitemapTest, BrokenXmlIsRecovered) {
  Sitemap sitemap = MustParse(
      "<urlset>"
      "<url><loc>http://a.example/1</loc></url>"
      "<url><loc>http://a.example/2</lo></url>"                   // mismatched end tag
      "<url><loc>http://a.example/3?x=1&y=2&amp;z=3</loc></url>"  // raw '&'
      "<url><loc>http://a.example/4?p=1&amp;q=2</loc></url>"
      "<url><loc>http://a.example/caf&#xE9;?x&y=&#38;</loc>"
      "<lastmod>&#0;&#xD800;&#x110000;&bogus &#x41;</lastmod></url>"
      "<url><loc>http://a.example/5</loc>");  // cut off
  std::vector<std::string> urls = Urls(sitemap);
  EXPECT_THAT(urls, ::testing::Contains("http://a.example/1"));
  EXPECT_THAT(urls, ::testing::Contains("http://a.example/3?x=1&y=2&z=3"));
  EXPECT_THAT(urls, ::testing::Contains("http://a.example/4?p=1&q=2"));
  // Read leniently: character references decoded, anything that is not one kept as written.
  ASSERT_GE(sitemap.entries.size(), 5u);
  EXPECT_EQ(sitemap.entries[4].url, "http://a.example/caf\xC3\xA9?x&y=&");
  EXPECT_EQ(sitemap.entries[4].lastmod, "&#0;&#xD800;&#x110000;&bogus A");
  EXPECT_THAT(urls, ::testing::Not(::testing::Contains("http://a.example/5")));
  EXPECT_TRUE(sitemap.truncated);
}

TEST(SitemapTest, HostileNestingIsCut) {
  std::string body = "<urlset><url><loc>http://a.example/1</loc></url>";
  for (int i = 0; i < 100000; ++i) body += "<x>";
  Sitemap sitemap = MustParse(body);
  EXPECT_THAT(Urls(sitemap), ElementsAre("http://a.example/1"));
  EXPECT_TRUE(sitemap.truncated);
}

}  // namespace
}  // namespace warcrawl::crawler
