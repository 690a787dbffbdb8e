#include "crawler/crawl_log.h"

#include <gtest/gtest.h>

#include "tests/warc_test_files.h"

namespace warcrawl::crawler {
namespace {

warc::TimePoint At(const char* date) {
  warc::TimePoint t;
  EXPECT_TRUE(warc::ParseWarcDate(date, &t).ok());
  return t;
}

TEST(CrawlLogTest, HeritrixColumnOrder) {
  CrawlLogEntry e;
  e.logged = At("2024-03-01T10:00:01.5Z");
  e.status = 200;
  e.size = 5321;
  e.url = "http://b.test/post/";
  e.path = "LL";
  e.via = "http://b.test/";
  e.mime = "text/html";
  e.worker = 3;
  e.fetch_began = At("2024-03-01T10:00:00.25Z");
  e.duration_ms = 45;
  e.digest = "sha1:ABC";
  e.annotations = {"duplicate:digest", "2t"};
  EXPECT_EQ(FormatCrawlLogLine(e),
            "2024-03-01T10:00:01.500Z   200       5321 http://b.test/post/ LL http://b.test/ "
            "text/html #003 20240301100000250+45 sha1:ABC - duplicate:digest,2t\n");
}

TEST(CrawlLogTest, AnnotationsCannotBreakTheColumns) {
  CrawlLogEntry e;
  e.logged = At("2024-03-01T10:00:00Z");
  e.status = -4;
  e.url = "http://b.test/";
  e.annotations = {"err=I/O error: no response, at all", "2t"};
  std::string line = FormatCrawlLogLine(e);
  EXPECT_TRUE(line.ends_with(" err=I/O_error:_no_response;_at_all,2t\n")) << line;
}

TEST(CrawlLogTest, UnfetchedUrlsUseDashes) {
  CrawlLogEntry e;
  e.logged = At("2024-03-01T10:00:00Z");
  e.status = kStatusRobotsBlocked;
  e.url = "http://b.test/private/";
  EXPECT_EQ(
      FormatCrawlLogLine(e),
      "2024-03-01T10:00:00.000Z -9998          - http://b.test/private/ - - - #000 - - - -\n");
}

TEST(CrawlLogTest, AppendsWholeLines) {
  warc::testing::TempDir dir;
  std::string path = dir.File("logs/crawl.log");
  for (int round = 0; round < 2; ++round) {  // a resumed crawl appends to the same log
    std::unique_ptr<CrawlLog> log;
    ASSERT_TRUE(CrawlLog::Open(path, &log).ok());
    CrawlLogEntry e;
    e.url = "http://b.test/" + std::to_string(round);
    ASSERT_TRUE(log->Append(e).ok());
  }
  std::string text = warc::testing::ReadFileOrDie(path);
  EXPECT_NE(text.find("http://b.test/0 "), std::string::npos);
  EXPECT_NE(text.find("http://b.test/1 "), std::string::npos);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2);
}

}  // namespace
}  // namespace warcrawl::crawler
