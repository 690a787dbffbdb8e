#include "index/index_keys.h"

#include <gtest/gtest.h>

#include "index/cdx_filter.h"
#include "index/timestamp.h"

namespace warcrawl::index {
namespace {

TEST(CaptureKeyTest, RoundTrips) {
  CaptureKey key{"org,archive)/goo?a=1", "20260101120000", "crawl-1.warc.gz", 0x1234567890ULL};
  CaptureKey back;
  ASSERT_TRUE(DecodeCaptureKey(EncodeCaptureKey(key), &back));
  EXPECT_EQ(back.urlkey, key.urlkey);
  EXPECT_EQ(back.timestamp, key.timestamp);
  EXPECT_EQ(back.filename, key.filename);
  EXPECT_EQ(back.offset, key.offset);
}

TEST(CaptureKeyTest, AUrlkeyWithASpaceStillDecodes) {
  CaptureKey key{"com,example)/a b", "20260101120000", "f with space.warc", 7};
  CaptureKey back;
  ASSERT_TRUE(DecodeCaptureKey(EncodeCaptureKey(key), &back));
  EXPECT_EQ(back.urlkey, key.urlkey);
  EXPECT_EQ(back.filename, key.filename);
}

TEST(CaptureKeyTest, RejectsOtherKeys) {
  CaptureKey back;
  EXPECT_FALSE(DecodeCaptureKey("dsha1:XYZ", &back));
  EXPECT_FALSE(DecodeCaptureKey("c", &back));
  EXPECT_FALSE(DecodeCaptureKey(std::string("corg) 2026 f\0\0\0\0\0\0\0\0\1", 22), &back));
}

// The order a range scan depends on: one URL's captures in time order, then longer URLs.
TEST(CaptureKeyTest, SortsByUrlThenTimeThenFile) {
  std::vector<std::string> keys = {
      EncodeCaptureKey({"org,archive)/", "20200101000000", "a", 5}),
      EncodeCaptureKey({"org,archive)/", "20200101000000", "b", 1}),
      EncodeCaptureKey({"org,archive)/", "20210101000000", "a", 0}),
      EncodeCaptureKey({"org,archive)/a", "20000101000000", "a", 0}),
      EncodeCaptureKey({"org,archive,web)/", "19990101000000", "a", 0}),
  };
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
  std::string start = CaptureScanStart("org,archive)/", /*exact_url=*/true);
  std::string end = PrefixEnd(start);
  EXPECT_TRUE(keys[2] >= start && keys[2] < end);
  EXPECT_FALSE(keys[3] < end);  // a longer URL is outside an exact scan
  std::string prefix_start = CaptureScanStart("org,archive)/", false);
  EXPECT_TRUE(keys[3] >= prefix_start && keys[3] < PrefixEnd(prefix_start));
}

TEST(CaptureKeyTest, PrefixEndHandlesHighBytes) {
  EXPECT_EQ(PrefixEnd("ab"), "ac");
  EXPECT_EQ(PrefixEnd(std::string("a\xff", 2)), "b");
}

TEST(TimestampTest, PadsPartialTimestamps) {
  std::string out;
  ASSERT_TRUE(PadTimestamp("2014", Bound::kLower, &out).ok());
  EXPECT_EQ(out, "20140101000000");
  ASSERT_TRUE(PadTimestamp("2014", Bound::kUpper, &out).ok());
  EXPECT_EQ(out, "20141231235959");
  ASSERT_TRUE(PadTimestamp("201408", Bound::kUpper, &out).ok());
  EXPECT_EQ(out, "20140831235959");
  ASSERT_TRUE(PadTimestamp("20140825120000", Bound::kUpper, &out).ok());
  EXPECT_EQ(out, "20140825120000");
  EXPECT_TRUE(PadTimestamp("", Bound::kLower, &out).IsInvalidArgument());
  EXPECT_TRUE(PadTimestamp("2014-08", Bound::kLower, &out).IsInvalidArgument());
  EXPECT_TRUE(PadTimestamp("201408251200001", Bound::kLower, &out).IsInvalidArgument());
}

TEST(TimestampTest, SecondsOrderAcrossMonthsAndYears) {
  EXPECT_EQ(TimestampSeconds("19700101000000"), 0);
  EXPECT_EQ(TimestampSeconds("19700102000001"), 86401);
  EXPECT_EQ(TimestampSeconds("20000301000000") - TimestampSeconds("20000228000000"), 2 * 86400);
  EXPECT_LT(TimestampSeconds("20141231235959"), TimestampSeconds("20150101000000"));
}

TEST(CdxFilterTest, ModifiersAsPywbDefinesThem) {
  CdxFilter f;
  ASSERT_TRUE(CdxFilter::Parse("mime:html", &f).ok());
  EXPECT_TRUE(f.Matches("text/html"));
  EXPECT_FALSE(f.Matches("image/png"));
  ASSERT_TRUE(CdxFilter::Parse("=mime:text/html", &f).ok());
  EXPECT_TRUE(f.Matches("text/html"));
  EXPECT_FALSE(f.Matches("text/html5"));
  ASSERT_TRUE(CdxFilter::Parse("~url:.*\\.php$", &f).ok());
  EXPECT_TRUE(f.Matches("http://a/b.php"));
  EXPECT_FALSE(f.Matches("http://a/b.php?x"));
  ASSERT_TRUE(CdxFilter::Parse("~mime:html", &f).ok());  // anchored at the start
  EXPECT_FALSE(f.Matches("text/html"));
  ASSERT_TRUE(CdxFilter::Parse("!=status:200", &f).ok());
  EXPECT_EQ(f.field(), "status");
  EXPECT_TRUE(f.negated());
  EXPECT_FALSE(f.Matches("200"));
  EXPECT_TRUE(f.Matches("404"));
  ASSERT_TRUE(CdxFilter::Parse("!~mime:text/.*", &f).ok());
  EXPECT_TRUE(f.Matches("image/png"));
}

TEST(CdxFilterTest, RejectsMalformedFilters) {
  CdxFilter f;
  EXPECT_TRUE(CdxFilter::Parse("nocolon", &f).IsInvalidArgument());
  EXPECT_TRUE(CdxFilter::Parse("=:x", &f).IsInvalidArgument());
  EXPECT_TRUE(CdxFilter::Parse("~url:(unclosed", &f).IsInvalidArgument());
  // Lookaround and backreferences need a backtracking engine: refused, with the reason.
  Status s = CdxFilter::Parse("~url:(a)\\1", &f);
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_NE(s.ToString().find("bad regular expression"), std::string::npos) << s.ToString();
  EXPECT_TRUE(CdxFilter::Parse("~url:(?!x)", &f).IsInvalidArgument());
}

TEST(CdxFilterTest, HostileExpressionsMatchWithoutBacktracking) {
  // Found by tests/fuzz/cdxj_fuzz: with std::regex, "(a*)*b" against a long run of 'a' took
  // exponential time, and a long value with a repeated group overflowed the stack.
  CdxFilter f;
  ASSERT_TRUE(CdxFilter::Parse("~url:(a*)*b", &f).ok());
  EXPECT_FALSE(f.Matches(std::string(100000, 'a')));
  EXPECT_TRUE(f.Matches(std::string(100000, 'a') + "b"));
  ASSERT_TRUE(CdxFilter::Parse("~url:(?:.|\\n)*x$", &f).ok());
  EXPECT_TRUE(f.Matches(std::string(1000000, '\n') + "x"));
  EXPECT_FALSE(f.Matches(std::string(1000000, '\xff')));  // not UTF-8: still no match, no fault
}

}  // namespace
}  // namespace warcrawl::index
