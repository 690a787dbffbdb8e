#include "replay/capture_selection.h"

#include <algorithm>
#include <cstdlib>

#include "index/cdx_query.h"
#include "index/timestamp.h"
#include "index/url.h"
#include "warc/text_util.h"

namespace warcrawl::replay {
namespace {

bool Replays(const index::CaptureEntry& c) {
  return c.record_type == warc::RecordType::kResponse ||
         c.record_type == warc::RecordType::kRevisit ||
         c.record_type == warc::RecordType::kResource;
}

// The URL with what a self-redirect changes taken away: scheme, "www.", a trailing slash.
std::string LooseForm(std::string_view url) {
  index::Url parsed;
  if (!index::ParseUrl(url, &parsed).ok() || !index::NormalizeUrl(&parsed).ok() || !parsed.host) {
    return std::string(url);
  }
  std::string host = *parsed.host;
  if (host.starts_with("www.")) host.erase(0, 4);
  std::string path = parsed.path;
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  if (path == "/") path.clear();
  std::string loose = host;
  if (parsed.port != -1 && parsed.port != index::DefaultPort(parsed.scheme)) {
    loose += ':';
    loose += std::to_string(parsed.port);
  }
  loose += path;
  if (parsed.query) {
    loose += '?';
    loose += *parsed.query;
  }
  return loose;
}

}  // namespace

Status CapturesOf(const index::IndexDb& db, std::string_view url,
                  std::vector<index::CaptureEntry>* captures) {
  captures->clear();
  index::CdxQuery query;
  query.url = std::string(url);
  query.literal_url = true;
  return index::RunCdxQuery(db, query, [&](const index::CaptureEntry& c) {
    if (Replays(c)) captures->push_back(c);
    return captures->size() < kMaxCapturesPerUrl;
  });
}

std::vector<size_t> NearestFirst(const std::vector<index::CaptureEntry>& captures,
                                 std::string_view timestamp) {
  std::vector<size_t> order(captures.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::string padded;
  if (timestamp.empty() || !index::PadTimestamp(timestamp, index::Bound::kLower, &padded).ok()) {
    std::reverse(order.begin(), order.end());
    return order;
  }
  const int64_t target = index::TimestampSeconds(padded);
  std::vector<int64_t> distance(captures.size());
  for (size_t i = 0; i < captures.size(); ++i) {
    distance[i] = std::llabs(index::TimestampSeconds(captures[i].timestamp) - target);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return distance[a] < distance[b]; });
  return order;
}

bool IsSelfRedirect(const index::CaptureEntry& capture, std::string_view requested_url) {
  if (capture.status < 300 || capture.status > 399 || capture.redirect.empty()) return false;
  index::Url base, target;
  if (!index::ParseUrl(capture.url, &base).ok() ||
      !index::ResolveUrl(base, capture.redirect, &target).ok()) {
    return false;
  }
  return LooseForm(target.ToString()) == LooseForm(requested_url);
}

}  // namespace warcrawl::replay
