// ReplayServer puts a ReplayService behind HTTP/1.1 (libmicrohttpd): it binds (loopback by
// default, since archived pages are untrusted content), bounds every connection's memory,
// idle time and body, and serves until stopped. A few event-loop threads each serve many
// connections, so slow or idle clients hold no thread. Every request, whatever its path,
// goes to the service: the archived URL in a replay path is matched there, on the raw
// request-target.
//
// Thread-safety: Bind, then Run on one thread; Stop may be called from any thread (a
// signal handler's thread included) and makes Run return.
#ifndef WARCRAWL_REPLAY_REPLAY_SERVER_H_
#define WARCRAWL_REPLAY_REPLAY_SERVER_H_

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "replay/collection.h"
#include "replay/replay_service.h"
#include "warc/status.h"
#include "warc/unique_fd.h"

namespace warcrawl::replay {

struct ReplayServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;     // 0: any free port (Bind says which)
  size_t threads = 8;  // event loops; each serves many connections
  // A connection silent this long (a slow request, an idle keep-alive, a client that does
  // not read its reply) is closed.
  int idle_timeout_seconds = 10;
  size_t max_connections = 1024;
  // Per connection: the request line and headers must fit (else 414 or 431).
  size_t connection_memory_bytes = size_t{64} << 10;
  size_t max_body_bytes = size_t{1} << 20;  // POST bodies (job configs); more is a 413
  ReplayServiceOptions service;
  // Answers a request before replay does when it returns true (the jobs API of `serve`).
  std::function<bool(const ReplayRequest&, ReplayReply*)> before;
};

class ReplayServer {
 public:
  ReplayServer(const CollectionSet& collections, ReplayServerOptions options);
  ~ReplayServer();
  ReplayServer(const ReplayServer&) = delete;
  ReplayServer& operator=(const ReplayServer&) = delete;

  // Binds the listening socket; *port is the port bound. IOError naming the address when
  // it is taken or not ours to bind.
  Status Bind(int* port);
  // Serves until Stop. IOError when the server could not start.
  Status Run();
  void Stop();
  // Forgets rendered pages (a crawl added captures to a collection being served).
  void ClearCache() { service_.ClearCache(); }

 private:
  friend struct HttpCallbacks;  // libmicrohttpd's callbacks, in replay_server.cc

  // The reply to one whole request.
  ReplayReply Answer(ReplayRequest request, std::string_view host_header);

  ReplayService service_;
  const ReplayServerOptions options_;
  UniqueFd listener_;
  int port_ = 0;
  std::mutex mu_;
  std::condition_variable stopped_cv_;
  bool stopped_ = false;  // guarded by mu_
};

}  // namespace warcrawl::replay

#endif  // WARCRAWL_REPLAY_REPLAY_SERVER_H_
