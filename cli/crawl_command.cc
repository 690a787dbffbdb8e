#include "cli/crawl_command.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>

#include "cli/crawl_progress.h"
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
