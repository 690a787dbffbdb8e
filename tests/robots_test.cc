#include "crawler/robots.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace warcrawl::crawler {
namespace {

using namespace std::string_literals;

Robots For(std::string_view body, std::string_view token = "warcrawl") {
  Robots robots;
  Status s = Robots::Parse(body, token, &robots);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return robots;
}

// RFC 9309 §5.1 "Simple Example", with the outcomes the RFC states for each crawler.
constexpr std::string_view kRfcSimple =
    "User-Agent: *\n"
    "Disallow: *.gif$\n"
    "Disallow: /example/\n"
    "Allow: /publications/\n"
    "\n"
    "User-Agent: foobot\n"
    "Disallow:/\n"
    "Allow:/example/page.html\n"
    "Allow:/example/allowed.gif\n"
    "\n"
    "User-Agent: barbot\n"
    "User-Agent: bazbot\n"
    "Disallow: /example/page.html\n"
    "\n"
    "User-Agent: quxbot\n"
    "\n"
    "EOF\n";

TEST(RobotsRfcTest, SimpleExampleFoobot) {
  Robots r = For(kRfcSimple, "foobot");
  EXPECT_TRUE(r.IsAllowed("/example/page.html"));
  EXPECT_TRUE(r.IsAllowed("/example/allowed.gif"));
  EXPECT_FALSE(r.IsAllowed("/example/other.html"));
  EXPECT_FALSE(r.IsAllowed("/"));
  EXPECT_FALSE(r.IsAllowed("/publications/"));
}

TEST(RobotsRfcTest, SimpleExampleGroupSharedByTwoAgents) {
  for (std::string_view bot : {"barbot", "bazbot"}) {
    Robots r = For(kRfcSimple, bot);
    EXPECT_FALSE(r.IsAllowed("/example/page.html")) << bot;
    EXPECT_TRUE(r.IsAllowed("/example/other.html")) << bot;
    EXPECT_TRUE(r.IsAllowed("/foo.gif")) << bot;  // the "*" group does not apply
  }
}

TEST(RobotsRfcTest, SimpleExampleEmptyGroupAllowsAll) {
  Robots r = For(kRfcSimple, "quxbot");
  EXPECT_EQ(r.rule_count(), 0u);
  EXPECT_TRUE(r.IsAllowed("/example/page.html"));
  EXPECT_TRUE(r.IsAllowed("/a.gif"));
}

TEST(RobotsRfcTest, SimpleExampleOthersUseStarGroup) {
  Robots r = For(kRfcSimple, "otherbot");
  EXPECT_FALSE(r.IsAllowed("/a/b.gif"));
  EXPECT_TRUE(r.IsAllowed("/a/b.gif?x"));  // '$' anchors at the end of path+query
  EXPECT_FALSE(r.IsAllowed("/example/x"));
  EXPECT_TRUE(r.IsAllowed("/publications/x"));
  EXPECT_TRUE(r.IsAllowed("/elsewhere"));
}

// RFC 9309 §5.2 "Longest Match": the more specific disallow wins over a shorter allow.
TEST(RobotsRfcTest, LongestMatchExample) {
  Robots r =
      For("User-Agent: foobot\n"
          "Allow: /example/page/\n"
          "Disallow: /example/page/disallowed.gif\n",
          "foobot");
  EXPECT_TRUE(r.IsAllowed("/example/page/"));
  EXPECT_TRUE(r.IsAllowed("/example/page/allowed.gif"));
  EXPECT_FALSE(r.IsAllowed("/example/page/disallowed.gif"));
  EXPECT_FALSE(r.IsAllowed("/example/page/disallowed.gif.bak"));
}

// RFC 9309 §2.2.2: on equivalent allow and disallow, allow SHOULD be used.
TEST(RobotsMatchTest, TieGoesToAllow) {
  EXPECT_TRUE(For("user-agent: *\ndisallow: /a\nallow: /a\n").IsAllowed("/a/b"));
  EXPECT_TRUE(For("user-agent: *\nallow: /a\ndisallow: /a\n").IsAllowed("/a/b"));
  // Same length, different patterns: still allow.
  EXPECT_TRUE(For("user-agent: *\ndisallow: /a*\nallow: /ab\n").IsAllowed("/ab"));
}

TEST(RobotsMatchTest, LengthCountsPatternOctetsNotMatchedText) {
  Robots r = For("user-agent: *\nallow: /*.html\ndisallow: /private/\n");
  // "/*.html" (7 octets) < "/private/" (9 octets), however much '*' swallowed.
  EXPECT_FALSE(r.IsAllowed("/private/a/very/long/page.html"));
  EXPECT_TRUE(r.IsAllowed("/public/page.html"));
}

// RFC 9309 §2.2.3 special characters.
TEST(RobotsMatchTest, WildcardsAndEndAnchor) {
  Robots r =
      For("User-agent: *\n"
          "Disallow: /*/private/\n"
          "Disallow: /*.php$\n"
          "Disallow: /exact$\n"
          "Disallow: /a*b*c\n"
          "Disallow: /d***e*$\n");
  EXPECT_FALSE(r.IsAllowed("/x/private/y"));
  EXPECT_FALSE(r.IsAllowed("/x/y/private/"));
  EXPECT_TRUE(r.IsAllowed("/private/"));  // "/*/" needs a segment before
  EXPECT_FALSE(r.IsAllowed("/index.php"));
  EXPECT_FALSE(r.IsAllowed("/a/b.php"));
  EXPECT_TRUE(r.IsAllowed("/index.php?x=1"));
  EXPECT_TRUE(r.IsAllowed("/index.php5"));
  EXPECT_FALSE(r.IsAllowed("/exact"));
  EXPECT_TRUE(r.IsAllowed("/exact/"));
  EXPECT_FALSE(r.IsAllowed("/aXbYc"));
  EXPECT_FALSE(r.IsAllowed("/abcabc"));
  EXPECT_TRUE(r.IsAllowed("/acb"));
  EXPECT_FALSE(r.IsAllowed("/de"));
  EXPECT_FALSE(r.IsAllowed("/dxxexx"));
  EXPECT_TRUE(r.IsAllowed("/dxx"));
}

TEST(RobotsMatchTest, AnchoredWildcardNeedsSuffixAfterEarlierSegments) {
  Robots r = For("User-agent: *\nDisallow: /a*bc*c$\n");
  EXPECT_FALSE(r.IsAllowed("/abcc"));
  EXPECT_FALSE(r.IsAllowed("/aXbcYc"));
  EXPECT_TRUE(r.IsAllowed("/abc"));  // the final "c" may not reuse the "c" of "bc"
  EXPECT_TRUE(r.IsAllowed("/abccd"));
}

TEST(RobotsMatchTest, MatchesQueryAndIsCaseSensitiveInPaths) {
  Robots r = For("User-agent: *\nDisallow: /search?q=\nDisallow: /Secret\n");
  EXPECT_FALSE(r.IsAllowed("/search?q=cats"));
  EXPECT_TRUE(r.IsAllowed("/search"));
  EXPECT_FALSE(r.IsAllowed("/Secret/x"));
  EXPECT_TRUE(r.IsAllowed("/secret/x"));
}

TEST(RobotsMatchTest, EmptyDisallowIsNoRule) {
  Robots r = For("User-agent: *\nDisallow:\n");
  EXPECT_EQ(r.rule_count(), 0u);
  EXPECT_TRUE(r.IsAllowed("/anything"));
  EXPECT_FALSE(For("User-agent: *\nDisallow: /\n").IsAllowed("/anything"));
}

TEST(RobotsMatchTest, RobotsTxtIsAlwaysAllowed) {
  Robots r = For("User-agent: *\nDisallow: /\n");
  EXPECT_TRUE(r.IsAllowed("/robots.txt"));
  EXPECT_TRUE(r.IsAllowed("/robots.txt?x=1"));
  EXPECT_FALSE(r.IsAllowed("/robots.txt2"));
  EXPECT_TRUE(Robots::DisallowAll().IsAllowed("/robots.txt"));
  EXPECT_FALSE(Robots::DisallowAll().IsAllowed("/"));
  EXPECT_TRUE(Robots().IsAllowed("/"));
}

TEST(RobotsMatchTest, EmptyPathMeansRoot) {
  EXPECT_FALSE(For("User-agent: *\nDisallow: /$\n").IsAllowed(""));
}

// RFC 9309 §2.2.2 percent-encoding table: robots.txt path vs. the URI's path to match.
TEST(RobotsEncodingTest, RfcTable) {
  EXPECT_FALSE(For("User-agent: *\nDisallow: /foo/bar?baz=quz\n").IsAllowed("/foo/bar?baz=quz"));
  EXPECT_FALSE(For("User-agent: *\nDisallow: /foo/bar?baz=https%3A%2F%2Ffoo.bar\n")
                   .IsAllowed("/foo/bar?baz=https%3A%2F%2Ffoo.bar"));
  // U+30C4 written raw in the file matches its UTF-8 escape in the URI.
  EXPECT_FALSE(
      For("User-agent: *\nDisallow: /foo/bar/\xE3\x83\x84\n").IsAllowed("/foo/bar/%E3%83%84"));
  EXPECT_FALSE(
      For("User-agent: *\nDisallow: /foo/bar/%E3%83%84\n").IsAllowed("/foo/bar/%e3%83%84"));
  EXPECT_FALSE(For("User-agent: *\nDisallow: /foo/bar/%62%61%7A\n").IsAllowed("/foo/bar/baz"));
}

TEST(RobotsEncodingTest, UnreservedEqualReservedDistinct) {
  Robots r = For("User-agent: *\nDisallow: /%7Euser/\nDisallow: /a%2Fb\n");
  EXPECT_FALSE(r.IsAllowed("/~user/x"));
  EXPECT_FALSE(r.IsAllowed("/%7euser/x"));
  EXPECT_FALSE(r.IsAllowed("/a%2fb"));
  EXPECT_TRUE(r.IsAllowed("/a/b"));  // an escaped '/' is a different URI
}

TEST(RobotsEncodingTest, NormalizeRobotsPath) {
  EXPECT_EQ(NormalizeRobotsPath("/%41%2f%zz% x\xff"), "/A%2F%25zz%25%20x%FF");
  EXPECT_EQ(NormalizeRobotsPath("/a*b$"), "/a%2Ab%24");
  EXPECT_EQ(NormalizeRobotsPath(std::string_view("/\0", 2)), "/%00");
}

// RFC 9309 §2.2.3: special characters are matched verbatim through their "%" escapes.
TEST(RobotsEncodingTest, EscapedOperatorsMatchVerbatim) {
  Robots r = For("User-agent: *\nDisallow: /star%2A\nDisallow: /cost%24$\nDisallow: /a$b\n");
  EXPECT_FALSE(r.IsAllowed("/star*"));
  EXPECT_TRUE(r.IsAllowed("/starX"));  // %2A is not a wildcard
  EXPECT_FALSE(r.IsAllowed("/cost$"));
  EXPECT_TRUE(r.IsAllowed("/cost$x"));
  EXPECT_FALSE(r.IsAllowed("/a$bc"));  // a '$' before the end is a literal
  EXPECT_TRUE(r.IsAllowed("/a"));
}

TEST(RobotsGroupTest, AgentMatchIsCaseInsensitiveAndIgnoresVersion) {
  std::string body = "User-agent: WarCrawl/2.0 (+https://example.com)\nDisallow: /x\n";
  EXPECT_FALSE(For(body).IsAllowed("/x"));
  EXPECT_FALSE(For(body, "WARCRAWL").IsAllowed("/x"));
  EXPECT_TRUE(For(body, "warcrawler").IsAllowed("/x"));
  EXPECT_TRUE(For("User-agent: warcrawler\nDisallow: /x\n").IsAllowed("/x"));
}

TEST(RobotsGroupTest, DirectivesAreCaseInsensitiveAndSpacingTolerant) {
  Robots r = For("USER-AGENT :warcrawl\n  dIsAlLoW\t:  /a  # comment\nALLOW:/a/b\n");
  EXPECT_FALSE(r.IsAllowed("/a/c"));
  EXPECT_TRUE(r.IsAllowed("/a/b"));
  EXPECT_EQ(r.rule_count(), 2u);
}

TEST(RobotsGroupTest, OurGroupBeatsStarAndGroupsMerge) {
  Robots r =
      For("User-agent: *\nDisallow: /\n"
          "User-agent: warcrawl\nDisallow: /a\n"
          "User-agent: other\nDisallow: /b\n"
          "User-agent: warcrawl\nDisallow: /c\n");
  EXPECT_TRUE(r.IsAllowed("/"));
  EXPECT_FALSE(r.IsAllowed("/a"));
  EXPECT_TRUE(r.IsAllowed("/b"));
  EXPECT_FALSE(r.IsAllowed("/c"));
  EXPECT_EQ(r.rule_count(), 2u);
}

TEST(RobotsGroupTest, StarGroupsMergeAndNoGroupAllowsAll) {
  Robots r = For(
      "User-agent: *\nDisallow: /a\nUser-agent: x\nDisallow: /b\nUser-agent: *\nDisallow: /c\n");
  EXPECT_FALSE(r.IsAllowed("/a"));
  EXPECT_TRUE(r.IsAllowed("/b"));
  EXPECT_FALSE(r.IsAllowed("/c"));
  EXPECT_TRUE(For("User-agent: other\nDisallow: /\n").IsAllowed("/a"));
  EXPECT_TRUE(For("Disallow: /\n").IsAllowed("/a"));  // rules before any user-agent
}

TEST(RobotsGroupTest, RuleStartsNewGroupButSitemapDoesNot) {
  Robots r = For("User-agent: a\nDisallow: /x\nUser-agent: warcrawl\nDisallow: /y\n");
  EXPECT_TRUE(r.IsAllowed("/x"));
  EXPECT_FALSE(r.IsAllowed("/y"));
  Robots s =
      For("User-agent: a\nSitemap: https://e.com/s.xml\nUser-agent: warcrawl\nDisallow: /y\n");
  EXPECT_FALSE(s.IsAllowed("/y"));
}

TEST(RobotsExtrasTest, CrawlDelay) {
  EXPECT_EQ(For("User-agent: *\nCrawl-delay: 10\n").CrawlDelay(), 10.0);
  EXPECT_EQ(For("User-agent: *\ncrawl-DELAY: 0.5\n").CrawlDelay(), 0.5);
  EXPECT_EQ(For("User-agent: *\nCrawl-delay: .25\n").CrawlDelay(), 0.25);
  for (std::string_view bad : {"-1", "abc", "1e3", "inf", "nan", "5s", "", "0x10", "1..2"}) {
    std::string body = "User-agent: *\nCrawl-delay: " + std::string(bad) + "\n";
    EXPECT_FALSE(For(body).CrawlDelay().has_value()) << bad;
  }
  // Per group: another agent's delay does not apply; merged groups keep the largest.
  EXPECT_FALSE(For("User-agent: x\nCrawl-delay: 3\n").CrawlDelay().has_value());
  EXPECT_EQ(For("User-agent: warcrawl\nCrawl-delay: 4\nUser-agent: *\nCrawl-delay: 9\n"
                "User-agent: warcrawl\nCrawl-delay: 2\n")
                .CrawlDelay(),
            4.0);
}

TEST(RobotsExtrasTest, SitemapsAnywhereAbsoluteOnly) {
  Robots r =
      For("Sitemap: https://example.com/a.xml\n"
          "User-agent: other\nDisallow: /\n"
          "SITEMAP:http://example.com/b.xml # trailing comment\n"
          "Sitemap: /relative.xml\n"
          "Sitemap: not a url\n");
  ASSERT_EQ(r.Sitemaps().size(), 2u);
  EXPECT_EQ(r.Sitemaps()[0], "https://example.com/a.xml");
  EXPECT_EQ(r.Sitemaps()[1], "http://example.com/b.xml");
}

TEST(RobotsRobustnessTest, LineEndingsAndBom) {
  for (std::string_view eol : {"\n", "\r", "\r\n"}) {
    std::string body = "\xEF\xBB\xBFUser-agent: *" + std::string(eol) + "Disallow: /a" +
                       std::string(eol) + "Allow: /a/b";
    Robots r = For(body);
    EXPECT_FALSE(r.IsAllowed("/a")) << int(eol[0]);
    EXPECT_TRUE(r.IsAllowed("/a/b")) << int(eol[0]);
  }
}

TEST(RobotsRobustnessTest, NulsAndBinaryGarbage) {
  std::string body = "User-agent: *\n\0\0\0garbage\xff\xfe\nDisallow: /a\0b\nDisallow: /c\n"s;
  Robots r = For(body);
  EXPECT_FALSE(r.IsAllowed("/c"));
  EXPECT_FALSE(r.IsAllowed(std::string_view("/a\0b", 4)));
  EXPECT_TRUE(r.IsAllowed("/a"));

  std::mt19937 rng(9309);
  for (int round = 0; round < 50; ++round) {
    std::string noise(4096, '\0');
    for (char& c : noise) c = static_cast<char>(rng());
    Robots n = For("User-agent: *\nDisallow: /z\n" + noise);
    EXPECT_FALSE(n.IsAllowed("/z"));  // the rule before the noise still stands
  }
}

TEST(RobotsRobustnessTest, HugeBodyIsCappedAndSaysSo) {
  std::string body = "User-agent: *\nDisallow: /early\n";
  body.append(10 * 1024 * 1024 - body.size(), 'x');  // one 10 MB line with no newline
  body.append("\nDisallow: /late\n");
  Robots r = For(body);
  EXPECT_TRUE(r.truncated());
  EXPECT_FALSE(r.IsAllowed("/early"));
  EXPECT_TRUE(r.IsAllowed("/late"));
  EXPECT_EQ(r.rule_count(), 1u);
}

TEST(RobotsRobustnessTest, CapIsExactlyFiveHundredKibAndDropsCutLine) {
  std::string head = "User-agent: *\nDisallow: /in\n";
  std::string cut_line = "Disallow: /cut\n";
  // A comment line filling the cap to 12 bytes short, so the cap cuts after "Disallow: /c"
  // (built in place: GCC 12 misreports -Wrestrict for "#" + std::string(n, c)).
  std::string filler(kRobotsMaxBytes - head.size() - 12, 'c');
  filler.front() = '#';
  filler.back() = '\n';
  std::string body = head + filler;
  ASSERT_EQ(body.size() + 12, kRobotsMaxBytes);
  Robots fits = For(body + cut_line.substr(0, 12));  // exactly the cap: all of it parsed
  EXPECT_FALSE(fits.truncated());
  EXPECT_FALSE(fits.IsAllowed("/cat"));
  Robots cut = For(body + cut_line);
  EXPECT_TRUE(cut.truncated());
  EXPECT_FALSE(cut.IsAllowed("/in"));
  EXPECT_TRUE(cut.IsAllowed("/cat"));  // "Disallow: /c" was not half-applied
  EXPECT_TRUE(cut.IsAllowed("/cut"));  // nor is the rest of the line read
  EXPECT_EQ(cut.rule_count(), 1u);
}

TEST(RobotsRobustnessTest, ManyWildcardsStayCorrect) {
  std::string pattern = "/";
  for (int i = 0; i < 20000; ++i) pattern += "a*";
  Robots r = For("User-agent: *\nDisallow: " + pattern + "b$\n");
  std::string path(30000, 'a');
  EXPECT_TRUE(r.IsAllowed("/" + path));  // no 'b'
  EXPECT_FALSE(r.IsAllowed("/" + path + "b"));
  EXPECT_TRUE(r.IsAllowed("/" + std::string(19999, 'a') + "b"));  // one 'a' short
}

TEST(RobotsParseTest, RejectsBadProductToken) {
  Robots r;
  EXPECT_TRUE(Robots::Parse("", "", &r).IsInvalidArgument());
  EXPECT_TRUE(Robots::Parse("", "warcrawl/1.0", &r).IsInvalidArgument());
  EXPECT_TRUE(Robots::Parse("", "war crawl", &r).IsInvalidArgument());
  EXPECT_TRUE(Robots::Parse("", "war_crawl-bot", &r).ok());
}

TEST(RobotsPolicyTest, StatusCodes) {
  EXPECT_EQ(RobotsPolicyForStatus(200), RobotsFetchPolicy::kUseBody);
  EXPECT_EQ(RobotsPolicyForStatus(204), RobotsFetchPolicy::kUseBody);
  EXPECT_EQ(RobotsPolicyForStatus(301), RobotsFetchPolicy::kAllowAll);
  EXPECT_EQ(RobotsPolicyForStatus(401), RobotsFetchPolicy::kAllowAll);
  EXPECT_EQ(RobotsPolicyForStatus(403), RobotsFetchPolicy::kAllowAll);
  EXPECT_EQ(RobotsPolicyForStatus(404), RobotsFetchPolicy::kAllowAll);
  EXPECT_EQ(RobotsPolicyForStatus(410), RobotsFetchPolicy::kAllowAll);
  EXPECT_EQ(RobotsPolicyForStatus(500), RobotsFetchPolicy::kDisallowAll);
  EXPECT_EQ(RobotsPolicyForStatus(503), RobotsFetchPolicy::kDisallowAll);
  EXPECT_EQ(RobotsPolicyForStatus(599), RobotsFetchPolicy::kDisallowAll);
  EXPECT_EQ(RobotsPolicyForStatus(100), RobotsFetchPolicy::kDisallowAll);
  EXPECT_EQ(RobotsPolicyForStatus(0), RobotsFetchPolicy::kDisallowAll);
  EXPECT_EQ(RobotsPolicyForStatus(600), RobotsFetchPolicy::kDisallowAll);
  EXPECT_EQ(RobotsPolicyForNetworkError(), RobotsFetchPolicy::kDisallowAll);
  EXPECT_GE(kRobotsMaxRedirects, 5);
  EXPECT_EQ(kRobotsMaxBytes, 512000u);
}

}  // namespace
}  // namespace warcrawl::crawler
