// Runs a job's crawl into its collection's archive, DATA/collections/{collection}/ (WARCs,
// index, logs and the job's frontier), and keeps the job and its run record in the store up
// to date as the crawl goes, so that `jobs show` (or the API) sees a live run and a killed
// process leaves a run that the next start resumes instead of beginning again.
//
// Thread-safety: RunJob runs on the caller's thread; RunControl::RequestStop may be called
// from any other thread.
#ifndef WARCRAWL_JOBS_JOB_RUNNER_H_
#define WARCRAWL_JOBS_JOB_RUNNER_H_

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "crawler/crawl_engine.h"
#include "jobs/job_store.h"
#include "warc/status.h"

namespace warcrawl::jobs {

// Lets another thread stop a run: the first request finishes the fetches in flight, the
// second abandons them (both leave the run resumable).
class RunControl {
 public:
  void RequestStop();
  bool stop_requested() const;

 private:
  friend class RunScope;
  void Attach(crawler::CrawlEngine* engine);
  void Detach();

  mutable std::mutex mu_;
  crawler::CrawlEngine* engine_ = nullptr;
  int stops_ = 0;
};

// The directory a collection's archive lives in.
std::string CollectionDir(const std::string& data_dir, const std::string& collection);

struct RunOptions {
  std::string version;  // for the User-Agent
  // The collection's index when the caller holds it open (serve); null: the run opens it.
  std::shared_ptr<index::IndexDb> index;
  std::function<void(const crawler::CrawlProgress&)> progress;  // about once a second
  RunControl* control = nullptr;
};

// Runs job `id` now. A job whose last run was interrupted (or whose process died in it)
// continues that run; otherwise a new run starts with a fresh frontier. The config is
// checked again first (InvalidArgument naming the job, line and key). *run is the run as
// recorded at its end.
Status RunJob(JobStore* store, const std::string& data_dir, const std::string& id,
              const RunOptions& options, JobRun* run);

}  // namespace warcrawl::jobs

#endif  // WARCRAWL_JOBS_JOB_RUNNER_H_
