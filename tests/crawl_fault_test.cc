// The fault run: a crawl by the real `warcrawl crawl` binary killed with SIGKILL at 20
// random moments and resumed with --resume each time must end with exactly what an
// uninterrupted crawl of the same site captured: no URL lost, nothing archived twice but
// what was in flight at a kill, every WARC closed and valid, and an index that
// `warcrawl index verify` proves and that lists every record the WARCs hold.
//
// The moments come from std::mt19937; the seed is printed, and WARCRAWL_FAULT_SEED=N
// replays a run.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>

#include "tests/crawl_harness.h"
#include "tests/crawl_process.h"
#include "tests/fixtures/fixture_server.h"
#include "tests/fixtures/sample_blog.h"
#include "tests/run_command.h"
#include "tests/warc_test_files.h"

namespace warcrawl {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using warc::testing::TempDir;

constexpr int kKills = 20;
constexpr int kWorkers = 2;
constexpr milliseconds kLastRunDelay(300);
constexpr auto kPatience = std::chrono::minutes(2);  // only a hang runs into this

uint32_t Seed() {
  const char* fixed = std::getenv("WARCRAWL_FAULT_SEED");
  uint32_t seed = fixed != nullptr ? static_cast<uint32_t>(std::strtoul(fixed, nullptr, 10))
                                   : std::random_device{}();
  std::cout << "fault run seed: " << seed << " (replay with WARCRAWL_FAULT_SEED=" << seed << ")\n";
  return seed;
}

// URLs with a response or revisit record in `data`'s WARCs, and how many each.
std::map<std::string, int> Captured(const std::string& data) {
  return testing::ResponsesByUrl(data + "/warcs");
}

// One crawl's runs, each started after the last was killed (all but the first resume).
class FaultRun {
 public:
  FaultRun(fixtures::FixtureServer* server, std::string config, std::string data)
      : server_(server), config_(std::move(config)), data_(std::move(data)) {}

  // Starts a run. With `first_request`, waits for its first request, so a kill never
  // lands before the process has done anything; false when it never made one.
  bool Start(bool first_request = true) {
    const size_t before = server_->log().size();
    pid_ = testing::StartCrawl(config_, data_, /*resume=*/started_++ > 0, data_ + ".out");
    return pid_ > 0 && (!first_request || WaitForRequests(before + 1));
  }

  // Waits until the server log holds `total` requests; false if the run ended first.
  bool WaitForRequests(size_t total) {
    const auto give_up = Clock::now() + kPatience;
    while (!server_->log().WaitForSize(total, milliseconds(100))) {
      siginfo_t info{};  // WNOWAIT: leave the child for Kill or Finish to reap
      if (waitid(P_PID, pid_, &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid_) {
        return false;
      }
      if (Clock::now() > give_up) return false;
    }
    return true;
  }

  // Waits until the server has been asked for every URL of `urls` but one since entry
  // `since` of its log: the crawl is finishing, yet cannot have ended (one is still to be
  // fetched). False if the run ended first.
  bool WaitForAllButOneRequested(const std::set<std::string>& urls, size_t since) {
    for (;;) {
      std::set<std::string> missing = urls;
      std::vector<fixtures::LoggedRequest> entries = server_->log().Entries();
      for (size_t i = since; i < entries.size(); ++i) {
        missing.erase(server_->Url(entries[i].target));
      }
      if (missing.size() <= 1) return true;
      if (!WaitForRequests(entries.size() + 1)) return false;
    }
  }

  // SIGKILLs the run unless it already ended by itself; true when the kill landed.
  bool Kill() {
    testing::ChildExit end;
    if (testing::ReapIfEnded(pid_, &end)) return false;
    kill(pid_, SIGKILL);
    end = testing::WaitCrawl(pid_);
    return end.signal == SIGKILL;
  }

  testing::ChildExit Finish() {
    testing::ChildExit end;
    EXPECT_TRUE(testing::WaitCrawlFor(pid_, kPatience, &end)) << "the crawl hung";
    return end;
  }

 private:
  fixtures::FixtureServer* server_;
  const std::string config_, data_;
  pid_t pid_ = -1;
  int started_ = 0;
};

// Where the first kKills - 1 kills land: request counts in the first 90% of the reference
// crawl's `requests`, drawn independently and sorted, so they spread over the whole crawl.
std::vector<size_t> KillPoints(std::mt19937& rng, size_t requests) {
  std::uniform_int_distribution<size_t> point(1, requests * 9 / 10);
  std::vector<size_t> points(kKills - 1);
  for (size_t& p : points) p = point(rng);
  std::sort(points.begin(), points.end());
  return points;
}

// Records beyond the first per URL; *which lists the URLs (relative to `origin`).
int Doubled(const std::map<std::string, int>& captured, const std::string& origin,
            std::string* which) {
  int doubled = 0;
  for (const auto& [url, n] : captured) {
    doubled += n - 1;
    if (n > 1) {  // appended piecewise: GCC 12 misreports operator+ chains (-Wrestrict)
      which->append(" ").append(url.substr(origin.size()));
      which->append("×").append(std::to_string(n));
    }
  }
  return doubled;
}

// `index verify` proves every index entry against its record; this is the other way round:
// every response and revisit the WARCs hold is in the index, once.
void ExpectEveryRecordIndexed(const std::string& data, const std::string& root,
                              const std::map<std::string, int>& captured) {
  testing::CommandResult verify =
      testing::RunCommand(std::string(WARCRAWL_BINARY) + " index verify --data " + data);
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  EXPECT_NE(verify.out.find(" 0 problems"), std::string::npos) << verify.out;
  std::map<std::string, int> indexed;
  for (const auto& [url, captures] : testing::CapturesUnder(data, root)) {
    indexed[url] = static_cast<int>(captures.size());
  }
  EXPECT_EQ(indexed, captured);
}

TEST(CrawlFaultTest, TwentyKillsAndResumesCaptureWhatOneUninterruptedCrawlDoes) {
  fixtures::BlogOptions options;
  options.posts = 6;
  options.crawl_delay = -1;
  fixtures::SampleBlog blog(options);
  fixtures::FixtureServer server(&blog);
  ASSERT_TRUE(server.Start().ok());
  TempDir dir;
  const std::string config = dir.File("job.yaml");
  std::ofstream(config) << "name: fault\nseeds: [\"" << server.Url("/")
                        << "\"]\ncontact: \"mailto:t@example.test\"\nworkers: " << kWorkers
                        << "\npoliteness:\n  minDelay: 20ms\n  maxDelay: 20ms\n"
                           "  connectionsPerHost: "
                        << kWorkers << "\n";

  // A: the uninterrupted reference crawl; its length scales the kill moments.
  const std::string a = dir.File("a"), b = dir.File("b");
  const size_t a_log_start = server.log().size();
  FaultRun reference(&server, config, a);
  ASSERT_TRUE(reference.Start());
  const Clock::time_point a_began = Clock::now();
  testing::ChildExit a_end = reference.Finish();
  ASSERT_TRUE(a_end.exited && a_end.code == 0) << "reference crawl failed";
  const milliseconds a_took = std::chrono::duration_cast<milliseconds>(Clock::now() - a_began);
  const std::map<std::string, int> a_captured = Captured(a);
  std::set<std::string> a_urls;
  for (const auto& [url, n] : a_captured) a_urls.insert(url);
  for (const std::string& target : blog.AllUrls()) {
    ASSERT_TRUE(a_urls.contains(server.Url(target))) << "the reference crawl missed " << target;
  }

  // B: the same crawl, killed kKills times. Kill k waits for its run's first request, then
  // for the crawl to reach a random point (a request count in the first 90% of A's, drawn
  // for each kill and sorted, so the kills spread over the whole crawl), then for a random
  // delay of up to two of A's requests' worth, so that it lands anywhere in a URL's cycle:
  // start-up (recovery, robots.txt), mid-fetch, mid-WARC-write, mid-index-write. A point
  // the crawl has already passed makes a start-up kill. The last kill comes 0-5 ms after
  // all URLs but one have been asked for: the crawl is finishing (the last request waits
  // out minDelay after the one before). For that last kill the server holds each answer
  // kLastRunDelay, so the kill finds the process mid-fetch even on a loaded machine.
  const size_t a_requests = server.log().size() - a_log_start;
  std::mt19937 rng(Seed());
  const std::vector<size_t> points = KillPoints(rng, a_requests);
  std::uniform_int_distribution<int> delay_ms(
      0, static_cast<int>(2 * a_took.count() / static_cast<int64_t>(a_requests)));
  std::uniform_int_distribution<int> finish_ms(0, 5);
  const size_t b_log_start = server.log().size();
  FaultRun faulty(&server, config, b);
  int kills = 0;
  std::string moments;  // per kill: its point / delay / requests in that run, for the output
  for (int k = 0; k < kKills; ++k) {
    const size_t before = server.log().size();
    if (k + 1 == kKills) server.set_response_delay(kLastRunDelay);
    ASSERT_TRUE(faulty.Start()) << "run " << k << " made no request";
    bool reached = k + 1 < kKills ? faulty.WaitForRequests(b_log_start + points[k])
                                  : faulty.WaitForAllButOneRequested(a_urls, b_log_start);
    const int delay = k + 1 < kKills ? delay_ms(rng) : finish_ms(rng);
    if (reached) std::this_thread::sleep_for(milliseconds(delay));
    if (!faulty.Kill()) break;  // it finished first
    ++kills;
    moments.append(" ").append(k + 1 < kKills ? std::to_string(points[k]) : "end");
    moments.append("/").append(std::to_string(delay)).append("ms/");
    moments.append(std::to_string(server.log().size() - before));
  }
  server.set_response_delay(milliseconds(0));
  std::cout << "reference crawl " << a_took.count() << " ms, " << a_requests << " requests; killed "
            << kills << " times (at request / after / requests in that"
            << " run):" << moments << "\n";
  EXPECT_EQ(kills, kKills) << "the crawl finished before it could be killed often enough";
  // The last resume may have nothing left to fetch: the last kill came after the last
  // fetch was done.
  ASSERT_TRUE(faulty.Start(/*first_request=*/false));
  testing::ChildExit b_end = faulty.Finish();
  ASSERT_TRUE(b_end.exited) << "signal " << b_end.signal;
  ASSERT_EQ(b_end.code, 0);

  const std::map<std::string, int> b_captured = Captured(b);
  std::set<std::string> b_urls;
  for (const auto& [url, n] : b_captured) b_urls.insert(url);
  EXPECT_EQ(b_urls, a_urls) << "the captured URL sets differ";
  // In flight at a kill: each of the kWorkers fetches may have been archived but not yet
  // marked done in the frontier, so --resume fetches and archives it again (a revisit).
  // And every run after a kill fetches robots.txt again (its rules are not kept).
  std::string which;
  const int doubled = Doubled(b_captured, server.origin(), &which);
  EXPECT_LE(doubled, kills * (kWorkers + 1)) << "archived twice beyond what was in flight";
  std::cout << "records doubled: " << doubled << ":" << which << "\n";
  testing::ExpectValidWarcs(b);
  ExpectEveryRecordIndexed(b, server.Url("/"), b_captured);
}

}  // namespace
}  // namespace warcrawl
