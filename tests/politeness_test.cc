#include "crawler/politeness.h"

#include <gtest/gtest.h>

namespace warcrawl::crawler {
namespace {

using std::chrono::milliseconds;

TEST(PolitenessTest, DelayIsFactorTimesResponseTimeClamped) {
  PolitenessPolicy p;  // 3 s .. 30 s, factor 5
  EXPECT_EQ(DelayAfterResponse(p, milliseconds(100), std::nullopt), milliseconds(3000));
  EXPECT_EQ(DelayAfterResponse(p, milliseconds(1000), std::nullopt), milliseconds(5000));
  EXPECT_EQ(DelayAfterResponse(p, milliseconds(20000), std::nullopt), milliseconds(30000));
}

TEST(PolitenessTest, CrawlDelayRaisesTheDelayUpToItsCap) {
  PolitenessPolicy p;
  EXPECT_EQ(DelayAfterResponse(p, milliseconds(100), 10.0), milliseconds(10000));
  EXPECT_EQ(DelayAfterResponse(p, milliseconds(100), 100.0), milliseconds(100000))
      << "Crawl-delay is honoured beyond max_delay, up to max_crawl_delay";
  EXPECT_EQ(DelayAfterResponse(p, milliseconds(100), 1e9), milliseconds(300000));
  EXPECT_EQ(DelayAfterResponse(p, milliseconds(100), 0.5), milliseconds(3000))
      << "a small Crawl-delay never lowers min_delay";
}

TEST(PolitenessTest, ZeroDelaysForBenchmarks) {
  PolitenessPolicy p;
  p.min_delay = milliseconds(0);
  p.max_delay = milliseconds(0);
  EXPECT_EQ(DelayAfterResponse(p, milliseconds(50), std::nullopt), milliseconds(0));
}

TEST(PolitenessTest, BackoffDoublesAndCaps) {
  PolitenessPolicy p;
  EXPECT_EQ(BackoffDelay(p, 1, std::nullopt, 1.0), milliseconds(10000));
  EXPECT_EQ(BackoffDelay(p, 2, std::nullopt, 1.0), milliseconds(20000));
  EXPECT_EQ(BackoffDelay(p, 3, std::nullopt, 0.5), milliseconds(20000));
  EXPECT_EQ(BackoffDelay(p, 40, std::nullopt, 1.0), milliseconds(600000));
  EXPECT_EQ(BackoffDelay(p, 1, std::nullopt, 9.0), milliseconds(15000)) << "jitter is clamped";
}

TEST(PolitenessTest, RetryAfterWinsButIsCapped) {
  PolitenessPolicy p;
  EXPECT_EQ(BackoffDelay(p, 5, milliseconds(2000), 1.0), milliseconds(2000));
  EXPECT_EQ(BackoffDelay(p, 1, milliseconds(99999999), 1.0), milliseconds(3600000));
}

TEST(PolitenessTest, ParsesRetryAfterSecondsAndDates) {
  auto now = std::chrono::system_clock::from_time_t(784111777);  // Sun, 06 Nov 1994 08:49:37
  EXPECT_EQ(ParseRetryAfter("120", now), milliseconds(120000));
  EXPECT_EQ(ParseRetryAfter(" 0 ", now), milliseconds(0));
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:50:37 GMT", now), milliseconds(60000));
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:00:00 GMT", now), milliseconds(0));
  EXPECT_FALSE(ParseRetryAfter("soon", now));
  EXPECT_FALSE(ParseRetryAfter("-5", now));
  EXPECT_FALSE(ParseRetryAfter("", now));
  EXPECT_EQ(ParseRetryAfter("99999999999999999999", now), milliseconds(999999999000));
}

TEST(RatePacerTest, SpacesStartsEvenly) {
  RatePacer pacer(4.0);  // one start per 250 ms
  auto t0 = RatePacer::Clock::time_point() + std::chrono::hours(1);
  EXPECT_EQ(pacer.NextSlot(t0), t0);
  pacer.Consume(t0);
  EXPECT_EQ(pacer.NextSlot(t0), t0 + milliseconds(250));
  pacer.Consume(t0 + milliseconds(250));
  EXPECT_EQ(pacer.NextSlot(t0 + milliseconds(260)), t0 + milliseconds(500));
  EXPECT_EQ(pacer.NextSlot(t0 + std::chrono::seconds(10)), t0 + std::chrono::seconds(10));
}

TEST(RatePacerTest, ZeroMeansUnpaced) {
  RatePacer pacer(0);
  auto t0 = RatePacer::Clock::now();
  pacer.Consume(t0);
  pacer.Consume(t0);
  EXPECT_EQ(pacer.NextSlot(t0), t0);
}

}  // namespace
}  // namespace warcrawl::crawler
