// The live progress line of a crawl and its closing summary, shared by `warcrawl crawl` and
// `warcrawl jobs run`.
#ifndef WARCRAWL_CLI_CRAWL_PROGRESS_H_
#define WARCRAWL_CLI_CRAWL_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <string>

#include "crawler/crawl_engine.h"

namespace warcrawl::cli {

std::string Megabytes(uint64_t bytes);

// Limits a progress line can count down to.
struct Limits {
  uint64_t pages = 0;
  uint64_t bytes = 0;
  std::chrono::milliseconds time{0};
};

// A terminal gets one line rewritten in place; a log file gets a line every ten seconds.
class ProgressPrinter {
 public:
  explicit ProgressPrinter(Limits limits);
  void operator()(const crawler::CrawlProgress& p);
  void Finish();

 private:
  bool tty_;
  Limits limits_;
  std::chrono::milliseconds next_{0};
};

void PrintSummary(const crawler::CrawlSummary& s, const std::string& data_dir);

}  // namespace warcrawl::cli

#endif  // WARCRAWL_CLI_CRAWL_PROGRESS_H_
