// JobStore keeps crawl jobs and their runs in a LevelDB database in the data directory
// (DATA/jobs), written synchronously so that every state change survives a crash. Job IDs
// are small numbers, assigned in order and never reused.
//
// One process at a time holds the store (LevelDB's lock): `warcrawl serve`, or one `jobs`
// command. Open says so plainly when another holds it.
//
// Thread-safety: all methods may be called from several threads (LevelDB serialises
// writes); Add is serialised internally so IDs stay unique.
#ifndef WARCRAWL_JOBS_JOB_STORE_H_
#define WARCRAWL_JOBS_JOB_STORE_H_

#include <leveldb/db.h>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "jobs/job.h"
#include "warc/status.h"

namespace warcrawl::jobs {

class JobStore {
 public:
  static Status Open(const std::string& directory, std::unique_ptr<JobStore>* store);

  JobStore(const JobStore&) = delete;
  JobStore& operator=(const JobStore&) = delete;

  // Stores a new job, setting job->id.
  Status Add(Job* job);
  // NotFound ("no job 7") when there is none; InvalidArgument for an ID that is no number.
  Status Get(std::string_view id, Job* job) const;
  // Replaces an existing job (NotFound when it was removed).
  Status Put(const Job& job);
  // Every job, in ID order.
  Status List(std::vector<Job>* jobs) const;
  // The job and all its runs.
  Status Remove(std::string_view id);

  // Adds or replaces run `run.number` of job `id`.
  Status PutRun(std::string_view id, const JobRun& run);
  // The job's runs, oldest first.
  Status Runs(std::string_view id, std::vector<JobRun>* runs) const;

  explicit JobStore(std::unique_ptr<leveldb::DB> db) : db_(std::move(db)) {}

 private:
  std::unique_ptr<leveldb::DB> db_;
  std::mutex add_mu_;
};

}  // namespace warcrawl::jobs

#endif  // WARCRAWL_JOBS_JOB_STORE_H_
