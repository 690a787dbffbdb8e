#include "replay/archived_page.h"

#include <algorithm>

#include "index/url.h"
#include "replay/archive_url.h"
#include "replay/banner.h"
#include "replay/capture_loader.h"
#include "replay/capture_selection.h"
#include "replay/memento.h"
#include "replay/replay_body.h"
#include "replay/replies.h"

namespace warcrawl::replay {
namespace {

// How many captures are tried when the nearest ones cannot be read (a damaged or missing
// WARC): the next nearest is as good an answer as pywb's fallback gives.
constexpr size_t kMaxAttempts = 8;

bool IsPageModifier(std::string_view modifier) {
  return modifier.empty() || modifier == kModPageNoBanner;
}

// The archived 3xx's target, as an archive URL at the same time and for the same use.
std::string ArchivedLocation(const Collection& collection, const ReplayRoute& route,
                             const ArchivedResponse& response) {
  auto location = response.headers.Get("Location");
  if (!location) return "";
  index::Url base, target;
  if (!index::ParseUrl(response.capture.url, &base).ok() ||
      !index::ResolveUrl(base, *location, &target).ok()) {
    return "";
  }
  return ArchiveUrl(collection.name(), response.capture.timestamp, route.modifier,
                    target.ToString());
}

void AddMementoHeaders(const Collection& collection, const ReplayRequest& request,
                       const std::vector<index::CaptureEntry>& captures, size_t current,
                       ReplayReply* reply) {
  const index::CaptureEntry& c = captures[current];
  reply->headers.emplace_back("Memento-Datetime", HttpDateFromTimestamp(c.timestamp));
  reply->headers.emplace_back(
      "Link", MementoLinkHeader(request.origin, collection.name(), c.url, captures, current));
}

ReplayReply BuildReply(const Collection& collection, const ReplayRoute& route,
                       const ReplayRequest& request,
                       const std::vector<index::CaptureEntry>& captures, size_t current,
                       ArchivedResponse* response) {
  ReplayReply reply;
  reply.status = response->status > 0 ? response->status : 200;
  reply.headers = ReplayHeaders(response->headers);
  for (auto& header : ReplaySafetyHeaders()) reply.headers.push_back(std::move(header));
  AddMementoHeaders(collection, request, captures, current, &reply);
  if (response->truncated) reply.headers.emplace_back("X-Archive-Truncated", "true");
  if (reply.status >= 300 && reply.status <= 399 && route.modifier != kModIdentity) {
    std::string location = ArchivedLocation(collection, route, *response);
    if (!location.empty()) reply.headers.emplace_back("Location", location);
  }
  BodyContext context;
  context.collection = collection.name();
  context.timestamp = response->capture.timestamp;
  context.modifier = route.modifier;
  context.accept_encoding = request.accept_encoding;
  if (route.modifier.empty()) {
    context.head_insert = std::string(kBannerHeadInsert);
    context.banner = BannerHtml(collection.db(), collection.name(), captures, current);
  }
  PrepareReplayBody(response, context, &reply);
  return reply;
}

}  // namespace

ReplayReply ServeArchivedPage(const Collection& collection, const ReplayRoute& route,
                              const ReplayRequest& request) {
  std::vector<index::CaptureEntry> captures;
  if (Status s = CapturesOf(collection.db(), route.url, &captures); !s.ok()) {
    return ErrorReply(s.IsInvalidArgument() ? 400 : 500, "Cannot look this up", s.message());
  }
  if (captures.empty()) {
    return ErrorReply(404, "Not in the archive",
                      route.url + " was not captured in collection " + collection.name() + ".");
  }
  std::vector<size_t> order = NearestFirst(captures, route.timestamp);
  // A self-redirect is passed over while another capture is left to try.
  std::stable_partition(order.begin(), order.end(),
                        [&](size_t i) { return !IsSelfRedirect(captures[i], route.url); });
  std::string last_error;
  bool unreadable = false;  // some record could not be read (not merely: nothing to serve)
  for (size_t attempt = 0; attempt < order.size() && attempt < kMaxAttempts; ++attempt) {
    const size_t current = order[attempt];
    const index::CaptureEntry& capture = captures[current];
    // Only before any failure: after one, redirecting could bounce between damaged records.
    // A POST is answered in place: a browser would follow a 302 with a GET.
    if (attempt == 0 && IsPageModifier(route.modifier) && capture.timestamp != route.timestamp &&
        (request.method == "GET" || request.method == "HEAD")) {
      ReplayReply reply = RedirectReply(
          ArchiveUrl(collection.name(), capture.timestamp, route.modifier, route.url));
      AddMementoHeaders(collection, request, captures, current, &reply);
      reply.headers.emplace_back("Vary", "accept-datetime");
      return reply;
    }
    ArchivedResponse response;
    Status s = CaptureLoader(collection.db()).Load(capture, &response);
    if (s.ok()) return BuildReply(collection, route, request, captures, current, &response);
    last_error = capture.filename + ": " + s.message();
    unreadable = unreadable || !s.IsNotSupported();
  }
  // A revisit whose payload was never archived is a gap in the archive, not a fault.
  if (!unreadable) return ErrorReply(404, "Not in the archive", last_error);
  return ErrorReply(502, "The archived record cannot be read", last_error);
}

}  // namespace warcrawl::replay
