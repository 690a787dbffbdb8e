#include "cli/crawl_command.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>

#include "crawler/config_loader.h"
#include "crawler/crawl_engine.h"
#include "crawler/crawl_plan.h"

namespace warcrawl::cli {
namespace {

std::atomic<crawler::CrawlEngine*> g_engine{nullptr};

void OnSignal(int) {
  // RequestStop only bumps an atomic counter: safe in a signal handler.
  if (crawler::CrawlEngine* engine = g_engine.load()) engine->RequestStop();
}

std::string Megabytes(uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

// Limits a progress line can count down to.
struct Limits {
  uint64_t pages = 0;
  uint64_t bytes = 0;
  std::chrono::milliseconds time{0};
};

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

// A terminal gets one line rewritten in place; a log file gets a line every ten seconds.
class ProgressPrinter {
 public:
  explicit ProgressPrinter(Limits limits) : tty_(isatty(STDERR_FILENO) == 1), limits_(limits) {}
  void operator()(const crawler::CrawlProgress& p) {
    if (tty_) {
      std::cerr << "\r\033[K" << ProgressText(p, limits_) << std::flush;
    } else if (p.elapsed >= next_) {
      std::cerr << "progress: " << ProgressText(p, limits_) << "\n";
      next_ = p.elapsed + std::chrono::seconds(10);
    }
  }
  void Finish() {
    if (tty_) std::cerr << "\n";
  }

 private:
  bool tty_;
  Limits limits_;
  std::chrono::milliseconds next_{0};
};

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

int RunCrawl(const std::string& config_path, const std::string& data_dir, bool resume) {
  crawler::CrawlConfig config;
  Status s = crawler::LoadCrawlConfig(config_path, &config);
  crawler::CrawlPlan plan;
  if (s.ok()) s = crawler::PlanFromConfig(config, WARCRAWL_VERSION, &plan);
  if (!s.ok()) {
    std::cerr << "warcrawl crawl: " << s.ToString() << "\n";
    return 2;
  }
  std::unique_ptr<crawler::CrawlEngine> engine;
  s = crawler::CrawlEngine::Open(std::move(plan), data_dir, resume, &engine);
  if (!s.ok()) {
    std::cerr << "warcrawl crawl: " << s.ToString() << "\n";
    return 1;
  }
  g_engine.store(engine.get());
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  ProgressPrinter printer(Limits{config.page_limit, config.size_limit, config.time_limit});
  crawler::CrawlSummary summary;
  s = engine->Run(&summary, [&](const crawler::CrawlProgress& p) { printer(p); });
  printer.Finish();
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  g_engine.store(nullptr);
  PrintSummary(summary, data_dir);
  if (!s.ok()) {
    std::cerr << "warcrawl crawl: " << s.ToString() << " (resume with --resume)\n";
    return 1;
  }
  return 0;
}

}  // namespace

void AddCrawlCommand(CLI::App& app, int* exit_code) {
  auto* cmd = app.add_subcommand("crawl", "Crawl a site as a job config says, into WARCs");
  auto config = std::make_shared<std::string>();
  auto data = std::make_shared<std::string>("warcrawl-data");
  auto resume = std::make_shared<bool>(false);
  cmd->add_option("config", *config, "The job config (YAML; see configs/)")->required();
  cmd->add_option("--data", *data, "Data directory (warcs/, index/, logs/, crawls/)");
  cmd->add_flag("--resume", *resume,
                "Continue the job's last crawl (after a kill or Ctrl-C) instead of starting anew");
  cmd->callback([=] { *exit_code = RunCrawl(*config, *data, *resume); });
}

}  // namespace warcrawl::cli
