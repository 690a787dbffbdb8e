#include "crawler/html_links.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace warcrawl::crawler {
namespace {

using namespace std::string_literals;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr std::string_view kPage = "http://example.com/dir/page.html";

HtmlLinks Extract(std::string_view html, std::string_view charset = "",
                  std::string_view page = kPage) {
  HtmlLinks links;
  Status s = ExtractHtmlLinks(html, page, charset, &links);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return links;
}

std::vector<std::string> Urls(const HtmlLinks& links) {
  std::vector<std::string> urls;
  for (const ExtractedLink& link : links.links) urls.push_back(link.url);
  return urls;
}

// The only link of `html`; fails the test when there is not exactly one.
ExtractedLink Only(std::string_view html, std::string_view charset = "") {
  HtmlLinks links = Extract(html, charset);
  EXPECT_EQ(links.links.size(), 1u) << html;
  return links.links.empty() ? ExtractedLink() : links.links[0];
}

TEST(HtmlLinksTest, AnchorsAndAreas) {
  HtmlLinks links = Extract("<a href='a.html'>a</a><map><area href='/b'></map>");
  ASSERT_EQ(links.links.size(), 2u);
  EXPECT_EQ(links.links[0].url, "http://example.com/dir/a.html");
  EXPECT_EQ(links.links[0].context, LinkContext::kNavigation);
  EXPECT_EQ(links.links[0].element, "a");
  EXPECT_EQ(links.links[0].attribute, "href");
  EXPECT_EQ(links.links[1].url, "http://example.com/b");
  EXPECT_EQ(links.links[1].element, "area");
  EXPECT_EQ(links.base_url, kPage);
}

struct EmbedCase {
  std::string html;
  std::string element;
  std::string attribute;
};

TEST(HtmlLinksTest, TheSameLinksOnPagesOfOtherOriginsAndPaths) {
  // Root-relative and absolute links are remembered across pages (per thread); what they
  // resolve to must still follow each page's scheme, host, port, userinfo, <base> and charset.
  // The same query, é, written in each page's encoding.
  auto page = [](std::string_view e_acute) {
    return "<a href='/a/../b?q=1'>x</a><a href='c'>x</a><a href='//other.test/d'>x</a>"
           "<a href='http://abs.test/e'>x</a><a href='/f?" +
           std::string(e_acute) + "'>x</a>";
  };
  const std::string html = page("\xC3\xA9"), latin1 = page("\xE9");
  // What the links become on a page of `origin` whose query encoding gives `f_query`.
  auto expected = [](std::string_view origin, std::string_view dir, std::string_view f_query) {
    std::string o(origin);
    return std::vector<std::string>{o + "/b?q=1", o + std::string(dir) + "c",
                                    o.substr(0, o.find(':')) + "://other.test/d",
                                    "http://abs.test/e", o + "/f?" + std::string(f_query)};
  };
  for (int round = 0; round < 2; ++round) {
    // Each page differs from the one before in one thing only.
    EXPECT_EQ(Urls(Extract(html, "utf-8", "http://example.com/dir/page.html")),
              expected("http://example.com", "/dir/", "%C3%A9"));
    EXPECT_EQ(Urls(Extract(html, "utf-8", "https://example.com/dir/page.html")),
              expected("https://example.com", "/dir/", "%C3%A9"));
    EXPECT_EQ(Urls(Extract(latin1, "windows-1252", "https://example.com/dir/page.html")),
              expected("https://example.com", "/dir/", "%E9"));
    EXPECT_EQ(Urls(Extract(latin1, "windows-1252", "https://u@example.com/x/y")),
              expected("https://u@example.com", "/x/", "%E9"));
    EXPECT_EQ(Urls(Extract(latin1, "windows-1252", "https://u@example.com:8443/x/y")),
              expected("https://u@example.com:8443", "/x/", "%E9"));
    EXPECT_EQ(Urls(Extract("<base href='http://base.test/p/'>" + html, "utf-8",
                           "http://example.com/dir/page.html")),
              expected("http://base.test", "/p/", "%C3%A9"));
  }
}

TEST(HtmlLinksTest, EveryEmbedElementAndAttribute) {
  const EmbedCase cases[] = {
      {"<img src=x.png>", "img", "src"},
      {"<img srcset='x.png 2x'>", "img", "srcset"},
      {"<img data-src=x.png>", "img", "data-src"},
      {"<img data-srcset='x.png 1x'>", "img", "data-srcset"},
      {"<img data-lazy-src=x.png>", "img", "data-lazy-src"},
      {"<img data-lazy-srcset='x.png 1x'>", "img", "data-lazy-srcset"},
      {"<script src=x.png></script>", "script", "src"},
      {"<link rel=stylesheet href=x.png>", "link", "href"},
      {"<link rel=icon href=x.png>", "link", "href"},
      {"<link rel=preload as=image href=x.png>", "link", "href"},
      {"<link rel=modulepreload href=x.png>", "link", "href"},
      {"<link rel=preload as=image imagesrcset='x.png 2x'>", "link", "imagesrcset"},
      {"<iframe src=x.png></iframe>", "iframe", "src"},
      {"<iframe data-src=x.png></iframe>", "iframe", "data-src"},
      {"<frameset><frame src=x.png></frameset>", "frame", "src"},
      {"<picture><source srcset='x.png 1x'></picture>", "source", "srcset"},
      {"<video><source src=x.png></video>", "source", "src"},
      {"<video src=x.png></video>", "video", "src"},
      {"<video poster=x.png></video>", "video", "poster"},
      {"<audio src=x.png></audio>", "audio", "src"},
      {"<video><track src=x.png></video>", "track", "src"},
      {"<embed src=x.png>", "embed", "src"},
      {"<object data=x.png></object>", "object", "data"},
      {"<form><input type=IMAGE src=x.png></form>", "input", "src"},
      {"<body background=x.png>", "body", "background"},
      {"<table><tr><td background=x.png>c</td></tr></table>", "td", "background"},
      {"<div style='background:url(x.png)'></div>", "div", "style"},
      {"<style>p{background:url(x.png)}</style>", "style", ""},
  };
  for (const EmbedCase& c : cases) {
    ExtractedLink link = Only(c.html);
    EXPECT_EQ(link.url, "http://example.com/dir/x.png") << c.html;
    EXPECT_EQ(link.context, LinkContext::kEmbed) << c.html;
    EXPECT_EQ(link.element, c.element) << c.html;
    EXPECT_EQ(link.attribute, c.attribute) << c.html;
  }
}

TEST(HtmlLinksTest, NotLinks) {
  EXPECT_THAT(Urls(Extract("<form action=f.cgi><input type=text src=t.png></form>"
                           "<p src=p.png><div data-src=d.png></div><a name=n>"
                           "<link rel=dns-prefetch href=//cdn.example/><link href=norel.css>"
                           "<blockquote cite=c.html></blockquote>")),
              IsEmpty());
}

TEST(HtmlLinksTest, LinkRelations) {
  HtmlLinks links = Extract(
      "<link rel=next href=p2><link rel=prev href=p0><link rel=canonical href=c>"
      "<link rel=alternate type='Application/RSS+XML' href=feed>"
      "<link rel='Shortcut Icon' href=fav.ico><link rel='alternate stylesheet' href=alt.css>");
  ASSERT_EQ(links.links.size(), 6u);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(links.links[i].context, LinkContext::kNavigation) << i;
  EXPECT_EQ(links.links[0].rel, "next");
  EXPECT_EQ(links.links[3].type, "application/rss+xml");
  EXPECT_EQ(links.links[3].rel, "alternate");
  EXPECT_EQ(links.links[4].context, LinkContext::kEmbed);
  EXPECT_EQ(links.links[4].rel, "shortcut icon");
  EXPECT_EQ(links.links[5].context, LinkContext::kEmbed);
  EXPECT_EQ(links.links[5].url, "http://example.com/dir/alt.css");
}

TEST(HtmlLinksTest, RelativeBaseHref) {
  HtmlLinks links = Extract("<head><base href='../other/'></head><a href=a.html><img src=/i>");
  EXPECT_EQ(links.base_url, "http://example.com/other/");
  EXPECT_THAT(Urls(links), ElementsAre("http://example.com/other/a.html", "http://example.com/i"));
}

TEST(HtmlLinksTest, OnlyTheFirstBaseHrefCountsWhereverItIs) {
  // Links before the <base> resolve against it too; a <base> without href does not count.
  HtmlLinks links = Extract(
      "<a href=early.html><base target=_blank><base href='http://other.example/b/'>"
      "<base href='http://third.example/'><a href=late.html>");
  EXPECT_EQ(links.base_url, "http://other.example/b/");
  EXPECT_THAT(Urls(links),
              ElementsAre("http://other.example/b/early.html", "http://other.example/b/late.html"));
}

TEST(HtmlLinksTest, UnusableBaseKeepsThePageUrl) {
  HtmlLinks links = Extract("<base href='javascript:void(0)'><a href=a.html>");
  EXPECT_EQ(links.base_url, kPage);
  EXPECT_THAT(Urls(links), ElementsAre("http://example.com/dir/a.html"));
}

TEST(HtmlLinksTest, SrcsetCandidates) {
  HtmlLinks links = Extract(
      "<img srcset='a.jpg 1x, b,c.jpg 2x,d.jpg 100w,e.jpg, f.jpg,,  g.jpg (x, y) 3x, h.jpg'>"
      "<img srcset='data:image/png;base64,AAAA 1x, i.jpg 2x'>");
  EXPECT_THAT(Urls(links),
              ElementsAre("http://example.com/dir/a.jpg", "http://example.com/dir/b,c.jpg",
                          "http://example.com/dir/d.jpg", "http://example.com/dir/e.jpg",
                          "http://example.com/dir/f.jpg", "http://example.com/dir/g.jpg",
                          "http://example.com/dir/h.jpg", "http://example.com/dir/i.jpg"));
  for (const ExtractedLink& link : links.links) EXPECT_EQ(link.attribute, "srcset");
}

TEST(HtmlLinksTest, MetaRefreshVariants) {
  const std::pair<std::string, std::string> cases[] = {
      {"<meta http-equiv=refresh content='5; url=a.html'>", "http://example.com/dir/a.html"},
      {"<meta http-equiv=Refresh content=\"0;URL='/b.html'\">", "http://example.com/b.html"},
      {"<meta content='3, c.html' http-equiv=REFRESH>", "http://example.com/dir/c.html"},
      {"<meta http-equiv=refresh content='url=d.html'>", "http://example.com/dir/d.html"},
      {"<meta http-equiv=refresh content='10 ;  URL = \"e.html\" '>",
       "http://example.com/dir/e.html"},
      {"<meta http-equiv=refresh content='1.5;url=http://f.example/x'>", "http://f.example/x"},
      {"<meta http-equiv=refresh content=\"0; url='g.html\">", "http://example.com/dir/g.html"},
      {"<meta http-equiv=refresh content='0; urlish.html'>", "http://example.com/dir/urlish.html"},
  };
  for (const auto& [html, url] : cases) {
    ExtractedLink link = Only(html);
    EXPECT_EQ(link.url, url) << html;
    EXPECT_EQ(link.context, LinkContext::kRefresh) << html;
    EXPECT_EQ(link.element, "meta");
    EXPECT_EQ(link.attribute, "content");
  }
}

TEST(HtmlLinksTest, MetaRefreshWithoutUrl) {
  EXPECT_THAT(Urls(Extract("<meta http-equiv=refresh content='5'>"
                           "<meta http-equiv=refresh content='5;  '>"
                           "<meta http-equiv=content-type content='text/html; url=x'>"
                           "<meta name=refresh content='5; url=y'>")),
              IsEmpty());
}

TEST(HtmlLinksTest, StyleElementAndAttributeCss) {
  HtmlLinks links = Extract(
      "<style>@import 'imp.css'; /* url(no.png) */ body{background:url(\"bg.png\")}</style>"
      "<p style=\"background-image:url('p.png'); content:'url(no2.png)'\">");
  ASSERT_EQ(links.links.size(), 3u);
  EXPECT_EQ(links.links[0].url, "http://example.com/dir/imp.css");
  EXPECT_EQ(links.links[0].element, "style");
  EXPECT_EQ(links.links[1].url, "http://example.com/dir/bg.png");
  EXPECT_EQ(links.links[2].url, "http://example.com/dir/p.png");
  EXPECT_EQ(links.links[2].element, "p");
  EXPECT_EQ(links.links[2].attribute, "style");
  for (const ExtractedLink& link : links.links) EXPECT_EQ(link.context, LinkContext::kEmbed);
}

TEST(HtmlLinksTest, StyleTextWithMarkupInsideIsCss) {
  EXPECT_THAT(Urls(Extract("<style>a{b:url(x.png)} <a href=no.html> </style><a href=yes.html>")),
              ElementsAre("http://example.com/dir/x.png", "http://example.com/dir/yes.html"));
}

TEST(HtmlLinksTest, BrokenMarkup) {
  std::string html =
      "<html><body><div><p><a href=one.html>one<div></span></div></div></div></td></table>"
      "<a href=\"two.html\" <b>two</a><img src=three.png alt='unclosed"
      "'><ul><li><a href=four.html>four<li><a href=five.html>five</ul></html></body>"
      "\x01\x02\x7F\xFF\xFE\xC0\xEF\xBF\xBF<<>>&&#;&#xFFFFFF;<?pi?><!DOCTYPE x><![CDATA[x]]>"
      "<a href=six.html>six</a></body></html><a href=seven.html>";
  EXPECT_THAT(Urls(Extract(html, "utf-8")),
              ElementsAre("http://example.com/dir/one.html", "http://example.com/dir/two.html",
                          "http://example.com/dir/three.png", "http://example.com/dir/four.html",
                          "http://example.com/dir/five.html", "http://example.com/dir/six.html",
                          "http://example.com/dir/seven.html"));
}

TEST(HtmlLinksTest, NulBytesDoNotStopTheParse) {
  // libxml2 stops at a raw NUL; decoding turns each into U+FFFD, whatever the encoding.
  std::string html = "<a href=one.html>\0\0</a><a href='t\0o.html'>\0<img src=three.png>"s;
  for (std::string_view charset : {"utf-8", "windows-1252", "shift_jis"}) {
    EXPECT_THAT(Urls(Extract(html, charset)), ElementsAre("http://example.com/dir/one.html",
                                                          "http://example.com/dir/t%EF%BF%BDo.html",
                                                          "http://example.com/dir/three.png"))
        << charset;
  }
}

TEST(HtmlLinksTest, UnterminatedCommentHidesTheRest) {
  EXPECT_THAT(Urls(Extract("<a href=a.html><!-- <a href=b.html>")),
              ElementsAre("http://example.com/dir/a.html"));
}

TEST(HtmlLinksTest, TenThousandLinksAllFound) {
  std::string html = "<html><body>";
  for (int i = 0; i < 10000; ++i) html += "<a href='/p" + std::to_string(i) + "'>x</a>\n";
  HtmlLinks links = Extract(html);
  ASSERT_EQ(links.links.size(), 10000u);
  EXPECT_FALSE(links.truncated);
  EXPECT_EQ(links.links[0].url, "http://example.com/p0");
  EXPECT_EQ(links.links[9999].url, "http://example.com/p9999");
}

TEST(HtmlLinksTest, LinkCapTruncates) {
  std::string html;
  for (size_t i = 0; i <= kMaxLinksPerPage; ++i) html += "<a href=" + std::to_string(i) + ">";
  HtmlLinks links = Extract(html);
  EXPECT_EQ(links.links.size(), kMaxLinksPerPage);
  EXPECT_TRUE(links.truncated);
  EXPECT_EQ(links.links.back().url,
            "http://example.com/dir/" + std::to_string(kMaxLinksPerPage - 1));
}

TEST(HtmlLinksTest, NestingBeyondLibxml2TreeLimitIsFine) {
  std::string html = "<a href=before.html>";
  for (int i = 0; i < 400; ++i) html += "<div>";
  html += "<a href=deep.html>";
  for (int i = 0; i < 400; ++i) html += "</div>";
  html += "<a href=after.html>";
  HtmlLinks links = Extract(html);
  EXPECT_EQ(links.links.size(), 3u);
  EXPECT_FALSE(links.truncated);
}

TEST(HtmlLinksTest, HundredThousandNestedDivsStopAtTheDepthCap) {
  std::string html = "<a href=before.html>";
  for (int i = 0; i < 100000; ++i) {
    html += "<div>";
    if (i == 100) html += "<a href=shallow.html>";
  }
  html += "<a href=deep.html>";
  for (int i = 0; i < 100000; ++i) html += "</div>";
  html += "<a href=after.html>";
  HtmlLinks links = Extract(html);
  // Past kMaxHtmlDepth the parse stops: what came before is kept, the rest is reported lost.
  EXPECT_THAT(Urls(links), ElementsAre("http://example.com/dir/before.html",
                                       "http://example.com/dir/shallow.html"));
  EXPECT_TRUE(links.truncated);
}

TEST(HtmlLinksTest, HugeInlineScriptDoesNotStopTheParse) {
  // libxml2's tree builder gives up on a text node over 10 MB; the SAX stream does not.
  std::string html = "<script>" + std::string(11 * 1000 * 1000, 'x') + "</script><a href=a.html>";
  EXPECT_THAT(Urls(Extract(html)), ElementsAre("http://example.com/dir/a.html"));
}

TEST(HtmlLinksTest, Windows1252PageWithNonAsciiLink) {
  // Path in UTF-8, query in the page's encoding, as browsers send them.
  for (std::string_view charset : {"", "windows-1252", "ISO-8859-1"}) {
    HtmlLinks links = Extract("<a href='/caf\xE9.html?q=\xE9&e=\x80'>x</a>", charset);
    EXPECT_EQ(links.charset, "windows-1252");
    EXPECT_THAT(Urls(links), ElementsAre("http://example.com/caf%C3%A9.html?q=%E9&e=%80"));
  }
}

TEST(HtmlLinksTest, Utf8PageWithBom) {
  HtmlLinks links = Extract("\xEF\xBB\xBF<a href='/\xC3\xA9t\xC3\xA9?q=\xC3\xA9'>x</a>", "");
  EXPECT_EQ(links.charset, "utf-8");
  EXPECT_THAT(Urls(links), ElementsAre("http://example.com/%C3%A9t%C3%A9?q=%C3%A9"));
}

TEST(HtmlLinksTest, BomBeatsTheHttpCharset) {
  HtmlLinks links = Extract("\xEF\xBB\xBF<a href='/\xC3\xA9'>x</a>", "iso-8859-1");
  EXPECT_EQ(links.charset, "utf-8");
  EXPECT_THAT(Urls(links), ElementsAre("http://example.com/%C3%A9"));
}

TEST(HtmlLinksTest, MetaCharsetShiftJis) {
  // 日本 is 93 FA 96 7B in Shift_JIS; the query keeps those bytes ('{' escaped by NormalizeUrl).
  HtmlLinks links = Extract(
      "<html><head><meta charset=\"Shift_JIS\"></head>"
      "<a href='/\x93\xFA\x96\x7B/?q=\x93\xFA\x96\x7B'>x</a>");
  EXPECT_EQ(links.charset, "shift_jis");
  EXPECT_THAT(Urls(links), ElementsAre("http://example.com/%E6%97%A5%E6%9C%AC/?q=%93%FA%96%7B"));
}

TEST(HtmlLinksTest, MetaHttpEquivIso88591MeansWindows1252) {
  HtmlLinks links = Extract(
      "<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>"
      "<a href='/\x80\xE9'>x</a>");
  EXPECT_EQ(links.charset, "windows-1252");
  EXPECT_THAT(Urls(links), ElementsAre("http://example.com/%E2%82%AC%C3%A9"));
}

TEST(HtmlLinksTest, HttpCharsetBeatsMeta) {
  HtmlLinks links = Extract("<meta charset=shift_jis><a href='/\xC3\xA9'>", "utf-8");
  EXPECT_EQ(links.charset, "utf-8");
  EXPECT_THAT(Urls(links), ElementsAre("http://example.com/%C3%A9"));
}

TEST(HtmlLinksTest, Utf16Page) {
  std::string html = "\xFF\xFE"s;
  for (char c : std::string("<a href='/x?q=\xE9'>")) {
    html.push_back(c == '\xE9' ? '\xE9' : c);
    html.push_back('\0');
  }
  HtmlLinks links = Extract(html);
  EXPECT_EQ(links.charset, "utf-16le");
  EXPECT_THAT(Urls(links), ElementsAre("http://example.com/x?q=%C3%A9"));  // UTF-8 query
}

TEST(HtmlLinksTest, InternationalHostBecomesPunycode) {
  EXPECT_EQ(Only("<a href='http://b\xC3\xBC"
                 "cher.example/'>",
                 "utf-8")
                .url,
            "http://xn--bcher-kva.example/");
}

TEST(HtmlLinksTest, CommentsNavigationBlock) {
  HtmlLinks links = Extract(
      "<a rel=next href=/page/2>posts</a>"
      "<div id='Comments'><ol class=commentlist><li><a href=/reply class=x>r</a></li></ol>"
      "<nav class='comment-navigation'><a rel=prev href='?cpage=1'>older</a>"
      "<a rel='next' href='?cpage=3'>newer</a></nav></div>"
      "<a href=/after>after</a><span class='CommentCount'><a href=/self>n</a></span>");
  ASSERT_EQ(links.links.size(), 6u);
  EXPECT_FALSE(links.links[0].in_comments);
  EXPECT_TRUE(links.links[1].in_comments);
  for (int i : {2, 3}) {
    EXPECT_TRUE(links.links[i].in_comments) << i;
    EXPECT_EQ(links.links[i].context, LinkContext::kNavigation) << i;
  }
  EXPECT_EQ(links.links[2].rel, "prev");
  EXPECT_EQ(links.links[3].url, "http://example.com/dir/page.html?cpage=3");
  EXPECT_EQ(links.links[3].rel, "next");
  EXPECT_FALSE(links.links[4].in_comments);
  EXPECT_TRUE(links.links[5].in_comments);
}

TEST(HtmlLinksTest, CommentMarkerOnTheLinkItself) {
  EXPECT_TRUE(Only("<a class='comment-reply-link' href=r>").in_comments);
  EXPECT_FALSE(Only("<a class='reply' title=comment href=r>").in_comments);
}

TEST(HtmlLinksTest, Nofollow) {
  HtmlLinks links = Extract("<a rel='NoFollow  UGC' href=a>a</a><a rel=follow href=b>b</a>");
  ASSERT_EQ(links.links.size(), 2u);
  EXPECT_TRUE(links.links[0].nofollow);
  EXPECT_EQ(links.links[0].rel, "nofollow ugc");
  EXPECT_FALSE(links.links[1].nofollow);
}

TEST(HtmlLinksTest, NonHttpSchemesSkipped) {
  EXPECT_THAT(Urls(Extract("<a href='javascript:go()'><a href=' JavaScript:void(0)'>"
                           "<a href='mailto:a@example.com'><a href='tel:+123'>"
                           "<img src='data:image/png;base64,AAAA'><a href='ftp://f.example/'>"
                           "<a href='urn:isbn:1'><a href='https://s.example/ok'>")),
              ElementsAre("https://s.example/ok"));
}

TEST(HtmlLinksTest, WhitespaceStrippedAndRemovedInside) {
  EXPECT_EQ(Only("<a href='  \n /a\n/b\t.html?x=1\r\n '>").url, "http://example.com/a/b.html?x=1");
}

TEST(HtmlLinksTest, FragmentsDroppedAndDuplicatesRemoved) {
  HtmlLinks links = Extract(
      "<a href='a.html#one'>1</a><a href='a.html#two'>2</a><a href='#top'>t</a>"
      "<a href='./a.html'>3</a><img src='a.html'><a href=A.html>");
  EXPECT_THAT(Urls(links),
              ElementsAre("http://example.com/dir/a.html", "http://example.com/dir/page.html",
                          "http://example.com/dir/a.html", "http://example.com/dir/A.html"));
  EXPECT_EQ(links.links[2].context, LinkContext::kEmbed);
}

TEST(HtmlLinksTest, FirstOccurrenceKeepsItsMetadata) {
  HtmlLinks links = Extract("<a href=x rel=nofollow>1</a><a href=x rel=next>2</a>");
  ASSERT_EQ(links.links.size(), 1u);
  EXPECT_EQ(links.links[0].rel, "nofollow");
}

TEST(HtmlLinksTest, EntitiesAndCaseInNames) {
  EXPECT_THAT(Urls(Extract("<A HREF='a?x=1&amp;y=2'>a</A><IMG SRC=&#x2F;i.png>")),
              ElementsAre("http://example.com/dir/a?x=1&y=2", "http://example.com/i.png"));
}

TEST(HtmlLinksTest, EmptyAndValuelessAttributesSkipped) {
  EXPECT_THAT(Urls(Extract("<a href>x</a><a href=''>y</a><img src='  '>")), IsEmpty());
}

TEST(HtmlLinksTest, NoscriptContentIsParsed) {
  EXPECT_THAT(Urls(Extract("<img data-src=lazy.png><noscript><img src=real.png></noscript>")),
              ElementsAre("http://example.com/dir/lazy.png", "http://example.com/dir/real.png"));
}

TEST(HtmlLinksTest, UnresolvableReferencesSkipped) {
  EXPECT_THAT(Urls(Extract("<a href='http://exa mple.com/'><a href='http://[::1/'>"
                           "<a href='http://:80/'><a href=ok>")),
              ElementsAre("http://example.com/dir/ok"));
}

TEST(HtmlLinksTest, PageUrlMustBeAbsolute) {
  HtmlLinks links;
  EXPECT_TRUE(ExtractHtmlLinks("<a href=x>", "/relative/page", "", &links).IsInvalidArgument());
  EXPECT_TRUE(ExtractHtmlLinks("<a href=x>", "", "", &links).IsInvalidArgument());
  EXPECT_TRUE(ExtractHtmlLinks("<a href=x>", "http:///nohost", "", &links).IsInvalidArgument());
}

TEST(HtmlLinksTest, EmptyAndGarbageDocuments) {
  EXPECT_THAT(Urls(Extract("")), IsEmpty());
  std::string garbage;
  for (int i = 0; i < 65536; ++i) garbage.push_back(static_cast<char>((i * 7919 + 13) % 256));
  for (std::string_view charset : {"", "utf-8", "shift_jis", "utf-16be"}) {
    HtmlLinks links = Extract(garbage + "<a href=end.html>", charset);
    EXPECT_FALSE(links.truncated) << charset;
    if (charset != "utf-16be") {  // as UTF-16 the link's own bytes are garbage too
      EXPECT_THAT(Urls(links), ElementsAre("http://example.com/dir/end.html")) << charset;
    }
  }
}

}  // namespace
}  // namespace warcrawl::crawler
