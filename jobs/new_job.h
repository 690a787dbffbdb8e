// Making a job from a crawl config and the options it is added with, as `jobs add` and the
// API's POST /api/jobs both do: the config must load and plan (errors name its source,
// line and key), the collection name must be one a URL and a directory can carry, and a
// schedule is either an interval or a cron expression, not both.
//
// Thread-safety: a pure function.
#ifndef WARCRAWL_JOBS_NEW_JOB_H_
#define WARCRAWL_JOBS_NEW_JOB_H_

#include <string>
#include <string_view>

#include "jobs/job.h"
#include "warc/status.h"

namespace warcrawl::jobs {

struct JobSpec {
  std::string every;       // "6h"; empty: none
  std::string cron;        // "0 */6 * * *"; empty: none
  std::string collection;  // empty: the config's name
};

// Fills *job (all but its ID) from the config text. InvalidArgument naming what is wrong.
Status NewJob(std::string_view yaml, std::string_view source, const JobSpec& spec,
              std::string_view version, warc::TimePoint now, Job* job);

}  // namespace warcrawl::jobs

#endif  // WARCRAWL_JOBS_NEW_JOB_H_
