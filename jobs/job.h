// A crawl job: a crawl config (YAML, as in configs/) kept as text, the collection its
// captures go to, an optional schedule, and its state; and a record of each of its runs.
// Both are stored in the job store (job_store.h) as JSON, so that a store written by one
// version of warcrawl stays readable by the next.
//
// Thread-safety: plain values and pure functions.
#ifndef WARCRAWL_JOBS_JOB_H_
#define WARCRAWL_JOBS_JOB_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "warc/date.h"
#include "warc/status.h"

namespace warcrawl::jobs {

enum class JobState {
  kScheduled,  // waiting for its next run (or for `jobs run`, without a schedule)
  kRunning,    // a run is in progress
  kPaused,     // runs only when resumed; a paused run continues where it stopped
};
std::string_view JobStateName(JobState state);  // "scheduled", "running", "paused"

struct Job {
  std::string id;          // "1", "2", …: assigned by the store, never reused
  std::string name;        // the config's name
  std::string collection;  // DATA/collections/{collection}
  std::string config_yaml;
  std::string config_source;  // where the YAML came from (a path, "api")
  std::string schedule;       // Schedule text (schedule.h); empty: run only on demand
  JobState state = JobState::kScheduled;
  warc::TimePoint created{};
  warc::TimePoint next_run{};   // meaningful with a schedule
  uint64_t runs = 0;            // runs started so far
  bool resume_pending = false;  // the last run was interrupted: continue its frontier
};

struct JobRun {
  uint64_t number = 0;  // 1-based, per job
  warc::TimePoint started{};
  warc::TimePoint finished{};  // zero while running
  std::string outcome;         // "running", the crawl's ended_because, "interrupted", "failed: …"
  uint64_t pages = 0;
  uint64_t bytes = 0;
  uint64_t new_captures = 0;        // responses whose payload was not in the archive
  uint64_t unchanged_captures = 0;  // revisits: the payload was already archived
  uint64_t failed = 0;              // URLs that ended in failure
};

std::string EncodeJob(const Job& job);
// Corruption naming what is wrong when `json` is not a job EncodeJob wrote.
Status DecodeJob(std::string_view json, Job* job);
std::string EncodeRun(const JobRun& run);
Status DecodeRun(std::string_view json, JobRun* run);

}  // namespace warcrawl::jobs

#endif  // WARCRAWL_JOBS_JOB_H_
