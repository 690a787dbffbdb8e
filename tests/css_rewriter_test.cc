#include "replay/css_rewriter.h"

#include <gtest/gtest.h>

#include <string>

namespace warcrawl::replay {
namespace {

constexpr char kTs[] = "/c/20240102030405";

std::string Css(std::string_view css, std::string_view page = "http://example.com/css/site.css") {
  UrlRewriter rewriter("c", "20240102030405", page);
  return RewriteCss(css, rewriter);
}

std::string Im(std::string_view url) { return std::string(kTs) + "im_/" + std::string(url); }
std::string Cs(std::string_view url) { return std::string(kTs) + "cs_/" + std::string(url); }

// Removes every archive prefix: what is left of a page of absolute URLs is the original.
std::string StripArchivePrefixes(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    size_t at = s.find(kTs, i);
    if (at == std::string_view::npos) at = s.size();
    out.append(s.substr(i, at - i));
    i = at;
    if (at == s.size()) break;
    std::string_view mod = s.substr(at + sizeof kTs - 1, 4);
    if (mod != "im_/" && mod != "cs_/") out.append(kTs);
    i += sizeof kTs - 1 + ((mod == "im_/" || mod == "cs_/") ? 4 : 0);
  }
  return out;
}

TEST(CssRewriterTest, RewritesEveryFormOfUrlAsAnImage) {
  const std::string bg = "http://example.com/img/bg.png";
  EXPECT_EQ(Css("a{background:url(../img/bg.png)}"), "a{background:url(" + Im(bg) + ")}");
  EXPECT_EQ(Css("a{background:url('../img/bg.png')}"), "a{background:url('" + Im(bg) + "')}");
  EXPECT_EQ(Css("a{background:url(\"../img/bg.png\")}"), "a{background:url(\"" + Im(bg) + "\")}");
  EXPECT_EQ(Css("a{b:url(  \n'../img/bg.png'\t )}"), "a{b:url(  \n'" + Im(bg) + "'\t )}");
  EXPECT_EQ(Css("a{b:url(  ../img/bg.png  )}"), "a{b:url(  " + Im(bg) + "  )}");
  EXPECT_EQ(Css("a{b:URL(../img/bg.png)}"), "a{b:URL(" + Im(bg) + ")}");
  EXPECT_EQ(Css("@font-face{src:url(f.woff2) format('woff2'),url(//cdn.net/f.woff)}"),
            "@font-face{src:url(" + Im("http://example.com/css/f.woff2") +
                ") format('woff2'),url(" + Im("http://cdn.net/f.woff") + ")}");
}

TEST(CssRewriterTest, RewritesImportsAsStylesheets) {
  const std::string a = "http://example.com/css/a.css";
  EXPECT_EQ(Css("@import \"a.css\";"), "@import \"" + Cs(a) + "\";");
  EXPECT_EQ(Css("@import 'a.css' screen and (min-width: 'x');"),
            "@import '" + Cs(a) + "' screen and (min-width: 'x');");
  EXPECT_EQ(Css("@import url(a.css) print;"), "@import url(" + Cs(a) + ") print;");
  EXPECT_EQ(Css("@IMPORT /* why */ url('a.css');"), "@IMPORT /* why */ url('" + Cs(a) + "');");
  // Only the import's own URL: a url() later in the sheet is an image again.
  EXPECT_EQ(Css("@import 'a.css';b{c:url(a.png)}"),
            "@import '" + Cs(a) + "';b{c:url(" + Im("http://example.com/css/a.png") + ")}");
  EXPECT_EQ(Css("@imports 'a.css';"), "@imports 'a.css';");
  // An @import without a URL ends at its ';': a later string is no import.
  EXPECT_EQ(Css("@import foo;a{content:'a.css'}"), "@import foo;a{content:'a.css'}");
  EXPECT_EQ(Css("@import{}a{content:'a.css'}"), "@import{}a{content:'a.css'}");
}

TEST(CssRewriterTest, LeavesCommentsStringsAndLookalikesAlone) {
  for (const char* css :
       {"/* url(a.png) @import 'b.css'; */", "a{content:\"url(a.png)\"}", "a{font-family:'x.css'}",
        "a{b:myurl(a.png)}", "a{b:-x-url(a.png)}", "a{b:\\url(a.png)}",
        "a{b:url(data:image/png;base64,AAAA)}", "a{filter:url(#blur)}", "a{b:url()}",
        "a{b:url('')}", "a{b:url(javascript:x)}"}) {
    EXPECT_EQ(Css(css), css);
  }
  EXPECT_EQ(Css("/* a */b{c:url(x.png)}/* url(y.png) */"),
            "/* a */b{c:url(" + Im("http://example.com/css/x.png") + ")}/* url(y.png) */");
}

TEST(CssRewriterTest, KeepsEveryByteOutsideTheUrls) {
  const std::string css =
      "@charset \"utf-8\";\r\n/* \xC3\xA9t\xC3\xA9 */\n.a  ,\t.b{ color : red ;"
      "background : #fff url( \"http://x.org/a b.png\" ) no-repeat }\n\n@media print{.c{}}";
  std::string out = Css(css);
  EXPECT_NE(out, css);
  EXPECT_EQ(StripArchivePrefixes(out), css);
}

TEST(CssRewriterTest, DecodesEscapesToResolveAndEscapesOnlyWhatTheContextNeeds) {
  // The escaped ')' is part of the URL and stays escaped.
  EXPECT_EQ(Css("a{b:url(a\\)b.png)}"), "a{b:url(" + Im("http://example.com/css/a\\)b.png") + ")}");
  EXPECT_EQ(Css("a{b:url(\"a\\\"b.png\")}"),
            "a{b:url(\"" + Im("http://example.com/css/a\\\"b.png") + "\")}");
  EXPECT_EQ(Css("a{b:url('q\\\"b.png')}"),
            "a{b:url('" + Im("http://example.com/css/q\"b.png") + "')}");
  // A backslash is an escape, not a path separator; a non-ASCII escape is percent-encoded.
  EXPECT_EQ(Css("a{b:url(\\61 .png)}"), "a{b:url(" + Im("http://example.com/css/a.png") + ")}");
  EXPECT_EQ(Css("a{b:url(\\000061.png)}"), "a{b:url(" + Im("http://example.com/css/a.png") + ")}");
  // A hex escape takes one whitespace, a newline too; backslash-newline continues a string.
  EXPECT_EQ(Css("a{b:url('\\61\r\n.png')}"),
            "a{b:url('" + Im("http://example.com/css/a.png") + "')}");
  EXPECT_EQ(Css("a{b:url(\"a\\\r\nb.png\")}"),
            "a{b:url(\"" + Im("http://example.com/css/ab.png") + "\")}");
  EXPECT_EQ(Css("a{b:url(\\e9.png)}"), "a{b:url(" + Im("http://example.com/css/%C3%A9.png") + ")}");
  // Characters of the base that would end an unquoted url() early are escaped.
  EXPECT_EQ(Css("a{b:url(x.png)}", "http://example.com/a(1) b/s.css"),
            "a{b:url(" + Im("http://example.com/a\\(1\\)\\ b/x.png") + ")}");
  EXPECT_EQ(Css("a{b:url('x.png')}", "http://example.com/it's/s.css"),
            "a{b:url('" + Im("http://example.com/it\\'s/x.png") + "')}");
}

TEST(CssRewriterTest, KeepsRawNonAsciiBytes) {
  const std::string css = "a{b:url(\x83\x65\x83\x58\x83\x67.png)}";
  EXPECT_EQ(Css(css),
            "a{b:url(" + Im("http://example.com/css/\x83\x65\x83\x58\x83\x67.png") + ")}");
  // Shift_JIS "表" (0x95 0x5C) ends in a byte that is no escape: kept, the string still ends.
  EXPECT_EQ(Css("a{b:url('\x95\\.png')}"),
            "a{b:url('" + Im("http://example.com/css/\x95\\.png") + "')}");
  EXPECT_EQ(Css("a{b:url(\x95\\)}c{d:url(x)}"), "a{b:url(" + Im("http://example.com/css/\x95\\") +
                                                    ")}c{d:url(" + Im("http://example.com/css/x") +
                                                    ")}");
  EXPECT_EQ(Css("a{content:'\x95\\'}b{c:url(x)}"),
            "a{content:'\x95\\'}b{c:url(" + Im("http://example.com/css/x") + ")}");
}

TEST(CssRewriterTest, DoesNotRewriteArchiveUrlsTwice) {
  std::string once = Css("a{b:url(x.png)}@import 'y.css';");
  EXPECT_EQ(Css(once), once);
}

TEST(CssRewriterTest, CopiesMalformedCssAsItIs) {
  for (const char* css :
       {"a{b:url(x.png", "a{b:url('x.png)}", "a{b:url(\"x.png\" x)}", "a{b:url(x y.png)}",
        "a{b:url(x\"y)}", "a{b:url(x(y))}", "/* url(x.png)", "a{content:'abc", "@import",
        "@import 'a.css", "url(", "url(\\", "a\\", "'\\", "url(x\\\ny)", "url('a\nb')"}) {
    EXPECT_EQ(Css(css), css) << css;
  }
  // After an unterminated string the next line is CSS again, as in browsers.
  EXPECT_EQ(Css("a{content:'abc\nb{c:url(x.png)}"),
            "a{content:'abc\nb{c:url(" + Im("http://example.com/css/x.png") + ")}");
}

TEST(CssRewriterTest, EveryTruncationOfASheetRewritesOnlyItsUrls) {
  const std::string css =
      "@import url(\"http://x.org/a.css\");@import 'http://x.org/b.css';\n"
      "/* url(http://x.org/c.png) */ .d{background:url( http://x.org/d.png ) \"s\\\"t\"}"
      ".e{src:url('http://x.org/e.woff') format(\"woff\"),url(http://x.org/f.woff)}";
  std::string full = Css(css);
  EXPECT_EQ(StripArchivePrefixes(full), css);
  EXPECT_NE(full.find(Cs("http://x.org/a.css")), std::string::npos);
  EXPECT_NE(full.find(Cs("http://x.org/b.css")), std::string::npos);
  EXPECT_NE(full.find(Im("http://x.org/f.woff")), std::string::npos);
  EXPECT_EQ(full.find(Im("http://x.org/c.png")), std::string::npos);
  for (size_t n = 0; n <= css.size(); ++n) {
    std::string_view cut = std::string_view(css).substr(0, n);
    EXPECT_EQ(StripArchivePrefixes(Css(cut)), cut) << n;
  }
}

TEST(CssRewriterTest, PathologicalInputsStayLinear) {
  // Each would be quadratic for a rescanning tokenizer.
  for (const std::string& unit :
       {std::string("url("), std::string("url('"), std::string("url(a "), std::string("/*"),
        std::string("'\\\n"), std::string("@import ")}) {
    std::string css;
    while (css.size() < (4u << 20)) css += unit;
    EXPECT_EQ(Css(css), css) << unit;
  }
  std::string many;
  for (int i = 0; i < 50000; ++i) many += "url(x)";
  std::string expected;
  for (int i = 0; i < 50000; ++i) expected += "url(http://example.com/css/x)";
  EXPECT_EQ(StripArchivePrefixes(Css(many)), expected);
}

TEST(CssRewriterTest, GrowthIsBoundedWhateverTheBase) {
  // Every url(x) would repeat a 100 KB page URL: rewriting stops within the budget.
  std::string page = "http://example.com/" + std::string(100000, 'p') + "/s.css";
  std::string css;
  for (int i = 0; i < 20000; ++i) css += "url(x)";
  UrlRewriter rewriter("c", "20240102030405", page);
  GrowthBudget budget(css.size());
  std::string out = RewriteCss(css, rewriter, &budget);
  EXPECT_TRUE(budget.exceeded());
  EXPECT_LE(out.size(), 5 * css.size() + (1u << 20));
  EXPECT_EQ(out.substr(0, 4), "url(");
  EXPECT_EQ(out.substr(4, 4), "/c/2");
  EXPECT_EQ(out.substr(out.size() - 12), "url(x)url(x)");
}

}  // namespace
}  // namespace warcrawl::replay
