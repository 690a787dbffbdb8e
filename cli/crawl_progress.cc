#include "cli/crawl_progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace warcrawl::cli {
namespace {

// Seconds until the nearest limit at the current rates; negative when no limit is set or
// no rate is known yet.
double EtaSeconds(const crawler::CrawlProgress& p, const Limits& limits) {
  double elapsed = p.elapsed.count() / 1000.0;
  double eta = -1;
  auto consider = [&eta](double s) {
    if (s >= 0 && (eta < 0 || s < eta)) eta = s;
  };
  if (limits.time.count() > 0) consider(std::max(0.0, limits.time.count() / 1000.0 - elapsed));
  if (limits.pages > 0 && p.pages > 0) {
    consider((static_cast<double>(limits.pages) - static_cast<double>(p.pages)) * elapsed /
             static_cast<double>(p.pages));
  }
  if (limits.bytes > 0 && p.bytes > 0) {
    consider((static_cast<double>(limits.bytes) - static_cast<double>(p.bytes)) * elapsed /
             static_cast<double>(p.bytes));
  }
  return eta;
}

std::string ProgressText(const crawler::CrawlProgress& p, const Limits& limits) {
  double seconds = std::max(0.001, p.elapsed.count() / 1000.0);
  char buf[256];
  std::snprintf(
      buf, sizeof buf,
      "done %llu | queued %llu | in flight %llu | failed %llu | %.1f pages/s | %s | %llus",
      static_cast<unsigned long long>(p.done), static_cast<unsigned long long>(p.queued),
      static_cast<unsigned long long>(p.in_flight), static_cast<unsigned long long>(p.failed),
      p.pages / seconds, Megabytes(p.bytes).c_str(), static_cast<unsigned long long>(seconds));
  std::string text = buf;
  if (double eta = EtaSeconds(p, limits); eta >= 0) {
    text += " | ETA " + std::to_string(static_cast<long long>(eta)) + "s (limit)";
  }
  return text;
}

}  // namespace

std::string Megabytes(uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

ProgressPrinter::ProgressPrinter(Limits limits)
    : tty_(isatty(STDERR_FILENO) == 1), limits_(limits) {}

void ProgressPrinter::operator()(const crawler::CrawlProgress& p) {
  if (tty_) {
    std::cerr << "\r\033[K" << ProgressText(p, limits_) << std::flush;
  } else if (p.elapsed >= next_) {
    std::cerr << "progress: " << ProgressText(p, limits_) << "\n";
    next_ = p.elapsed + std::chrono::seconds(10);
  }
}

void ProgressPrinter::Finish() {
  if (tty_) std::cerr << "\n";
}

void PrintSummary(const crawler::CrawlSummary& s, const std::string& data_dir) {
  const crawler::CrawlProgress& t = s.totals;
  std::cout << "crawl ended: " << s.ended_because << "\n"
            << "  URLs done " << t.done << ", failed " << t.failed << ", still queued " << t.queued
            << "\n"
            << "  pages " << t.pages << ", revisits " << t.revisits << ", blocked by robots.txt "
            << t.robots_blocked << ", archived " << Megabytes(t.bytes) << " in "
            << t.elapsed.count() / 1000.0 << " s\n";
  if (s.resumed_in_flight || s.recovered_warcs) {
    std::cout << "  resumed: " << s.resumed_in_flight << " URLs were in flight, "
              << s.recovered_warcs << " WARC files recovered\n";
  }
  for (const auto& [reason, n] : s.rejected) {
    std::cout << "  not queued (" << reason << "): " << n << "\n";
  }
  std::cout << "  WARCs in " << data_dir << "/warcs, log in " << data_dir << "/logs/crawl.log\n";
}

}  // namespace warcrawl::cli
