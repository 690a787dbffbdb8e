#include "index/url.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace warcrawl::index {
namespace {

Url Parse(std::string_view text) {
  Url url;
  Status s = ParseUrl(text, &url);
  EXPECT_TRUE(s.ok()) << text << ": " << s.ToString();
  return url;
}

std::string Resolve(const Url& base, std::string_view ref) {
  Url out;
  Status s = ResolveUrl(base, ref, &out);
  EXPECT_TRUE(s.ok()) << ref << ": " << s.ToString();
  return out.ToString();
}

std::string Normalized(std::string_view text) {
  Url url = Parse(text);
  Status s = NormalizeUrl(&url);
  EXPECT_TRUE(s.ok()) << text << ": " << s.ToString();
  return url.ToString();
}

TEST(ParseUrlTest, SplitsEveryComponent) {
  Url u = Parse("HTTP://user:pw@Example.COM:8080/a/b;p?q=1&r#frag");
  EXPECT_EQ(u.scheme, "http");
  EXPECT_EQ(u.userinfo, "user:pw");
  EXPECT_EQ(u.host, "Example.COM");
  EXPECT_EQ(u.port, 8080);
  EXPECT_EQ(u.path, "/a/b;p");
  EXPECT_EQ(u.query, "q=1&r");
  EXPECT_EQ(u.fragment, "frag");
  EXPECT_EQ(u.ToString(), "http://user:pw@Example.COM:8080/a/b;p?q=1&r#frag");
}

TEST(ParseUrlTest, KeepsEmptyAndMissingPartsApart) {
  Url u = Parse("http://example.com");
  EXPECT_EQ(u.path, "");
  EXPECT_FALSE(u.query.has_value());
  EXPECT_FALSE(u.userinfo.has_value());
  EXPECT_EQ(u.port, -1);
  EXPECT_EQ(u.ToString(), "http://example.com");
  u = Parse("http://example.com?#");
  EXPECT_EQ(u.query, "");
  EXPECT_EQ(u.fragment, "");
  EXPECT_EQ(u.ToString(), "http://example.com?#");
  EXPECT_EQ(Parse("http://@example.com:/").ToString(), "http://@example.com/");
}

TEST(ParseUrlTest, HostForms) {
  Url u = Parse("http://[2001:db8::1]:80/");
  EXPECT_EQ(u.host, "[2001:db8::1]");
  EXPECT_EQ(u.port, 80);
  EXPECT_EQ(Parse("http://[v1.fe80::a+en1]/").host, "[v1.fe80::a+en1]");
  EXPECT_EQ(Parse("http://192.168.0.1/").host, "192.168.0.1");
  EXPECT_EQ(Parse("http://b\xc3\xbc"
                  "cher.example/")
                .host,
            "b\xc3\xbc"
            "cher.example");
  EXPECT_EQ(Parse("http://a%2Db.example/").host, "a%2Db.example");
  EXPECT_EQ(Parse("file:///etc/hosts").host, "");
}

TEST(ParseUrlTest, SchemesWithoutAuthorityParseOpaque) {
  for (const char* text : {"dns:archive.org", "urn:uuid:6f1e0a4e-1a2b", "mailto:bot@archive.org",
                           "filedesc:IAH-2008.arc.gz", "metadata:x", "warcinfo:a b"}) {
    Url u = Parse(text);
    EXPECT_FALSE(u.has_authority()) << text;
    EXPECT_EQ(u.ToString(), text);
  }
  EXPECT_EQ(Parse("dns:archive.org").path, "archive.org");
  Url m = Parse("metadata://gnu.org/software/wget/warc/MANIFEST.txt");
  EXPECT_EQ(m.host, "gnu.org");
  EXPECT_EQ(m.path, "/software/wget/warc/MANIFEST.txt");
  EXPECT_EQ(Parse("ftp://ftp.example.com/pub/").path, "/pub/");
}

TEST(ParseUrlTest, LenientWithWhatWarcsCarry) {
  Url u = Parse("  http://example.com/a b/\xc3\xbc%zz%7e%7E?q=x y#f g\t\n");
  EXPECT_EQ(u.path, "/a b/\xc3\xbc%zz%7e%7E");
  EXPECT_EQ(u.query, "q=x y");
  EXPECT_EQ(u.fragment, "f g");
  EXPECT_EQ(Parse("http://example.com\\a\\b?c\\d").ToString(), "http://example.com/a/b?c\\d");
  EXPECT_EQ(Parse("urn:a\\b").path, "a\\b");  // '\' is '/' only for http-like schemes
}

TEST(ParseUrlTest, GarbageIsInvalidArgumentNamingProblemAndOffset) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "empty URL"},
      {"   ", "empty URL"},
      {"example.com/x", "no scheme"},
      {"1http://x/", "no scheme"},
      {"/relative", "no scheme"},
      {"http:example.com", "no host"},
      {"http:///x", "empty host at offset 7"},
      {"https://:443/", "empty host"},
      {"http://exa mple.com/", "invalid character ' ' in host at offset 10"},
      {"http://ex%zzample.com/", "'%' not followed by two hex digits in host at offset 9"},
      {"http://example.com:80x/", "invalid port '80x' at offset 21"},
      {"http://example.com:65536/", "port out of range"},
      {"http://example.com:-1/", "invalid port"},
      {"http://[::1/", "unterminated IP literal"},
      {"http://[::g]/", "invalid IPv6 address"},
      {"http://[::1]x/", "unexpected character after IP literal at offset 12"},
      {"http://[vz.x]/", "invalid IPvFuture literal"},
      {"http://us er@x/", "invalid character ' ' in userinfo at offset 9"},
      {std::string("http://a\0b/", 11), "control character 0x00 at offset 8"},
      {"  http://a/\nb", "control character 0x0a at offset 11"},
  };
  for (const auto& [text, want] : cases) {
    Url url;
    Status s = ParseUrl(text, &url);
    EXPECT_TRUE(s.IsInvalidArgument()) << text;
    EXPECT_NE(s.message().find(want), std::string::npos) << text << " -> " << s.message();
  }
}

TEST(ParseUrlTest, VeryLongUrl) {
  std::string path(1 << 20, 'a');
  Url u = Parse("http://example.com/" + path + "?q");
  EXPECT_EQ(u.path.size(), path.size() + 1);
  EXPECT_EQ(u.query, "q");
}

// RFC 3986 §5.4.1 and §5.4.2, against base "http://a/b/c/d;p?q".
TEST(ResolveUrlTest, Rfc3986Examples) {
  Url base = Parse("http://a/b/c/d;p?q");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"g:h", "g:h"},
      {"g", "http://a/b/c/g"},
      {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},
      {"/g", "http://a/g"},
      {"//g", "http://g"},
      {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},
      {"#s", "http://a/b/c/d;p?q#s"},
      {"g#s", "http://a/b/c/g#s"},
      {"g?y#s", "http://a/b/c/g?y#s"},
      {";x", "http://a/b/c/;x"},
      {"g;x", "http://a/b/c/g;x"},
      {"g;x?y#s", "http://a/b/c/g;x?y#s"},
      {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},
      {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},
      {"../", "http://a/b/"},
      {"../g", "http://a/b/g"},
      {"../..", "http://a/"},
      {"../../", "http://a/"},
      {"../../g", "http://a/g"},
      {"../../../g", "http://a/g"},
      {"../../../../g", "http://a/g"},
      {"/./g", "http://a/g"},
      {"/../g", "http://a/g"},
      {"g.", "http://a/b/c/g."},
      {".g", "http://a/b/c/.g"},
      {"g..", "http://a/b/c/g.."},
      {"..g", "http://a/b/c/..g"},
      {"./../g", "http://a/b/g"},
      {"./g/.", "http://a/b/c/g/"},
      {"g/./h", "http://a/b/c/g/h"},
      {"g/../h", "http://a/b/c/h"},
      {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
      {"g;x=1/../y", "http://a/b/c/y"},
      {"g?y/./x", "http://a/b/c/g?y/./x"},
      {"g?y/../x", "http://a/b/c/g?y/../x"},
      {"g#s/./x", "http://a/b/c/g#s/./x"},
      {"g#s/../x", "http://a/b/c/g#s/../x"},
      {"http:g", "http://a/b/c/g"},  // the RFC's backward-compatible reading
  };
  for (const auto& [ref, want] : cases) EXPECT_EQ(Resolve(base, ref), want) << ref;
}

TEST(ResolveUrlTest, WhatPagesContain) {
  Url base = Parse("http://a/b/c/d;p?q");
  EXPECT_EQ(Resolve(base, "  g  "), "http://a/b/c/g");
  EXPECT_EQ(Resolve(base, "\\g\\h"), "http://a/g/h");
  EXPECT_EQ(Resolve(base, "\\\\g\\x"), "http://g/x");
  EXPECT_EQ(Resolve(base, "1:foo"), "http://a/b/c/1:foo");
  EXPECT_EQ(Resolve(base, "HTTPS://Other.example/x/../y"), "https://Other.example/y");
  EXPECT_EQ(Resolve(base, "//u@g:81/x/./y"), "http://u@g:81/x/y");
  EXPECT_EQ(Resolve(base, "a b/\xc3\xbc"), "http://a/b/c/a b/\xc3\xbc");
  EXPECT_EQ(Resolve(Parse("http://a"), "g"), "http://a/g");
  EXPECT_EQ(Resolve(Parse("http://a"), "?x"), "http://a?x");
  EXPECT_EQ(Resolve(Parse("mailto:x@y"), "#f"), "mailto:x@y#f");
  EXPECT_EQ(Resolve(Parse("urn:a/b"), "c"), "urn:a/c");

  Url out;
  for (const char* bad : {"//[::1", "//a:b/", "http://", "g\th", "//a b/"}) {
    EXPECT_TRUE(ResolveUrl(base, bad, &out).IsInvalidArgument()) << bad;
  }
}

TEST(RemoveDotSegmentsTest, Rfc3986Examples) {
  EXPECT_EQ(RemoveDotSegments("/a/b/c/./../../g"), "/a/g");
  EXPECT_EQ(RemoveDotSegments("mid/content=5/../6"), "mid/6");
  EXPECT_EQ(RemoveDotSegments("/.."), "/");
  EXPECT_EQ(RemoveDotSegments("/a//../b"), "/a/b");
  EXPECT_EQ(RemoveDotSegments(""), "");
  EXPECT_EQ(RemoveDotSegments("../.."), "");
}

TEST(UrlToStringTest, KeepsPathFromLookingLikeAnAuthority) {
  Url u = Parse("urn:a/..//b");
  u.path = RemoveDotSegments(u.path);
  EXPECT_EQ(u.path, "//b");
  EXPECT_EQ(u.ToString(), "urn:/.//b");
  Url back = Parse(u.ToString());
  EXPECT_FALSE(back.has_authority());
  EXPECT_EQ(RemoveDotSegments(back.path), "//b");
}

TEST(UrlToStringTest, TrailingSpacesSurviveAsEscapes) {
  // Found by tests/fuzz/url_fuzz: a query ending in a space, its fragment dropped, lost the
  // space on the way through text, since ParseUrl ignores trailing spaces.
  Url u = Parse("http://h/p?x y #f");
  EXPECT_EQ(*u.query, "x y ");
  u.fragment.reset();
  EXPECT_EQ(u.ToString(), "http://h/p?x y%20");
  EXPECT_EQ(*Parse(u.ToString()).query, "x y%20");
  EXPECT_EQ(Parse("http://h/a b  #").ToString(), "http://h/a b  #");
}

TEST(NormalizeUrlTest, OneSpellingPerResource) {
  EXPECT_EQ(Normalized("HTTP://User@Example.COM:80/%7euser/a/../b/./c?Q=%3a%7e#Frag"),
            "http://User@example.com/~user/b/c?Q=%3A~#Frag");
  EXPECT_EQ(Normalized("http://example.com"), "http://example.com/");
  EXPECT_EQ(Normalized("https://example.com:443/x"), "https://example.com/x");
  EXPECT_EQ(Normalized("https://example.com:80/x"), "https://example.com:80/x");
  EXPECT_EQ(Normalized("http://b\xc3\xbc"
                       "cher.example/"),
            "http://xn--bcher-kva.example/");
  EXPECT_EQ(Normalized("http://%62%C3%BC"
                       "cher.example/"),
            "http://xn--bcher-kva.example/");
  EXPECT_EQ(Normalized("http://stra\xc3\x9f"
                       "e.de/"),
            "http://xn--strae-oqa.de/");
  EXPECT_EQ(Normalized("http://a%2fb.example/"), "http://a%2fb.example/");
  EXPECT_EQ(Normalized("http://[2001:DB8:0:0:0:0:0:1]:8080"), "http://[2001:db8::1]:8080/");
  EXPECT_EQ(Normalized("http://example.com/a b/\xc3\xbc<>?x y\"#z w#"),
            "http://example.com/a%20b/%C3%BC%3C%3E?x%20y%22#z%20w%23");
  EXPECT_EQ(Normalized("http://example.com/%zz%4a"), "http://example.com/%zzJ");
  EXPECT_EQ(Normalized("mailto:Joe@Example.COM"), "mailto:Joe@Example.COM");
  EXPECT_EQ(Normalized("urn:a/./b"), "urn:a/./b");

  Url u = Parse("http://example.com/A/./%7e%41?%62#c");
  ASSERT_TRUE(NormalizeUrl(&u).ok());
  std::string once = u.ToString();
  ASSERT_TRUE(NormalizeUrl(&u).ok());
  EXPECT_EQ(u.ToString(), once);  // idempotent
}

TEST(NormalizeUrlTest, EncodedDotSegmentsAreRemovedToo) {
  // Found by tests/fuzz/url_fuzz: decoding %2e after removing dot segments left a ".." that
  // only a second normalisation removed, so one page had two spellings.
  EXPECT_EQ(Normalized("http://a/b/c/%2e%2E/x"), "http://a/b/x");
  EXPECT_EQ(Normalized("http://a/b/%2e/c/.%2e"), "http://a/b/");
  EXPECT_EQ(Normalized("http://a/b/%2e%2e%2fc"), "http://a/b/..%2Fc");  // one segment, not ".."
  EXPECT_EQ(Normalized(Normalized("http://a/b/c/%2e%2E/x")), "http://a/b/x");
}

TEST(NormalizeUrlTest, DecodingNeverMakesALonePercentAnEscape) {
  // Found by tests/fuzz/url_fuzz: "%e%41" became "%eA", which the next normalisation read
  // as an escape and wrote "%EA".
  EXPECT_EQ(Normalized("http://a/%e%41"), "http://a/%e%41");
  EXPECT_EQ(Normalized("http://a/%%34%31"), "http://a/%%341");
  EXPECT_EQ(Normalized("http://a/%e%47?%%41"), "http://a/%eG?%%41");  // G is not hex
  EXPECT_EQ(Normalized("http://a/%41%42"), "http://a/AB");
  for (const char* text : {"http://a/%e%41", "http://a/x%%34%31?%f%46"}) {
    EXPECT_EQ(Normalized(Normalized(text)), Normalized(text)) << text;
  }
}

TEST(NormalizeUrlTest, HostIdnaFailureIsAnError) {
  Url u = Parse("http://\xe2\x98\x83.com/");  // U+2603 is not valid in IDNA 2008
  Status s = NormalizeUrl(&u);
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_NE(s.message().find("IDNA"), std::string::npos) << s.message();
}

TEST(HostToAsciiTest, ModesAndAscii) {
  std::string out;
  ASSERT_TRUE(HostToAscii("WWW.Example.COM", IdnaMode::kNontransitional, &out).ok());
  EXPECT_EQ(out, "www.example.com");
  ASSERT_TRUE(HostToAscii("stra\xc3\x9f"
                          "e.de",
                          IdnaMode::kTransitional, &out)
                  .ok());
  EXPECT_EQ(out, "strasse.de");
  ASSERT_TRUE(HostToAscii("stra\xc3\x9f"
                          "e.de",
                          IdnaMode::kNontransitional, &out)
                  .ok());
  EXPECT_EQ(out, "xn--strae-oqa.de");
  ASSERT_TRUE(HostToAscii("\xe2\x98\x83.com", IdnaMode::kTransitional, &out).ok());
  EXPECT_EQ(out, "xn--n3h.com");
  EXPECT_TRUE(HostToAscii("-\xc3\xbc.com", IdnaMode::kTransitional, &out).IsInvalidArgument());
  EXPECT_TRUE(
      HostToAscii(std::string("\xc3\xbc\0", 3), IdnaMode::kTransitional, &out).IsInvalidArgument());
}

TEST(DefaultPortTest, KnownSchemes) {
  EXPECT_EQ(DefaultPort("http"), 80);
  EXPECT_EQ(DefaultPort("https"), 443);
  EXPECT_EQ(DefaultPort("ftp"), 21);
  EXPECT_EQ(DefaultPort("wss"), 443);
  EXPECT_EQ(DefaultPort("dns"), -1);
}

}  // namespace
}  // namespace warcrawl::index
