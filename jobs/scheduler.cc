#include "jobs/scheduler.h"

#include "jobs/schedule.h"

namespace warcrawl::jobs {
namespace {

// The next scheduled time after `now`, or zero for a job without a schedule.
warc::TimePoint NextAfter(const Job& job, warc::TimePoint now) {
  Schedule schedule;
  if (job.schedule.empty() || !ParseSchedule(job.schedule, &schedule).ok()) return {};
  return NextRun(schedule, now);
}

}  // namespace

Scheduler::Scheduler(JobStore* store, SchedulerOptions options, IndexProvider indexes,
                     CapturesAdded captures_added)
    : store_(store),
      options_(std::move(options)),
      indexes_(std::move(indexes)),
      captures_added_(std::move(captures_added)) {}

Scheduler::~Scheduler() { Stop(); }

void Scheduler::Start() {
  std::lock_guard lock(mu_);
  if (loop_.joinable() || stopping_) return;
  loop_ = std::thread([this] { Loop(); });
}

void Scheduler::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    for (auto& [id, run] : active_) run->control.RequestStop();
  }
  wake_.notify_all();
  if (loop_.joinable()) loop_.join();
  std::map<std::string, std::unique_ptr<ActiveRun>> runs;
  {
    std::lock_guard lock(mu_);
    runs.swap(active_);
  }
  for (auto& [id, run] : runs) {
    if (run->thread.joinable()) run->thread.join();
  }
}

void Scheduler::Loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    ReapFinished();
    lock.unlock();
    StartDue();
    lock.lock();
    wake_.wait_for(lock, options_.tick, [this] { return stopping_ || !run_now_.empty(); });
  }
}

bool Scheduler::IsDue(const Job& job, warc::TimePoint now) const {
  if (job.state == JobState::kPaused) return false;
  if (run_now_.contains(job.id)) return true;
  // Left unfinished by a stopped or killed process: continue it.
  if (job.resume_pending || job.state == JobState::kRunning) return true;
  return !job.schedule.empty() && job.next_run <= now;
}

void Scheduler::StartDue() {
  std::vector<Job> jobs;
  if (!store_->List(&jobs).ok()) return;
  const warc::TimePoint now = warc::NowMicros();
  std::lock_guard lock(mu_);
  for (const Job& job : jobs) {
    if (stopping_ || active_.size() >= options_.max_runs) return;
    if (active_.contains(job.id) || !IsDue(job, now)) continue;
    bool collection_busy = false;
    for (const auto& [id, run] : active_) collection_busy |= run->collection == job.collection;
    if (!collection_busy) Launch(job);
  }
}

void Scheduler::Launch(const Job& job) {
  run_now_.erase(job.id);
  auto run = std::make_unique<ActiveRun>();
  run->collection = job.collection;
  ActiveRun* active = run.get();
  active_[job.id] = std::move(run);
  active->thread = std::thread([this, id = job.id, active] { RunOne(id, active); });
}

void Scheduler::RunOne(const std::string& id, ActiveRun* active) {
  RunOptions options;
  options.version = options_.version;
  options.control = &active->control;
  auto last = std::chrono::steady_clock::now();
  options.progress = [&](const crawler::CrawlProgress&) {
    if (std::chrono::steady_clock::now() - last < std::chrono::seconds(5)) return;
    last = std::chrono::steady_clock::now();
    if (captures_added_) captures_added_(active->collection);
  };
  Status s = indexes_ ? indexes_(active->collection, &options.index) : Status::OK();
  JobRun run;
  if (s.ok()) s = RunJob(store_, options_.data_dir, id, options, &run);
  if (captures_added_) captures_added_(active->collection);
  Finish(id, *active, s, run);
  std::lock_guard lock(mu_);
  active->done = true;
  wake_.notify_all();
}

// Applies what was asked while the run went on, and sets the next scheduled time. A run
// that could not start (a config that no longer loads, an unusable directory) is recorded
// as failed, so that it is not retried on every tick.
void Scheduler::Finish(const std::string& id, const ActiveRun& active, const Status& status,
                       JobRun run) {
  AfterStop after;
  {
    std::lock_guard lock(mu_);
    after = active.after;
  }
  Job job;
  if (!store_->Get(id, &job).ok()) return;  // removed meanwhile
  if (!status.ok() && run.number == 0) {
    run.number = ++job.runs;
    run.started = run.finished = warc::NowMicros();
    run.outcome = "failed: " + status.ToString();
    (void)store_->PutRun(id, run);  // best effort: the job's state below is what matters
    job.resume_pending = false;
    if (job.state == JobState::kRunning) job.state = JobState::kScheduled;
  }
  if (after == AfterStop::kPause) job.state = JobState::kPaused;
  if (after == AfterStop::kCancel && job.resume_pending) {
    std::vector<JobRun> runs;
    if (store_->Runs(id, &runs).ok() && !runs.empty()) {
      runs.back().outcome = "cancelled";
      runs.back().finished = warc::NowMicros();
      (void)store_->PutRun(id, runs.back());  // the job's own state below says it
    }
    job.resume_pending = false;
  }
  if (!job.schedule.empty()) job.next_run = NextAfter(job, warc::NowMicros());
  (void)store_->Put(job);
}

void Scheduler::ReapFinished() {
  for (auto it = active_.begin(); it != active_.end();) {
    if (it->second->done) {
      it->second->thread.join();
      it = active_.erase(it);
    } else {
      ++it;
    }
  }
}

Status Scheduler::RunNow(const std::string& id) {
  Job job;
  if (Status s = store_->Get(id, &job); !s.ok()) return s;
  if (job.state == JobState::kPaused) {
    return Status::InvalidArgument("job " + id + " is paused: resume it first");
  }
  {
    std::lock_guard lock(mu_);
    run_now_.insert(id);
  }
  wake_.notify_all();
  return Status::OK();
}

Status Scheduler::Pause(const std::string& id) {
  Job job;
  if (Status s = store_->Get(id, &job); !s.ok()) return s;
  {
    std::lock_guard lock(mu_);
    run_now_.erase(id);
    if (auto it = active_.find(id); it != active_.end()) {
      it->second->after = AfterStop::kPause;
      it->second->control.RequestStop();
      return Status::OK();
    }
  }
  job.state = JobState::kPaused;
  return store_->Put(job);
}

Status Scheduler::Resume(const std::string& id) {
  Job job;
  if (Status s = store_->Get(id, &job); !s.ok()) return s;
  if (job.state != JobState::kPaused) return Status::OK();
  job.state = JobState::kScheduled;
  if (Status s = store_->Put(job); !s.ok()) return s;
  wake_.notify_all();
  return Status::OK();
}

Status Scheduler::Cancel(const std::string& id) {
  Job job;
  if (Status s = store_->Get(id, &job); !s.ok()) return s;
  {
    std::lock_guard lock(mu_);
    run_now_.erase(id);
    if (auto it = active_.find(id); it != active_.end()) {
      it->second->after = AfterStop::kCancel;
      it->second->control.RequestStop();
      return Status::OK();
    }
  }
  if (!job.resume_pending) return Status::OK();
  std::vector<JobRun> runs;
  if (Status s = store_->Runs(id, &runs); !s.ok()) return s;
  if (!runs.empty()) {
    runs.back().outcome = "cancelled";
    runs.back().finished = warc::NowMicros();
    if (Status s = store_->PutRun(id, runs.back()); !s.ok()) return s;
  }
  job.resume_pending = false;
  return store_->Put(job);
}

bool Scheduler::IsRunning(const std::string& id) const {
  std::lock_guard lock(mu_);
  auto it = active_.find(id);
  return it != active_.end() && !it->second->done;
}

}  // namespace warcrawl::jobs
