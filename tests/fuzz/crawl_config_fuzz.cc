// Fuzzes what reads a crawl job: the YAML config loader (a job's YAML also arrives in the
// body of the jobs API), the scope and trap rules a loaded config builds, and, on the
// input's first line, the schedule parsers (interval, cron, the job store's line form).
// Checked too: FormatSchedule's line reads back to the same schedule.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "crawler/config_loader.h"
#include "crawler/scope.h"
#include "crawler/traps.h"
#include "jobs/schedule.h"

namespace warcrawl {
namespace {

void Config(std::string_view yaml) {
  crawler::CrawlConfig config;
  if (!crawler::ParseCrawlConfig(yaml, "fuzz.yaml", &config).ok()) return;
  crawler::Scope scope;
  crawler::TrapRules traps;
  const bool have_scope = crawler::Scope::Create(config, &scope).ok();
  const bool have_traps = crawler::TrapRules::Create(config.traps, &traps).ok();
  for (const std::string& seed : config.seeds) {
    if (have_scope) (void)scope.Decide(seed, 1, false);
    if (have_traps) (void)traps.Match(seed);
  }
}

void CheckSchedule(const jobs::Schedule& schedule) {
  (void)jobs::NextRun(schedule, warc::TimePoint{} + std::chrono::hours(24 * 365 * 55));
  (void)jobs::Describe(schedule);
  const std::string line = jobs::FormatSchedule(schedule);
  jobs::Schedule again;
  if (!jobs::ParseSchedule(line, &again).ok() || jobs::FormatSchedule(again) != line) std::abort();
}

void Schedules(std::string_view line) {
  jobs::Schedule schedule;
  if (jobs::ParseSchedule(line, &schedule).ok()) CheckSchedule(schedule);
  if (jobs::ParseCron(line, &schedule).ok()) CheckSchedule(schedule);
  if (jobs::ParseEvery(line, warc::TimePoint{}, &schedule).ok()) CheckSchedule(schedule);
  crawler::Millis millis;
  (void)crawler::ParseDuration(line, &millis);
  uint64_t bytes = 0;
  (void)crawler::ParseSize(line, &bytes);
}

}  // namespace
}  // namespace warcrawl

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  warcrawl::Schedules(in.substr(0, in.find('\n')));
  warcrawl::Config(in);
  return 0;
}
