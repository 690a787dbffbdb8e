// Test helpers for end-to-end crawls: run a job from YAML text in-process, read its crawl
// log, and check its WARCs with our validator and with warcio.js.
#ifndef WARCRAWL_TESTS_CRAWL_HARNESS_H_
#define WARCRAWL_TESTS_CRAWL_HARNESS_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "crawler/config_loader.h"
#include "crawler/crawl_engine.h"
#include "crawler/crawl_plan.h"
#include "index/cdx_query.h"
#include "index/index_db.h"
#include "tests/run_command.h"
#include "tests/warc_test_files.h"
#include "warc/validator.h"

namespace warcrawl::testing {

struct CrawlRun {
  Status status;
  crawler::CrawlSummary summary;
  std::string log;  // DATA/logs/crawl.log after the run
};

inline CrawlRun RunCrawl(const std::string& yaml, const std::string& data_dir,
                         bool resume = false) {
  CrawlRun run;
  crawler::CrawlConfig config;
  crawler::CrawlPlan plan;
  std::unique_ptr<crawler::CrawlEngine> engine;
  run.status = crawler::ParseCrawlConfig(yaml, "test.yaml", &config);
  if (run.status.ok()) run.status = crawler::PlanFromConfig(config, "0.1.0-test", &plan);
  if (run.status.ok()) {
    run.status = crawler::CrawlEngine::Open(std::move(plan), data_dir, resume, &engine);
  }
  if (run.status.ok()) run.status = engine->Run(&run.summary, nullptr);
  if (std::filesystem::exists(data_dir + "/logs/crawl.log")) {
    run.log = warc::testing::ReadFileOrDie(data_dir + "/logs/crawl.log");
  }
  return run;
}

// Every capture under `root` (a prefix query) in the index of `data_dir`, by URL.
inline std::map<std::string, std::vector<index::CaptureEntry>> CapturesUnder(
    const std::string& data_dir, const std::string& root) {
  std::unique_ptr<index::IndexDb> db;
  EXPECT_TRUE(index::IndexDb::Open(data_dir + "/index", &db).ok());
  std::map<std::string, std::vector<index::CaptureEntry>> out;
  index::CdxQuery q;
  q.url = root;
  q.match_type = index::MatchType::kPrefix;
  if (db == nullptr) return out;
  EXPECT_TRUE(index::RunCdxQuery(*db, q, [&](const index::CaptureEntry& e) {
                out[e.url].push_back(e);
                return true;
              }).ok());
  return out;
}

// Every WARC of a crawl is closed (no ".open" left) and passes `warc check` and warcio.js.
inline void ExpectValidWarcs(const std::string& data_dir) {
  std::string files;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir + "/warcs")) {
    const std::string file = entry.path().string();
    EXPECT_TRUE(file.ends_with(".warc.gz")) << file << " was left open";
    warc::ValidationReport report;
    Status s = warc::ValidateFile(
        file, [](const warc::Problem& p) { ADD_FAILURE() << p.ToString(); }, &report);
    EXPECT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(report.errors, 0u) << file;
    files += " " + file;
  }
  CommandResult check = WarcioCheck(files);
  EXPECT_EQ(check.exit_code, 0) << check.out;
}

}  // namespace warcrawl::testing

#endif  // WARCRAWL_TESTS_CRAWL_HARNESS_H_
