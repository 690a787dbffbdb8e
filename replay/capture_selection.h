// Which capture answers a replay request: every capture of the URL (one SURT key, so
// http/https and "www." variants together), tried nearest the asked-for time first. A 3xx
// capture redirecting to the URL itself in another spelling (http↔https, a trailing slash,
// "www.") would loop in the browser, so it is passed over for the next nearest, as pywb does.
//
// Thread-safety: pure functions, and CapturesOf reads the index concurrently-safely.
#ifndef WARCRAWL_REPLAY_CAPTURE_SELECTION_H_
#define WARCRAWL_REPLAY_CAPTURE_SELECTION_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "index/capture.h"
#include "index/index_db.h"
#include "warc/status.h"

namespace warcrawl::replay {

// At most this many captures of one URL are considered (the newest are dropped past it).
inline constexpr size_t kMaxCapturesPerUrl = 20000;

// The captures of `url` that replay (responses, revisits, resources), oldest first.
Status CapturesOf(const index::IndexDb& db, std::string_view url,
                  std::vector<index::CaptureEntry>* captures);

// Indexes into `captures` (in time order) nearest `timestamp` first (1-14 digits; empty or
// not a timestamp: newest first). At equal distance the earlier capture comes first.
std::vector<size_t> NearestFirst(const std::vector<index::CaptureEntry>& captures,
                                 std::string_view timestamp);

// Whether `capture` is a redirect to the same resource as `requested_url` spelt otherwise.
bool IsSelfRedirect(const index::CaptureEntry& capture, std::string_view requested_url);

}  // namespace warcrawl::replay

#endif  // WARCRAWL_REPLAY_CAPTURE_SELECTION_H_
