// What a processed fetch changes: the frontier (done, retried, or the URLs it led to),
// the origin's robots rules, the crawl log and the totals.
#include <algorithm>

#include "crawler/blog_pages.h"
#include "crawler/crawl_engine_impl.h"

namespace warcrawl::crawler {
namespace {

// Network trouble and server trouble are retried; a URL the fetcher refused is not.
bool Retryable(const FetchResult& fetch) {
  return fetch.has_response() ? IsServerTrouble(fetch.status_code)
                              : fetch.failure != FetchFailure::kOther;
}

bool Failed(const FetchResult& fetch) {
  return !fetch.has_response() || IsServerTrouble(fetch.status_code);
}

// Why an attempt failed, on its crawl.log line whether retried or final: the transfer's
// error or the server's refusal (the status column cannot tell which timeout it was).
std::string FailureReason(const FetchResult& fetch) {
  if (!fetch.has_response()) return "err=" + fetch.error.ToString();
  return "err=http-" + std::to_string(fetch.status_code);
}

}  // namespace

void CrawlEngine::Impl::HandleOutcome(PendingFetch pending, const ProcessOutcome& outcome) {
  if (!outcome.archive_status.ok()) {
    // The URL stays in flight in the frontier: a resumed crawl fetches it again.
    Fail(outcome.archive_status);
    return;
  }
  if (pending.ticket == 0) return HandleRobotsOutcome(pending, outcome);
  const FetchResult& fetch = outcome.fetch;
  CrawlUrl& url = pending.url;
  std::vector<std::string> notes;
  if (url.attempts > 0) notes.push_back(std::to_string(url.attempts + 1) + "t");
  if (Retryable(fetch) && url.attempts < plan_.politeness.max_retries) {
    url.attempts++;
    notes.emplace_back("retry");
    notes.push_back(FailureReason(fetch));
    Status s = frontier_->Requeue(pending.ticket, url);
    if (!s.ok()) Fail(s);
    Log(url, &outcome, fetch.has_response() ? fetch.status_code : StatusForFailure(fetch.failure),
        pending.worker, notes);
    return;
  }
  std::vector<CrawlUrl> next = Admit(url, outcome.page.links);
  size_t added = 0;
  Status s = frontier_->Finish(pending.ticket, !fetch.has_response(), next, &added);
  if (!s.ok()) Fail(s);
  if (fetch.has_response()) {
    if (url.kind == UrlKind::kPage) ++summary_.totals.pages;
    summary_.totals.bytes += outcome.archived.bytes;
    if (outcome.archived.revisit) {
      ++summary_.totals.revisits;
      // Heritrix's own annotation for a 304 revisit.
      notes.emplace_back(outcome.archived.not_modified ? "warcRevisit:notModified"
                                                       : "duplicate:digest");
    }
    if (!fetch.truncated.empty())
      notes.emplace_back(fetch.truncated == "length" ? "lenTrunc"
                         : fetch.truncated == "time" ? "timeTrunc"
                                                     : "midFetchTrunc");
  }
  if (Failed(fetch)) notes.push_back(FailureReason(fetch));
  if (!outcome.page.problem.empty()) notes.push_back("mining: " + outcome.page.problem);
  int status = fetch.has_response() ? fetch.status_code : StatusForFailure(fetch.failure);
  Log(url, &outcome, status, pending.worker, notes);
}

void CrawlEngine::Impl::HandleRobotsOutcome(const PendingFetch& pending,
                                            const ProcessOutcome& outcome) {
  OriginState& st = origins_[pending.origin];
  const FetchResult& fetch = outcome.fetch;
  int status = fetch.has_response() ? fetch.status_code : StatusForFailure(fetch.failure);
  std::vector<std::string> notes = {"robots.txt"};
  if (Failed(fetch)) notes.push_back(FailureReason(fetch));
  Log(pending.url, &outcome, status, pending.worker, std::move(notes));
  if (Failed(fetch)) {
    // RFC 9309 §2.3.1.3-4: unreachable or 5xx means "disallow everything", retried later.
    st.robots_status = ++st.robots_attempts > plan_.politeness.max_retries
                           ? RobotsStatus::kGaveUp
                           : RobotsStatus::kUnavailable;
    return;
  }
  st.robots_attempts = 0;
  if (fetch.status_code >= 300 && fetch.status_code < 400 && !outcome.page.links.empty() &&
      pending.url.redirects < kRobotsMaxRedirects) {
    st.robots_url = outcome.page.links.front().url;  // fetched when politeness allows
    st.robots_redirects = pending.url.redirects + 1;
    st.robots_status = RobotsStatus::kUnknown;
    return;
  }
  st.robots_url.clear();
  st.robots_redirects = 0;
  st.robots = outcome.page.robots.value_or(Robots());  // 3xx past the limit, 4xx: allow all
  st.robots_status = RobotsStatus::kReady;
  // The delay after the robots.txt fetch itself was set before its Crawl-delay was known.
  st.next_allowed = std::max(
      st.next_allowed,
      Clock::now() + DelayAfterResponse(plan_.politeness, fetch.duration, st.robots.CrawlDelay()));
  st.robots_expires = Clock::now() + plan_.robots_ttl;
  std::vector<Discovery> sitemaps = outcome.page.links;
  if (fetch.status_code >= 300 && fetch.status_code < 400) sitemaps.clear();
  if (plan_.mining.follow_sitemaps && plan_.probe_sitemaps && sitemaps.empty() &&
      !st.sitemaps_probed) {
    for (const char* path : {"/sitemap.xml", "/wp-sitemap.xml"}) {
      sitemaps.push_back(Discovery{pending.origin + path, 'M', UrlKind::kSitemap, false, "probe"});
    }
  }
  st.sitemaps_probed = true;
  for (const CrawlUrl& url : Admit(pending.url, sitemaps)) {
    bool added = false;
    Status s = frontier_->Add(url, &added);
    if (!s.ok() && !s.IsInvalidArgument()) Fail(s);
  }
}

void CrawlEngine::Impl::FailQueuedUrls(const std::string& origin, int status,
                                       std::string_view why) {
  CrawlUrl url;
  uint64_t ticket = 0;
  while (frontier_->Take(origin, &url, &ticket).ok()) {
    size_t added = 0;
    Status s = frontier_->Finish(ticket, /*failed=*/true, {}, &added);
    if (!s.ok()) return Fail(s);
    Log(url, nullptr, status, 0, {std::string(why)});
  }
}

bool CrawlEngine::Impl::AlreadyDecided(const std::string& written) const {
  auto it = known_.find(written);
  return (it != known_.end() && it->second) || known_as_written_.contains(written);
}

void CrawlEngine::Impl::Decided(const std::string& key, const std::string& written) {
  bool& written_as_key = known_[key];
  if (written == key) {
    written_as_key = true;
  } else {
    known_as_written_.insert(written);
  }
}

std::vector<CrawlUrl> CrawlEngine::Impl::Admit(const CrawlUrl& parent,
                                               const std::vector<Discovery>& found) {
  constexpr size_t kKnownCap = 1 << 19;  // ~50 MB of keys at most; then start over
  if (known_.size() + known_as_written_.size() > kKnownCap) {
    known_.clear();
    known_as_written_.clear();
  }
  std::vector<CrawlUrl> out;
  std::string key, origin;
  for (const Discovery& d : found) {
    if (AlreadyDecided(d.url)) continue;
    if (!CanonicalizeForFrontier(d.url, &key, &origin).ok()) continue;
    if (known_.contains(key) || frontier_->Seen(key)) {
      Decided(key, d.url);
      continue;
    }
    CrawlUrl next;
    next.url = d.url;
    next.via = parent.url;
    next.path = parent.path + d.hop;
    next.kind = d.kind;
    // Comment pages stay at their post's depth: a depth limit must never cut a thread.
    next.depth = d.hop == 'L' && !d.comment_page ? parent.depth + 1 : parent.depth;
    next.priority = d.comment_page || d.hop == 'E' || d.hop == 'R' ? 0 : 1;
    next.redirects = d.hop == 'R' ? parent.redirects + 1 : 0;
    std::string reason;
    if (next.redirects > plan_.max_redirects) {
      reason = "redirect chain too long";
    } else if (plan_.gate && !plan_.gate(d, parent, &next, &reason)) {
      if (reason.empty()) reason = "rejected";
    }
    if (!reason.empty()) {
      ++summary_.rejected[reason];
      if (reason.starts_with("trap ")) Decided(key, d.url);  // a trap whatever links to it
      continue;
    }
    Decided(key, d.url);
    out.push_back(std::move(next));
  }
  return out;
}

void CrawlEngine::Impl::Log(const CrawlUrl& url, const ProcessOutcome* outcome, int status,
                            int worker, std::vector<std::string> annotations) {
  CrawlLogEntry e;
  e.logged = warc::NowMicros();
  e.status = status;
  e.url = url.url;
  e.path = url.path;
  e.via = url.via;
  e.worker = worker;
  e.annotations = std::move(annotations);
  if (outcome != nullptr) {
    e.fetch_began = outcome->fetch.started;
    e.duration_ms = outcome->fetch.duration.count();
    if (outcome->fetch.has_response()) e.size = static_cast<int64_t>(outcome->response_size);
    e.mime = outcome->page.mime;
    e.digest = outcome->archived.payload_digest;
  }
  Status s = log_->Append(e);
  if (!s.ok()) Fail(s);
}

}  // namespace warcrawl::crawler
