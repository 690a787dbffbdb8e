#include "replay/replay_server.h"

#include <microhttpd.h>
#include <netdb.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "replay/replies.h"
#include "warc/text_util.h"

namespace warcrawl::replay {
namespace {

// A Host header is echoed into Link headers: only a plain host[:port] is trusted.
bool IsPlainHost(std::string_view host) {
  if (host.empty() || host.size() > 255) return false;
  for (char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
    if (!ok) return false;
  }
  return true;
}

// What one request carries between libmicrohttpd's callbacks: its request-target as
// received (the URI callback sees it before any unescaping) and its body as it arrives.
struct PendingRequest {
  std::string target;
  std::string body;
  bool headers_seen = false;
  bool body_too_large = false;
};

struct ResponseDeleter {
  void operator()(MHD_Response* response) const { MHD_destroy_response(response); }
};
struct DaemonDeleter {
  void operator()(MHD_Daemon* daemon) const { MHD_stop_daemon(daemon); }
};

std::string RequestHeader(MHD_Connection* connection, const char* name) {
  const char* value = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, name);
  return value == nullptr ? std::string() : std::string(value);
}

// libmicrohttpd frames the reply itself (length, chunking, keep-alive).
bool IsFramingHeader(std::string_view name) {
  return warc::EqualsIgnoreCase(name, "Content-Length") ||
         warc::EqualsIgnoreCase(name, "Transfer-Encoding") ||
         warc::EqualsIgnoreCase(name, "Connection");
}

MHD_Result Queue(MHD_Connection* connection, ReplayReply reply) {
  // The body is handed over, not copied: the response frees the string when it is sent.
  auto body = std::make_unique<std::string>(std::move(reply.body));
  std::unique_ptr<MHD_Response, ResponseDeleter> response(
      MHD_create_response_from_buffer_with_free_callback_cls(
          body->size(), body->data(),
          [](void* owned) { std::unique_ptr<std::string>(static_cast<std::string*>(owned)); },
          body.get()));
  if (response == nullptr) return MHD_NO;  // out of memory: the connection is closed
  body.release();  // NOLINT(bugprone-unused-return-value): the response owns it now
  for (const auto& [name, value] : reply.headers) {
    if (!IsFramingHeader(name)) {
      MHD_add_response_header(response.get(), name.c_str(), value.c_str());
    }
  }
  return MHD_queue_response(connection, static_cast<unsigned>(reply.status), response.get());
}

}  // namespace

// libmicrohttpd's C callbacks; `cls` is the ReplayServer.
struct HttpCallbacks {
  // Called first for every request, with the request-target as received.
  static void* OnTarget(void*, const char* target, MHD_Connection*) {
    auto pending = std::make_unique<PendingRequest>();
    pending->target = target;
    return pending.release();  // the connection holds it until OnCompleted
  }

  static void OnCompleted(void*, MHD_Connection*, void** state, MHD_RequestTerminationCode) {
    std::unique_ptr<PendingRequest> done(static_cast<PendingRequest*>(*state));
    *state = nullptr;
  }

  // Called once the headers are in, then per piece of body, then once with no more body.
  static MHD_Result OnRequest(void* cls, MHD_Connection* connection, const char* /*path*/,
                              const char* method, const char* /*version*/, const char* upload_data,
                              size_t* upload_size, void** state) {
    auto* server = static_cast<ReplayServer*>(cls);
    auto* pending = static_cast<PendingRequest*>(*state);
    if (pending == nullptr) return MHD_NO;
    if (!pending->headers_seen) {
      pending->headers_seen = true;
      return MHD_YES;
    }
    if (*upload_size != 0) {
      if (pending->body.size() + *upload_size > server->options_.max_body_bytes) {
        pending->body_too_large = true;  // the rest is read and dropped, then refused
      } else {
        pending->body.append(upload_data, *upload_size);
      }
      *upload_size = 0;
      return MHD_YES;
    }
    if (pending->body_too_large) {
      return Queue(connection,
                   ErrorReply(413, "Request body too large",
                              "At most " + std::to_string(server->options_.max_body_bytes) +
                                  " bytes are accepted."));
    }
    ReplayRequest request;
    request.method = method;
    request.target = std::move(pending->target);
    request.accept_datetime = RequestHeader(connection, "Accept-Datetime");
    request.accept_encoding = RequestHeader(connection, "Accept-Encoding");
    request.authorization = RequestHeader(connection, "Authorization");
    request.content_type = RequestHeader(connection, "Content-Type");
    request.body = std::move(pending->body);
    return Queue(connection, server->Answer(std::move(request), RequestHeader(connection, "Host")));
  }
};

ReplayServer::ReplayServer(const CollectionSet& collections, ReplayServerOptions options)
    : service_(collections, options.service), options_(std::move(options)) {}

ReplayServer::~ReplayServer() = default;

ReplayReply ReplayServer::Answer(ReplayRequest request, std::string_view host_header) {
  request.origin =
      "http://" + (IsPlainHost(host_header) ? std::string(host_header)
                                            : options_.host + ":" + std::to_string(port_));
  ReplayReply reply;
  if (!options_.before || !options_.before(request, &reply)) reply = service_.Handle(request);
  return reply;
}

Status ReplayServer::Bind(int* port) {
  const std::string where = options_.host + ":" + std::to_string(options_.port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  if (int rc = ::getaddrinfo(options_.host.c_str(), std::to_string(options_.port).c_str(), &hints,
                             &found);
      rc != 0) {
    return Status::IOError("cannot listen on " + where + ": " + ::gai_strerror(rc));
  }
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> addresses(found, &::freeaddrinfo);
  int error = 0;
  for (const addrinfo* a = addresses.get(); a != nullptr; a = a->ai_next) {
    UniqueFd fd(::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol));
    int one = 1;
    if (!fd.valid() || ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
        ::bind(fd.get(), a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd.get(), SOMAXCONN) != 0) {
      error = errno;
      continue;
    }
    sockaddr_storage bound{};
    socklen_t length = sizeof(bound);
    if (::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&bound), &length) != 0) {
      error = errno;
      continue;
    }
    port_ = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                              : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
    listener_ = std::move(fd);
    *port = port_;
    return Status::OK();
  }
  return Status::IOError("cannot listen on " + where + " (" + std::strerror(error) +
                         "; taken, or not an address here)");
}

Status ReplayServer::Run() {
  if (!listener_.valid()) return Status::InvalidArgument("Run before a successful Bind");
  const int listener = listener_.get();
  std::unique_ptr<MHD_Daemon, DaemonDeleter> daemon(MHD_start_daemon(
      MHD_USE_EPOLL_INTERNAL_THREAD, 0, nullptr, nullptr, &HttpCallbacks::OnRequest, this,
      MHD_OPTION_LISTEN_SOCKET, listener, MHD_OPTION_THREAD_POOL_SIZE,
      static_cast<unsigned>(std::max<size_t>(options_.threads, 1)), MHD_OPTION_CONNECTION_TIMEOUT,
      static_cast<unsigned>(options_.idle_timeout_seconds), MHD_OPTION_CONNECTION_LIMIT,
      static_cast<unsigned>(options_.max_connections), MHD_OPTION_CONNECTION_MEMORY_LIMIT,
      options_.connection_memory_bytes, MHD_OPTION_URI_LOG_CALLBACK, &HttpCallbacks::OnTarget,
      nullptr, MHD_OPTION_NOTIFY_COMPLETED, &HttpCallbacks::OnCompleted, nullptr, MHD_OPTION_END));
  if (daemon == nullptr) return Status::IOError("the replay server could not start");
  listener_.Release();  // the daemon closes it when it stops
  std::unique_lock lock(mu_);
  stopped_cv_.wait(lock, [this] { return stopped_; });
  return Status::OK();  // the daemon stops here, its threads joined
}

void ReplayServer::Stop() {
  {
    std::lock_guard lock(mu_);
    stopped_ = true;
  }
  stopped_cv_.notify_all();
}

}  // namespace warcrawl::replay
