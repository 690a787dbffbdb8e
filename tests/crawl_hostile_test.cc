// The crawler against servers that misbehave: slow drips, resets, lying lengths, redirect
// loops, throttling, gzip bombs, huge and broken pages, stalls, a robots.txt that errors,
// and a host that stops answering. The crawl must end by itself within its limits, keep
// what arrived (marked truncated), log every failure with a reason, and write WARCs that
// validate.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "crawler/crawl_engine.h"
#include "tests/crawl_harness.h"
#include "tests/fixtures/fixture_server.h"
#include "tests/fixtures/hostile_server.h"
#include "tests/warc_test_files.h"
#include "warc/http_payload.h"
#include "warc/reader.h"

namespace warcrawl::crawler {
namespace {

namespace fs = std::filesystem;
using fixtures::HostileServer;
using fixtures::HostileServerOptions;
using fixtures::RobotsMode;
using warc::testing::TempDir;

using Result = testing::CrawlRun;

Result Crawl(const std::string& yaml, const std::string& data) {
  return testing::RunCrawl(yaml, data);
}

// The crawl.log line for `url` (the last one when retried).
std::string LogLine(const std::string& log, const std::string& url) {
  std::string found;
  size_t pos = 0;
  while ((pos = log.find(" " + url + " ", pos)) != std::string::npos) {
    size_t start = log.rfind('\n', pos);
    start = start == std::string::npos ? 0 : start + 1;
    found = log.substr(start, log.find('\n', pos) - start);
    ++pos;
  }
  return found;
}

std::string Yaml(const std::vector<std::string>& seeds, const std::string& extra) {
  std::string yaml = "name: hostile\ncontact: \"mailto:t@example.test\"\nseeds:\n";
  for (const auto& s : seeds) yaml += "  - \"" + s + "\"\n";
  return yaml + extra;
}

TEST(CrawlHostileTest, EveryMisbehaviourEndsWithARecordOrAReason) {
  HostileServer server;
  ASSERT_TRUE(server.Start().ok());
  TempDir data;
  auto url = [&](const char* target) { return server.Url(target); };
  std::vector<std::string> seeds = {url("/drip?bytes=200&interval_ms=300"),
                                    url("/reset?bytes=200000"),
                                    url("/wrong-length?declared=10000&actual=5000"),
                                    url("/redirect-loop/3"),
                                    url("/redirect-chain/8"),
                                    url("/429?after=2&retry_after=1"),
                                    url("/gzip-bomb?mb=100"),
                                    url("/huge?mb=3"),
                                    url("/broken-html"),
                                    url("/chunked-gzip"),
                                    url("/stall"),
                                    url("/deep-nesting?depth=20000"),
                                    url("/invalid-utf8")};
  Result r = Crawl(Yaml(seeds,
                        "workers: 6\n"
                        "blog:\n  sitemaps: false\n"
                        "politeness:\n  minDelay: 0s\n  maxDelay: 0s\n  connectionsPerHost: 6\n"
                        "  maxRetries: 3\n  retryBackoff: 50ms\n"
                        "fetch:\n  firstByteTimeout: 700ms\n  totalTimeout: 5s\n  minSpeed: 2000\n"
                        "  minSpeedTime: 1s\n  maxBodySize: 1MB\n  maxRedirectHops: 5\n"),
                   data.path());
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.summary.ended_because, "frontier empty");
  const std::string& log = r.log;

  EXPECT_NE(LogLine(log, seeds[0]).find("timeTrunc"), std::string::npos) << log;
  EXPECT_NE(LogLine(log, seeds[1]).find("midFetchTrunc"), std::string::npos) << log;
  EXPECT_NE(LogLine(log, seeds[2]).find("midFetchTrunc"), std::string::npos) << log;
  EXPECT_NE(LogLine(log, url("/redirect-loop/3/1")).find(" 302 "), std::string::npos) << log;
  EXPECT_EQ(r.summary.rejected["redirect chain too long"], 1u) << "chain of 8 > 5 hops";
  EXPECT_EQ(LogLine(log, url("/redirect-chain/2")), "") << "never reached";
  // Throttled twice, then captured; Retry-After: 1 held on the server side.
  EXPECT_NE(LogLine(log, seeds[5]).find(" 200 "), std::string::npos) << log;
  auto throttled = server.log().ForTarget("/429?after=2&retry_after=1");
  ASSERT_EQ(throttled.size(), 3u);
  for (size_t i = 1; i < throttled.size(); ++i) {
    EXPECT_GE(throttled[i].arrived - *throttled[i - 1].completed, std::chrono::milliseconds(950));
  }
  EXPECT_NE(LogLine(log, seeds[6]).find(" 200 "), std::string::npos) << "the bomb is archived";
  EXPECT_NE(LogLine(log, seeds[7]).find("lenTrunc"), std::string::npos) << log;
  EXPECT_NE(LogLine(log, url("/broken-html/unquoted")), "") << log;
  EXPECT_NE(LogLine(log, url("/broken-html/single-quoted")), "") << log;
  EXPECT_EQ(LogLine(log, url("/broken-html/in-comment")), "");
  EXPECT_EQ(LogLine(log, url("/broken-html/in-script")), "");
  EXPECT_NE(LogLine(log, seeds[10]).find("   -4 "), std::string::npos) << "stall: a timeout";
  EXPECT_NE(LogLine(log, seeds[10]).find("err="), std::string::npos);
  EXPECT_NE(LogLine(log, seeds[11]).find(" 200 "), std::string::npos);
  EXPECT_NE(LogLine(log, seeds[12]).find(" 200 "), std::string::npos);

  // The chunked + gzip response is stored as received and decodes exactly.
  bool found = false;
  for (const auto& entry : fs::directory_iterator(data.path() + "/warcs")) {
    std::unique_ptr<warc::WarcReader> reader;
    ASSERT_TRUE(warc::WarcReader::Open(entry.path().string(), &reader).ok());
    warc::RecordHeader h;
    while (reader->Next(&h).ok()) {
      if (h.type() != warc::RecordType::kResponse || h.target_uri() != seeds[9]) continue;
      std::string block;
      ASSERT_TRUE(reader->ReadWholeBlock(&block, 1 << 24).ok());
      warc::HttpPayload payload;
      ASSERT_TRUE(warc::ExtractHttpPayload(block, {}, &payload).ok());
      EXPECT_TRUE(payload.chunked);
      EXPECT_EQ(payload.decoded, HostileServer::ChunkedGzipPayload());
      found = true;
    }
  }
  EXPECT_TRUE(found);
  testing::ExpectValidWarcs(data.path());
}

TEST(CrawlHostileTest, RobotsServerErrorMeansNothingIsFetched) {
  HostileServerOptions options;
  options.robots = RobotsMode::kServerError;
  HostileServer server(options);
  ASSERT_TRUE(server.Start().ok());
  TempDir data;
  Result r = Crawl(Yaml({server.Url("/"), server.Url("/broken-html")},
                        "politeness:\n  minDelay: 0s\n  maxDelay: 0s\n  maxRetries: 2\n"
                        "  retryBackoff: 50ms\n"),
                   data.path());
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  for (const auto& entry : server.log().Entries()) {
    EXPECT_EQ(entry.target, "/robots.txt") << "fetched despite an unreachable robots.txt";
  }
  EXPECT_EQ(server.log().size(), 3u) << "robots.txt tried once and retried twice";
  EXPECT_NE(LogLine(r.log, server.Url("/")).find("  -61 "), std::string::npos) << r.log;
  EXPECT_NE(LogLine(r.log, server.Url("/broken-html")).find("robots-unavailable"),
            std::string::npos);
  EXPECT_EQ(r.summary.totals.failed, 2u);
}

// Retried attempts and robots.txt failures say why too, not only a URL's last line.
TEST(CrawlHostileTest, EveryFailedAttemptIsLoggedWithItsReason) {
  HostileServer server;
  HostileServerOptions broken_robots;
  broken_robots.address = "127.0.0.2";
  broken_robots.robots = RobotsMode::kServerError;
  HostileServer no_robots(broken_robots);
  ASSERT_TRUE(server.Start().ok());
  ASSERT_TRUE(no_robots.Start().ok());
  TempDir data;
  Result r =
      Crawl(Yaml({server.Url("/stall"), server.Url("/503-storm?retry_after=0"), no_robots.Url("/")},
                 "workers: 3\n"
                 "politeness:\n  minDelay: 0s\n  maxDelay: 0s\n  maxRetries: 1\n"
                 "  retryBackoff: 50ms\n"
                 "fetch:\n  firstByteTimeout: 300ms\n"),
            data.path());
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  std::istringstream lines(r.log);
  int failures = 0;
  for (std::string line; std::getline(lines, line);) {
    int status = std::stoi(line.substr(line.find(' ')));
    if (status >= 0 && status < 500) continue;
    ++failures;
    EXPECT_NE(line.find(status == -61 ? " robots-unavailable" : ",err="), std::string::npos)
        << line;
  }
  // /stall and /503-storm twice each, robots.txt twice, then "/" given up (-61).
  EXPECT_EQ(failures, 7) << r.log;
  EXPECT_NE(LogLine(r.log, server.Url("/503-storm?retry_after=0")).find("2t,err=http-503"),
            std::string::npos)
      << r.log;
  EXPECT_NE(LogLine(r.log, no_robots.Url("/robots.txt")).find("robots.txt,err=http-500"),
            std::string::npos)
      << r.log;
}

TEST(CrawlHostileTest, AHostThatStopsAnsweringDoesNotStallTheOthers) {
  fixtures::BlogOptions blog_options;
  blog_options.posts = 2;
  blog_options.crawl_delay = -1;
  fixtures::SampleBlog blog(blog_options);
  fixtures::FixtureServer good(&blog);
  ASSERT_TRUE(good.Start().ok());
  HostileServerOptions options;
  options.address = "127.0.0.2";
  HostileServer dead(options);
  ASSERT_TRUE(dead.Start().ok());
  dead.SetUnresponsive(true);
  TempDir data;
  Result r = Crawl(Yaml({good.Url("/"), dead.Url("/"), dead.Url("/broken-html")},
                        "workers: 4\n"
                        "politeness:\n  minDelay: 0s\n  maxDelay: 0s\n  maxRetries: 1\n"
                        "  retryBackoff: 50ms\n"
                        "fetch:\n  firstByteTimeout: 300ms\n"),
                   data.path());
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.summary.ended_because, "frontier empty");
  for (const std::string& target : blog.AllUrls()) {
    EXPECT_NE(LogLine(r.log, good.Url(target)), "") << "not captured: " << target;
  }
  EXPECT_NE(LogLine(r.log, dead.Url("/robots.txt")).find("   -4 "), std::string::npos) << r.log;
  EXPECT_NE(LogLine(r.log, dead.Url("/")).find("  -61 "), std::string::npos) << r.log;
}

// A host that answers nothing is given up after giveUpHostAfter silent fetches in a row: its
// other URLs fail at once, with the reason, instead of each waiting out its retries.
TEST(CrawlHostileTest, AHostThatNeverAnswersIsGivenUp) {
  HostileServer dead;
  ASSERT_TRUE(dead.Start().ok());
  dead.SetUnresponsive(true);
  std::vector<std::string> seeds;
  for (int i = 0; i < 8; ++i) seeds.push_back(dead.Url("/broken-html?page=" + std::to_string(i)));
  TempDir data;
  Result r = Crawl(Yaml(seeds,
                        "politeness:\n  minDelay: 0s\n  maxDelay: 0s\n  robots: ignore\n"
                        "  maxRetries: 5\n  retryBackoff: 20ms\n  giveUpHostAfter: 3\n"
                        "fetch:\n  firstByteTimeout: 200ms\n"),
                   data.path());
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.summary.ended_because, "frontier empty");
  EXPECT_EQ(dead.log().size(), 3u) << "three silent fetches, then no more";
  EXPECT_EQ(r.summary.totals.failed, seeds.size());
  for (const std::string& url : seeds) {
    const std::string line = LogLine(r.log, url);
    EXPECT_NE(line.find("   -4 "), std::string::npos) << "the host's last failure: " << line;
    EXPECT_NE(line.find("err=host-given-up:3-unanswered"), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace warcrawl::crawler
