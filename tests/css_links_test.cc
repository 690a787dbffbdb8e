#include "crawler/css_links.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace warcrawl::crawler {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> Urls(std::string_view css) {
  std::vector<std::string> urls;
  ExtractCssUrls(css, &urls);
  return urls;
}

TEST(CssLinksTest, UrlFunctionQuotedAndUnquoted) {
  EXPECT_THAT(Urls("a{background:url(a.png)} b{background:url('b.png')} c{x:url(\"c.png\")}"),
              ElementsAre("a.png", "b.png", "c.png"));
}

TEST(CssLinksTest, WhitespaceInsideUrlParens) {
  EXPECT_THAT(Urls("x{a:url(  a.png  ); b:url(\n 'b.png' \n)}"), ElementsAre("a.png", "b.png"));
}

TEST(CssLinksTest, UrlIsCaseInsensitiveButMustBeAWholeIdent) {
  EXPECT_THAT(Urls("x{a:URL(a.png); b:Url(b.png); c:myurl(c.png); d:1url(d.png); e:-url(e)}"),
              ElementsAre("a.png", "b.png"));
}

TEST(CssLinksTest, KeepsOrderAndDuplicates) {
  EXPECT_THAT(Urls("a{b:url(x)} c{d:url(y)} e{f:url(x)}"), ElementsAre("x", "y", "x"));
}

TEST(CssLinksTest, HexEscapes) {
  // \29 is ')' and ends at the space after it; \28 is '('.
  EXPECT_THAT(Urls("x{a:url(a\\29 b.png)}"), ElementsAre("a)b.png"));
  EXPECT_THAT(Urls("x{a:url('p\\28 1\\29.png')}"), ElementsAre("p(1).png"));
  EXPECT_THAT(Urls("x{a:url(caf\\e9.png)}"), ElementsAre("caf\xC3\xA9.png"));
  EXPECT_THAT(Urls("x{a:url(\\0 x)}"), ElementsAre("\xEF\xBF\xBDx"));
}

TEST(CssLinksTest, CharacterEscapes) {
  EXPECT_THAT(Urls("x{a:url(a\\)b\\ c.png)}"), ElementsAre("a)b c.png"));
  EXPECT_THAT(Urls("x{a:url('it\\'s.png')}"), ElementsAre("it's.png"));
  EXPECT_THAT(Urls("x{a:url(\"long\\\nline.png\")}"), ElementsAre("longline.png"));
}

TEST(CssLinksTest, EscapedFunctionNameStillMeansUrl) {
  EXPECT_THAT(Urls("x{a:\\75rl(a.png)}"), ElementsAre("a.png"));
}

TEST(CssLinksTest, CommentsHideUrls) {
  EXPECT_THAT(Urls("/* url(no1.png) */ a{b:url(yes.png)} /* @import 'no2.css'; */"),
              ElementsAre("yes.png"));
  EXPECT_THAT(Urls("a{b:url(yes.png)} /* unterminated url(no.png)"), ElementsAre("yes.png"));
}

TEST(CssLinksTest, OtherStringsAreNotUrls) {
  EXPECT_THAT(Urls("a:after{content:\"url(no.png)\"} b{font-family:'x.css'}"), IsEmpty());
}

TEST(CssLinksTest, ImportForms) {
  EXPECT_THAT(Urls("@import 'a.css';\n@import \"b.css\" screen;\n@import url(c.css);\n"
                   "@import url('d.css') print;\n@IMPORT 'e.css';\n@import/**/'f.css';"),
              ElementsAre("a.css", "b.css", "c.css", "d.css", "e.css", "f.css"));
}

TEST(CssLinksTest, OnlyImportTakesABareString) {
  EXPECT_THAT(Urls("@charset \"utf-8\"; @namespace svg 'http://www.w3.org/2000/svg';"), IsEmpty());
  EXPECT_THAT(Urls("@import foo 'a.css';"), IsEmpty());
}

TEST(CssLinksTest, FontFaceSources) {
  EXPECT_THAT(Urls("@font-face{src:url(f.woff2) format('woff2'),url(\"f.woff\") format('woff')}"),
              ElementsAre("f.woff2", "f.woff"));
}

TEST(CssLinksTest, ImageSetStrings) {
  EXPECT_THAT(Urls("a{b:image-set(\"a1.png\" 1x, url(a2.png) 2x)}"
                   "c{d:-webkit-image-set('c1.png' 1x, 'c2.png' type('image/png') 2x)}"),
              ElementsAre("a1.png", "a2.png", "c1.png", "c2.png"));
  EXPECT_THAT(Urls("a{b:image-set(x) 'not.png'}"), IsEmpty());
}

TEST(CssLinksTest, UnterminatedUrlAtEndOfInput) {
  EXPECT_THAT(Urls("a{b:url(cut.png"), ElementsAre("cut.png"));
  EXPECT_THAT(Urls("a{b:url('cut2.png"), ElementsAre("cut2.png"));
  EXPECT_THAT(Urls("a{b:url(  "), IsEmpty());
  EXPECT_THAT(Urls("a{b:url("), IsEmpty());
  EXPECT_THAT(Urls("a{b:url(x\\"), ElementsAre("x\xEF\xBF\xBD"));
}

TEST(CssLinksTest, BadUrlsAreDropped) {
  // A quote, '(' or inner whitespace makes an unquoted url( bad; parsing resumes after ')'.
  EXPECT_THAT(Urls("a{b:url(x\"y) c:url(ok1)}"), ElementsAre("ok1"));
  EXPECT_THAT(Urls("a{b:url(x y) c:url(ok2)}"), ElementsAre("ok2"));
  EXPECT_THAT(Urls("a{b:url(x(y) c:url(ok3)}"), ElementsAre("ok3"));
  EXPECT_THAT(Urls("a{b:url(x y\\) z) c:url(ok4)}"), ElementsAre("ok4"));
  // A raw newline cuts a string: no URL from it, and tokens resume on the next line.
  EXPECT_THAT(Urls("@import 'a\nb.css; x{y:url(ok5)}"), ElementsAre("ok5"));
  // ...where a lone quote opens a string that runs to the end, as in browsers.
  EXPECT_THAT(Urls("@import 'a\nb.css'; x{y:url(no)}"), IsEmpty());
}

TEST(CssLinksTest, EmptyUrlIsLeftOut) {
  EXPECT_THAT(Urls("a{b:url()} c{d:url('')} e{f:url(x)}"), ElementsAre("x"));
}

TEST(CssLinksTest, HashAndAtNamesAreNotFunctions) {
  EXPECT_THAT(Urls("#url(a) @url(b) x{y:url(c)}"), ElementsAre("c"));
}

TEST(CssLinksTest, AppendsToTheVector) {
  std::vector<std::string> urls = {"kept"};
  ExtractCssUrls("a{b:url(new)}", &urls);
  EXPECT_THAT(urls, ElementsAre("kept", "new"));
}

TEST(CssLinksTest, GarbageNeverCrashes) {
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage.push_back(static_cast<char>((i * 131 + 7) % 256));
  std::vector<std::string> urls;
  ExtractCssUrls(garbage, &urls);
  ExtractCssUrls(std::string(100000, '('), &urls);
  ExtractCssUrls(std::string(100000, ')'), &urls);
  ExtractCssUrls(std::string(100000, '\\'), &urls);
  ExtractCssUrls("url(" + std::string(100000, 'a'), &urls);
  ASSERT_FALSE(urls.empty());
  EXPECT_EQ(urls.back(), std::string(100000, 'a'));
}

}  // namespace
}  // namespace warcrawl::crawler
