#include "warc/date.h"

#include <gtest/gtest.h>

#include "warc/record_id.h"

namespace warcrawl::warc {
namespace {

TimePoint Parse(std::string_view text) {
  TimePoint t;
  Status s = ParseWarcDate(text, &t);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return t;
}

TEST(WarcDateTest, FormatsSecondsAndMicroseconds) {
  TimePoint t = Parse("2026-11-28T03:27:26.123456Z");
  EXPECT_EQ(FormatWarcDate(t, false), "2026-11-28T03:27:26Z");
  EXPECT_EQ(FormatWarcDate(t, true), "2026-11-28T03:27:26.123456Z");
  EXPECT_EQ(FormatTimestamp14(t), "20261128032726");
}

TEST(WarcDateTest, ParsesEveryW3cPrecision) {
  EXPECT_EQ(FormatTimestamp14(Parse("2014")), "20140101000000");
  EXPECT_EQ(FormatTimestamp14(Parse("2014-03")), "20140301000000");
  EXPECT_EQ(FormatTimestamp14(Parse("2014-03-25")), "20140325000000");
  EXPECT_EQ(FormatTimestamp14(Parse("2014-03-25T12:12Z")), "20140325121200");
  EXPECT_EQ(FormatTimestamp14(Parse("2014-03-25T12:12:25Z")), "20140325121225");
  EXPECT_EQ(FormatWarcDate(Parse("2014-03-25T12:12:25.5Z"), true), "2014-03-25T12:12:25.500000Z");
  EXPECT_EQ(FormatWarcDate(Parse("2014-03-25T12:12:25.123456789Z"), true),
            "2014-03-25T12:12:25.123456Z");
}

TEST(WarcDateTest, RejectsMalformedDates) {
  TimePoint t;
  for (const char* bad :
       {"", "14-03-25", "2014-13-01", "2014-02-30", "2014-03-25T25:00:00Z", "2014-03-25T12:00:00",
        "2014-03-25 12:00:00Z", "2014-03-25T12:00:00+01:00", "2014-03-25T12:00:00.Z",
        "Tue, 25 Mar 2014 12:12:25 GMT"}) {
    EXPECT_TRUE(ParseWarcDate(bad, &t).IsInvalidArgument()) << bad;
  }
}

TEST(WarcDateTest, RoundTripsNow) {
  TimePoint now = NowMicros();
  EXPECT_EQ(Parse(FormatWarcDate(now, true)), now);
}

TEST(RecordIdTest, IsAUniqueVersion4Uuid) {
  std::string a = NewRecordId();
  std::string b = NewRecordId();
  EXPECT_NE(a, b);
  ASSERT_EQ(a.size(), 47u);
  EXPECT_TRUE(a.starts_with("<urn:uuid:"));
  EXPECT_EQ(a[24], '4');
  EXPECT_NE(std::string("89ab").find(a[29]), std::string::npos);
  EXPECT_TRUE(IsValidRecordId(a));
}

TEST(RecordIdTest, ValidatesForm) {
  EXPECT_TRUE(IsValidRecordId("<urn:uuid:x>"));
  EXPECT_FALSE(IsValidRecordId("urn:uuid:x"));
  EXPECT_FALSE(IsValidRecordId("<urn uuid>"));
  EXPECT_FALSE(IsValidRecordId("<nocolon>"));
  EXPECT_FALSE(IsValidRecordId("<urn:a b>"));
}

}  // namespace
}  // namespace warcrawl::warc
