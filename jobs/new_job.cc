#include "jobs/new_job.h"

#include "crawler/config_loader.h"
#include "crawler/crawl_plan.h"
#include "jobs/schedule.h"
#include "replay/archive_url.h"

namespace warcrawl::jobs {

Status NewJob(std::string_view yaml, std::string_view source, const JobSpec& spec,
              std::string_view version, warc::TimePoint now, Job* job) {
  crawler::CrawlConfig config;
  crawler::CrawlPlan plan;
  Status s = crawler::ParseCrawlConfig(yaml, source, &config);
  if (s.ok()) s = crawler::PlanFromConfig(config, version, &plan);
  if (!s.ok()) return s;
  Job out;
  out.name = config.name;
  out.collection = spec.collection.empty() ? config.name : spec.collection;
  if (!replay::IsValidCollectionName(out.collection)) {
    return Status::InvalidArgument("collection \"" + out.collection +
                                   "\": use 1-64 letters, digits, '.', '_' or '-'");
  }
  out.config_yaml = std::string(yaml);
  out.config_source = std::string(source);
  out.created = now;
  if (!spec.every.empty() && !spec.cron.empty()) {
    return Status::InvalidArgument("give an interval (every) or a cron expression, not both");
  }
  if (!spec.every.empty() || !spec.cron.empty()) {
    Schedule schedule;
    s = spec.every.empty() ? ParseCron(spec.cron, &schedule)
                           : ParseEvery(spec.every, now, &schedule);
    if (!s.ok()) return s;
    out.schedule = FormatSchedule(schedule);
    out.next_run = NextRun(schedule, now);
  }
  *job = std::move(out);
  return Status::OK();
}

}  // namespace warcrawl::jobs
