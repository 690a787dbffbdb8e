// Fuzzes the replay server's request router: a request-target as a client sends it, its query
// parameters, and the archive URL built back from a parsed route. Checked too: what the
// router accepts obeys replay_route.h (a valid collection name, a valid modifier, at most
// 14-digit timestamps).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "replay/archive_url.h"
#include "replay/replay_route.h"

namespace warcrawl::replay {
namespace {

void CheckRoute(const ReplayRoute& route) {
  const bool has_collection = route.kind != RouteKind::kHome && route.kind != RouteKind::kStatic &&
                              !(route.kind == RouteKind::kSearch && route.collection.empty());
  if (has_collection && !IsValidCollectionName(route.collection)) std::abort();
  if (!route.modifier.empty() && !IsValidModifier(route.modifier)) std::abort();
  if (route.timestamp.size() > 14 || route.end_timestamp.size() > 14) std::abort();
  if (route.kind == RouteKind::kReplay) {
    const std::string url =
        ArchiveUrl(route.collection, route.timestamp, route.modifier, route.url);
    ReplayRoute again;
    (void)ParseReplayTarget(url, &again);
  }
}

}  // namespace
}  // namespace warcrawl::replay

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace replay = warcrawl::replay;
  std::string_view target(reinterpret_cast<const char*>(data), size);
  replay::ReplayRoute route;
  if (replay::ParseReplayTarget(target, &route).ok()) replay::CheckRoute(route);
  (void)replay::ParseQueryParams(target);
  (void)replay::EncodeUnsafeUrlBytes(target);
  return 0;
}
