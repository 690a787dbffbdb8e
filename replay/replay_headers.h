// The HTTP headers of a replayed response, made from the archived ones as pywb does: those
// that describe the content (its type, language, disposition, modification time) are sent
// as they were; every other archived header is renamed "X-Archive-Orig-{Name}" so that it
// stays visible without acting (Set-Cookie, Strict-Transport-Security, Content-Security-Policy,
// Date, ETag, Cache-Control, Transfer-Encoding, …). Framing headers (Content-Length,
// Content-Encoding) are the server's own, since it may decode or rewrite the body.
//
// Thread-safety: pure functions.
#ifndef WARCRAWL_REPLAY_REPLAY_HEADERS_H_
#define WARCRAWL_REPLAY_REPLAY_HEADERS_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "warc/record.h"

namespace warcrawl::replay {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

inline constexpr std::string_view kArchiveOrigPrefix = "X-Archive-Orig-";

// The headers to send for `archived`, in their archived order. Content-Length and
// Content-Encoding are renamed too; the server adds the ones true of what it sends.
HeaderList ReplayHeaders(const warc::HeaderFields& archived);

// The policy every replayed resource is served under: a Content-Security-Policy that keeps
// every subresource, form and frame on the replay origin (an archived page is untrusted, and
// nothing it asks for may reach the live web), no DNS prefetching, no sniffing, no framing
// by other sites.
HeaderList ReplaySafetyHeaders();

}  // namespace warcrawl::replay

#endif  // WARCRAWL_REPLAY_REPLAY_HEADERS_H_
