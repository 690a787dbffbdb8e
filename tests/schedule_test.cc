#include "jobs/schedule.h"

#include <gtest/gtest.h>

namespace warcrawl::jobs {
namespace {

warc::TimePoint At(const char* date) {
  warc::TimePoint t;
  EXPECT_TRUE(warc::ParseWarcDate(date, &t).ok()) << date;
  return t;
}

std::string Next(const char* cron, const char* after) {
  Schedule s;
  Status status = ParseCron(cron, &s);
  EXPECT_TRUE(status.ok()) << status.ToString();
  warc::TimePoint t = NextRun(s, At(after));
  return t == warc::TimePoint::max() ? "never" : warc::FormatWarcDate(t, false);
}

TEST(ScheduleTest, IntervalsParseInEveryUnitAndCombination) {
  Schedule s;
  const warc::TimePoint anchor = At("2024-01-01T00:00:00Z");
  ASSERT_TRUE(ParseEvery("6h", anchor, &s).ok());
  EXPECT_EQ(s.interval, std::chrono::hours(6));
  ASSERT_TRUE(ParseEvery(" 1h30m ", anchor, &s).ok());
  EXPECT_EQ(s.interval, std::chrono::minutes(90));
  EXPECT_EQ(Describe(s), "every 1h30m");
  ASSERT_TRUE(ParseEvery("2w", anchor, &s).ok());
  EXPECT_EQ(s.interval, std::chrono::hours(24 * 14));
  ASSERT_TRUE(ParseEvery("2s", anchor, &s).ok());
  EXPECT_EQ(s.interval, std::chrono::seconds(2));
  for (const char* bad : {"", "6", "6x", "h", "0s", "-1h", "1h 30m", "99999999999w"}) {
    Status st = ParseEvery(bad, anchor, &s);
    EXPECT_TRUE(st.IsInvalidArgument()) << bad;
    EXPECT_NE(st.message().find("every:"), std::string::npos) << st.message();
  }
  EXPECT_NE(ParseEvery("6x", anchor, &s).message().find("unknown unit 'x'"), std::string::npos);
}

TEST(ScheduleTest, IntervalRunsStayOnTheirAnchorsGrid) {
  Schedule s;
  ASSERT_TRUE(ParseEvery("6h", At("2024-01-01T01:00:00Z"), &s).ok());
  auto next = [&](const char* after) { return warc::FormatWarcDate(NextRun(s, At(after)), false); };
  EXPECT_EQ(next("2023-12-31T00:00:00Z"), "2024-01-01T01:00:00Z") << "not before the anchor";
  EXPECT_EQ(next("2024-01-01T01:00:00Z"), "2024-01-01T07:00:00Z") << "strictly after";
  EXPECT_EQ(next("2024-01-01T06:59:59Z"), "2024-01-01T07:00:00Z");
  EXPECT_EQ(next("2024-01-03T12:34:56Z"), "2024-01-03T13:00:00Z") << "a long run does not drift";
}

TEST(ScheduleTest, CronFindsTheNextMatchingMinute) {
  EXPECT_EQ(Next("0 */6 * * *", "2024-02-29T05:59:59Z"), "2024-02-29T06:00:00Z");
  EXPECT_EQ(Next("0 */6 * * *", "2024-02-29T06:00:00Z"), "2024-02-29T12:00:00Z");
  EXPECT_EQ(Next("*/15 9-17 * * MON-FRI", "2024-03-08T17:50:00Z"), "2024-03-11T09:00:00Z")
      << "Friday evening to Monday morning";
  EXPECT_EQ(Next("0 0 1 * *", "2024-12-15T00:00:00Z"), "2025-01-01T00:00:00Z");
  EXPECT_EQ(Next("0 12 * * 7", "2024-03-04T00:00:00Z"), "2024-03-10T12:00:00Z") << "7 = Sunday";
  EXPECT_EQ(Next("0 12 * * sun", "2024-03-04T00:00:00Z"), "2024-03-10T12:00:00Z");
  EXPECT_EQ(Next("0 0 29 2 *", "2025-01-01T00:00:00Z"), "2028-02-29T00:00:00Z");
  EXPECT_EQ(Next("30 4 1,15 * 5", "2024-03-02T00:00:00Z"), "2024-03-08T04:30:00Z")
      << "both day fields restricted: either matches (Friday the 8th)";
  EXPECT_EQ(Next("5/20 * * * *", "2024-01-01T00:06:00Z"), "2024-01-01T00:25:00Z");
  EXPECT_EQ(Next("0 0 * JAN-MAR/2 *", "2024-01-31T12:00:00Z"), "2024-03-01T00:00:00Z");
  EXPECT_EQ(Next("0 0 13 * */7", "2024-09-14T00:00:00Z"), "2024-10-13T00:00:00Z")
      << "a day field starting with * does not restrict: the 13th and a Sunday";
  EXPECT_EQ(Next("0 0 * * 1/2", "2024-03-09T00:00:00Z"), "2024-03-11T00:00:00Z")
      << "1/2 is Mon, Wed, Fri: not Sunday the 10th (7)";
  EXPECT_EQ(Next("0 0 1 1 *", "2099-06-01T00:00:00Z"), "2100-01-01T00:00:00Z");
  EXPECT_EQ(Next("0 0 29 2 *", "2096-03-01T00:00:00Z"), "2104-02-29T00:00:00Z")
      << "2100 is no leap year";
  EXPECT_EQ(Next("@hourly", "2024-01-01T10:00:30Z"), "2024-01-01T11:00:00Z");
  EXPECT_EQ(Next("@weekly", "2024-03-04T00:00:00Z"), "2024-03-10T00:00:00Z");
  EXPECT_EQ(Next("@yearly", "2024-03-04T00:00:00Z"), "2025-01-01T00:00:00Z");
}

TEST(ScheduleTest, BadCronExpressionsNameTheirField) {
  Schedule s;
  struct Case {
    const char* text;
    const char* says;
  };
  for (const Case& c :
       {Case{"0 24 * * *", "field 2 (hour): \"24\" is out of range 0-23"},
        Case{"* * * *", "has 4 fields"}, Case{"* * * * * *", "has 6 fields"},
        Case{"0 0 31 2 *", "never matches"}, Case{"0 0 30,31 2 *", "never matches"},
        Case{"*/0 * * * *", "bad step"}, Case{"5-1 * * * *", "backwards"},
        Case{"0 0 * FOO *", "field 4 (month)"}, Case{"0 0 ,1 * *", "empty list item"},
        Case{"@fortnightly", "unknown macro"}}) {
    Status st = ParseCron(c.text, &s);
    EXPECT_TRUE(st.IsInvalidArgument()) << c.text;
    EXPECT_NE(st.message().find(c.says), std::string::npos) << c.text << ": " << st.message();
  }
}

TEST(ScheduleTest, StoredFormRoundTrips) {
  Schedule every, cron, back;
  ASSERT_TRUE(ParseEvery("1d2h", At("2024-05-06T07:08:09.123456Z"), &every).ok());
  ASSERT_TRUE(ParseSchedule(FormatSchedule(every), &back).ok()) << FormatSchedule(every);
  EXPECT_EQ(back.interval, every.interval);
  EXPECT_EQ(back.anchor, every.anchor);
  ASSERT_TRUE(ParseCron("15 3 * * mon,thu", &cron).ok());
  ASSERT_TRUE(ParseSchedule(FormatSchedule(cron), &back).ok());
  EXPECT_EQ(Describe(back), "cron 15 3 * * mon,thu");
  EXPECT_EQ(back.weekdays, cron.weekdays);
  EXPECT_TRUE(ParseSchedule("sometimes", &back).IsCorruption());
  EXPECT_TRUE(ParseSchedule("every 6h", &back).IsCorruption()) << "no anchor";
}

}  // namespace
}  // namespace warcrawl::jobs
