#include "cli/jobs_command.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/crawl_progress.h"
#include "cli/stop_signals.h"
#include "jobs/job_runner.h"
#include "jobs/job_store.h"
#include "jobs/new_job.h"
#include "jobs/schedule.h"

namespace warcrawl::cli {
namespace {

namespace fs = std::filesystem;

struct JobsArgs {
  std::string data = "warcrawl-data";
  std::string config;
  std::string every;
  std::string cron;
  std::string collection;
  std::string id;
};

std::string StorePath(const std::string& data) { return (fs::path(data) / "jobs").string(); }

int Fail(std::string_view what, const Status& s, int code = 1) {
  std::cerr << "warcrawl jobs " << what << ": " << s.ToString() << "\n";
  return code;
}

std::string When(warc::TimePoint t) {
  if (t == warc::TimePoint{}) return "-";
  std::string date = warc::FormatWarcDate(t, false);  // 2024-01-02T03:04:05Z
  date[10] = ' ';
  return date.substr(0, 19) + " UTC";
}

Status OpenStore(const std::string& data, std::unique_ptr<jobs::JobStore>* store) {
  std::error_code ec;
  fs::create_directories(data, ec);
  if (ec) return Status::IOError("cannot create " + data + ": " + ec.message());
  return jobs::JobStore::Open(StorePath(data), store);
}

std::string ReadFile(const std::string& path, Status* s) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *s = Status::IOError("cannot read " + path);
    return "";
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string DescribeSchedule(const std::string& text) {
  if (text.empty()) return "on demand";
  jobs::Schedule schedule;
  return jobs::ParseSchedule(text, &schedule).ok() ? jobs::Describe(schedule) : text;
}

int Add(const JobsArgs& args) {
  Status s;
  const std::string yaml = ReadFile(args.config, &s);
  jobs::Job job;
  const jobs::JobSpec spec{args.every, args.cron, args.collection};
  if (s.ok()) s = jobs::NewJob(yaml, args.config, spec, WARCRAWL_VERSION, warc::NowMicros(), &job);
  if (!s.ok()) return Fail("add", s, 2);
  job.config_source = fs::absolute(args.config).string();
  std::unique_ptr<jobs::JobStore> store;
  if (s = OpenStore(args.data, &store); s.ok()) s = store->Add(&job);
  if (!s.ok()) return Fail("add", s);
  std::cout << "job " << job.id << " added: " << job.name << " into collection " << job.collection
            << ", " << DescribeSchedule(job.schedule);
  if (!job.schedule.empty()) std::cout << ", next run " << When(job.next_run);
  std::cout << "\n";
  return 0;
}

std::string LastRunText(const jobs::JobStore& store, const jobs::Job& job) {
  std::vector<jobs::JobRun> runs;
  if (!store.Runs(job.id, &runs).ok() || runs.empty()) return "-";
  const jobs::JobRun& r = runs.back();
  return When(r.started) + " (" + r.outcome + ")";
}

int List(const JobsArgs& args) {
  std::unique_ptr<jobs::JobStore> store;
  std::vector<jobs::Job> all;
  Status s = OpenStore(args.data, &store);
  if (s.ok()) s = store->List(&all);
  if (!s.ok()) return Fail("list", s);
  if (all.empty()) {
    std::cout << "no jobs (add one with: warcrawl jobs add CONFIG.yaml --every 6h)\n";
    return 0;
  }
  for (const jobs::Job& job : all) {
    std::cout << job.id << "  " << job.name << "  [" << jobs::JobStateName(job.state)
              << (job.resume_pending ? ", interrupted run pending" : "") << "]  collection "
              << job.collection << "  " << DescribeSchedule(job.schedule);
    if (!job.schedule.empty()) std::cout << "  next " << When(job.next_run);
    std::cout << "  last " << LastRunText(*store, job) << "\n";
  }
  return 0;
}

int Show(const JobsArgs& args) {
  std::unique_ptr<jobs::JobStore> store;
  jobs::Job job;
  std::vector<jobs::JobRun> runs;
  Status s = OpenStore(args.data, &store);
  if (s.ok()) s = store->Get(args.id, &job);
  if (s.ok()) s = store->Runs(args.id, &runs);
  if (!s.ok()) return Fail("show", s);
  std::cout << "job " << job.id << ": " << job.name << "\n"
            << "  state       " << jobs::JobStateName(job.state)
            << (job.resume_pending ? " (an interrupted run resumes on the next run)" : "") << "\n"
            << "  collection  " << job.collection << " ("
            << jobs::CollectionDir(args.data, job.collection) << ")\n"
            << "  schedule    " << DescribeSchedule(job.schedule) << "\n"
            << "  next run    " << (job.schedule.empty() ? "-" : When(job.next_run)) << "\n"
            << "  config      " << job.config_source << " (as added)\n"
            << "  created     " << When(job.created) << "\n"
            << "  runs        " << runs.size() << "\n";
  for (const jobs::JobRun& r : runs) {
    std::cout << "  #" << r.number << "  " << When(r.started) << " → " << When(r.finished) << "  "
              << r.outcome << "  pages " << r.pages << ", " << Megabytes(r.bytes)
              << ", new/changed " << r.new_captures << ", unchanged " << r.unchanged_captures
              << ", errors " << r.failed << "\n";
  }
  return 0;
}

int Run(const JobsArgs& args) {
  StopSignals signals;  // before LevelDB's or the crawl's threads start
  std::unique_ptr<jobs::JobStore> store;
  if (Status s = OpenStore(args.data, &store); !s.ok()) return Fail("run", s);
  jobs::RunControl control;
  // A second signal abandons the fetches in flight.
  signals.Start([&control] {
    std::cerr << "\nwarcrawl jobs run: stopping (again to abandon fetches in flight)\n";
    control.RequestStop();
  });
  ProgressPrinter printer(Limits{});
  jobs::RunOptions options;
  options.version = WARCRAWL_VERSION;
  options.control = &control;
  options.progress = [&](const crawler::CrawlProgress& p) { printer(p); };
  jobs::JobRun run;
  Status s = jobs::RunJob(store.get(), args.data, args.id, options, &run);
  printer.Finish();
  signals.Finish();
  if (!s.ok()) return Fail("run", s);
  std::cout << "job " << args.id << " run #" << run.number << ": " << run.outcome << "; pages "
            << run.pages << ", new/changed " << run.new_captures << ", unchanged "
            << run.unchanged_captures << ", errors " << run.failed << "\n";
  return 0;
}

// pause, resume, cancel and rm: a change of the stored job.
int Change(const std::string& verb, const JobsArgs& args) {
  std::unique_ptr<jobs::JobStore> store;
  jobs::Job job;
  Status s = OpenStore(args.data, &store);
  if (s.ok()) s = store->Get(args.id, &job);
  if (!s.ok()) return Fail(verb, s);
  std::string said;
  if (verb == "rm") {
    s = store->Remove(job.id);
    said =
        "removed (its archive in " + jobs::CollectionDir(args.data, job.collection) + " is kept)";
  } else if (verb == "pause") {
    job.state = jobs::JobState::kPaused;
    s = store->Put(job);
    said = "paused: scheduled runs are skipped until `jobs resume`";
  } else if (verb == "resume") {
    job.state = jobs::JobState::kScheduled;
    s = store->Put(job);
    said = "resumed";
  } else {  // cancel: the interrupted run is given up instead of continued
    std::vector<jobs::JobRun> runs;
    if (s = store->Runs(job.id, &runs); s.ok() && job.resume_pending && !runs.empty()) {
      runs.back().outcome = "cancelled";
      runs.back().finished = warc::NowMicros();
      job.resume_pending = false;
      s = store->PutRun(job.id, runs.back());
      if (s.ok()) s = store->Put(job);
      said = "run #" + std::to_string(runs.back().number) + " cancelled";
    } else if (s.ok()) {
      said = "has no interrupted run to cancel";
    }
  }
  if (!s.ok()) return Fail(verb, s);
  std::cout << "job " << job.id << " " << said << "\n";
  return 0;
}

}  // namespace

void AddJobsCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<JobsArgs>();
  CLI::App* jobs = app.add_subcommand("jobs", "Crawl jobs: add, list, show, run, pause, …");
  jobs->require_subcommand(1);
  auto with_data = [&](CLI::App* cmd) {
    cmd->add_option("--data", args->data, "Data directory (jobs/, collections/)");
    return cmd;
  };
  CLI::App* add = with_data(jobs->add_subcommand("add", "Add a job from a crawl config"));
  add->add_option("config", args->config, "Job config (YAML)")->required();
  add->add_option("--every", args->every, "Run every interval (30m, 6h, 1d, 1h30m)");
  add->add_option("--cron", args->cron, "Run on a 5-field cron schedule, in UTC");
  add->add_option("--collection", args->collection, "Collection to crawl into (default: name)");
  add->callback([=] { *exit_code = Add(*args); });
  with_data(jobs->add_subcommand("list", "List the jobs"))->callback([=] {
    *exit_code = List(*args);
  });
  CLI::App* show = with_data(jobs->add_subcommand("show", "A job and its runs"));
  show->add_option("id", args->id, "Job ID")->required();
  show->callback([=] { *exit_code = Show(*args); });
  CLI::App* run = with_data(jobs->add_subcommand("run", "Run a job now, in the foreground"));
  run->add_option("id", args->id, "Job ID")->required();
  run->callback([=] { *exit_code = Run(*args); });
  for (const char* verb : {"pause", "resume", "cancel", "rm"}) {
    const std::string name = verb;
    const char* help = name == "pause"    ? "Skip the job's scheduled runs"
                       : name == "resume" ? "Schedule a paused job again"
                       : name == "cancel" ? "Give up an interrupted run instead of continuing it"
                                          : "Remove a job (its archive is kept)";
    CLI::App* cmd = with_data(jobs->add_subcommand(name, help));
    cmd->add_option("id", args->id, "Job ID")->required();
    cmd->callback([=] { *exit_code = Change(name, *args); });
  }
}

}  // namespace warcrawl::cli
