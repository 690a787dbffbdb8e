#include "replay/url_rewriter.h"

#include <gtest/gtest.h>

#include <string>

namespace warcrawl::replay {
namespace {

constexpr char kPage[] = "https://example.com/dir/page.html?q=1";

std::string Archived(std::string_view modifier, std::string_view url) {
  return "/c/20240102030405" + std::string(modifier) + "/" + std::string(url);
}

TEST(UrlRewriterTest, ResolvesReferencesAgainstThePage) {
  UrlRewriter r("c", "20240102030405", kPage);
  EXPECT_EQ(r.Rewrite("img.png", "im_"), Archived("im_", "https://example.com/dir/img.png"));
  EXPECT_EQ(r.Rewrite("../up/a.css", "cs_"), Archived("cs_", "https://example.com/up/a.css"));
  EXPECT_EQ(r.Rewrite("/root?x=1#f", ""), Archived("", "https://example.com/root?x=1#f"));
  EXPECT_EQ(r.Rewrite("?p=2", ""), Archived("", "https://example.com/dir/page.html?p=2"));
  EXPECT_EQ(r.Rewrite("//cdn.example.org/lib.js", "js_"),
            Archived("js_", "https://cdn.example.org/lib.js"));
  EXPECT_EQ(r.Rewrite("http://other.org/x", "if_"), Archived("if_", "http://other.org/x"));
  EXPECT_EQ(r.Rewrite("HTTPS://Other.org/A", ""), Archived("", "https://Other.org/A"));
  EXPECT_EQ(r.Rewrite("https:same.html", ""), Archived("", "https://example.com/dir/same.html"));
}

TEST(UrlRewriterTest, TrimsHtmlWhitespaceAndDropsTabsAndNewlinesInside) {
  UrlRewriter r("c", "20240102030405", kPage);
  EXPECT_EQ(r.Rewrite(" \t\n\f\rimg.png \n", "im_"),
            Archived("im_", "https://example.com/dir/img.png"));
  EXPECT_EQ(r.Rewrite("im\ng\t.png", "im_"), Archived("im_", "https://example.com/dir/img.png"));
}

TEST(UrlRewriterTest, LeavesNonHttpReferencesAlone) {
  UrlRewriter r("c", "20240102030405", kPage);
  for (const char* ref :
       {"", "   ", "#top", " #top ", "javascript:alert(1)", "JavaScript:void(0)",
        "data:image/png;base64,iVBORw0KGgo=", "mailto:a@example.com", "about:blank",
        "blob:https://example.com/0b7e", "tel:+15551234", "ftp://example.com/f", "ws://x/y"}) {
    EXPECT_EQ(r.Rewrite(ref, "im_"), ref) << ref;
  }
  // A tab inside the scheme does not let javascript: through (browsers drop it too).
  EXPECT_EQ(r.Rewrite("java\tscript:alert(1)", ""), "java\tscript:alert(1)");
}

TEST(UrlRewriterTest, LeavesUnparseableReferencesAlone) {
  UrlRewriter r("c", "20240102030405", kPage);
  for (const char* ref :
       {"http://exa mple.com/", "http://[::1/x", "http:///x", "//", "https://example.com:99999/",
        "http://a\x01"
        "b/"}) {
    EXPECT_EQ(r.Rewrite(ref, ""), ref) << ref;
  }
}

TEST(UrlRewriterTest, DoesNotRewriteArchiveUrlsTwice) {
  UrlRewriter r("c", "20240102030405", kPage);
  std::string once = r.Rewrite("a.png", "im_");
  EXPECT_EQ(r.Rewrite(once, "im_"), once);
  EXPECT_EQ(r.Rewrite("/c/2024/http://x.org/", ""), "/c/2024/http://x.org/");
  // Not archive URLs of this collection: site paths that merely look alike.
  EXPECT_EQ(r.Rewrite("/c/about", ""), Archived("", "https://example.com/c/about"));
  EXPECT_EQ(r.Rewrite("/cc/2024/x", ""), Archived("", "https://example.com/cc/2024/x"));
  EXPECT_EQ(r.Rewrite("/C/2024/x", ""), Archived("", "https://example.com/C/2024/x"));
  // Without a replay origin, an absolute URL to the replay host is just a URL.
  EXPECT_EQ(r.Rewrite("http://localhost:8080/c/2024/http://x.org/", ""),
            Archived("", "http://localhost:8080/c/2024/http://x.org/"));
}

TEST(UrlRewriterTest, RecognisesArchiveUrlsOnTheReplayOrigin) {
  UrlRewriter r("c", "20240102030405", kPage, "http://localhost:8080/");
  for (const char* ref : {"http://localhost:8080/c/2024/http://x.org/",
                          "HTTP://LocalHost:8080/c/20240102030405im_/http://x.org/a.png",
                          "//localhost:8080/c/2024/http://x.org/", "/c/2024/http://x.org/"}) {
    EXPECT_EQ(r.Rewrite(ref, ""), ref) << ref;
  }
  EXPECT_EQ(r.Rewrite("http://localhost:8080/other", ""),
            Archived("", "http://localhost:8080/other"));
}

TEST(UrlRewriterTest, KeepsTheBytesOfNonAsciiUrls) {
  // "テスト" in Shift_JIS and "日本" in UTF-8: prefixed, never re-encoded.
  const std::string sjis = "\x83\x65\x83\x58\x83\x67.html?k=\x83\x65";
  const std::string utf8 = "\xE6\x97\xA5\xE6\x9C\xAC/x.html";
  UrlRewriter r("c", "20240102030405", "http://example.jp/\x83\x65/index.html");
  EXPECT_EQ(r.Rewrite(sjis, ""), Archived("", "http://example.jp/\x83\x65/" + sjis));
  EXPECT_EQ(r.Rewrite(utf8, ""), Archived("", "http://example.jp/\x83\x65/" + utf8));
  EXPECT_EQ(r.Rewrite("http://example.jp/%E6%97%A5", ""),
            Archived("", "http://example.jp/%E6%97%A5"));
}

TEST(UrlRewriterTest, AShiftJisSecondByteIsNoBackslash) {
  // "表" is 0x95 0x5C in Shift_JIS; a backslash after ASCII is a '/' as browsers read it.
  UrlRewriter r("c", "20240102030405", "http://example.jp/d/");
  EXPECT_EQ(r.Rewrite("\x95\\/x.html", ""), Archived("", "http://example.jp/d/\x95\\/x.html"));
  EXPECT_EQ(r.Rewrite("a\\b.html", ""), Archived("", "http://example.jp/d/a/b.html"));
  EXPECT_EQ(r.Rewrite("//h.jp/\x95\\\x95\\?\x95\\#\x95\\", ""),
            Archived("", "http://h.jp/\x95\\\x95\\?\x95\\#\x95\\"));
  // The stand-in byte is one the reference and base do not hold, whatever they hold.
  std::string every_high_byte;
  for (int c = 0x80; c < 0x100; ++c) every_high_byte.push_back(static_cast<char>(c));
  EXPECT_EQ(r.Rewrite("\x95\\" + every_high_byte.substr(1), ""),
            Archived("", "http://example.jp/d/\x95\\" + every_high_byte.substr(1)));
  r.SetBase("\x95\\/");
  EXPECT_EQ(r.base(), "http://example.jp/d/\x95\\/");
  EXPECT_EQ(r.Rewrite("x", ""), Archived("", "http://example.jp/d/\x95\\/x"));
}

TEST(UrlRewriterTest, SetBaseResolvesAgainstTheCurrentBase) {
  UrlRewriter r("c", "20240102030405", kPage);
  EXPECT_EQ(r.base(), kPage);
  r.SetBase("sub/");
  EXPECT_EQ(r.base(), "https://example.com/dir/sub/");
  EXPECT_EQ(r.Rewrite("x.png", "im_"), Archived("im_", "https://example.com/dir/sub/x.png"));
  r.SetBase("  http://other.org/b/  ");
  EXPECT_EQ(r.Rewrite("x", ""), Archived("", "http://other.org/b/x"));
  for (const char* ignored : {"javascript:alert(1)", "data:text/html,x", "http://exa mple/", ""}) {
    r.SetBase(ignored);
    EXPECT_EQ(r.base(), "http://other.org/b/") << ignored;
  }
  // An already rewritten <base href> stands for the URL it archives.
  r.SetBase("/c/20240102030405/https://third.net/d/");
  EXPECT_EQ(r.base(), "https://third.net/d/");
  r.SetBase("/c/20240102030405mp_/https://fourth.net/e/");
  EXPECT_EQ(r.base(), "https://fourth.net/e/");
}

TEST(UrlRewriterTest, WithoutAnHttpPageUrlOnlyAbsoluteReferencesAreRewritten) {
  for (const char* page : {"not a url", "file:///tmp/x.html", ""}) {
    UrlRewriter r("c", "20240102030405", page);
    EXPECT_EQ(r.base(), "") << page;
    EXPECT_EQ(r.Rewrite("rel.png", "im_"), "rel.png") << page;
    EXPECT_EQ(r.Rewrite("//cdn.org/x", ""), "//cdn.org/x") << page;
    EXPECT_EQ(r.Rewrite("http://a.org/x", ""), Archived("", "http://a.org/x")) << page;
    r.SetBase("http://b.org/");
    EXPECT_EQ(r.Rewrite("rel.png", "im_"), Archived("im_", "http://b.org/rel.png")) << page;
  }
}

TEST(UrlRewriterTest, RewritesSrcsetCandidatesAndRefreshUrls) {
  UrlRewriter r("c", "20240102030405", kPage);
  EXPECT_EQ(RewriteSrcset("a.png 1x,b,c.png 2x", r, "im_"),
            Archived("im_", "https://example.com/dir/a.png") + " 1x," +
                Archived("im_", "https://example.com/dir/b,c.png") + " 2x");
  EXPECT_EQ(RewriteSrcset("", r, "im_"), "");
  // The Refresh header has the syntax of <meta http-equiv=refresh>.
  EXPECT_EQ(RewriteRefresh("0; URL=\"/next\" ", r),
            "0; URL=\"" + Archived("", "https://example.com/next") + "\" ");
  EXPECT_EQ(RewriteRefresh("3;url", r), "3;" + Archived("", "https://example.com/dir/url"));
  EXPECT_EQ(RewriteRefresh("3", r), "3");
  EXPECT_EQ(RewriteRefresh("soon; url=x", r), "soon; url=x");
  EXPECT_EQ(RewriteRefresh(".5;url=javascript:x", r), ".5;url=javascript:x");
}

TEST(UrlRewriterTest, CodePointsBecomePercentEncodedUtf8) {
  std::string out;
  for (uint32_t cp : {uint32_t{'a'}, uint32_t{0xE9}, uint32_t{0x3042}, uint32_t{0x1F600},
                      uint32_t{0}, uint32_t{0xD800}, uint32_t{0x110000}}) {
    AppendCodePointToUrl(cp, &out);
    out += ' ';
  }
  EXPECT_EQ(out, "a %C3%A9 %E3%81%82 %F0%9F%98%80 %EF%BF%BD %EF%BF%BD %EF%BF%BD ");
}

TEST(UrlRewriterTest, GrowthBudgetRefusesForGoodOnceExceeded) {
  GrowthBudget budget(0);  // 1 MiB of growth
  EXPECT_TRUE(budget.Take(10, 5));
  EXPECT_TRUE(budget.Take(0, 1 << 19));
  EXPECT_TRUE(budget.Take(0, 1 << 19));
  EXPECT_FALSE(budget.exceeded());
  EXPECT_FALSE(budget.Take(0, 1));
  EXPECT_TRUE(budget.exceeded());
  EXPECT_FALSE(budget.Take(5, 1));
}

}  // namespace
}  // namespace warcrawl::replay
