#include "replay/memento.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace warcrawl::replay {
namespace {

using index::CaptureEntry;

constexpr std::string_view kOrigin = "http://127.0.0.1:8080";
constexpr std::string_view kUrl = "http://example.com/a";

CaptureEntry Capture(std::string ts, std::string url = std::string(kUrl)) {
  CaptureEntry c;
  c.urlkey = "com,example)/a";
  c.timestamp = std::move(ts);
  c.url = std::move(url);
  c.mime = "text/html";
  c.status = 200;
  c.digest = "AAAA";
  c.length = 100;
  c.offset = 784;
  c.filename = "a.warc.gz";
  return c;
}

std::vector<CaptureEntry> Captures(std::initializer_list<const char*> timestamps) {
  std::vector<CaptureEntry> out;
  for (const char* ts : timestamps) out.push_back(Capture(ts));
  return out;
}

// A Link header value split at the ", " that separates link-values (the URLs in these tests
// hold no ", ").
std::vector<std::string> LinkValues(const std::string& header) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t comma; (comma = header.find(", <", start)) != std::string::npos; start = comma + 2) {
    out.push_back(header.substr(start, comma - start));
  }
  out.push_back(header.substr(start));
  return out;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(MementoTest, HttpDatesFromTimestamps) {
  EXPECT_EQ(HttpDateFromTimestamp("20010320203500"), "Tue, 20 Mar 2001 20:35:00 GMT");
  EXPECT_EQ(HttpDateFromTimestamp("19941106084937"), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(HttpDateFromTimestamp("20240229235959"), "Thu, 29 Feb 2024 23:59:59 GMT");
  EXPECT_EQ(HttpDateFromTimestamp("19700101000000"), "Thu, 01 Jan 1970 00:00:00 GMT");
  EXPECT_EQ(HttpDateFromTimestamp("21000301120000"), "Mon, 01 Mar 2100 12:00:00 GMT");
  EXPECT_EQ(HttpDateFromTimestamp("00010101000000"), "Mon, 01 Jan 0001 00:00:00 GMT");
  EXPECT_EQ(HttpDateFromTimestamp("99991231235959"), "Fri, 31 Dec 9999 23:59:59 GMT");
  EXPECT_EQ(HttpDateFromTimestamp("2024"), "Mon, 01 Jan 2024 00:00:00 GMT");
  EXPECT_EQ(HttpDateFromTimestamp("202403"), "Fri, 01 Mar 2024 00:00:00 GMT");
  for (const char* bad : {"", "2024-01-01", "202401010000000", "abc"}) {
    EXPECT_EQ(HttpDateFromTimestamp(bad), "") << bad;
  }
}

TEST(MementoTest, TimestampsFromTheThreeHttpDateForms) {
  std::string ts;
  ASSERT_TRUE(TimestampFromHttpDate("Sun, 06 Nov 1994 08:49:37 GMT", &ts).ok());
  EXPECT_EQ(ts, "19941106084937");
  ASSERT_TRUE(TimestampFromHttpDate("Sunday, 06-Nov-94 08:49:37 GMT", &ts).ok());
  EXPECT_EQ(ts, "19941106084937");
  ASSERT_TRUE(TimestampFromHttpDate("Sun Nov  6 08:49:37 1994", &ts).ok());
  EXPECT_EQ(ts, "19941106084937");
  ASSERT_TRUE(TimestampFromHttpDate("Sun Nov 16 08:49:37 1994", &ts).ok());
  EXPECT_EQ(ts, "19941116084937");
  ASSERT_TRUE(TimestampFromHttpDate("Thursday, 12-Jan-06 00:00:01 GMT", &ts).ok());
  EXPECT_EQ(ts, "20060112000001");
  ASSERT_TRUE(TimestampFromHttpDate("  tue, 20 mar 2001 20:35:00 gmt\t", &ts).ok());
  EXPECT_EQ(ts, "20010320203500");
  ASSERT_TRUE(TimestampFromHttpDate("Sat, 31 Dec 2016 23:59:60 GMT", &ts).ok());
  EXPECT_EQ(ts, "20161231235960");
}

TEST(MementoTest, HttpDatesRoundTrip) {
  for (const char* ts : {"20010320203500", "19941106084937", "20240229235959", "19700101000000",
                         "20991231000000", "00010101000000"}) {
    std::string back;
    ASSERT_TRUE(TimestampFromHttpDate(HttpDateFromTimestamp(ts), &back).ok()) << ts;
    EXPECT_EQ(back, ts);
  }
}

TEST(MementoTest, BadHttpDatesAreRefused) {
  std::string ts = "unchanged";
  for (const char* bad : {"",
                          "yesterday",
                          "Sun, 06 Nov 1994 08:49:37",
                          "Sun, 6 Nov 1994 08:49:37 GMT",
                          "Sun, 06 Nov 1994 08:49:37 UTC",
                          "Sun, 06 Nov 1994 08:49:37 GMT x",
                          "Sun, 06 Nov 94 08:49:37 GMT",
                          "Xyz, 06 Nov 1994 08:49:37 GMT",
                          "Sun, 06 Foo 1994 08:49:37 GMT",
                          "Sun, 06 Nov 1994 8:49:37 GMT",
                          "Sun, 31 Nov 1994 08:49:37 GMT",
                          "Sun, 29 Feb 1900 08:49:37 GMT",
                          "Sun, 06 Nov 1994 24:00:00 GMT",
                          "Sun, 06 Nov 1994 08:60:00 GMT",
                          "Sun, 06 Nov 1994 08:49:61 GMT",
                          "Sun, 00 Nov 1994 08:49:37 GMT",
                          "Sun,06 Nov 1994 08:49:37 GMT",
                          "Sunday, 06-Nov-1994 08:49:37 GMT",
                          "Sun Nov 6 08:49:37 1994",
                          "Sun Nov  6 08:49:37 94",
                          "1994-11-06T08:49:37Z",
                          "Sun, 06 Nov 1994 08:49:37 GMT\r\nX: y"}) {
    Status s = TimestampFromHttpDate(bad, &ts);
    EXPECT_TRUE(s.IsInvalidArgument()) << bad << ": " << s.ToString();
    EXPECT_EQ(ts, "unchanged") << bad;
  }
  Status s = TimestampFromHttpDate("not a date", &ts);
  EXPECT_NE(s.message().find("'not a date'"), std::string::npos) << s.message();
}

TEST(MementoTest, ClosestCapturePicksTheNearestAndTheEarlierOnATie) {
  auto caps = Captures({"20200101000000", "20200101000010", "20200101000020"});
  EXPECT_EQ(ClosestCapture(caps, "20200101000000"), 0u);
  EXPECT_EQ(ClosestCapture(caps, "20200101000004"), 0u);
  EXPECT_EQ(ClosestCapture(caps, "20200101000005"), 0u);  // tie: the earlier
  EXPECT_EQ(ClosestCapture(caps, "20200101000006"), 1u);
  EXPECT_EQ(ClosestCapture(caps, "20200101000010"), 1u);
  EXPECT_EQ(ClosestCapture(caps, "20200101000015"), 1u);  // tie: the earlier
  EXPECT_EQ(ClosestCapture(caps, "20200101000016"), 2u);
  EXPECT_EQ(ClosestCapture(caps, "2019"), 0u);
  EXPECT_EQ(ClosestCapture(caps, "2030"), 2u);
  EXPECT_EQ(ClosestCapture(caps, "2020"), 0u);  // padded down: 2020-01-01 00:00:00
  EXPECT_EQ(ClosestCapture(caps, ""), 2u);      // latest
  EXPECT_EQ(ClosestCapture(caps, "bad"), 2u);
  EXPECT_EQ(ClosestCapture({}, "2020"), 0u);
}

TEST(MementoTest, ClosestCaptureAmongCapturesOfTheSameSecond) {
  auto caps = Captures({"20200101000000", "20200101000010", "20200101000010", "20200101000030"});
  EXPECT_EQ(ClosestCapture(caps, "20200101000012"), 1u);
  EXPECT_EQ(ClosestCapture(caps, "20200101000008"), 1u);
  EXPECT_EQ(ClosestCapture(caps, "20200101000010"), 1u);
  EXPECT_EQ(ClosestCapture(caps, "20200101000020"), 1u);
  EXPECT_EQ(ClosestCapture(caps, "20200101000021"), 3u);
}

std::string Memento(std::string_view ts, std::string_view rel, std::string_view date) {
  return "<http://127.0.0.1:8080/blog/" + std::string(ts) + "/http://example.com/a>; rel=\"" +
         std::string(rel) + "\"; datetime=\"" + std::string(date) + "\"";
}

const std::vector<std::string> kServiceLinks = {
    "<http://example.com/a>; rel=\"original\"",
    "<http://127.0.0.1:8080/blog/timegate/http://example.com/a>; rel=\"timegate\"",
    "<http://127.0.0.1:8080/blog/timemap/link/http://example.com/a>; rel=\"timemap\"; "
    "type=\"application/link-format\""};

std::vector<std::string> WithServiceLinks(std::vector<std::string> mementos) {
  std::vector<std::string> out = kServiceLinks;
  out.insert(out.end(), mementos.begin(), mementos.end());
  return out;
}

const auto kFive = Captures(
    {"20200101000000", "20200201000000", "20200301000000", "20200401000000", "20200501000000"});
constexpr const char* kJan = "Wed, 01 Jan 2020 00:00:00 GMT";
constexpr const char* kFeb = "Sat, 01 Feb 2020 00:00:00 GMT";
constexpr const char* kMar = "Sun, 01 Mar 2020 00:00:00 GMT";
constexpr const char* kApr = "Wed, 01 Apr 2020 00:00:00 GMT";
constexpr const char* kMay = "Fri, 01 May 2020 00:00:00 GMT";

TEST(MementoTest, LinkHeaderForAMiddleCapture) {
  EXPECT_EQ(LinkValues(MementoLinkHeader(kOrigin, "blog", kUrl, kFive, 2)),
            WithServiceLinks({Memento("20200101000000", "first memento", kJan),
                              Memento("20200201000000", "prev memento", kFeb),
                              Memento("20200301000000", "memento", kMar),
                              Memento("20200401000000", "next memento", kApr),
                              Memento("20200501000000", "last memento", kMay)}));
  // Neighbours of the ends combine their relation types.
  EXPECT_EQ(LinkValues(MementoLinkHeader(kOrigin, "blog", kUrl, kFive, 1)),
            WithServiceLinks({Memento("20200101000000", "first prev memento", kJan),
                              Memento("20200201000000", "memento", kFeb),
                              Memento("20200301000000", "next memento", kMar),
                              Memento("20200501000000", "last memento", kMay)}));
}

TEST(MementoTest, LinkHeaderForTheFirstAndLastCapture) {
  EXPECT_EQ(LinkValues(MementoLinkHeader(kOrigin, "blog", kUrl, kFive, 0)),
            WithServiceLinks({Memento("20200101000000", "first memento", kJan),
                              Memento("20200201000000", "next memento", kFeb),
                              Memento("20200501000000", "last memento", kMay)}));
  EXPECT_EQ(LinkValues(MementoLinkHeader(kOrigin, "blog", kUrl, kFive, 4)),
            WithServiceLinks({Memento("20200101000000", "first memento", kJan),
                              Memento("20200401000000", "prev memento", kApr),
                              Memento("20200501000000", "last memento", kMay)}));
  auto two = Captures({"20200101000000", "20200201000000"});
  EXPECT_EQ(LinkValues(MementoLinkHeader(kOrigin, "blog", kUrl, two, 1)),
            WithServiceLinks({Memento("20200101000000", "first prev memento", kJan),
                              Memento("20200201000000", "last memento", kFeb)}));
}

TEST(MementoTest, LinkHeaderForTheOnlyCapture) {
  auto one = Captures({"20200101000000"});
  EXPECT_EQ(LinkValues(MementoLinkHeader(kOrigin, "blog", kUrl, one, 0)),
            WithServiceLinks({Memento("20200101000000", "first last memento", kJan)}));
}

TEST(MementoTest, LinkHeaderWithoutACurrentMementoHasOnlyTheServices) {
  EXPECT_EQ(LinkValues(MementoLinkHeader(kOrigin, "blog", kUrl, kFive, kFive.size())),
            kServiceLinks);
  EXPECT_EQ(LinkValues(MementoLinkHeader("http://127.0.0.1:8080/", "blog", kUrl, {}, 0)),
            kServiceLinks);
}

TEST(MementoTest, LinkHeaderIsOneLineAndItsUrlsCannotBreakIt) {
  std::vector<CaptureEntry> caps = {
      Capture("20200101000000", "http://example.com/a b,c;d<e>f\"g\r\nX: \xc3\xa9?q=1")};
  std::string header = MementoLinkHeader(kOrigin, "blog", "http://example.com/x,y;z", caps, 0);
  EXPECT_EQ(header.find_first_of("\r\n"), std::string::npos);
  EXPECT_NE(header.find("<http://example.com/x%2Cy%3Bz>; rel=\"original\""), std::string::npos)
      << header;
  EXPECT_NE(header.find("<http://127.0.0.1:8080/blog/20200101000000/"
                        "http://example.com/a%20b%2Cc%3Bd%3Ce%3Ef%22g%0D%0AX:%20%C3%A9?q=1>"),
            std::string::npos)
      << header;
  // Every '<' opens a link-value and is closed before the next one.
  EXPECT_EQ(LinkValues(header).size(), 4u);
}

TEST(MementoTest, TimeMapLinkFormatLineByLine) {
  auto caps = Captures({"20200101000000", "20200201000000", "20200301000000"});
  EXPECT_EQ(Lines(TimeMapLinkFormat("http://127.0.0.1:8080", "blog", kUrl, caps)),
            (std::vector<std::string>{
                "<http://example.com/a>; rel=\"original\",",
                "<http://127.0.0.1:8080/blog/timemap/link/http://example.com/a>; rel=\"self\"; "
                "type=\"application/link-format\"; from=\"Wed, 01 Jan 2020 00:00:00 GMT\"; "
                "until=\"Sun, 01 Mar 2020 00:00:00 GMT\",",
                "<http://127.0.0.1:8080/blog/timegate/http://example.com/a>; rel=\"timegate\",",
                Memento("20200101000000", "first memento", kJan) + "; collection=\"blog\",",
                Memento("20200201000000", "memento", kFeb) + "; collection=\"blog\",",
                Memento("20200301000000", "last memento", kMar) + "; collection=\"blog\""}));
  EXPECT_EQ(TimeMapLinkFormat(kOrigin, "blog", kUrl, caps).back(), '\n');
}

TEST(MementoTest, TimeMapOfOneAndOfNone) {
  auto one = Captures({"20200101000000"});
  std::vector<std::string> lines = Lines(TimeMapLinkFormat(kOrigin, "blog", kUrl, one));
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[3],
            Memento("20200101000000", "first last memento", kJan) + "; collection=\"blog\"");
  EXPECT_NE(lines[1].find("from=\"Wed, 01 Jan 2020 00:00:00 GMT\"; until=\"Wed, 01 Jan 2020"),
            std::string::npos);

  EXPECT_EQ(Lines(TimeMapLinkFormat(kOrigin, "blog", kUrl, {})),
            (std::vector<std::string>{
                "<http://example.com/a>; rel=\"original\",",
                "<http://127.0.0.1:8080/blog/timemap/link/http://example.com/a>; rel=\"self\"; "
                "type=\"application/link-format\",",
                "<http://127.0.0.1:8080/blog/timegate/http://example.com/a>; rel=\"timegate\""}));
}

TEST(MementoTest, TimeMapUsesEachCapturesOwnUrl) {
  std::vector<CaptureEntry> caps = {Capture("20200101000000", "https://example.com/a"),
                                    Capture("20200201000000", "")};
  std::vector<std::string> lines = Lines(TimeMapLinkFormat(kOrigin, "blog", kUrl, caps));
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[3].rfind("<http://127.0.0.1:8080/blog/20200101000000/https://example.com/a>;", 0),
            0u);
  EXPECT_EQ(lines[4].rfind("<http://127.0.0.1:8080/blog/20200201000000/http://example.com/a>;", 0),
            0u);
}

TEST(MementoTest, TimeMapJsonIsPywbsCdxJsonPerLine) {
  auto caps = Captures({"20200101000000", "20200201000000"});
  std::vector<std::string> lines = Lines(TimeMapJson(caps));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0],
            "{\"urlkey\": \"com,example)/a\", \"timestamp\": \"20200101000000\", \"url\": "
            "\"http://example.com/a\", \"mime\": \"text/html\", \"status\": \"200\", \"digest\": "
            "\"AAAA\", \"length\": \"100\", \"offset\": \"784\", \"filename\": \"a.warc.gz\"}");
  EXPECT_NE(lines[1].find("\"timestamp\": \"20200201000000\""), std::string::npos);
  EXPECT_EQ(TimeMapJson(caps).back(), '\n');
  EXPECT_EQ(TimeMapJson({}), "");
}

}  // namespace
}  // namespace warcrawl::replay
