#include "replay/replay_service.h"

#include "index/post_query.h"
#include "replay/archive_url.h"
#include "replay/archived_page.h"
#include "replay/browse_pages.h"
#include "replay/capture_selection.h"
#include "replay/cdx_endpoint.h"
#include "replay/memento.h"
#include "replay/replay_route.h"
#include "replay/replies.h"
#include "replay/reply_cache.h"
#include "replay/static_files.h"
#include "warc/record.h"

namespace warcrawl::replay {
namespace {

bool IsRead(std::string_view method) { return method == "GET" || method == "HEAD"; }

// A page that POSTs (a search form, an XHR) is replayed as pywb replays it: the request's
// method and body make the same key the indexer gave the archived POST (index/post_query.h).
ReplayRoute WithRequestKey(ReplayRoute route, const ReplayRequest& request) {
  route.url =
      index::PostToGetUrl(route.url, request.method, request.content_type, request.body).url;
  return route;
}

std::string Param(const ReplayRoute& route, std::string_view name) {
  for (const auto& [key, value] : route.params) {
    if (key == name) return value;
  }
  return "";
}

ReplayReply StaticReply(const ReplayRoute& route) {
  const StaticFile* file = FindStaticFile(route.static_name);
  if (file == nullptr) return ErrorReply(404, "Not found", "No such file.");
  ReplayReply reply;
  reply.headers.emplace_back("Content-Type", std::string(file->content_type));
  reply.headers.emplace_back("Cache-Control", "max-age=3600");
  reply.body = std::string(file->body);
  return reply;
}

ReplayReply TimeMap(const Collection& collection, const ReplayRoute& route,
                    const ReplayRequest& request) {
  std::vector<index::CaptureEntry> captures;
  if (Status s = CapturesOf(collection.db(), route.url, &captures); !s.ok()) {
    return ErrorReply(400, "Cannot look this up", s.message());
  }
  if (captures.empty()) return ErrorReply(404, "Not in the archive", route.url);
  ReplayReply reply;
  if (route.kind == RouteKind::kTimeMapJson) {
    reply.headers.emplace_back("Content-Type", "application/json");
    reply.body = TimeMapJson(captures);
  } else {
    reply.headers.emplace_back("Content-Type", "application/link-format");
    reply.body = TimeMapLinkFormat(request.origin, collection.name(), route.url, captures);
  }
  return reply;
}

// RFC 7089 §4.1: a 302 to the memento nearest Accept-Datetime (the newest without one).
ReplayReply TimeGate(const Collection& collection, const ReplayRoute& route,
                     const ReplayRequest& request) {
  std::string when;
  if (!request.accept_datetime.empty() &&
      !TimestampFromHttpDate(request.accept_datetime, &when).ok()) {
    return ErrorReply(400, "Bad Accept-Datetime",
                      "Accept-Datetime must be an HTTP date, e.g. Tue, 20 Mar 2001 20:35:00 GMT.");
  }
  std::vector<index::CaptureEntry> captures;
  if (Status s = CapturesOf(collection.db(), route.url, &captures); !s.ok()) {
    return ErrorReply(400, "Cannot look this up", s.message());
  }
  if (captures.empty()) return ErrorReply(404, "Not in the archive", route.url);
  const size_t nearest = ClosestCapture(captures, when);
  ReplayReply reply =
      RedirectReply(ArchiveUrl(collection.name(), captures[nearest].timestamp, "", route.url));
  reply.headers.emplace_back("Vary", "accept-datetime");
  reply.headers.emplace_back(
      "Link", MementoLinkHeader(request.origin, collection.name(), route.url, captures, nearest));
  return reply;
}

}  // namespace

ReplayService::ReplayService(const CollectionSet& collections, ReplayServiceOptions options)
    : collections_(collections), cache_(std::make_unique<ReplyCache>(options.cache_bytes)) {}

ReplayService::~ReplayService() = default;

void ReplayService::ClearCache() { cache_->Clear(); }

// An archived page's reply depends on the target, the origin (absolute Memento links) and,
// for the original bytes, on the codings the client accepts.
ReplayReply ReplayService::ServeCached(const Collection& collection, const ReplayRoute& route,
                                       const ReplayRequest& request) const {
  std::string key = request.origin;
  key += '\n';
  key += request.target;
  if (route.modifier == kModIdentity) {
    key += '\n';
    key += request.accept_encoding;
  }
  ReplayReply reply;
  if (cache_->Find(key, &reply)) return reply;
  reply = ServeArchivedPage(collection, route, request);
  // Errors are not kept: a missing WARC may come back.
  if (reply.status < 400) cache_->Insert(key, reply);
  return reply;
}

ReplayReply ReplayService::Dispatch(const ReplayRoute& route, const ReplayRequest& request) const {
  if (route.kind == RouteKind::kHome) return HomePage(collections_);
  if (route.kind == RouteKind::kStatic) return StaticReply(route);
  const std::shared_ptr<const Collection> collection = collections_.Find(route.collection);
  if (collection == nullptr) {
    return ErrorReply(404, "No such collection",
                      "There is no collection called " + route.collection + ".");
  }
  switch (route.kind) {
    case RouteKind::kCollectionHome:
      return CollectionPage(*collection);
    case RouteKind::kReplay:
      // The cache is keyed by target alone; a POST's answer depends on its body too.
      if (!IsRead(request.method)) {
        return ServeArchivedPage(*collection, WithRequestKey(route, request), request);
      }
      return ServeCached(*collection, route, request);
    case RouteKind::kCaptureList:
      return CaptureListPage(*collection, route.url);
    case RouteKind::kPrefixList:
      return PrefixListPage(*collection, route.url);
    case RouteKind::kTimeMapLink:
    case RouteKind::kTimeMapJson:
      return TimeMap(*collection, route, request);
    case RouteKind::kTimeGate:
      return TimeGate(*collection, route, request);
    case RouteKind::kCdx:
      return ServeCdx(*collection, route.params);
    case RouteKind::kSearch:
      return SearchRedirect(*collection, Param(route, "q"));
    default:
      return ErrorReply(404, "Not found", "Nothing is served at this address.");
  }
}

std::string ReplayReply::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (warc::EqualsIgnoreCase(key, name)) return value;
  }
  return "";
}

ReplayReply ReplayService::Handle(const ReplayRequest& request) const {
  ReplayRoute route;
  ReplayReply reply;
  if (request.target == "/favicon.ico") {
    reply.status = 204;  // browsers ask on every origin; no error in their consoles
  } else if (Status s = ParseReplayTarget(request.target, &route); !s.ok()) {
    reply = ErrorReply(400, "Bad request", s.message());
  } else if (!IsRead(request.method) && route.kind != RouteKind::kReplay) {
    reply = ErrorReply(405, "Method not allowed", "The archive is read-only.");
    reply.headers.emplace_back("Allow", "GET, HEAD");
  } else {
    reply = Dispatch(route, request);
  }
  // Archived pages bring their own; every other page gets the same protection.
  if (reply.Header("Content-Security-Policy").empty()) {
    for (auto& header : ReplaySafetyHeaders()) reply.headers.push_back(std::move(header));
  }
  return reply;
}

}  // namespace warcrawl::replay
