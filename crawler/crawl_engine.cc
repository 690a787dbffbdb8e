#include "crawler/crawl_engine.h"

#include <filesystem>
#include <random>
#include <unordered_map>

#include "crawler/crawl_engine_impl.h"
#include "index/url.h"
#include "warc/http_message.h"

namespace warcrawl::crawler {
namespace {

namespace fs = std::filesystem;

std::string PathAndQuery(std::string_view url) {
  index::Url u;
  if (!index::ParseUrl(url, &u).ok()) return "/";
  std::string out = u.path.empty() ? "/" : u.path;
  if (u.query) out.append("?").append(*u.query);
  return out;
}

}  // namespace

Status CrawlEngine::Impl::Open(const std::string& data_dir, bool resume) {
  resume_ = resume;
  std::string frontier_dir = (fs::path(data_dir) / "crawls" / plan_.name / "frontier").string();
  std::error_code ec;
  if (!resume) fs::remove_all(frontier_dir, ec);
  if (ec) return Status::IOError("reset " + frontier_dir + ": " + ec.message());
  Status s;
  if (plan_.index != nullptr) {
    index_ = plan_.index;
  } else {
    std::unique_ptr<index::IndexDb> opened;
    s = index::IndexDb::Open((fs::path(data_dir) / "index").string(), &opened);
    index_ = std::move(opened);
  }
  if (s.ok()) s = Frontier::Open(frontier_dir, &frontier_);
  if (s.ok()) s = CrawlLog::Open((fs::path(data_dir) / "logs" / "crawl.log").string(), &log_);
  if (!s.ok()) return s;
  ArchiverOptions archive = plan_.archive;
  archive.writer.directory = (fs::path(data_dir) / "warcs").string();
  std::vector<Archiver*> stages;
  for (int i = 0; i < std::max(1, plan_.archivers); ++i) {
    archive.recover_open_files = i == 0;  // before any of this run's files exist
    archivers_.emplace_back();
    s = Archiver::Open(archive, index_.get(), &archivers_.back());
    if (!s.ok()) return s;
    stages.push_back(archivers_.back().get());
  }
  summary_.resumed_in_flight = frontier_->resumed_in_flight();
  summary_.recovered_warcs = archivers_.front()->recovered_files();
  fetcher_ = std::make_unique<Fetcher>([this](FetchResult&& r) { OnFetchDone(std::move(r)); });
  processor_ = std::make_unique<Processor>(std::move(stages), plan_.mining, index_.get(),
                                           [this] { fetcher_->Wake(); });
  for (int w = plan_.workers; w >= 1; --w) free_workers_.push_back(w);
  return resume && frontier_->counts().done + frontier_->counts().queued > 0 ? Status::OK()
                                                                             : AddSeeds();
}

Status CrawlEngine::Impl::AddSeeds() {
  for (const std::string& seed : plan_.seeds) {
    CrawlUrl url;
    url.url = seed;
    bool added = false;
    Status s = frontier_->Add(url, &added);
    if (!s.ok()) return Status::InvalidArgument("seed " + seed + ": " + s.ToString());
  }
  return Status::OK();
}

bool CrawlEngine::Impl::LimitReached(std::string* why) const {
  const CrawlProgress& t = summary_.totals;
  if (plan_.page_limit && t.pages >= plan_.page_limit)
    *why = "page limit";
  else if (plan_.size_limit && t.bytes >= plan_.size_limit)
    *why = "size limit";
  else if (plan_.time_limit.count() && Clock::now() - started_ >= plan_.time_limit)
    *why = "time limit";
  else
    return false;
  return true;
}

Status CrawlEngine::Impl::Run(CrawlSummary* summary,
                              const std::function<void(const CrawlProgress&)>& progress) {
  started_ = Clock::now();
  Clock::time_point next_progress = started_;
  bool aborted = false;
  for (;;) {
    DrainOutcomes();
    Clock::time_point now = Clock::now();
    std::string why;
    bool stopping = !fatal_.ok() || stop_requests_.load() > 0 || LimitReached(&why);
    if (stop_requests_.load() > 1 && !aborted) {
      fetcher_->AbortAll();  // they stay in flight in the frontier: --resume fetches them
      std::erase_if(pending_, [](const auto& entry) { return entry.second.fetching; });
      aborted = true;
    }
    if (!stopping) Schedule(now);
    bool idle = fetcher_->in_flight() == 0 && processor_->backlog() == 0 && pending_.empty();
    if (idle && (stopping || frontier_->counts().queued == 0)) {
      summary_.ended_because = !fatal_.ok()            ? "error"
                               : stop_requests_.load() ? "stopped"
                               : !why.empty()          ? why
                                                       : "frontier empty";
      break;
    }
    if (progress && now >= next_progress) {
      progress(Progress());
      next_progress = now + std::chrono::seconds(1);
    }
    Status s = fetcher_->Poll(Millis(50));
    if (!s.ok()) Fail(s);
  }
  processor_->Stop();
  DrainOutcomes();
  Status s = fatal_;
  for (auto& archiver : archivers_) {
    Status closed = archiver->Close();
    if (s.ok()) s = closed;
  }
  summary_.totals = Progress();
  *summary = summary_;
  return s;
}

CrawlProgress CrawlEngine::Impl::Progress() const {
  CrawlProgress p = summary_.totals;
  FrontierCounts c = frontier_->counts();
  p.done = c.done;
  p.failed = c.failed;
  p.queued = c.queued;
  p.in_flight = c.in_flight;
  p.elapsed = std::chrono::duration_cast<Millis>(Clock::now() - started_);
  return p;
}

void CrawlEngine::Impl::Schedule(Clock::time_point now) {
  // Copied: taking URLs edits the frontier's map.
  std::vector<std::string> origins;
  for (const auto& [origin, n] : frontier_->queued_by_origin()) origins.push_back(origin);
  for (const std::string& origin : origins) {
    if (free_workers_.empty()) return;
    // Backpressure: the processor must keep up, or bodies pile up in memory.
    if (processor_->backlog() > 2 * static_cast<size_t>(plan_.workers)) return;
    if (pacer_.NextSlot(now) > now) return;
    OriginState& st = origins_[origin];
    if (st.active >= plan_.politeness.connections_per_host || now < st.next_allowed) continue;
    ScheduleOrigin(origin, &st, now);
  }
}

bool CrawlEngine::Impl::ScheduleOrigin(const std::string& origin, OriginState* st,
                                       Clock::time_point now) {
  const int give_up = plan_.politeness.give_up_host_after;
  if (give_up > 0 && st->unanswered >= give_up) {
    // A dead host would hold the crawl for hours; a resumed crawl tries it again.
    FailQueuedUrls(origin, st->last_failure_status,
                   "err=host-given-up:" + std::to_string(st->unanswered) + "-unanswered");
    return false;
  }
  if (plan_.obey_robots) {
    if (st->robots_status == RobotsStatus::kReady && now >= st->robots_expires) {
      st->robots_status = RobotsStatus::kUnknown;  // cached copy expired
    }
    switch (st->robots_status) {
      case RobotsStatus::kUnknown:
      case RobotsStatus::kUnavailable:
        StartRobots(origin, st);
        return true;
      case RobotsStatus::kFetching:
        return false;
      case RobotsStatus::kGaveUp:
        FailQueuedUrls(origin, kStatusRobotsUnavailable, "robots-unavailable");
        return false;
      case RobotsStatus::kReady:
        break;
    }
  }
  CrawlUrl url;
  uint64_t ticket = 0;
  Status s = frontier_->Take(origin, &url, &ticket);
  if (s.IsNotFound()) return false;
  if (!s.ok()) {
    Fail(s);
    return false;
  }
  if (plan_.obey_robots && !st->robots.IsAllowed(PathAndQuery(url.url))) {
    size_t added = 0;
    s = frontier_->Finish(ticket, /*failed=*/false, {}, &added);
    if (!s.ok()) Fail(s);
    ++summary_.totals.robots_blocked;
    Log(url, nullptr, kStatusRobotsBlocked, 0, {"robots"});
    return true;
  }
  StartFetch(PendingFetch{ticket, origin, std::move(url), 0, false, nullptr});
  return true;
}

void CrawlEngine::Impl::StartRobots(const std::string& origin, OriginState* st) {
  st->robots_status = RobotsStatus::kFetching;
  CrawlUrl robots;
  if (st->robots_url.empty()) {
    robots.url = origin;  // built in two steps: GCC 12 misreports operator+ here (-Wrestrict)
    robots.url.append("/robots.txt");
  } else {
    robots.url = st->robots_url;
  }
  robots.kind = UrlKind::kRobots;
  robots.path.push_back('P');  // a prerequisite
  robots.redirects = st->robots_redirects;
  StartFetch(PendingFetch{0, origin, std::move(robots), 0, false, nullptr});
}

void CrawlEngine::Impl::StartFetch(PendingFetch pending) {
  OriginState& st = origins_[pending.origin];
  FetchRequest request;
  request.id = next_fetch_id_++;
  request.url = pending.url.url;
  request.user_agent = plan_.user_agent;
  request.accept_encoding = plan_.accept_encoding;
  request.verify_tls = plan_.verify_tls;
  request.limits = plan_.fetch;
  // robots.txt is always fetched whole: its rules must be parsed, not assumed.
  Revalidation revalidation;
  if (plan_.conditional_requests && pending.url.kind != UrlKind::kRobots &&
      FindRevalidation(*index_, pending.url.url, &revalidation)) {
    request.extra_headers = revalidation.RequestHeaders();
    pending.revalidation = std::make_shared<const Revalidation>(std::move(revalidation));
  }
  if (!free_workers_.empty()) {
    pending.worker = free_workers_.back();
    free_workers_.pop_back();
  }
  Status s = fetcher_->Start(request);
  if (!s.ok()) {
    // Not fetchable at all (the fetcher refused the URL): end it as failed.
    FetchResult failed;
    failed.id = request.id;
    failed.url = request.url;
    failed.error = s;
    failed.failure = FetchFailure::kOther;
    pending_.emplace(request.id, std::move(pending));
    ++st.active;
    OnFetchDone(std::move(failed));
    return;
  }
  ++st.active;
  pacer_.Consume(Clock::now());
  pending.fetching = true;
  pending_.emplace(request.id, std::move(pending));
}

Clock::duration CrawlEngine::Impl::Backoff(OriginState* st, std::optional<Millis> retry_after) {
  std::uniform_real_distribution<double> jitter(0.5, 1.5);
  return BackoffDelay(plan_.politeness, ++st->failures, retry_after, jitter(jitter_rng_));
}

void CrawlEngine::Impl::OnFetchDone(FetchResult&& result) {
  auto it = pending_.find(result.id);
  if (it == pending_.end()) return;
  PendingFetch& pending = it->second;
  pending.fetching = false;
  OriginState& st = origins_[pending.origin];
  --st.active;
  free_workers_.push_back(pending.worker);
  // Politeness counts from the end of this response to the start of the next request.
  Clock::time_point now = Clock::now();
  std::optional<double> crawl_delay =
      st.robots_status == RobotsStatus::kReady ? st.robots.CrawlDelay() : std::nullopt;
  Clock::time_point next = now + DelayAfterResponse(plan_.politeness, result.duration, crawl_delay);
  if (!result.has_response() || IsServerTrouble(result.status_code)) {
    std::optional<Millis> retry_after;
    if (result.status_code == 429 || result.status_code == 503) {
      warc::HttpHead head;
      if (warc::ParseHttpHead(result.response_head, &head).ok()) {
        if (auto value = head.headers.Get("Retry-After")) {
          retry_after = ParseRetryAfter(*value, std::chrono::system_clock::now());
        }
      }
    }
    next = std::max(next, now + Backoff(&st, retry_after));
    st.unanswered = result.has_response() ? 0 : st.unanswered + 1;
    st.last_failure_status =
        result.has_response() ? result.status_code : StatusForFailure(result.failure);
  } else {
    st.failures = 0;
    st.unanswered = 0;
  }
  st.next_allowed = std::max(st.next_allowed, next);
  processor_->Submit(ProcessJob{result.id, pending.url, std::move(result), pending.revalidation});
}

void CrawlEngine::Impl::DrainOutcomes() {
  ProcessOutcome outcome;
  while (processor_->TakeOutcome(&outcome)) {
    auto it = pending_.find(outcome.ticket);
    if (it == pending_.end()) continue;  // abandoned by a forced stop
    PendingFetch pending = std::move(it->second);
    pending_.erase(it);
    HandleOutcome(std::move(pending), outcome);
  }
}

}  // namespace warcrawl::crawler

namespace warcrawl::crawler {

CrawlEngine::CrawlEngine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CrawlEngine::~CrawlEngine() = default;

Status CrawlEngine::Open(CrawlPlan plan, const std::string& data_dir, bool resume,
                         std::unique_ptr<CrawlEngine>* engine) {
  if (plan.workers < 1) return Status::InvalidArgument("workers must be at least 1");
  if (plan.user_agent.empty()) return Status::InvalidArgument("a crawl must identify itself");
  auto impl = std::make_unique<Impl>(std::move(plan));
  Status s = impl->Open(data_dir, resume);
  if (!s.ok()) return s;
  *engine = std::unique_ptr<CrawlEngine>(new CrawlEngine(std::move(impl)));
  return Status::OK();
}

Status CrawlEngine::Run(CrawlSummary* summary,
                        const std::function<void(const CrawlProgress&)>& progress) {
  return impl_->Run(summary, progress);
}

void CrawlEngine::RequestStop() { impl_->RequestStop(); }

}  // namespace warcrawl::crawler
