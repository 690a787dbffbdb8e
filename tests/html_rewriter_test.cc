#include "replay/html_rewriter.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace warcrawl::replay {
namespace {

constexpr char kTs[] = "/c/20240102030405";
constexpr char kPage[] = "http://example.com/dir/page.html";
constexpr char kHead[] = "<!--HEAD-->";
constexpr char kBanner[] = "<!--BANNER-->";

std::string Html(std::string_view html, std::string_view page = kPage) {
  UrlRewriter rewriter("c", "20240102030405", page);
  std::string out;
  Status status = RewriteHtml(html, &rewriter, HtmlRewriteOptions(), &out);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return out;
}

std::string WithInserts(std::string_view html) {
  UrlRewriter rewriter("c", "20240102030405", kPage);
  std::string out;
  Status status = RewriteHtml(html, &rewriter, {kHead, kBanner}, &out);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return out;
}

// The archive URL of `url` (relative to kPage's directory unless absolute).
std::string A(std::string_view mod, std::string_view url) {
  std::string absolute(url);
  if (absolute.find("://") == std::string::npos) absolute = "http://example.com/dir/" + absolute;
  return std::string(kTs) + std::string(mod) + "/" + absolute;
}

size_t Count(std::string_view s, std::string_view what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string_view::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

// Removes the archive prefixes and insertions: what is left of a page whose URLs are absolute
// and double-quoted is the original.
std::string Unrewrite(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '<' && (s.substr(i).starts_with(kHead) || s.substr(i).starts_with(kBanner))) {
      i += s.substr(i).starts_with(kHead) ? sizeof kHead - 1 : sizeof kBanner - 1;
    } else if (s.substr(i).starts_with(kTs)) {
      i = s.find('/', i + sizeof kTs - 1) + 1;
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

TEST(HtmlRewriterTest, RewritesEachUrlAttributeWithItsModifier) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"<a href=\"x.html\">", "<a href=\"" + A("", "x.html") + "\">"},
      {"<area href=\"x.html\">", "<area href=\"" + A("", "x.html") + "\">"},
      {"<form action=\"post.cgi\">", "<form action=\"" + A("", "post.cgi") + "\">"},
      {"<img src=\"i.png\">", "<img src=\"" + A("im_", "i.png") + "\">"},
      {"<input type=\"image\" src=\"i.png\">",
       "<input type=\"image\" src=\"" + A("im_", "i.png") + "\">"},
      {"<input type=IMAGE src=\"i.png\">", "<input type=IMAGE src=\"" + A("im_", "i.png") + "\">"},
      {"<input type=\"text\" src=\"i.png\">", "<input type=\"text\" src=\"i.png\">"},
      {"<video poster=\"p.jpg\" src=\"v.mp4\">",
       "<video poster=\"" + A("im_", "p.jpg") + "\" src=\"" + A("oe_", "v.mp4") + "\">"},
      {"<audio src=\"a.mp3\">", "<audio src=\"" + A("oe_", "a.mp3") + "\">"},
      {"<track src=\"t.vtt\">", "<track src=\"" + A("oe_", "t.vtt") + "\">"},
      {"<embed src=\"e.swf\">", "<embed src=\"" + A("oe_", "e.swf") + "\">"},
      {"<object data=\"o.swf\">", "<object data=\"" + A("oe_", "o.swf") + "\">"},
      {"<script src=\"s.js\"></script>", "<script src=\"" + A("js_", "s.js") + "\"></script>"},
      {"<iframe src=\"f.html\"></iframe>", "<iframe src=\"" + A("if_", "f.html") + "\"></iframe>"},
      {"<frame src=\"f.html\">", "<frame src=\"" + A("if_", "f.html") + "\">"},
      {"<blockquote cite=\"c.html\">", "<blockquote cite=\"" + A("", "c.html") + "\">"},
      {"<q cite=\"c\"><del cite=\"d\"><ins cite=\"e\">",
       "<q cite=\"" + A("", "c") + "\"><del cite=\"" + A("", "d") + "\"><ins cite=\"" + A("", "e") +
           "\">"},
      {"<body background=\"bg.gif\">", "<body background=\"" + A("im_", "bg.gif") + "\">"},
      {"<source src=\"s.png\">", "<source src=\"" + A("im_", "s.png") + "\">"},
      // Attributes outside the table, and table attributes on other elements, stay.
      {"<div src=\"x\" href=\"y\"><img href=\"z\" data=\"w\"><table background=\"t.gif\">",
       "<div src=\"x\" href=\"y\"><img href=\"z\" data=\"w\"><table background=\"t.gif\">"},
      {"<a href>", "<a href>"},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(Html(in), want) << in;
}

TEST(HtmlRewriterTest, LinkModifierFollowsRel) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"<link rel=\"stylesheet\" href=\"a.css\">", "cs_"},
      {"<link rel=\"alternate stylesheet\" href=\"a.css\">", "cs_"},
      {"<link REL=\"StyleSheet\" href=\"a.css\">", "cs_"},
      {"<link rel=\"icon\" href=\"a.css\">", "im_"},
      {"<link rel=\"shortcut icon\" href=\"a.css\">", "im_"},
      {"<link rel=\"apple-touch-icon\" href=\"a.css\">", "im_"},
      {"<link rel=\"preload\" as=\"image\" href=\"a.css\">", "im_"},
      {"<link rel=\"preload\" as=\"style\" href=\"a.css\">", "cs_"},
      {"<link rel=\"preload\" as=\"script\" href=\"a.css\">", "js_"},
      {"<link rel=\"preload\" as=\"font\" href=\"a.css\">", ""},
      {"<link rel=\"canonical\" href=\"a.css\">", ""},
      {"<link href=\"a.css\">", ""},
      {"<link rel=\"icon\" rel=\"stylesheet\" href=\"a.css\">", "im_"},  // the first rel counts
  };
  for (const auto& [in, mod] : cases) {
    EXPECT_NE(Html(in).find("href=\"" + A(mod, "a.css") + "\""), std::string::npos) << in;
  }
}

TEST(HtmlRewriterTest, MediaSourcesAreEmbedsAndPictureSourcesImages) {
  EXPECT_EQ(Html("<video><source src=\"v.webm\" srcset=\"x.png\"></video><source src=\"i.png\">"),
            "<video><source src=\"" + A("oe_", "v.webm") + "\" srcset=\"" + A("im_", "x.png") +
                "\"></video><source src=\"" + A("im_", "i.png") + "\">");
  EXPECT_EQ(Html("<AUDIO><source src=\"a.ogg\"></AUDIO>"),
            "<AUDIO><source src=\"" + A("oe_", "a.ogg") + "\"></AUDIO>");
  EXPECT_EQ(Html("<picture><source srcset=\"a.webp\"><img src=\"a.jpg\"></picture>"),
            "<picture><source srcset=\"" + A("im_", "a.webp") + "\"><img src=\"" +
                A("im_", "a.jpg") + "\"></picture>");
}

TEST(HtmlRewriterTest, LazyLoadingAndSvgImagesAreImages) {
  EXPECT_EQ(Html("<img src=\"data:,\" data-src=\"a.png\" data-srcset=\"b.png 2x\">"),
            "<img src=\"data:,\" data-src=\"" + A("im_", "a.png") + "\" data-srcset=\"" +
                A("im_", "b.png") + " 2x\">");
  EXPECT_EQ(Html("<img data-lazy-src=\"a.png\" data-original=\"b.png\">"),
            "<img data-lazy-src=\"" + A("im_", "a.png") + "\" data-original=\"" +
                A("im_", "b.png") + "\">");
  EXPECT_EQ(Html("<iframe data-src=\"f.html\"></iframe>"),
            "<iframe data-src=\"" + A("if_", "f.html") + "\"></iframe>");
  EXPECT_EQ(Html("<svg><image href=\"a.png\"/><image xlink:href=\"b.png\"/></svg>"),
            "<svg><image href=\"" + A("im_", "a.png") + "\"/><image xlink:href=\"" +
                A("im_", "b.png") + "\"/></svg>");
  EXPECT_EQ(Html("<div data-src=\"a.png\"></div>"), "<div data-src=\"a.png\"></div>")
      << "only on the elements lazy loaders use";
}

TEST(HtmlRewriterTest, SrcsetRewritesEachCandidateAndKeepsDescriptors) {
  EXPECT_EQ(Html("<img srcset=\"a.png 1x, b.png 2x\">"),
            "<img srcset=\"" + A("im_", "a.png") + " 1x, " + A("im_", "b.png") + " 2x\">");
  // URLs may hold commas; a trailing comma ends a candidate; descriptors may hold them too.
  EXPECT_EQ(Html("<img srcset=\"i.php?w=1,2 100w,j.png,\n k.png (a, b) 3x ,l.png\">"),
            "<img srcset=\"" + A("im_", "i.php?w=1,2") + " 100w," + A("im_", "j.png") + ",\n " +
                A("im_", "k.png") + " (a, b) 3x ," + A("im_", "l.png") + "\">");
  EXPECT_EQ(Html("<img srcset=\"data:image/png;base64,AAA= 1x\">"),
            "<img srcset=\"data:image/png;base64,AAA= 1x\">");
  EXPECT_EQ(Html("<img srcset=\" , ,\">"), "<img srcset=\" , ,\">");
}

TEST(HtmlRewriterTest, DecodesEntitiesAndEscapesTheRewrittenValue) {
  EXPECT_EQ(Html("<a href=\"q?a=1&amp;b=2\">"), "<a href=\"" + A("", "q?a=1&amp;b=2") + "\">");
  EXPECT_EQ(Html("<a href=\"q?a=1&#38;b=2&#x26;c=&AMP;\">"),
            "<a href=\"" + A("", "q?a=1&amp;b=2&amp;c=&amp;") + "\">");
  EXPECT_EQ(Html("<a href=\"&#x2F;abs&sol;x\">"),
            "<a href=\"" + A("", "http://example.com/abs/x") + "\">");
  EXPECT_EQ(Html("<a href='say&quot;hi&quot;'>"),
            "<a href=\"" + A("", "say&quot;hi&quot;") + "\">");
  // Unknown names and legacy names before '=' stay literal, as browsers read them.
  EXPECT_EQ(Html("<a href=\"q?x&foo;&copy=1&amp\">"),
            "<a href=\"" + A("", "q?x&amp;foo;&amp;copy=1&amp;") + "\">");
  // Non-ASCII references become percent-encoded UTF-8; raw bytes are kept.
  EXPECT_EQ(Html("<a href=\"caf&eacute;/&#x3042;&#0;\">"),
            "<a href=\"" + A("", "caf%C3%A9/%E3%81%82%EF%BF%BD") + "\">");
  // An obfuscated javascript: is still javascript:, and the attribute stays untouched.
  EXPECT_EQ(Html("<a href=\"javascript&colon;alert(1)\">"),
            "<a href=\"javascript&colon;alert(1)\">");
  EXPECT_EQ(Html("<a href=\"&#106;avascript:alert(1)\">"), "<a href=\"&#106;avascript:alert(1)\">");
}

TEST(HtmlRewriterTest, OnlyRewrittenAttributesAreTouched) {
  EXPECT_EQ(Html("<a  HREF = 'x.html'  title='a &amp; b' class=c\n>t</a>"),
            "<a  HREF = \"" + A("", "x.html") + "\"  title='a &amp; b' class=c\n>t</a>");
  EXPECT_EQ(Html("<img src=i.png alt=x>"), "<img src=\"" + A("im_", "i.png") + "\" alt=x>");
  EXPECT_EQ(Html("<IMG SRC=\"i.png\"/>"), "<IMG SRC=\"" + A("im_", "i.png") + "\"/>");
  EXPECT_EQ(Html("<A Href=x.html>"), "<A Href=\"" + A("", "x.html") + "\">");
  for (const char* same :
       {"<a href=\"#top\">", "<a href=\"javascript:void(0)\">",
        "<img src=\"data:image/gif;base64,R0lGOD==\">", "<a href=\"\">",
        "<a href=\"mailto:x@y.org\">", "<a href=\"/c/20240102030405/http://a.b/\">"}) {
    EXPECT_EQ(Html(same), same);
  }
}

TEST(HtmlRewriterTest, BaseHrefAppliesToLaterUrls) {
  EXPECT_EQ(Html("<a href=\"a\"><base href=\"http://other.org/sub/\"><a href=\"b\">"
                 "<base href=\"http://third.net/\"><a href=\"c\">"),
            "<a href=\"" + A("", "a") + "\"><base href=\"" + A("", "http://other.org/sub/") +
                "\"><a href=\"" + A("", "http://other.org/sub/b") + "\"><base href=\"" +
                A("", "http://third.net/") + "\"><a href=\"" + A("", "http://other.org/sub/c") +
                "\">");
  EXPECT_EQ(Html("<base href=\"../up/?x=1&amp;y=2\"><img src=\"i.png\">"),
            "<base href=\"" + A("", "http://example.com/up/?x=1&amp;y=2") + "\"><img src=\"" +
                A("im_", "http://example.com/up/i.png") + "\">");
  // A <base> without href does not use up the first base; its other attributes are no base.
  EXPECT_EQ(Html("<base target=_top><base style=\"a:b\" href=\"http://o.org/\"><a href=\"b\">"),
            "<base target=_top><base style=\"a:b\" href=\"" + A("", "http://o.org/") +
                "\"><a href=\"" + A("", "http://o.org/b") + "\">");
}

TEST(HtmlRewriterTest, KeepsAShiftJisPageByteForByte) {
  // "テスト" in Shift_JIS in an href, a title and text; only the href gains its prefix.
  const std::string sjis = "\x83\x65\x83\x58\x83\x67";
  const std::string page = "<html><head><meta charset=\"Shift_JIS\"><title>" + sjis +
                           "</title></head><body><a href=\"" + sjis + "/\x95\\.html?q=" + sjis +
                           "\">" + sjis + "</a></body></html>";
  std::string out = Html(page, "http://example.jp/\x83\x65/");
  // 0x95 0x5C is "表": its second byte is no backslash, so it does not become '/'.
  std::string url = "http://example.jp/\x83\x65/" + sjis + "/\x95\\.html?q=" + sjis;
  std::string want = page;
  size_t href = want.find("href=\"") + 6;
  want.replace(href, want.find('"', href) - href, std::string(kTs) + "/" + url);
  EXPECT_EQ(out, want);
}

TEST(HtmlRewriterTest, InsertsHeadAndBannerOnceAtTheirPlaces) {
  EXPECT_EQ(WithInserts("<!DOCTYPE html><html lang=en><HEAD profile=x><title>t</title></head>"
                        "<BODY class=\"b\"><p>hi</p><body></body></html>"),
            std::string("<!DOCTYPE html><html lang=en><HEAD profile=x>") + kHead +
                "<title>t</title></head><BODY class=\"b\">" + kBanner +
                "<p>hi</p><body></body></html>");
  EXPECT_EQ(WithInserts("<head>\n<!-- c --><title>t</title>"),
            std::string("<head>") + kHead + "\n<!-- c --><title>t</title>" + kBanner);
  // No <head>: before the first tag that is not doctype, html or a comment.
  EXPECT_EQ(WithInserts("<!doctype html>\n<!-- <head> --><html>\n<meta charset=utf-8><body>"),
            std::string("<!doctype html>\n<!-- <head> --><html>\n") + kHead +
                "<meta charset=utf-8><body>" + kBanner);
  // No <body>: before </body> or </html>, else at the end.
  EXPECT_EQ(WithInserts("<html><head></head><p>x</p></html>\n"),
            std::string("<html><head>") + kHead + "</head><p>x</p>" + kBanner + "</html>\n");
  EXPECT_EQ(WithInserts("<p>x</p></body>"), std::string(kHead) + "<p>x</p>" + kBanner + "</body>");
  EXPECT_EQ(WithInserts("<p>x"), std::string(kHead) + "<p>x" + kBanner);
  EXPECT_EQ(WithInserts("hello"), std::string("hello") + kHead + kBanner);
  EXPECT_EQ(WithInserts(""), std::string(kHead) + kBanner);
  EXPECT_EQ(WithInserts("<html></html>"), std::string("<html>") + kHead + kBanner + "</html>");
  // Tags inside raw text are not tags.
  EXPECT_EQ(WithInserts("<head><script>'<body>'</script></head><body>"),
            std::string("<head>") + kHead + "<script>'<body>'</script></head><body>" + kBanner);
}

TEST(HtmlRewriterTest, RawTextElementsAreSkippedToTheirEndTag) {
  for (const char* same :
       {"<script>var s = '<a href=\"x.html\">';</script>", "<textarea><a href=x></textarea>",
        "<title><img src=i.png></title>", "<xmp><a href=x></xmp>", "<noembed><a href=x></noembed>",
        "<noframes><a href=x></noframes>", "<iframe><a href=x></iframe>",
        "<script>a</scripty><a href=x></script>", "<plaintext></plaintext><a href=x>",
        "<script><a href=x>", "<script><a href=x></script"}) {
    EXPECT_EQ(Html(same), same);
  }
  EXPECT_EQ(Html("<SCRIPT>x='<a href=a>'</ScRiPt ><a href=b>"),
            "<SCRIPT>x='<a href=a>'</ScRiPt ><a href=\"" + A("", "b") + "\">");
  // Inside <svg> a self-closing <style/> has no content.
  EXPECT_EQ(Html("<svg><style/></svg><a href=b>"),
            "<svg><style/></svg><a href=\"" + A("", "b") + "\">");
  EXPECT_EQ(Html("<style/><a href=b></style>"), "<style/><a href=b></style>");
  // <noscript> markup is rewritten, for browsers without scripts; it ends where it does for
  // browsers with scripts, so markup after it cannot hide in a comment inside it.
  EXPECT_EQ(Html("<noscript><img src=\"i.png\"></noscript>"),
            "<noscript><img src=\"" + A("im_", "i.png") + "\"></noscript>");
  EXPECT_EQ(Html("<noscript><!-- </noscript><img src=\"i.png\"> --></noscript>"),
            "<noscript><!-- </noscript><img src=\"" + A("im_", "i.png") + "\"> --></noscript>");
  EXPECT_EQ(WithInserts("<noscript><head><base href=\"http://o.org/\"><body></noscript><a href=x>"),
            std::string(kHead) + "<noscript><head><base href=\"" + A("", "http://o.org/") +
                "\"><body></noscript><a href=\"" + A("", "x") + "\">" + kBanner);
  EXPECT_EQ(Html("<noscript><noscript><img src=i.png></noscript>"),
            "<noscript><noscript><img src=i.png></noscript>");
}

TEST(HtmlRewriterTest, RewritesCssInStyleElementsAndAttributes) {
  EXPECT_EQ(Html("<style>@import 'a.css'; b{background:url(bg.png)}</style><a href=x>"),
            "<style>@import '" + A("cs_", "a.css") + "'; b{background:url(" + A("im_", "bg.png") +
                ")}</style><a href=\"" + A("", "x") + "\">");
  EXPECT_EQ(Html("<div style=\"background: url('bg.png')\">"),
            "<div style=\"background: url('" + A("im_", "bg.png") + "')\">");
  EXPECT_EQ(Html("<div style='background:url(&quot;bg.png&quot;)'>"),
            "<div style=\"background:url(&quot;" + A("im_", "bg.png") + "&quot;)\">");
  // Non-ASCII references in rewritten CSS become CSS escapes; untouched CSS keeps its bytes.
  EXPECT_EQ(Html("<p style=\"content:'&mdash;';b:url(x)\">"),
            "<p style=\"content:'\\2014 ';b:url(" + A("im_", "x") + ")\">");
  EXPECT_EQ(Html("<p style=\"content:'&mdash;'\">"), "<p style=\"content:'&mdash;'\">");
}

TEST(HtmlRewriterTest, RenamesIntegrityOfScriptsAndLinks) {
  EXPECT_EQ(
      Html("<script src=\"s.js\" INTEGRITY=\"sha384-abc\" crossorigin></script>"),
      "<script src=\"" + A("js_", "s.js") + "\" _integrity=\"sha384-abc\" crossorigin></script>");
  EXPECT_EQ(Html("<link integrity=sha384-x rel=stylesheet href=\"a.css\">"),
            "<link _integrity=sha384-x rel=stylesheet href=\"" + A("cs_", "a.css") + "\">");
  EXPECT_EQ(Html("<img integrity=\"x\">"), "<img integrity=\"x\">");
}

TEST(HtmlRewriterTest, RewritesTheUrlOfAMetaRefresh) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"<meta http-equiv=\"refresh\" content=\"5; url=next.html\">",
       "<meta http-equiv=\"refresh\" content=\"5; url=" + A("", "next.html") + "\">"},
      {"<META HTTP-EQUIV=Refresh CONTENT=\"0;URL='next.html'\">",
       "<META HTTP-EQUIV=Refresh CONTENT=\"0;URL='" + A("", "next.html") + "'\">"},
      {"<meta content=\"3, next.html\" http-equiv=\"refresh\">",
       "<meta content=\"3, " + A("", "next.html") + "\" http-equiv=\"refresh\">"},
      {"<meta http-equiv=\"refresh\" content=\"1.5 url = 'a.html' x\">",
       "<meta http-equiv=\"refresh\" content=\"1.5 url = '" + A("", "a.html") + "' x\">"},
      {"<meta http-equiv=\"refresh\" content=\"5\">", ""},
      {"<meta http-equiv=\"refresh\" content=\"x; url=a.html\">", ""},
      {"<meta http-equiv=\"refresh\" content=\"5; url=\">", ""},
      {"<meta name=\"refresh\" content=\"5; url=a.html\">", ""},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(Html(in), want.empty() ? in : want) << in;
}

TEST(HtmlRewriterTest, CopiesCommentsCdataAndDoctypes) {
  for (const char* same : {"<!-- <a href=\"x\"> -->", "<![CDATA[<a href=x>]]>",
                           "<!DOCTYPE html PUBLIC \"-//W3C//DTD\" \"http://w3.org/x.dtd\">",
                           "<?xml version=1.0?>", "<!-- a --!> ", "</ a href=x>", "</>"}) {
    std::string text = Html(same);
    EXPECT_EQ(text, same);
  }
  EXPECT_EQ(Html("<!--> <a href=x>"), "<!--> <a href=\"" + A("", "x") + "\">");
}

TEST(HtmlRewriterTest, CopiesMalformedMarkupUnchanged) {
  for (std::string same : std::vector<std::string>{
           "<a href=\"x.html", "<a href='x.html", "<a href=", "<a href", "<img src=i.png",
           "<!-- <a href=x>", "<![CDATA[ <a href=x>", "<!doctype", "a < b <3 <> << <\n<", "<",
           std::string("x\0<p\0 a=\0>\0", 11), "</a", "</a href='>"}) {
    EXPECT_EQ(Html(same), same) << same;
  }
  // A nul byte in a URL makes it unparseable, so it stays; the tag around it is copied.
  std::string nul("<a href=\"x\0y\" title=t>", 22);
  EXPECT_EQ(Html(nul), nul);
  // A '<' in an attribute value is no tag.
  EXPECT_EQ(Html("<a title=\"<img src=i>\" href=x>"),
            "<a title=\"<img src=i>\" href=\"" + A("", "x") + "\">");
}

TEST(HtmlRewriterTest, EveryTruncationOfAPageRewritesOnlyItsUrls) {
  const std::string page =
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n"
      "<link rel=\"stylesheet\" href=\"http://x.org/a.css\"><style>b{c:url(\"http://x.org/b.png\")}"
      "</style><script src=\"http://x.org/s.js\">if (a < b) document.write('<a href=x>')</script>"
      "<!-- <img src=\"http://x.org/c.png\"> --></head>\n<body background=\"http://x.org/bg.png\">"
      "<a href=\"http://x.org/p?a=1&amp;b=2\" title='t'>\xE6\x97\xA5</a> <img "
      "srcset=\"http://x.org/"
      "i.png 1x, http://x.org/j,k.png 2x\" src=\"http://x.org/i.png\"><textarea><a href=y>"
      "</textarea><div style=\"background:url('http://x.org/d.png')\">&lt;</div>"
      "<meta http-equiv=\"refresh\" content=\"5; url=http://x.org/n\"></body></html>\n";
  std::string full = WithInserts(page);
  EXPECT_EQ(Count(full, kTs), 10u);
  EXPECT_EQ(Unrewrite(full), page);
  for (size_t n = 0; n <= page.size(); ++n) {
    std::string_view cut = std::string_view(page).substr(0, n);
    std::string out = WithInserts(cut);
    EXPECT_EQ(Unrewrite(out), cut) << n;
    EXPECT_EQ(Count(out, kHead), 1u) << n;
    EXPECT_EQ(Count(out, kBanner), 1u) << n;
  }
}

TEST(HtmlRewriterTest, HugeAndDeepMarkupStaysLinear) {
  std::string nested;
  while (nested.size() < (10u << 20)) nested += "<div><span>";
  EXPECT_EQ(Html(nested), nested);
  std::string attrs = "<img ";
  for (int i = 0; i < 100000; ++i) attrs.append("a").append(std::to_string(i)).append("=1 ");
  attrs += "src=i.png>";
  std::string want = attrs;
  want.replace(want.size() - 6, 5, "\"" + A("im_", "i.png") + "\"");
  EXPECT_EQ(Html(attrs), want);
  // Unterminated constructs repeated: each would be quadratic for a rescanning tokenizer.
  for (std::string unit :
       std::vector<std::string>{"<a href='", "<!--", "<script>", "<a ", "</", "<![CDATA[", "<!x"}) {
    std::string page;
    while (page.size() < (4u << 20)) page += unit;
    EXPECT_EQ(Html(page), page) << unit;
  }
}

TEST(HtmlRewriterTest, RefusesPagesOverTheCapAndHostileGrowth) {
  UrlRewriter rewriter("c", "20240102030405", kPage);
  std::string out = "stale";
  std::string huge(kMaxRewrittenHtmlBytes + 1, 'x');
  EXPECT_TRUE(RewriteHtml(huge, &rewriter, {}, &out).IsInvalidArgument());
  EXPECT_EQ(out, "");
  EXPECT_TRUE(RewriteHtml("<a>", nullptr, {}, &out).IsInvalidArgument());
  EXPECT_TRUE(RewriteHtml("<a>", &rewriter, {}, nullptr).IsInvalidArgument());
  // A 100 KB base repeated by 20,000 short links would make 2 GB.
  std::string page = "<base href=\"http://e.org/" + std::string(100000, 'b') + "/\">";
  for (int i = 0; i < 20000; ++i) page += "<a href=x>";
  Status status = RewriteHtml(page, &rewriter, {}, &out);
  EXPECT_TRUE(status.IsInvalidArgument()) << status.ToString();
  EXPECT_EQ(out, "");
  EXPECT_NE(status.message().find("base"), std::string::npos);
}

}  // namespace
}  // namespace warcrawl::replay
