// The jobs API and pages of `warcrawl serve`, beside replay on the same origin:
//   GET  /api/jobs                 every job, with its state and last run (JSON)
//   GET  /api/jobs/{id}            one job and all its runs
//   POST /api/jobs                 add a job: the YAML config as the body, with ?every=6h,
//                                  ?cron=…, ?collection=… (or a JSON body {"config": …,
//                                  "every"/"cron"/"collection": …})
//   POST /api/jobs/{id}/run|pause|resume|cancel
//   GET  /jobs                     the jobs and their runs, as a page
// POSTs need "Authorization: Bearer TOKEN" (api_token.h): a wrong or missing token is 401
// and changes nothing; a config that does not load is 400 naming its line and key.
//
// Thread-safety: Handle may run on many threads at once.
#ifndef WARCRAWL_JOBS_JOBS_API_H_
#define WARCRAWL_JOBS_JOBS_API_H_

#include <string>

#include "jobs/job_store.h"
#include "jobs/scheduler.h"
#include "replay/replay_service.h"

namespace warcrawl::jobs {

class JobsApi {
 public:
  JobsApi(JobStore* store, Scheduler* scheduler, std::string token, std::string version)
      : store_(store),
        scheduler_(scheduler),
        token_(std::move(token)),
        version_(std::move(version)) {}

  // Answers /api/… and /jobs; false for every other path (replay's).
  bool Handle(const replay::ReplayRequest& request, replay::ReplayReply* reply) const;

 private:
  replay::ReplayReply Get(const std::string& path) const;
  replay::ReplayReply Post(const std::string& path, const replay::ReplayRequest& request) const;
  replay::ReplayReply AddJob(const replay::ReplayRequest& request) const;
  replay::ReplayReply JobsPage() const;

  JobStore* store_;
  Scheduler* scheduler_;
  const std::string token_;
  const std::string version_;
};

}  // namespace warcrawl::jobs

#endif  // WARCRAWL_JOBS_JOBS_API_H_
