#include "jobs/job_runner.h"

#include <filesystem>

#include "crawler/config_loader.h"
#include "crawler/crawl_plan.h"

namespace warcrawl::jobs {

namespace fs = std::filesystem;

void RunControl::RequestStop() {
  std::lock_guard lock(mu_);
  ++stops_;
  if (engine_ != nullptr) engine_->RequestStop();
}

bool RunControl::stop_requested() const {
  std::lock_guard lock(mu_);
  return stops_ > 0;
}

void RunControl::Attach(crawler::CrawlEngine* engine) {
  std::lock_guard lock(mu_);
  engine_ = engine;
  for (int i = 0; i < stops_ && i < 2; ++i) engine_->RequestStop();  // asked before it began
}

void RunControl::Detach() {
  std::lock_guard lock(mu_);
  engine_ = nullptr;
}

// Attaches an engine to a RunControl for the length of a crawl.
class RunScope {
 public:
  RunScope(RunControl* control, crawler::CrawlEngine* engine) : control_(control) {
    if (control_ != nullptr) control_->Attach(engine);
  }
  ~RunScope() {
    if (control_ != nullptr) control_->Detach();
  }
  RunScope(const RunScope&) = delete;
  RunScope& operator=(const RunScope&) = delete;

 private:
  RunControl* control_;
};

namespace {

// How often a running crawl's counters are saved to the store.
constexpr auto kSaveEvery = std::chrono::seconds(5);

void CopyCounters(const crawler::CrawlProgress& p, JobRun* run) {
  run->pages = p.pages;
  run->bytes = p.bytes;
  run->failed = p.failed;
  run->unchanged_captures = p.revisits;
  const uint64_t captured =
      p.done >= p.failed + p.robots_blocked ? p.done - p.failed - p.robots_blocked : 0;
  run->new_captures = captured >= p.revisits ? captured - p.revisits : 0;
}

Status PlanFor(const Job& job, const std::string& version, crawler::CrawlPlan* plan) {
  crawler::CrawlConfig config;
  Status s = crawler::ParseCrawlConfig(job.config_yaml, "job " + job.id, &config);
  if (s.ok()) s = crawler::PlanFromConfig(config, version, plan);
  return s;
}

// The run this start continues, or a new one.
JobRun BeginRun(const JobStore& store, Job* job, bool resume) {
  std::vector<JobRun> runs;
  if (resume && store.Runs(job->id, &runs).ok() && !runs.empty() &&
      runs.back().finished == warc::TimePoint{}) {
    JobRun run = runs.back();
    run.outcome = "running";
    return run;
  }
  JobRun run;
  run.number = ++job->runs;
  run.started = warc::NowMicros();
  run.outcome = "running";
  return run;
}

std::string Outcome(const Status& s, const crawler::CrawlSummary& summary) {
  if (!s.ok()) return "failed: " + s.ToString();
  if (summary.ended_because == "stopped" || summary.ended_because == "abandoned") {
    return "interrupted";
  }
  return summary.ended_because;
}

}  // namespace

std::string CollectionDir(const std::string& data_dir, const std::string& collection) {
  return (fs::path(data_dir) / "collections" / collection).string();
}

Status RunJob(JobStore* store, const std::string& data_dir, const std::string& id,
              const RunOptions& options, JobRun* run) {
  Job job;
  if (Status s = store->Get(id, &job); !s.ok()) return s;
  crawler::CrawlPlan plan;
  if (Status s = PlanFor(job, options.version, &plan); !s.ok()) return s;
  plan.index = options.index;
  // The store is ours alone (its lock), so a job still marked running was killed mid-run.
  const bool resume = job.resume_pending || job.state == JobState::kRunning;
  const std::string dir = CollectionDir(data_dir, job.collection);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IOError("cannot create " + dir + ": " + ec.message());
  std::unique_ptr<crawler::CrawlEngine> engine;
  if (Status s = crawler::CrawlEngine::Open(std::move(plan), dir, resume, &engine); !s.ok()) {
    return s;
  }
  *run = BeginRun(*store, &job, resume);
  job.state = JobState::kRunning;
  job.resume_pending = false;
  if (Status s = store->Put(job); !s.ok()) return s;
  if (Status s = store->PutRun(job.id, *run); !s.ok()) return s;

  auto last_save = std::chrono::steady_clock::now();
  crawler::CrawlSummary summary;
  Status crawl;
  {
    RunScope scope(options.control, engine.get());
    crawl = engine->Run(&summary, [&](const crawler::CrawlProgress& p) {
      if (options.progress) options.progress(p);
      if (std::chrono::steady_clock::now() - last_save < kSaveEvery) return;
      last_save = std::chrono::steady_clock::now();
      CopyCounters(p, run);
      (void)store->PutRun(job.id, *run);  // progress only: the final save reports errors
    });
  }
  engine.reset();  // close WARCs and the index before the run is called finished
  CopyCounters(summary.totals, run);
  run->outcome = Outcome(crawl, summary);
  const bool interrupted = run->outcome == "interrupted";
  if (!interrupted) run->finished = warc::NowMicros();
  job.state = JobState::kScheduled;
  job.resume_pending = interrupted;
  if (Status s = store->PutRun(job.id, *run); !s.ok()) return s;
  if (Status s = store->Put(job); !s.ok()) return s;
  return crawl;
}

}  // namespace warcrawl::jobs
