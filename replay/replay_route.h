// What the replay server must do for a request, read from its request-target as pywb lays out
// its URL space: "/{coll}/{ts}{mod}/{url}" replays a capture, "/{coll}/*/{url}" lists them,
// "/{coll}/timemap/…" and "/{coll}/timegate/…" speak Memento, "/{coll}/cdx?…" is the CDX API.
// The archived URL is everything after its prefix, its own query included, so the router
// never splits the target on '?' before it knows where that URL starts.
//
// Thread-safety: pure functions.
#ifndef WARCRAWL_REPLAY_REPLAY_ROUTE_H_
#define WARCRAWL_REPLAY_REPLAY_ROUTE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "warc/status.h"

namespace warcrawl::replay {

// Longer request-targets are refused: no archived URL worth replaying is that long, and it
// bounds the work and memory one request can ask for.
inline constexpr size_t kMaxTargetBytes = size_t{8} * 1024;

enum class RouteKind {
  kHome,            // "/"
  kCollectionHome,  // "/{coll}/" or "/{coll}"
  kReplay,          // "/{coll}/{ts}{mod}/{url}"; "/{coll}/{url}" and "/{coll}/{mod}/{url}": latest
  kCaptureList,     // "/{coll}/*/{url}", "/{coll}/{from}*/{url}", "/{coll}/{from}-{to}*/{url}"
  kPrefixList,      // as kCaptureList with a '*' after the URL: every URL under it
  kTimeMapLink,     // "/{coll}/timemap/link/{url}"
  kTimeMapJson,     // "/{coll}/timemap/json/{url}"
  kTimeGate,        // "/{coll}/timegate/{url}"
  kCdx,             // "/{coll}/cdx?…"
  kStatic,          // "/_static/{name}"
  kSearch,          // "/{coll}/search?…", or "/search?…" across collections
};

struct ReplayRoute {
  RouteKind kind = RouteKind::kHome;
  std::string collection;
  // kReplay: 0-14 digits as given (empty: the latest capture). The lists: the range's lower
  // end, with end_timestamp its upper end (each 0-14 digits, empty: unbounded).
  std::string timestamp;
  std::string end_timestamp;
  std::string modifier;  // kReplay only; "" or one that IsValidModifier accepts
  // The archived URL, absolute (a missing scheme becomes "http://"), with its own query and
  // fragment as they came; spaces, DEL and non-ASCII bytes in it are percent-encoded.
  std::string url;
  // kCdx and kSearch: the query's parameters in order (repeats kept), percent-decoded with
  // '+' as a space.
  std::vector<std::pair<std::string, std::string>> params;
  std::string static_name;  // kStatic: one file name, no directories
};

// Parses a request-target as received (path and query, escapes not decoded). Anything the
// server must refuse with 400 is InvalidArgument, with a message fit to show the user: a
// target that does not start with '/' or is over kMaxTargetBytes, control bytes anywhere,
// a bad collection name, a "." or ".." segment (also %2e-encoded) before the archived URL or
// as its first segment, a timestamp of more than 14 digits or naming an impossible time
// ("20231301"), an unknown modifier or timemap format, a missing archived URL.
// The name "search" at the top level is the search across collections, so a collection
// called "search" has its home at "/search/" only. *route is set only on success.
Status ParseReplayTarget(std::string_view target, ReplayRoute* route);

// "a=1&b=x%20y+z" as decoded pairs, in order, repeats kept ('+' is a space; a malformed
// escape stays as it is, as Python's unquote_plus leaves it).
std::vector<std::pair<std::string, std::string>> ParseQueryParams(std::string_view query);

}  // namespace warcrawl::replay

#endif  // WARCRAWL_REPLAY_REPLAY_ROUTE_H_
