// Queues URLS distinct URLs over HOSTS origins in a fresh frontier, then takes and finishes
// a tenth of them, and reports the rates and the process's peak RSS: the memory a crawl's
// to-do list costs when a million URLs wait (the frontier keeps them in LevelDB on disk).
//
//   frontier_bench DIR [URLS] [HOSTS]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "crawler/frontier.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

long PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

std::string UrlFor(size_t i, size_t hosts) {
  // Blog-like paths: /YYYY/MM/slug-N/ and comment pages, spread over the hosts.
  return "http://host" + std::to_string(i % hosts) + ".example/20" + std::to_string(10 + i % 15) +
         "/" + std::to_string(1 + i % 12) + "/a-post-about-something-" + std::to_string(i) +
         (i % 3 == 0 ? "/comment-page-2/" : "/");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: frontier_bench DIR [URLS] [HOSTS]\n");
    return 2;
  }
  const std::string dir = argv[1];
  const size_t urls = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1000000;
  const size_t hosts = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1000;
  std::filesystem::remove_all(dir);
  std::unique_ptr<warcrawl::crawler::Frontier> frontier;
  warcrawl::Status s = warcrawl::crawler::Frontier::Open(dir, &frontier);
  if (!s.ok()) {
    std::fprintf(stderr, "frontier_bench: %s\n", s.ToString().c_str());
    return 1;
  }
  long rss_before = PeakRssKb();
  auto start = Clock::now();
  for (size_t i = 0; i < urls; ++i) {
    warcrawl::crawler::CrawlUrl url;
    url.url = UrlFor(i, hosts);
    url.via = "http://host" + std::to_string(i % hosts) + ".example/";
    url.path = "LL";
    bool added = false;
    if (s = frontier->Add(url, &added); !s.ok() || !added) {
      std::fprintf(stderr, "frontier_bench: add %zu failed\n", i);
      return 1;
    }
  }
  double add_seconds = Seconds(start);
  start = Clock::now();
  size_t taken = 0;
  std::vector<std::string> origins;
  for (const auto& [origin, n] : frontier->queued_by_origin()) origins.push_back(origin);
  for (size_t round = 0; taken < urls / 10; ++round) {
    for (const std::string& origin : origins) {
      warcrawl::crawler::CrawlUrl url;
      uint64_t ticket = 0;
      if (!frontier->Take(origin, &url, &ticket).ok()) continue;
      size_t added = 0;
      if (!frontier->Finish(ticket, false, {}, &added).ok()) return 1;
      if (++taken == urls / 10) break;
    }
  }
  double take_seconds = Seconds(start);
  std::printf("urls %zu\nhosts %zu\nadd_per_s %.0f\ntake_finish_per_s %.0f\n", urls, hosts,
              urls / add_seconds, taken / take_seconds);
  std::printf("peak_rss_mb %.1f\nrss_before_mb %.1f\n", PeakRssKb() / 1024.0, rss_before / 1024.0);
  std::printf("queued %llu\n", static_cast<unsigned long long>(frontier->counts().queued));
  return 0;
}
