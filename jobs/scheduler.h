// Scheduler runs a data directory's crawl jobs when they are due: at their schedule's
// times, when asked (RunNow), and at startup for runs a stopped or killed process left
// unfinished. A job due several times while the service was down runs once. One run per
// collection at a time, and at most max_runs at once; each run has a thread of its own.
// Pause, Resume and Cancel act on a job whether or not it is running; Stop (service
// shutdown) stops every run so that the next start continues it.
//
// Thread-safety: every public method may be called from any thread (API handlers).
#ifndef WARCRAWL_JOBS_SCHEDULER_H_
#define WARCRAWL_JOBS_SCHEDULER_H_

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "index/index_db.h"
#include "jobs/job_runner.h"
#include "jobs/job_store.h"
#include "warc/status.h"

namespace warcrawl::jobs {

struct SchedulerOptions {
  std::string data_dir;
  std::string version;
  size_t max_runs = 2;
  std::chrono::milliseconds tick{500};  // how often due jobs are looked for
};

// The collection's index, held open by the service (replay reads it while a run writes).
using IndexProvider =
    std::function<Status(const std::string& collection, std::shared_ptr<index::IndexDb>* db)>;
// Called while a run adds captures to a collection (about every 5 s) and when it ends.
using CapturesAdded = std::function<void(const std::string& collection)>;

class Scheduler {
 public:
  Scheduler(JobStore* store, SchedulerOptions options, IndexProvider indexes,
            CapturesAdded captures_added);
  ~Scheduler();  // Stop()
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  void Start();
  // Stops every run (they stay resumable) and the scheduling thread; waits for them.
  void Stop();

  // Runs the job as soon as its collection is free. InvalidArgument when it is paused.
  Status RunNow(const std::string& id);
  // A running job stops (resumable) and stays paused; no scheduled run starts until Resume.
  Status Pause(const std::string& id);
  Status Resume(const std::string& id);
  // A running job stops and its run is given up; an interrupted run is given up too.
  Status Cancel(const std::string& id);
  bool IsRunning(const std::string& id) const;

 private:
  enum class AfterStop { kNothing, kPause, kCancel };
  struct ActiveRun {
    std::string collection;
    RunControl control;
    AfterStop after = AfterStop::kNothing;
    std::thread thread;
    bool done = false;
  };

  void Loop();
  void StartDue();
  bool IsDue(const Job& job, warc::TimePoint now) const;
  void Launch(const Job& job);  // mu_ held
  void RunOne(const std::string& id, ActiveRun* active);
  void Finish(const std::string& id, const ActiveRun& active, const Status& status, JobRun run);
  void ReapFinished();  // mu_ held

  JobStore* store_;
  const SchedulerOptions options_;
  IndexProvider indexes_;
  CapturesAdded captures_added_;

  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::set<std::string> run_now_;                             // guarded by mu_
  std::map<std::string, std::unique_ptr<ActiveRun>> active_;  // by job ID; guarded by mu_
  std::thread loop_;
};

}  // namespace warcrawl::jobs

#endif  // WARCRAWL_JOBS_SCHEDULER_H_
