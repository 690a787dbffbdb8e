#include "crawler/politeness.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <string>

namespace warcrawl::crawler {
namespace {

std::optional<std::chrono::system_clock::time_point> ParseHttpDate(std::string_view text) {
  // IMF-fixdate, the only form senders may generate: "Sun, 06 Nov 1994 08:49:37 GMT".
  std::tm tm{};
  std::string s(text);
  const char* end = strptime(s.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  time_t t = timegm(&tm);
  if (t == -1) return std::nullopt;
  return std::chrono::system_clock::from_time_t(t);
}

}  // namespace

Millis DelayAfterResponse(const PolitenessPolicy& policy, Millis response_time,
                          std::optional<double> crawl_delay_seconds) {
  auto adaptive = Millis(static_cast<int64_t>(policy.delay_factor * response_time.count()));
  Millis delay =
      std::clamp(adaptive, policy.min_delay, std::max(policy.min_delay, policy.max_delay));
  if (crawl_delay_seconds && *crawl_delay_seconds > 0) {
    auto asked = Millis(static_cast<int64_t>(std::min(*crawl_delay_seconds, 1e7) * 1000));
    delay = std::max(delay, std::min(asked, policy.max_crawl_delay));
  }
  return delay;
}

Millis BackoffDelay(const PolitenessPolicy& policy, int failures, std::optional<Millis> retry_after,
                    double jitter) {
  if (retry_after) return std::clamp(*retry_after, Millis(0), policy.max_retry_after);
  int doublings = std::clamp(failures - 1, 0, 30);
  double base = static_cast<double>(policy.retry_backoff.count()) * std::ldexp(1.0, doublings);
  base = std::min(base, static_cast<double>(policy.max_backoff.count()));
  return Millis(static_cast<int64_t>(base * std::clamp(jitter, 0.5, 1.5)));
}

std::optional<Millis> ParseRetryAfter(std::string_view value,
                                      std::chrono::system_clock::time_point now) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (value.size() > 9) return Millis(999'999'999'000);  // absurd: the cap will apply
    return Millis(std::stoll(std::string(value)) * 1000);
  }
  auto date = ParseHttpDate(value);
  if (!date) return std::nullopt;
  if (*date <= now) return Millis(0);
  return std::chrono::duration_cast<Millis>(*date - now);
}

RatePacer::Clock::time_point RatePacer::NextSlot(Clock::time_point now) const {
  if (per_second_ <= 0) return now;
  return std::max(now, next_);
}

void RatePacer::Consume(Clock::time_point now) {
  if (per_second_ <= 0) return;
  auto interval =
      std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / per_second_));
  next_ = std::max(now, next_) + interval;
}

}  // namespace warcrawl::crawler
