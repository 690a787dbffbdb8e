// The CDX server API at /{collection}/cdx, with the parameters and output of pywb's (and
// `warcrawl query`'s): url, matchType, from, to, closest, limit, reverse, filter (repeated),
// output=cdxj (default), json or cdx. Bad parameters are a 400 naming the parameter.
//
// Thread-safety: safe from any thread.
#ifndef WARCRAWL_REPLAY_CDX_ENDPOINT_H_
#define WARCRAWL_REPLAY_CDX_ENDPOINT_H_

#include <string>
#include <utility>
#include <vector>

#include "replay/collection.h"
#include "replay/replay_service.h"

namespace warcrawl::replay {

// Without a limit, at most this many lines are returned (pywb's default is unbounded; a
// request must not be able to stream the whole index).
inline constexpr size_t kDefaultCdxLimit = 10000;

ReplayReply ServeCdx(const Collection& collection,
                     const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace warcrawl::replay

#endif  // WARCRAWL_REPLAY_CDX_ENDPOINT_H_
