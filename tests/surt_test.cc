#include "index/surt.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "index/surt_canonicalizer.h"

namespace warcrawl::index {
namespace {

std::string Key(std::string_view url) {
  std::string key;
  Status s = SurtKey(url, &key);
  EXPECT_TRUE(s.ok()) << url << ": " << s.ToString();
  return key;
}

std::string Canonical(std::string_view url) {
  std::string out;
  Status s = SurtCanonicalUrl(url, &out);
  EXPECT_TRUE(s.ok()) << url << ": " << s.ToString();
  return out;
}

// From the surt package's tests (tests/test_surt.py, test_surt, ported from
// WaybackURLKeyMakerTest.java), with surt.surt()'s default options.
TEST(SurtKeyTest, SurtPackageKeyMakerCases) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "-"},
      {"filedesc:foo.arc.gz", "filedesc:foo.arc.gz"},
      {"filedesc:/foo.arc.gz", "filedesc:/foo.arc.gz"},
      {"filedesc://foo.arc.gz", "filedesc://foo.arc.gz"},
      {"warcinfo:foo.warc.gz", "warcinfo:foo.warc.gz"},
      {"dns:alexa.com", "dns:alexa.com"},
      {"dns:archive.org", "dns:archive.org"},
      {"http://www.archive.org/", "org,archive)/"},
      {"http://archive.org/", "org,archive)/"},
      {"http://archive.org/goo/", "org,archive)/goo"},
      {"http://archive.org/goo/?", "org,archive)/goo"},
      {"http://archive.org/goo/?b&a", "org,archive)/goo?a&b"},
      {"http://archive.org/goo/?a=2&b&a=1", "org,archive)/goo?a=1&a=2&b"},
      {"http://archive.org/index.php?PHPSESSID=0123456789abcdefghijklemopqrstuv&action=profile;"
       "u=4221",
       "org,archive)/index.php?action=profile;u=4221"},
      {"whois://whois.isoc.org.il/shaveh.co.il", "il,org,isoc,whois)/shaveh.co.il"},
      {"http://visit.webhosting.yahoo.com/visit.gif?&r=http%3A//web.archive.org/web/"
       "20090517140029/http%3A//anthonystewarthead.electric-chi.com/&b=Netscape%205.0%20%28Windows"
       "%3B%20en-US%29&s=1366x768&o=Win32&c=24&j=true&v=1.2",
       "com,yahoo,webhosting,visit)/visit.gif?&b=netscape%205.0%20(windows;%20en-us)&c=24&j=true&"
       "o=win32&r=http://web.archive.org/web/20090517140029/http://"
       "anthonystewarthead.electric-chi.com/&s=1366x768&v=1.2"},
      {"mailto:foo@example.com", "mailto:foo@example.com"},
      {"ftp://www.example.com/", "com,example)/"},
  };
  for (const auto& [url, want] : cases) EXPECT_EQ(Key(url), want) << url;
}

// From the surt package's tests: test_DefaultIAURLCanonicalizer and test_options (the
// DefaultIAURLCanonicalizer cases), as surt.surt(url, surt=False) prints them.
TEST(SurtCanonicalUrlTest, SurtPackageDefaultCanonicalizerCases) {
  EXPECT_EQ(Canonical("http://www.alexa.com/"), "http://alexa.com/");
  EXPECT_EQ(Canonical("http://archive.org/index.html"), "http://archive.org/index.html");
  EXPECT_EQ(Canonical("http://archive.org/index.html?"), "http://archive.org/index.html");
  EXPECT_EQ(Canonical("http://archive.org/index.html?a=b"), "http://archive.org/index.html?a=b");
  EXPECT_EQ(Canonical("http://archive.org/index.html?b=b&a=b"),
            "http://archive.org/index.html?a=b&b=b");
  EXPECT_EQ(Canonical("http://archive.org/index.html?b=a&b=b&a=b"),
            "http://archive.org/index.html?a=b&b=a&b=b");
  EXPECT_EQ(Canonical("http://www34.archive.org/index.html?b=a&b=b&a=b"),
            "http://archive.org/index.html?a=b&b=a&b=b");
  EXPECT_EQ(Canonical("http://example.com/foo?X=Y"), "http://example.com/foo?x=y");
}

// From the surt package's tests: test_IAURLCanonicalizer. The Google step that the default
// canonicaliser runs first changes none of these URLs, so the expected values carry over.
TEST(SurtCanonicalUrlTest, SurtPackageIaCanonicalizerCases) {
  EXPECT_EQ(Canonical("http://ARCHIVE.ORG/"), "http://archive.org/");
  EXPECT_EQ(Canonical("http://www.archive.org:80/"), "http://archive.org/");
  EXPECT_EQ(Canonical("https://www.archive.org:80/"), "https://archive.org:80/");
  EXPECT_EQ(Canonical("http://www.archive.org:443/"), "http://archive.org:443/");
  EXPECT_EQ(Canonical("https://www.archive.org:443/"), "https://archive.org/");
  EXPECT_EQ(Canonical("http://www.archive.org/big/"), "http://archive.org/big");
  EXPECT_EQ(Canonical("dns:www.archive.org"), "dns:www.archive.org");
}

// The surt package's test_GoogleURLCanonicalizer inputs. Its expected values are for the
// Google step alone; here the IA step (lowercase, "www" label, trailing slash, empty query)
// has been applied to each of them by hand, as the default canonicaliser does.
TEST(SurtCanonicalUrlTest, SurtPackageGoogleCanonicalizerCasesThroughIaRules) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"http://host/%25%32%35", "http://host/%25"},
      {"http://host/%25%32%35%25%32%35", "http://host/%25%25"},
      {"http://host/%2525252525252525", "http://host/%25"},
      {"http://host/asdf%25%32%35asd", "http://host/asdf%25asd"},
      {"http://host/%%%25%32%35asd%%", "http://host/%25%25%25asd%25%25"},
      {"http://www.google.com/", "http://google.com/"},
      {"http://%31%36%38%2e%31%38%38%2e%39%39%2e%32%36/%2E%73%65%63%75%72%65/"
       "%77%77%77%2E%65%62%61%79%2E%63%6F%6D/",
       "http://168.188.99.26/.secure/www.ebay.com"},
      {"http://195.127.0.11/uploads/%20%20%20%20/.verify/"
       ".eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/",
       "http://195.127.0.11/uploads/%20%20%20%20/.verify/"
       ".ebaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx"},
      {"http://host%23.com/%257Ea%2521b%2540c%2523d%2524e%25f%255E00%252611%252A22%252833%2529"
       "44_55%252B",
       "http://host%23.com/~a!b@c%23d$e%25f^00&11*22(33)44_55+"},
      {"http://3279880203/blah", "http://195.127.0.11/blah"},
      {"http://www.google.com/blah/..", "http://google.com/"},
      {"www.google.com/", "http://google.com/"},
      {"www.google.com", "http://google.com/"},
      {"http://www.evil.com/blah#frag", "http://evil.com/blah"},
      {"http://www.GOOgle.com/", "http://google.com/"},
      {"http://www.google.com.../", "http://google.com/"},
      {"http://www.google.com/foo\tbar\rbaz\n2", "http://google.com/foobarbaz2"},
      {"http://www.google.com/q?", "http://google.com/q"},
      {"http://www.google.com/q?r?", "http://google.com/q?r?"},
      {"http://www.google.com/q?r?s", "http://google.com/q?r?s"},
      {"http://evil.com/foo#bar#baz", "http://evil.com/foo"},
      {"http://evil.com/foo;", "http://evil.com/foo;"},
      {"http://evil.com/foo?bar;", "http://evil.com/foo?bar;"},
      {"http://\x01\xc2\x80.com/", "http://%01%c2%80.com/"},
      {"B\xc3\xbc"
       "cher.ch:8080",
       "http://xn--bcher-kva.ch:8080/"},
      {"\xe2\x98\x83.com", "http://xn--n3h.com/"},
      {"http://www.t%EF%BF%BD%04.82.net/", "http://t%ef%bf%bd%04.82.net/"},
      {"http://notrailingslash.com", "http://notrailingslash.com/"},
      {"http://www.gotaport.com:1234/", "http://gotaport.com:1234/"},
      {"  http://www.google.com/  ", "http://google.com/"},
      {"http:// leadingspace.com/", "http://%20leadingspace.com/"},
      {"http://%20leadingspace.com/", "http://%20leadingspace.com/"},
      {"%20leadingspace.com/", "http://%20leadingspace.com/"},
      {"https://www.securesite.com/", "https://securesite.com/"},
      {"http://host.com/ab%23cd", "http://host.com/ab%23cd"},
      {"http://host.com//twoslashes?more//slashes", "http://host.com/twoslashes?more//slashes"},
      {"mailto:foo@example.com", "mailto:foo@example.com"},
  };
  for (const auto& [url, want] : cases) EXPECT_EQ(Canonical(url), want) << url;
}

// From the surt package's tests: test_handyurl_parse (URLParserTest.java), on the fields.
TEST(ParseSurtUrlTest, SurtPackageParserCases) {
  SurtUrl u;
  ASSERT_TRUE(ParseSurtUrl("http://www.archive.org:8080/index.html?query#foo", &u).ok());
  EXPECT_EQ(u.host, "www.archive.org");
  EXPECT_EQ(u.port, 8080);
  EXPECT_EQ(u.path, "/index.html");
  EXPECT_EQ(u.query, "query");
  ASSERT_TRUE(ParseSurtUrl("http:////////////////www.vikings.com", &u).ok());
  EXPECT_EQ(u.host, "www.vikings.com");
  EXPECT_EQ(u.path, "/");
  ASSERT_TRUE(ParseSurtUrl("http://https://order.1and1.com", &u).ok());
  EXPECT_EQ(u.scheme, "https");
  EXPECT_EQ(u.host, "order.1and1.com");
  ASSERT_TRUE(ParseSurtUrl("http://mineral.galleries.com:/minerals/silicate/chabazit/", &u).ok());
  EXPECT_EQ(u.host, "mineral.galleries.com");
  EXPECT_EQ(u.port, -1);
  ASSERT_TRUE(ParseSurtUrl("mailto:bot@archive.org", &u).ok());
  EXPECT_EQ(u.scheme, "mailto");
  EXPECT_EQ(u.host, "");
  EXPECT_EQ(u.path, "bot@archive.org");
  ASSERT_TRUE(ParseSurtUrl("dns:b\xc3\xbc"
                           "cher.ch",
                           &u)
                  .ok());
  EXPECT_EQ(u.scheme, "dns");
  EXPECT_EQ(u.path,
            "b\xc3\xbc"
            "cher.ch");
}

// From pywb's sample_archive CDX(J) files (cdxj/example.cdxj, cdxj/iana.cdxj): URL -> key.
TEST(SurtKeyTest, PywbSampleArchiveKeys) {
  EXPECT_EQ(Key("http://example.com?example=1"), "com,example)/?example=1");
  EXPECT_EQ(Key("http://www.iana.org/domains/example"), "org,iana)/domains/example");
  EXPECT_EQ(Key("http://www.iana.org/_css/2013.1/fonts/Inconsolata.otf"),
            "org,iana)/_css/2013.1/fonts/inconsolata.otf");
  EXPECT_EQ(Key("https://www.iana.org/_css/2013.1/fonts/OpenSans-Bold.ttf"),
            "org,iana)/_css/2013.1/fonts/opensans-bold.ttf");
  EXPECT_EQ(Key("http://www.iana.org/domains/root/db/"), "org,iana)/domains/root/db");
}

TEST(SurtKeyTest, HostForms) {
  EXPECT_EQ(Key("http://b\xc3\xbc"
                "cher.example/"),
            "example,xn--bcher-kva)/");
  EXPECT_EQ(Key("http://B%C3%BC"
                "cher.example/"),
            "example,xn--bcher-kva)/");
  EXPECT_EQ(Key("http://stra\xc3\x9f"
                "e.example/"),
            "example,strasse)/");  // IDNA 2003
  EXPECT_EQ(Key("http://example.com./"), "com,example)/");
  EXPECT_EQ(Key("http://www2.example.com/"), "com,example)/");
  EXPECT_EQ(Key("http://www.www.example.com/"), "com,example,www)/");
  EXPECT_EQ(Key("http://wwwexample.com/"), "com,wwwexample)/");
  EXPECT_EQ(Key("HTTP://WWW.EXAMPLE.COM/A/B?C=D"), "com,example)/a/b?c=d");
  EXPECT_EQ(Key("http://user:pass@www.example.com/"), "com,example)/");
  EXPECT_EQ(Key("example.com/a"), "com,example)/a");
  // surt reverses IPv4 addresses by default (reverse_ipaddr=True), after inet_aton forms.
  EXPECT_EQ(Key("http://127.0.0.1:8080/x"), "1,0,0,127:8080)/x");
  EXPECT_EQ(Key("http://2130706433/"), "1,0,0,127)/");
  EXPECT_EQ(Key("http://0177.0.0.1/"), "1,0,0,127)/");
  EXPECT_EQ(Key("http://1.2.3.256/"), "256,3,2,1)/");
  // urllib drops the brackets; there are no dots to reverse.
  EXPECT_EQ(Key("http://[2001:DB8::1]:8080/x"), "2001:db8::1:8080)/x");
}

TEST(SurtKeyTest, Ports) {
  EXPECT_EQ(Key("http://example.com:80/"), "com,example)/");
  EXPECT_EQ(Key("http://example.com:080/"), "com,example)/");
  EXPECT_EQ(Key("http://example.com:8080/"), "com,example:8080)/");
  EXPECT_EQ(Key("http://example.com:443/"), "com,example:443)/");
  EXPECT_EQ(Key("https://example.com:443/"), "com,example)/");
  EXPECT_EQ(Key("https://example.com:80/"), "com,example:80)/");
  EXPECT_EQ(Key("http://example.com:0/"), "com,example)/");
  EXPECT_EQ(Key("ftp://example.com:21/"), "com,example:21)/");
}

TEST(SurtKeyTest, PathsQueriesAndEscapes) {
  EXPECT_EQ(Key("http://example.com"), "com,example)/");
  EXPECT_EQ(Key("http://example.com?a"), "com,example)/?a");
  EXPECT_EQ(Key("http://example.com/a#frag"), "com,example)/a");
  EXPECT_EQ(Key("http://example.com/a?"), "com,example)/a");
  EXPECT_EQ(Key("http://example.com/a/./b/../c//d/"), "com,example)/a/c/d");
  EXPECT_EQ(Key("http://example.com/../a"), "com,example)/../a");
  // Escapes are decoded repeatedly, then only <= 0x20, '#', '%', 0x7f and non-ASCII are
  // escaped again; the lowercasing that follows reaches the hex digits too.
  EXPECT_EQ(Key("http://example.com/%7Ea%41%2fb"), "com,example)/~aa/b");
  EXPECT_EQ(Key("http://example.com/a%20b%25c%23d"), "com,example)/a%20b%25c%23d");
  EXPECT_EQ(Key("http://example.com/\xc3\xbc%C3%BC%e4"), "com,example)/%c3%bc%c3%bc%e4");
  EXPECT_EQ(Key("http://example.com/a b"), "com,example)/a%20b");
  EXPECT_EQ(Key("http://example.com/x%3Fy"), "com,example)/x?y");
  EXPECT_EQ(Key("http://example.com/?b=%26&a=1"), "com,example)/?&a=1&b=");
  EXPECT_EQ(Key("http://example.com/a\\b"), "com,example)/a\\b");
  EXPECT_EQ(Key("http://example.com/a?jsessionid=0123456789abcdef0123456789ABCDEF&b=1"),
            "com,example)/a?b=1");
  EXPECT_EQ(Key("http://example.com/(S(4hqa0555fwsecu455xqckv45))/Default.aspx?x=1"),
            "com,example)/default.aspx?x=1");
}

TEST(SurtKeyTest, SchemesWithoutHost) {
  EXPECT_EQ(Key("dns:WWW.Archive.org"), "dns:www.archive.org");
  EXPECT_EQ(Key("urn:uuid:1234-ABCD"), "urn:uuid:1234-abcd");
  EXPECT_EQ(Key("metadata://gnu.org/software/wget/warc/MANIFEST.txt"),
            "org,gnu)/software/wget/warc/manifest.txt");
  EXPECT_EQ(Key("filedesc://IAH-20080430204825-00000-blackbook.arc"),
            "filedesc://IAH-20080430204825-00000-blackbook.arc");
  EXPECT_EQ(Key("http:///"), "http:/");  // no host left: surt prints the scheme
}

TEST(SurtKeyTest, GarbageIsAnErrorOrAKeyNeverACrash) {
  std::string key;
  for (const char* bad : {"   ", "\t\r\n", "http://example.com:abc/", "http://example.com:99999/",
                          "http://example.com:-1/", "http://[::1]:x/"}) {
    Status s = SurtKey(bad, &key);
    EXPECT_TRUE(s.IsInvalidArgument()) << bad << " gave " << key;
  }
  EXPECT_NE(SurtKey("http://example.com:x/", &key).message().find("port"), std::string::npos);
  for (const std::string& odd : {std::string("\0\xff", 2), std::string("http://\xff\xfe/"),
                                 std::string("::::"), std::string("http://[/"), std::string("%"),
                                 std::string("http://a@b@c:1/"), std::string("http://..../")}) {
    EXPECT_TRUE(SurtKey(odd, &key).ok()) << odd;
  }
  EXPECT_EQ(Key(std::string("\0\xff", 2)), "%00)/");
}

TEST(SurtKeyTest, VeryLongUrls) {
  std::string path(100000, 'A');
  EXPECT_EQ(Key("http://example.com/" + path), "com,example)/" + std::string(100000, 'a'));
  std::string nested = "%25";
  for (int i = 0; i < 30000; ++i) nested += "25";  // "%252525..." unescapes to one '%'
  EXPECT_EQ(Key("http://example.com/" + nested), "com,example)/%25");
  std::string query;
  for (int i = 0; i < 20000; ++i) query += "cfid=1&x";
  EXPECT_EQ(Key("http://example.com/?" + query).size(),
            std::string("com,example)/?").size() + query.size());
}

SurtRange Range(std::string_view url, MatchType match) {
  SurtRange range;
  Status s = SurtSearchRange(url, match, &range);
  EXPECT_TRUE(s.ok()) << url << ": " << s.ToString();
  return range;
}

// From pywb's tests (the doctests of pywb/utils/canonicalize.py, calc_search_range).
TEST(SurtSearchRangeTest, PywbCases) {
  auto expect = [](std::string_view url, MatchType m, std::string_view start,
                   std::string_view end) {
    SurtRange r = Range(url, m);
    EXPECT_EQ(r.start, start) << url;
    EXPECT_EQ(r.end, end) << url;
  };
  expect("http://example.com/path/file.html", MatchType::kExact, "com,example)/path/file.html",
         "com,example)/path/file.html!");
  expect("http://example.com/path/file.html", MatchType::kPrefix, "com,example)/path/file.html",
         "com,example)/path/file.htmm");
  expect("http://example.com/path/", MatchType::kPrefix, "com,example)/path/",
         "com,example)/path0");
  expect("http://example.com/path?", MatchType::kPrefix, "com,example)/path?",
         "com,example)/path@");
  expect("http://example.com/path/?", MatchType::kPrefix, "com,example)/path?",
         "com,example)/path@");
  expect("http://example.com/path/file.html", MatchType::kHost, "com,example)/", "com,example*");
  expect("http://example.com/path/file.html", MatchType::kDomain, "com,example)/", "com,example-");
  expect("com", MatchType::kDomain, "com,", "com-");
}

TEST(SurtSearchRangeTest, RejectsWhatSurtRejects) {
  SurtRange range;
  EXPECT_TRUE(SurtSearchRange("", MatchType::kExact, &range).IsInvalidArgument());
  EXPECT_TRUE(SurtSearchRange("http://a.com:x/", MatchType::kHost, &range).IsInvalidArgument());
}

TEST(SurtHostPrefixTest, HostAndDomainPrefixes) {
  std::string prefix;
  ASSERT_TRUE(SurtHostPrefix("www.Archive.org", false, &prefix).ok());
  EXPECT_EQ(prefix, "org,archive)/");
  ASSERT_TRUE(SurtHostPrefix("archive.org", true, &prefix).ok());
  EXPECT_EQ(prefix, "org,archive");
  ASSERT_TRUE(SurtHostPrefix("b\xc3\xbc"
                             "cher.example:8080",
                             false, &prefix)
                  .ok());
  EXPECT_EQ(prefix, "example,xn--bcher-kva:8080)/");
  for (const char* bad : {"", "a.org/x", "a b.org", "user@a.org", "a.org:port", "."}) {
    EXPECT_TRUE(SurtHostPrefix(bad, false, &prefix).IsInvalidArgument()) << bad;
  }
  EXPECT_TRUE(InSurtDomain("org,archive)/", "org,archive"));
  EXPECT_TRUE(InSurtDomain("org,archive,web)/x", "org,archive"));
  EXPECT_FALSE(InSurtDomain("org,archive2)/", "org,archive"));
  EXPECT_FALSE(InSurtDomain("org,archive", "org,archive"));
  EXPECT_FALSE(InSurtDomain("org,archiv)/", "org,archive"));
}

bool InRange(const SurtRange& r, const std::string& key) {
  // The index keys each SURT as "<surt> <timestamp>"; the ranges assume such a separator.
  std::string entry = key + " 20260101000000";
  return entry >= r.start && (r.end.empty() || entry < r.end);
}

// Keys of one host sort together, and each range holds exactly the keys it should.
TEST(SurtKeyOrderTest, RangesSelectWhatTheirMatchTypeMeans) {
  const std::vector<std::string> urls = {
      "http://example.com/",
      "http://www.example.com/path",
      "http://example.com/path/a",
      "https://example.com/path/b?x=1",
      "http://example.com/path2",
      "http://example.com/pathx",
      "http://sub.example.com/",
      "http://deep.sub.example.com/path",
      "http://example.com:8080/",
      "http://example.community/",
      "http://example2.com/",
      "http://other.org/",
      "http://com/",
      "http://example.com/path?q",
      "http://example.co/",
      "http://a.example.com./path/c",
  };
  std::vector<std::pair<std::string, std::string>> keyed;
  keyed.reserve(urls.size());
  for (const auto& url : urls) keyed.emplace_back(Key(url), url);
  std::sort(keyed.begin(), keyed.end());

  auto selected = [&](const SurtRange& r) {
    std::vector<std::string> out;
    for (const auto& [key, url] : keyed) {
      if (InRange(r, key)) out.push_back(url);
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(selected(Range("http://www.example.com/path", MatchType::kExact)),
            (V{"http://www.example.com/path"}));
  EXPECT_EQ(selected(Range("http://example.com/path/", MatchType::kPrefix)),
            (V{"http://example.com/path/a", "https://example.com/path/b?x=1"}));
  EXPECT_EQ(selected(Range("http://example.com/path", MatchType::kPrefix)),
            (V{"http://www.example.com/path", "http://example.com/path/a",
               "https://example.com/path/b?x=1", "http://example.com/path2",
               "http://example.com/path?q", "http://example.com/pathx"}));
  EXPECT_EQ(selected(Range("http://example.com/anything", MatchType::kHost)),
            (V{"http://example.com/", "http://www.example.com/path", "http://example.com/path/a",
               "https://example.com/path/b?x=1", "http://example.com/path2",
               "http://example.com/path?q", "http://example.com/pathx"}));
  // pywb leaves the ":8080" host out of host and domain ranges; subdomains are in.
  V domain = selected(Range("http://example.com/", MatchType::kDomain));
  EXPECT_EQ(domain.size(), 10u);
  for (const char* sub : {"http://sub.example.com/", "http://deep.sub.example.com/path",
                          "http://a.example.com./path/c"}) {
    EXPECT_NE(std::find(domain.begin(), domain.end(), sub), domain.end()) << sub;
  }
  for (const char* out : {"http://example.com:8080/", "http://example.community/",
                          "http://example2.com/", "http://example.co/"}) {
    EXPECT_EQ(std::find(domain.begin(), domain.end(), out), domain.end()) << out;
  }
  // The hand-built domain prefix agrees with the domain range on every ordinary host.
  std::string prefix;
  ASSERT_TRUE(SurtHostPrefix("example.com", true, &prefix).ok());
  for (const auto& [key, url] : keyed) {
    bool listed = std::find(domain.begin(), domain.end(), url) != domain.end();
    EXPECT_EQ(InSurtDomain(key, prefix), listed) << url;
  }
}

}  // namespace
}  // namespace warcrawl::index
