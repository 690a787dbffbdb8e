// ReplayService answers the replay server's requests without knowing about sockets: a
// request-target and a few request headers in, a status, headers and body out. It routes
// pywb's URL scheme (replay_route.h) to the archived page, Memento TimeGate and TimeMaps,
// the CDX API, the browse pages and the static files. ReplayServer (replay_server.h) puts
// it behind HTTP; tests and fuzzers can call it directly.
//
// Thread-safety: Handle is const and may run on many threads at once.
#ifndef WARCRAWL_REPLAY_REPLAY_SERVICE_H_
#define WARCRAWL_REPLAY_REPLAY_SERVICE_H_

#include <cstddef>
#include <memory>
#include <string>

#include "replay/collection.h"
#include "replay/replay_headers.h"

namespace warcrawl::replay {

struct ReplayRequest {
  std::string method = "GET";
  std::string target;           // as received: path and query, escapes not decoded
  std::string accept_datetime;  // Memento (RFC 7089): the TimeGate's target time
  std::string accept_encoding;  // an "id_" request keeps codings the client accepts
  std::string origin;           // "http://127.0.0.1:8080": for absolute links in headers
  std::string authorization;    // the Authorization header (the jobs API's bearer token)
  std::string content_type;
  std::string body;  // a POST's (the jobs API); replay itself takes none
};

struct ReplayReply {
  int status = 200;
  HeaderList headers;
  std::string body;

  // The value of a header, "" when absent (first match, any case).
  std::string Header(std::string_view name) const;
};

class ReplyCache;
struct ReplayRoute;

struct ReplayServiceOptions {
  // Memory for rendered archived pages (reply_cache.h); 0 renders every request afresh.
  size_t cache_bytes = size_t{64} << 20;
};

class ReplayService {
 public:
  explicit ReplayService(const CollectionSet& collections, ReplayServiceOptions options = {});
  ~ReplayService();
  ReplayService(const ReplayService&) = delete;
  ReplayService& operator=(const ReplayService&) = delete;

  ReplayReply Handle(const ReplayRequest& request) const;

  // Forgets rendered pages: call after adding captures to a served collection.
  void ClearCache();

 private:
  ReplayReply ServeCached(const Collection& collection, const ReplayRoute& route,
                          const ReplayRequest& request) const;
  ReplayReply Dispatch(const ReplayRoute& route, const ReplayRequest& request) const;

  const CollectionSet& collections_;
  std::unique_ptr<ReplyCache> cache_;
};

}  // namespace warcrawl::replay

#endif  // WARCRAWL_REPLAY_REPLAY_SERVICE_H_
