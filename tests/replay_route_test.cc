#include "replay/replay_route.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace warcrawl::replay {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

ReplayRoute Parse(std::string_view target) {
  ReplayRoute route;
  Status s = ParseReplayTarget(target, &route);
  EXPECT_TRUE(s.ok()) << target << ": " << s.ToString();
  return route;
}

// The error message for a target that must be refused (empty if it was accepted).
std::string Refusal(std::string_view target) {
  ReplayRoute route;
  route.collection = "untouched";
  Status s = ParseReplayTarget(target, &route);
  EXPECT_TRUE(s.IsInvalidArgument()) << target << " gave " << s.ToString();
  EXPECT_EQ(route.collection, "untouched") << target;
  return s.message();
}

TEST(ReplayRouteTest, HomeAndCollectionHome) {
  EXPECT_EQ(Parse("/").kind, RouteKind::kHome);
  EXPECT_EQ(Parse("/?lang=fr").kind, RouteKind::kHome);
  for (const char* target : {"/blog", "/blog/", "/blog?x=1", "/blog/?x=1"}) {
    ReplayRoute r = Parse(target);
    EXPECT_EQ(r.kind, RouteKind::kCollectionHome) << target;
    EXPECT_EQ(r.collection, "blog") << target;
    EXPECT_TRUE(r.url.empty()) << target;
  }
}

TEST(ReplayRouteTest, ReplayWithTimestampAndModifier) {
  ReplayRoute r = Parse("/blog/20240102030405/http://example.com/a/b.html");
  EXPECT_EQ(r.kind, RouteKind::kReplay);
  EXPECT_EQ(r.collection, "blog");
  EXPECT_EQ(r.timestamp, "20240102030405");
  EXPECT_EQ(r.modifier, "");
  EXPECT_EQ(r.url, "http://example.com/a/b.html");

  r = Parse("/blog/20240102im_/https://example.com/x.png");
  EXPECT_EQ(r.kind, RouteKind::kReplay);
  EXPECT_EQ(r.timestamp, "20240102");
  EXPECT_EQ(r.modifier, "im_");
  EXPECT_EQ(r.url, "https://example.com/x.png");
}

TEST(ReplayRouteTest, PartialTimestampsAreKeptAsGiven) {
  for (const char* ts : {"2", "20", "2024", "202402", "2024022", "20240229", "2024022923",
                         "202402292359", "20240229235960"}) {
    ReplayRoute r = Parse(std::string("/c/") + ts + "/http://example.com/");
    EXPECT_EQ(r.kind, RouteKind::kReplay) << ts;
    EXPECT_EQ(r.timestamp, ts);
  }
}

TEST(ReplayRouteTest, LatestReplayWithoutTimestamp) {
  ReplayRoute r = Parse("/blog/http://example.com/page");
  EXPECT_EQ(r.kind, RouteKind::kReplay);
  EXPECT_EQ(r.timestamp, "");
  EXPECT_EQ(r.modifier, "");
  EXPECT_EQ(r.url, "http://example.com/page");

  r = Parse("/blog/id_/http://example.com/page");
  EXPECT_EQ(r.kind, RouteKind::kReplay);
  EXPECT_EQ(r.timestamp, "");
  EXPECT_EQ(r.modifier, "id_");
  EXPECT_EQ(r.url, "http://example.com/page");

  // A segment that is not {ts}{mod} is the start of the URL, as in pywb.
  EXPECT_EQ(Parse("/blog/2024x/y").url, "http://2024x/y");
  EXPECT_EQ(Parse("/blog/2024?q=1/2").url, "http://2024?q=1/2");
}

TEST(ReplayRouteTest, ArchivedUrlKeepsItsQueryAndFragment) {
  ReplayRoute r = Parse("/blog/2024/http://example.com/s?q=a%20b&x=/y/&z=?#frag");
  EXPECT_EQ(r.url, "http://example.com/s?q=a%20b&x=/y/&z=?#frag");
  EXPECT_TRUE(r.params.empty());
  EXPECT_EQ(Parse("/blog/http://example.com/?a=1&b=2").url, "http://example.com/?a=1&b=2");
  EXPECT_EQ(Parse("/blog/*/http://example.com/?a=1").url, "http://example.com/?a=1");
  EXPECT_EQ(Parse("/blog/timemap/link/http://example.com/?a=1").url, "http://example.com/?a=1");
  EXPECT_EQ(Parse("/blog/timegate/http://example.com/?a=1").url, "http://example.com/?a=1");
}

TEST(ReplayRouteTest, SchemeIsAddedAndCollapsedSlashesRestored) {
  EXPECT_EQ(Parse("/c/2024/example.com/x").url, "http://example.com/x");
  EXPECT_EQ(Parse("/c/example.com").url, "http://example.com");
  EXPECT_EQ(Parse("/c/2024/http:/example.com/x").url, "http://example.com/x");
  EXPECT_EQ(Parse("/c/2024/https:/example.com/").url, "https://example.com/");
  EXPECT_EQ(Parse("/c/https:/example.com/").url, "https://example.com/");
  EXPECT_EQ(Parse("/c/2024//example.com/").url, "http://example.com/");
  EXPECT_EQ(Parse("/c/2024/localhost:8080/x").url, "http://localhost:8080/x");
  EXPECT_EQ(Parse("/c/2024/urn:x-warc:abc").url, "urn:x-warc:abc");
  // A URL that a form percent-encoded whole.
  EXPECT_EQ(Parse("/c/2024/http%3A%2F%2Fexample.com%2Fa%3Fb%3Dc").url, "http://example.com/a?b=c");
  EXPECT_EQ(Parse("/c/2024/http://example.com/a%3Ab").url, "http://example.com/a%3Ab");
  // Decoding the scheme and host never lets a line break into the URL.
  EXPECT_EQ(Parse("/c/2024/http%3A%2F%2Fx%0D%0Ay/z").url, "http://x%0D%0Ay/z");
}

TEST(ReplayRouteTest, NonAsciiInTheArchivedUrlIsPercentEncoded) {
  EXPECT_EQ(Parse("/c/2024/http://example.com/caf\xc3\xa9 x").url,
            "http://example.com/caf%C3%A9%20x");
}

TEST(ReplayRouteTest, CaptureListsAndRanges) {
  ReplayRoute r = Parse("/blog/*/http://example.com/");
  EXPECT_EQ(r.kind, RouteKind::kCaptureList);
  EXPECT_EQ(r.timestamp, "");
  EXPECT_EQ(r.end_timestamp, "");
  EXPECT_EQ(r.url, "http://example.com/");

  r = Parse("/blog/2010*/example.com/");
  EXPECT_EQ(r.kind, RouteKind::kCaptureList);
  EXPECT_EQ(r.timestamp, "2010");
  EXPECT_EQ(r.end_timestamp, "");
  EXPECT_EQ(r.url, "http://example.com/");

  r = Parse("/blog/2009-2015*/example.com/");
  EXPECT_EQ(r.kind, RouteKind::kCaptureList);
  EXPECT_EQ(r.timestamp, "2009");
  EXPECT_EQ(r.end_timestamp, "2015");

  r = Parse("/blog/-2015*/example.com/");
  EXPECT_EQ(r.timestamp, "");
  EXPECT_EQ(r.end_timestamp, "2015");
}

TEST(ReplayRouteTest, PrefixList) {
  ReplayRoute r = Parse("/blog/*/http://example.com/posts/*");
  EXPECT_EQ(r.kind, RouteKind::kPrefixList);
  EXPECT_EQ(r.url, "http://example.com/posts/");
  r = Parse("/blog/2020-2021*/example.com/*");
  EXPECT_EQ(r.kind, RouteKind::kPrefixList);
  EXPECT_EQ(r.timestamp, "2020");
  EXPECT_EQ(r.end_timestamp, "2021");
  EXPECT_EQ(r.url, "http://example.com/");
}

TEST(ReplayRouteTest, TimeMapsAndTimeGate) {
  ReplayRoute r = Parse("/blog/timemap/link/http://example.com/");
  EXPECT_EQ(r.kind, RouteKind::kTimeMapLink);
  EXPECT_EQ(r.collection, "blog");
  EXPECT_EQ(r.url, "http://example.com/");
  r = Parse("/blog/timemap/json/example.com/a");
  EXPECT_EQ(r.kind, RouteKind::kTimeMapJson);
  EXPECT_EQ(r.url, "http://example.com/a");
  r = Parse("/blog/timegate/http:/example.com/");
  EXPECT_EQ(r.kind, RouteKind::kTimeGate);
  EXPECT_EQ(r.url, "http://example.com/");

  EXPECT_NE(Refusal("/blog/timemap/cdxj/http://example.com/").find("'cdxj'"), std::string::npos);
  EXPECT_NE(Refusal("/blog/timemap/link/").find("missing"), std::string::npos);
  EXPECT_NE(Refusal("/blog/timemap").find("missing"), std::string::npos);
  EXPECT_NE(Refusal("/blog/timegate/").find("missing"), std::string::npos);
}

TEST(ReplayRouteTest, CdxParamsAreDecoded) {
  ReplayRoute r = Parse(
      "/blog/cdx?url=http%3A%2F%2Fexample.com%2F%3Fa%3D1&output=json&filter=!mime:text/"
      "html&filter=status:200&q=a+b%2Bc&flag&&empty=&bad=%zz%4");
  EXPECT_EQ(r.kind, RouteKind::kCdx);
  EXPECT_EQ(r.collection, "blog");
  EXPECT_EQ(r.params, (Params{{"url", "http://example.com/?a=1"},
                              {"output", "json"},
                              {"filter", "!mime:text/html"},
                              {"filter", "status:200"},
                              {"q", "a b+c"},
                              {"flag", ""},
                              {"empty", ""},
                              {"bad", "%zz%4"}}));
  EXPECT_TRUE(Parse("/blog/cdx").params.empty());
}

TEST(ReplayRouteTest, SearchInOneCollectionOrAll) {
  ReplayRoute r = Parse("/blog/search?q=hello+world");
  EXPECT_EQ(r.kind, RouteKind::kSearch);
  EXPECT_EQ(r.collection, "blog");
  EXPECT_EQ(r.params, (Params{{"q", "hello world"}}));

  r = Parse("/search?q=%C3%A9t%C3%A9");
  EXPECT_EQ(r.kind, RouteKind::kSearch);
  EXPECT_EQ(r.collection, "");
  EXPECT_EQ(r.params, (Params{{"q", "\xc3\xa9t\xc3\xa9"}}));
  EXPECT_EQ(Parse("/search").kind, RouteKind::kSearch);

  // A collection named "search" keeps its home with the trailing slash.
  r = Parse("/search/");
  EXPECT_EQ(r.kind, RouteKind::kCollectionHome);
  EXPECT_EQ(r.collection, "search");
}

TEST(ReplayRouteTest, StaticFiles) {
  ReplayRoute r = Parse("/_static/banner.css?v=3");
  EXPECT_EQ(r.kind, RouteKind::kStatic);
  EXPECT_EQ(r.static_name, "banner.css");
  for (const char* bad : {"/_static/", "/_static/../secret", "/_static/a/b.js", "/_static/.hidden",
                          "/_static/%2e%2e", "/_static"}) {
    Refusal(bad);
  }
}

TEST(ReplayRouteTest, BadCollectionNamesAreRefused) {
  for (const char* bad :
       {"/../etc/passwd", "/%2e%2e/x", "/%2E%2E/2024/http://x/", "/a%2Fb/", "/-x/", "/.hidden/",
        "//2024/http://x/", "/a..b/", "/a b/", "/\xc3\xa9t\xc3\xa9/", "/_static_/"}) {
    Refusal(bad);
  }
  EXPECT_NE(Refusal("/a%2Fb/x").find("collection"), std::string::npos);
  EXPECT_NE(Refusal("/a%2Fb/x").find("'a%2Fb'"), std::string::npos);
  Refusal("/" + std::string(65, 'a') + "/");
  EXPECT_EQ(Parse("/" + std::string(64, 'a') + "/").kind, RouteKind::kCollectionHome);
}

TEST(ReplayRouteTest, TraversalAttemptsAreRefused) {
  for (const char* bad :
       {"/blog/../other/", "/blog/..", "/blog/./x", "/blog/%2e%2e/etc/passwd", "/blog/.%2E/x",
        "/blog/2024/../../etc/passwd", "/blog/2024/..", "/blog/*/../x", "/blog/timegate/../x",
        "/blog/timemap/../x", "/blog/2024/%2e%2e/x", "/blog/..?x=1"}) {
    Refusal(bad);
  }
  // Dot segments further inside the archived URL are its own business.
  EXPECT_EQ(Parse("/blog/2024/http://example.com/a/../b").url, "http://example.com/a/../b");
}

TEST(ReplayRouteTest, ControlBytesAreRefused) {
  EXPECT_NE(Refusal(std::string("/blog\0/", 7)).find("offset 5"), std::string::npos);
  Refusal("/blog/2024/http://example.com/\r\nSet-Cookie: x");
  Refusal("/blog/2024/http://example.com/\x7f");
  Refusal("/blog/cdx?url=a\tb");
}

TEST(ReplayRouteTest, AbsurdTimestampsAreRefused) {
  EXPECT_NE(Refusal("/blog/202401020304050/http://example.com/").find("'202401020304050'"),
            std::string::npos);
  Refusal("/blog/" + std::string(5000, '9') + "/http://example.com/");
  for (const char* ts :
       {"202413", "20242", "202400", "20240230", "20230229", "20240431", "20240100", "202401013",
        "2024010124", "20240101236", "202401012360", "20240101235961", "2024010123597"}) {
    std::string message = Refusal(std::string("/c/") + ts + "/http://example.com/");
    EXPECT_NE(message.find(ts), std::string::npos) << message;
  }
  Refusal("/c/2024-20241301*/http://example.com/");
  Refusal("/c/20240230*/http://example.com/");
  EXPECT_EQ(Parse("/c/20240229/http://example.com/").timestamp, "20240229");  // a leap day
}

TEST(ReplayRouteTest, BadModifiersAreRefused) {
  EXPECT_NE(Refusal("/c/2024abc_/http://example.com/").find("'abc_'"), std::string::npos);
  Refusal("/c/2024x_/http://example.com/");
  Refusal("/c/wxyz_/http://example.com/");
}

TEST(ReplayRouteTest, MissingUrlIsRefused) {
  for (const char* bad : {"/c/2024/", "/c/2024id_/", "/c/*/", "/c/*/*", "/c/2024///"}) {
    EXPECT_NE(Refusal(bad).find("missing"), std::string::npos) << bad;
  }
}

TEST(ReplayRouteTest, TargetsMustBeOriginFormAndBounded) {
  Refusal("");
  Refusal("http://example.com/blog/");
  Refusal("*");
  std::string huge = "/blog/2024/http://example.com/?q=" + std::string(kMaxTargetBytes, 'a');
  EXPECT_NE(Refusal(huge).find("limit"), std::string::npos);
  std::string just_fits = "/blog/2024/http://example.com/?q=";
  just_fits.append(kMaxTargetBytes - just_fits.size(), 'a');
  EXPECT_EQ(Parse(just_fits).url.size(), kMaxTargetBytes - 11);
}

}  // namespace
}  // namespace warcrawl::replay
