#include "jobs/jobs_api.h"

#include <nlohmann/json.hpp>

#include "crawler/config_loader.h"
#include "jobs/api_token.h"
#include "jobs/new_job.h"
#include "jobs/schedule.h"
#include "replay/archive_url.h"
#include "replay/replay_route.h"
#include "replay/replies.h"

namespace warcrawl::jobs {
namespace {

using nlohmann::json;
using replay::ReplayReply;
using replay::ReplayRequest;

std::string Iso(warc::TimePoint t) {
  return t == warc::TimePoint{} ? "" : warc::FormatWarcDate(t, false);
}

ReplayReply JsonReply(int status, const json& body) {
  ReplayReply reply;
  reply.status = status;
  reply.headers.emplace_back("Content-Type", "application/json");
  reply.headers.emplace_back("Cache-Control", "no-store");
  reply.body = body.dump(2) + "\n";
  return reply;
}

ReplayReply Error(int status, const std::string& message) {
  ReplayReply reply = JsonReply(status, {{"error", message}});
  if (status == 401) reply.headers.emplace_back("WWW-Authenticate", "Bearer");
  return reply;
}

int HttpStatusFor(const Status& s) {
  if (s.IsNotFound()) return 404;
  if (s.IsInvalidArgument()) return 400;
  return 500;
}

std::string Describe(const std::string& schedule_text) {
  Schedule schedule;
  if (schedule_text.empty()) return "";
  return ParseSchedule(schedule_text, &schedule).ok() ? jobs::Describe(schedule) : schedule_text;
}

json RunJson(const JobRun& r) {
  return {{"number", r.number},
          {"started", Iso(r.started)},
          {"finished", Iso(r.finished)},
          {"outcome", r.outcome},
          {"pages", r.pages},
          {"bytes", r.bytes},
          {"newCaptures", r.new_captures},
          {"unchangedCaptures", r.unchanged_captures},
          {"errors", r.failed}};
}

json JobJson(const Job& job, bool running, const std::vector<JobRun>& runs, bool all_runs) {
  json j = {{"id", job.id},
            {"name", job.name},
            {"collection", job.collection},
            {"schedule", Describe(job.schedule)},
            {"state", JobStateName(job.state)},
            {"running", running},
            {"resumePending", job.resume_pending},
            {"created", Iso(job.created)},
            {"nextRun", job.schedule.empty() ? "" : Iso(job.next_run)},
            {"runs", job.runs}};
  if (!runs.empty()) j["lastRun"] = RunJson(runs.back());
  if (all_runs) {
    j["runHistory"] = json::array();
    for (const JobRun& r : runs) j["runHistory"].push_back(RunJson(r));
  }
  return j;
}

std::string FirstSeed(const Job& job) {
  crawler::CrawlConfig config;
  if (!crawler::ParseCrawlConfig(job.config_yaml, "job " + job.id, &config).ok() ||
      config.seeds.empty()) {
    return "";
  }
  return config.seeds.front();
}

}  // namespace

bool JobsApi::Handle(const ReplayRequest& request, ReplayReply* reply) const {
  const std::string& target = request.target;
  const std::string path = target.substr(0, target.find('?'));
  if (path != "/jobs" && path != "/api/jobs" && !path.starts_with("/api/jobs/")) return false;
  if (request.method == "GET" || request.method == "HEAD") {
    *reply = path == "/jobs" ? JobsPage() : Get(path);
  } else if (request.method == "POST" && path != "/jobs") {
    *reply = BearerMatches(request.authorization, token_)
                 ? Post(path, request)
                 : Error(401,
                         "a valid \"Authorization: Bearer TOKEN\" is required (the token "
                         "is in the data directory's api-token file)");
  } else {
    *reply = Error(405, "use GET, or POST with the API token");
    reply->headers.emplace_back("Allow", "GET, POST");
  }
  return true;
}

ReplayReply JobsApi::Get(const std::string& path) const {
  if (path == "/api/jobs") {
    std::vector<Job> jobs;
    if (Status s = store_->List(&jobs); !s.ok()) return Error(500, s.ToString());
    json list = json::array();
    for (const Job& job : jobs) {
      std::vector<JobRun> runs;
      (void)store_->Runs(job.id, &runs);  // a job is listed even if its runs cannot be read
      list.push_back(JobJson(job, scheduler_->IsRunning(job.id), runs, false));
    }
    return JsonReply(200, {{"jobs", list}});
  }
  const std::string id = path.substr(std::string_view("/api/jobs/").size());
  Job job;
  std::vector<JobRun> runs;
  Status s = store_->Get(id, &job);
  if (s.ok()) s = store_->Runs(id, &runs);
  if (!s.ok()) return Error(HttpStatusFor(s), s.message());
  return JsonReply(200, JobJson(job, scheduler_->IsRunning(id), runs, true));
}

ReplayReply JobsApi::Post(const std::string& path, const ReplayRequest& request) const {
  if (path == "/api/jobs") return AddJob(request);
  const std::string rest = path.substr(std::string_view("/api/jobs/").size());
  const size_t slash = rest.find('/');
  if (slash == std::string::npos) return Error(404, "POST /api/jobs/ID/run|pause|resume|cancel");
  const std::string id = rest.substr(0, slash), verb = rest.substr(slash + 1);
  Status s;
  if (verb == "run") {
    s = scheduler_->RunNow(id);
  } else if (verb == "pause") {
    s = scheduler_->Pause(id);
  } else if (verb == "resume") {
    s = scheduler_->Resume(id);
  } else if (verb == "cancel") {
    s = scheduler_->Cancel(id);
  } else {
    return Error(404, "unknown action \"" + verb + "\": use run, pause, resume or cancel");
  }
  if (!s.ok()) return Error(HttpStatusFor(s), s.message());
  Job job;
  std::vector<JobRun> runs;
  if (s = store_->Get(id, &job); s.ok()) s = store_->Runs(id, &runs);
  if (!s.ok()) return Error(HttpStatusFor(s), s.message());
  return JsonReply(202, JobJson(job, scheduler_->IsRunning(id), runs, false));
}

ReplayReply JobsApi::AddJob(const ReplayRequest& request) const {
  JobSpec spec;
  std::string yaml = request.body;
  const size_t q = request.target.find('?');
  if (q != std::string::npos) {
    for (const auto& [name, value] :
         replay::ParseQueryParams(std::string_view(request.target).substr(q + 1))) {
      if (name == "every") spec.every = value;
      if (name == "cron") spec.cron = value;
      if (name == "collection") spec.collection = value;
    }
  }
  if (request.content_type.starts_with("application/json")) {
    json body = json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object() || !body.contains("config") ||
        !body["config"].is_string()) {
      return Error(400, "a JSON body must be an object with a \"config\" string (the YAML)");
    }
    yaml = body["config"].get<std::string>();
    spec.every = body.value("every", spec.every);
    spec.cron = body.value("cron", spec.cron);
    spec.collection = body.value("collection", spec.collection);
  }
  Job job;
  Status s = NewJob(yaml, "api", spec, version_, warc::NowMicros(), &job);
  if (s.ok()) s = store_->Add(&job);
  if (!s.ok()) return Error(HttpStatusFor(s), s.message());
  return JsonReply(201, JobJson(job, false, {}, false));
}

ReplayReply JobsApi::JobsPage() const {
  std::vector<Job> jobs;
  if (Status s = store_->List(&jobs); !s.ok()) {
    return replay::ErrorReply(500, "The job store cannot be read", s.ToString());
  }
  std::string body = "<h1>Crawl jobs</h1>\n";
  if (jobs.empty()) body += "<p>No jobs yet: <code>warcrawl jobs add CONFIG.yaml</code>.</p>\n";
  for (const Job& job : jobs) {
    std::vector<JobRun> runs;
    (void)store_->Runs(job.id, &runs);
    const bool running = scheduler_->IsRunning(job.id);
    body += "<section class=\"host\"><h2>" + replay::EscapeHtml(job.id + ". " + job.name) +
            "</h2>\n<p>" + (running ? "<b>running</b>" : std::string(JobStateName(job.state))) +
            " · collection <a href=\"/" + replay::EscapeHtml(job.collection) + "/\">" +
            replay::EscapeHtml(job.collection) + "</a> · " +
            replay::EscapeHtml(job.schedule.empty() ? "on demand" : Describe(job.schedule)) +
            (job.schedule.empty() ? "" : " · next run " + replay::EscapeHtml(Iso(job.next_run))) +
            "</p>\n<table class=\"captures\"><thead><tr><th>Run</th><th>Started</th>"
            "<th>Outcome</th><th>Pages</th><th>New/changed</th><th>Unchanged</th>"
            "<th>Errors</th></tr></thead><tbody>\n";
    const std::string seed = FirstSeed(job);
    for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
      const std::string ts = warc::FormatTimestamp14(it->started);
      // The seed as this run captured it (the seed is fetched first, so its capture is the
      // one nearest the run's start); the collection page without a seed.
      const std::string href = seed.empty() ? replay::CollectionPath(job.collection)
                                            : replay::ArchiveUrl(job.collection, ts, "", seed);
      body += "<tr><td><a href=\"" + replay::SafeHref(href) + "\">#" + std::to_string(it->number) +
              "</a></td><td>" + replay::DisplayTimestamp(ts) + "</td><td>" +
              replay::EscapeHtml(it->outcome) + "</td><td>" + std::to_string(it->pages) +
              "</td><td>" + std::to_string(it->new_captures) + "</td><td>" +
              std::to_string(it->unchanged_captures) + "</td><td>" + std::to_string(it->failed) +
              "</td></tr>\n";
    }
    body += "</tbody></table></section>\n";
  }
  return replay::HtmlPageReply("Crawl jobs", body);
}

}  // namespace warcrawl::jobs
