#include "jobs/job.h"

#include <nlohmann/json.hpp>

namespace warcrawl::jobs {
namespace {

using nlohmann::json;

int64_t Micros(warc::TimePoint t) { return t.time_since_epoch().count(); }
warc::TimePoint FromMicros(int64_t us) { return warc::TimePoint(std::chrono::microseconds(us)); }

bool ParseState(std::string_view name, JobState* state) {
  for (JobState s : {JobState::kScheduled, JobState::kRunning, JobState::kPaused}) {
    if (JobStateName(s) == name) {
      *state = s;
      return true;
    }
  }
  return false;
}

// Parses `text` and hands the object to `fill`; any JSON or type error is Corruption.
template <typename Fill>
Status DecodeObject(std::string_view text, std::string_view what, Fill fill) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return Status::Corruption(std::string(what) + ": not a JSON object");
  }
  try {
    return fill(j);
  } catch (const json::exception& e) {
    return Status::Corruption(std::string(what) + ": " + e.what());
  }
}

}  // namespace

std::string_view JobStateName(JobState state) {
  switch (state) {
    case JobState::kScheduled:
      return "scheduled";
    case JobState::kRunning:
      return "running";
    case JobState::kPaused:
      return "paused";
  }
  return "scheduled";
}

std::string EncodeJob(const Job& job) {
  json j = {{"id", job.id},
            {"name", job.name},
            {"collection", job.collection},
            {"config", job.config_yaml},
            {"configSource", job.config_source},
            {"schedule", job.schedule},
            {"state", JobStateName(job.state)},
            {"created", Micros(job.created)},
            {"nextRun", Micros(job.next_run)},
            {"runs", job.runs},
            {"resumePending", job.resume_pending}};
  return j.dump();
}

Status DecodeJob(std::string_view text, Job* job) {
  return DecodeObject(text, "job", [&](const json& j) {
    Job out;
    out.id = j.at("id").get<std::string>();
    out.name = j.at("name").get<std::string>();
    out.collection = j.at("collection").get<std::string>();
    out.config_yaml = j.at("config").get<std::string>();
    out.config_source = j.value("configSource", "");
    out.schedule = j.value("schedule", "");
    if (!ParseState(j.at("state").get<std::string>(), &out.state)) {
      return Status::Corruption("job " + out.id + ": unknown state");
    }
    out.created = FromMicros(j.at("created").get<int64_t>());
    out.next_run = FromMicros(j.value("nextRun", int64_t{0}));
    out.runs = j.value("runs", uint64_t{0});
    out.resume_pending = j.value("resumePending", false);
    *job = std::move(out);
    return Status::OK();
  });
}

std::string EncodeRun(const JobRun& run) {
  json j = {{"number", run.number},
            {"started", Micros(run.started)},
            {"finished", Micros(run.finished)},
            {"outcome", run.outcome},
            {"pages", run.pages},
            {"bytes", run.bytes},
            {"newCaptures", run.new_captures},
            {"unchangedCaptures", run.unchanged_captures},
            {"failed", run.failed}};
  return j.dump();
}

Status DecodeRun(std::string_view text, JobRun* run) {
  return DecodeObject(text, "run", [&](const json& j) {
    JobRun out;
    out.number = j.at("number").get<uint64_t>();
    out.started = FromMicros(j.at("started").get<int64_t>());
    out.finished = FromMicros(j.value("finished", int64_t{0}));
    out.outcome = j.value("outcome", "");
    out.pages = j.value("pages", uint64_t{0});
    out.bytes = j.value("bytes", uint64_t{0});
    out.new_captures = j.value("newCaptures", uint64_t{0});
    out.unchanged_captures = j.value("unchangedCaptures", uint64_t{0});
    out.failed = j.value("failed", uint64_t{0});
    *run = out;
    return Status::OK();
  });
}

}  // namespace warcrawl::jobs
