#include "index/surt_rules.h"

#include <gtest/gtest.h>

#include <string>

namespace warcrawl::index::surt_rules {
namespace {

// From the surt package's tests: test_unescapeRepeatedly (GoogleURLCanonicalizerTest.java).
TEST(SurtRulesTest, UnescapeRepeatedly) {
  EXPECT_EQ(UnescapeRepeatedly("%!A%21%21%25"), "%!A!!%");
  EXPECT_EQ(UnescapeRepeatedly("%"), "%");
  EXPECT_EQ(UnescapeRepeatedly("%2"), "%2");
  EXPECT_EQ(UnescapeRepeatedly("%25"), "%");
  EXPECT_EQ(UnescapeRepeatedly("%25%"), "%%");
  EXPECT_EQ(UnescapeRepeatedly("%2525"), "%");
  EXPECT_EQ(UnescapeRepeatedly("%252525"), "%");
  EXPECT_EQ(UnescapeRepeatedly("%25%32%35"), "%");
  // An escape completed by a decoded byte that precedes it, and lowercase hex.
  EXPECT_EQ(UnescapeRepeatedly("%%32%35"), "%");
  EXPECT_EQ(UnescapeRepeatedly("%2f%7e"), "/~");
}

// From the surt package's tests: test_attemptIPFormats (GoogleURLCanonicalizerTest.java).
TEST(SurtRulesTest, AttemptIpFormats) {
  EXPECT_EQ(AttemptIpFormats("www.foo.com"), std::nullopt);
  EXPECT_EQ(AttemptIpFormats("127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(AttemptIpFormats("017.0.0.1"), "15.0.0.1");
  EXPECT_EQ(AttemptIpFormats("168.188.99.26"), "168.188.99.26");
  EXPECT_EQ(AttemptIpFormats("10.0.258"), "10.0.1.2");
  EXPECT_EQ(AttemptIpFormats("1.2.3.256"), std::nullopt);
  EXPECT_EQ(AttemptIpFormats("39024579298"), "22.11.210.226");
  // inet_aton corners: leading-zero parts are octal, '8' is no octal digit, five parts fail.
  EXPECT_EQ(AttemptIpFormats("1.010.0.1"), "1.8.0.1");
  EXPECT_EQ(AttemptIpFormats("08.0.0.1"), std::nullopt);
  EXPECT_EQ(AttemptIpFormats("1.2.3.4.5"), std::nullopt);
  EXPECT_EQ(AttemptIpFormats("1.16777215"), "1.255.255.255");
  EXPECT_EQ(AttemptIpFormats("1.16777216"), std::nullopt);
  EXPECT_EQ(AttemptIpFormats("1..2"), std::nullopt);
  EXPECT_EQ(AttemptIpFormats(""), std::nullopt);
  EXPECT_EQ(AttemptIpFormats("0"), "0.0.0.0");
}

// From the surt package's tests: test_alphaReorderQuery (IAURLCanonicalizerTest.java).
TEST(SurtRulesTest, AlphaReorderQuery) {
  EXPECT_EQ(AlphaReorderQuery(""), "");
  EXPECT_EQ(AlphaReorderQuery("a"), "a");
  EXPECT_EQ(AlphaReorderQuery("ab"), "ab");
  EXPECT_EQ(AlphaReorderQuery("a=1"), "a=1");
  EXPECT_EQ(AlphaReorderQuery("ab=1"), "ab=1");
  EXPECT_EQ(AlphaReorderQuery("a=1&"), "&a=1");
  EXPECT_EQ(AlphaReorderQuery("a=1&b=1"), "a=1&b=1");
  EXPECT_EQ(AlphaReorderQuery("b=1&a=1"), "a=1&b=1");
  EXPECT_EQ(AlphaReorderQuery("a=a&a=a"), "a=a&a=a");
  EXPECT_EQ(AlphaReorderQuery("a=b&a=a"), "a=a&a=b");
  EXPECT_EQ(AlphaReorderQuery("b=b&a=b&b=a&a=a"), "a=a&a=b&b=a&b=b");
  // Python sorts ("a",) before ("a", "") before ("a", "x"), and splits at the first '='.
  EXPECT_EQ(AlphaReorderQuery("a=x&a=&a"), "a&a=&a=x");
  EXPECT_EQ(AlphaReorderQuery("b=c=d&b=c"), "b=c&b=c=d");
}

// From the surt package's tests: test_massageHost (IAURLCanonicalizerTest.java).
TEST(SurtRulesTest, MassageHost) {
  EXPECT_EQ(MassageHost("foo.com"), "foo.com");
  EXPECT_EQ(MassageHost("www.foo.com"), "foo.com");
  EXPECT_EQ(MassageHost("www12.foo.com"), "foo.com");
  EXPECT_EQ(MassageHost("www2foo.com"), "www2foo.com");
  EXPECT_EQ(MassageHost("www2.www2foo.com"), "www2foo.com");
}

// From the surt package's tests: test_stripPathSessionID (IAURLCanonicalizerTest.java).
TEST(SurtRulesTest, StripPathSessionId) {
  EXPECT_EQ(StripPathSessionId("/(S(4hqa0555fwsecu455xqckv45))/mileg.aspx"), "/mileg.aspx");
  EXPECT_EQ(StripPathSessionId("/(4hqa0555fwsecu455xqckv45)/mileg.aspx"), "/mileg.aspx");
  EXPECT_EQ(StripPathSessionId("/(a(4hqa0555fwsecu455xqckv45)S(4hqa0555fwsecu455xqckv45)f("
                               "4hqa0555fwsecu455xqckv45))/mileg.aspx?page=sessionschedules"),
            "/mileg.aspx?page=sessionschedules");
  EXPECT_EQ(StripPathSessionId("/photos/36050182@N05/"), "/photos/36050182@N05/");
  // Only before an .aspx page, and only 24-character ids.
  EXPECT_EQ(StripPathSessionId("/(S(4hqa0555fwsecu455xqckv45))/mileg.html"),
            "/(S(4hqa0555fwsecu455xqckv45))/mileg.html");
  EXPECT_EQ(StripPathSessionId("/(S(4hqa0555fwsecu455xqckv4))/mileg.aspx"),
            "/(S(4hqa0555fwsecu455xqckv4))/mileg.aspx");
  EXPECT_EQ(StripPathSessionId("/a/(4hqa0555fwsecu455xqckv45)/b/x.aspx"), "/a/b/x.aspx");
  // Like surt's greedy "^(.*/)", only the last segment that fits goes.
  const std::string seg = "(4hqa0555fwsecu455xqckv45)/";
  EXPECT_EQ(StripPathSessionId("/" + seg + "a/" + seg + "x.aspx"), "/" + seg + "a/x.aspx");
  std::string many;
  for (int i = 0; i < 20000; ++i) many += "/" + seg;
  EXPECT_EQ(StripPathSessionId(many + "x.asp"), many + "x.asp");
  EXPECT_EQ(StripPathSessionId(many + "x.aspx").size(), many.size() + 6 - seg.size());
}

// From the surt package's tests: test_stripQuerySessionID (IAURLCanonicalizerTest.java).
TEST(SurtRulesTest, StripQuerySessionId) {
  const std::string id32 = "0123456789abcdefghijklemopqrstuv";
  EXPECT_EQ(StripQuerySessionId("?jsessionid=" + id32), "?");
  EXPECT_EQ(StripQuerySessionId("?jsessionid=" + id32 + "0"), "?jsessionid=" + id32 + "0");
  EXPECT_EQ(StripQuerySessionId("?jsessionid=" + id32 + "&x=y"), "?x=y");
  EXPECT_EQ(StripQuerySessionId("?one=two&jsessionid=" + id32 + "&x=y"), "?one=two&x=y");
  EXPECT_EQ(StripQuerySessionId("?one=two&jsessionid=" + id32), "?one=two&");
  EXPECT_EQ(StripQuerySessionId("?aspsessionidABCDEFGH=ABCDEFGHIJKLMNOPQRSTUVWX&x=y"), "?x=y");
  EXPECT_EQ(StripQuerySessionId("?phpsessid=" + id32 + "&x=y"), "?x=y");
  EXPECT_EQ(StripQuerySessionId("?one=two&phpsessid=" + id32 + "&x=y"), "?one=two&x=y");
  EXPECT_EQ(StripQuerySessionId("?one=two&phpsessid=" + id32), "?one=two&");
  EXPECT_EQ(StripQuerySessionId("?sid=9682993c8daa2c5497996114facdc805&x=y"), "?x=y");
  EXPECT_EQ(StripQuerySessionId("?sid=9682993c8daa2c5497996114facdc805&jsessionid=" + id32), "?");
  EXPECT_EQ(
      StripQuerySessionId("?CFID=1169580&CFTOKEN=48630702&dtstamp=22%2F08%2F2006%7C06%3A58%3A11"),
      "?dtstamp=22%2F08%2F2006%7C06%3A58%3A11");
  EXPECT_EQ(StripQuerySessionId("?CFID=12412453&CFTOKEN=15501799&dt=19_08_2006_22_39_28"),
            "?dt=19_08_2006_22_39_28");
  EXPECT_EQ(StripQuerySessionId(
                "?CFID=14475712&CFTOKEN=2D89F5AF-3048-2957-DA4EE4B6B13661AB&r=468710288378&m="
                "forgotten"),
            "?r=468710288378&m=forgotten");
  EXPECT_EQ(StripQuerySessionId("?CFID=16603925&CFTOKEN=2AE13EEE-3048-85B0-56CEDAAB0ACA44B8"), "?");
  EXPECT_EQ(
      StripQuerySessionId("?CFID=4308017&CFTOKEN=63914124&requestID=200608200458360%2E39414378"),
      "?requestID=200608200458360%2E39414378");
  // The names are not anchored to '&' (as in surt), and the last match is the one removed.
  EXPECT_EQ(StripQuerySessionId("xsid=" + id32), "x");
  std::string many;
  for (int i = 0; i < 20000; ++i) many += "jsessionid=" + id32 + "x&cfid=a&";
  EXPECT_EQ(StripQuerySessionId(many), many);
  EXPECT_EQ(StripQuerySessionId("a=1&jsessionid=" + id32 + "&jsessionid=" + id32),
            "a=1&jsessionid=" + id32 + "&");
}

TEST(SurtRulesTest, EscapeOnceAndNormalizePath) {
  EXPECT_EQ(EscapeOnce("a b#c%d\x7f\xc3\xbc~!\"$&'()*+,-./:;<=>?@[\\]^_`{|}"),
            "a%20b%23c%25d%7F%C3%BC~!\"$&'()*+,-./:;<=>?@[\\]^_`{|}");
  EXPECT_EQ(NormalizePath(""), "/");
  EXPECT_EQ(NormalizePath("/"), "/");
  EXPECT_EQ(NormalizePath("//"), "/");
  EXPECT_EQ(NormalizePath("/a//b/"), "/a/b/");
  EXPECT_EQ(NormalizePath("/a/b/.."), "/a");
  EXPECT_EQ(NormalizePath("/a/./b/."), "/a/b");
  EXPECT_EQ(NormalizePath("/../../a"), "/a");  // the second ".." pops the kept first one
  EXPECT_EQ(NormalizePath("/a/../../b"), "/../b");
}

TEST(SurtRulesTest, PythonIdnaEncode) {
  EXPECT_EQ(PythonIdnaEncode("B\xc3\xbc"
                             "cher.ch"),
            "xn--bcher-kva.ch");
  EXPECT_EQ(PythonIdnaEncode("b\xc3\xbc"
                             "cher.ch."),
            "xn--bcher-kva.ch.");
  EXPECT_EQ(PythonIdnaEncode("b\xc3\xbc"
                             "cher\xe3\x80\x82"
                             "ch"),
            "xn--bcher-kva.ch");
  EXPECT_EQ(PythonIdnaEncode("\xe2\x98\x83.com"), "xn--n3h.com");
  // Invalid UTF-8 is dropped first; what is left may be plain ASCII.
  EXPECT_EQ(PythonIdnaEncode("b\xfc"
                             "cher.ch"),
            "bcher.ch");
  EXPECT_EQ(PythonIdnaEncode("\xff"), "");
  // Where Python's codec raises, the caller keeps the raw bytes.
  EXPECT_EQ(PythonIdnaEncode(".b\xc3\xbc"
                             "cher.ch"),
            std::nullopt);
  EXPECT_EQ(PythonIdnaEncode("b\xc3\xbc"
                             "cher..ch"),
            std::nullopt);
  EXPECT_EQ(PythonIdnaEncode("\x01\xc2\x80.com"), std::nullopt);
  EXPECT_EQ(PythonIdnaEncode("\xc3\xbc" + std::string(70, 'a') + ".com"), std::nullopt);
  EXPECT_EQ(PythonIdnaEncode("a\xff." + std::string(64, 'a')), std::nullopt);
}

}  // namespace
}  // namespace warcrawl::index::surt_rules
