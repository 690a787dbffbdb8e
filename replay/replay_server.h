// ReplayServer puts a ReplayService behind HTTP/1.1 (cpp-httplib): it binds (loopback by
// default, since archived pages are untrusted content), bounds every request's size and
// time, and serves until stopped. Every request, whatever its path, goes to the service:
// the archived URL inside a replay path is matched there, on the raw request-target.
//
// Thread-safety: Bind, then Run on one thread; Stop may be called from any thread (a
// signal handler's thread included) and makes Run return.
#ifndef WARCRAWL_REPLAY_REPLAY_SERVER_H_
#define WARCRAWL_REPLAY_REPLAY_SERVER_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "replay/collection.h"
#include "replay/replay_service.h"
#include "warc/status.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace warcrawl::replay {

struct ReplayServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (Bind says which)
  size_t threads = 8;
  int read_timeout_seconds = 5;    // a client that sends its request slowly is dropped
  int write_timeout_seconds = 30;  // and one that does not read its reply
  int keep_alive_seconds = 5;
  ReplayServiceOptions service;
  // Answers a request before replay does when it returns true (the jobs API of `serve`).
  std::function<bool(const ReplayRequest&, ReplayReply*)> before;
  size_t max_body_bytes = size_t{1} << 20;  // POST bodies (job configs)
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
  // Serves until Stop. IOError when the server could not run.
  Status Run();
  void Stop();
  // Forgets rendered pages (a crawl added captures to a collection being served).
  void ClearCache() { service_.ClearCache(); }

 private:
  void Install();
  void Answer(const httplib::Request& req, httplib::Response& res);

  ReplayService service_;
  ReplayServerOptions options_;
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
};

}  // namespace warcrawl::replay

#endif  // WARCRAWL_REPLAY_REPLAY_SERVER_H_
