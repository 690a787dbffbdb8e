#include "replay/replay_server.h"

#include <httplib.h>

namespace warcrawl::replay {
namespace {

// A Host header is echoed into Link headers: only a plain host[:port] is trusted.
bool IsPlainHost(const std::string& host) {
  if (host.empty() || host.size() > 255) return false;
  for (char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

ReplayServer::ReplayServer(const CollectionSet& collections, ReplayServerOptions options)
    : service_(collections, options.service),
      options_(std::move(options)),
      server_(std::make_unique<httplib::Server>()) {
  Install();
}

ReplayServer::~ReplayServer() = default;

void ReplayServer::Install() {
  const size_t threads = options_.threads == 0 ? 1 : options_.threads;
  // httplib's interface: it takes ownership of the queue it is handed.
  server_->new_task_queue = [threads] {
    return new httplib::ThreadPool(threads);  // NOLINT(cppcoreguidelines-owning-memory)
  };
  server_->set_read_timeout(options_.read_timeout_seconds, 0);
  server_->set_write_timeout(options_.write_timeout_seconds, 0);
  server_->set_keep_alive_timeout(options_.keep_alive_seconds);
  server_->set_keep_alive_max_count(1000);
  // Headers and body go out in separate writes: without this, Nagle's algorithm and the
  // client's delayed ACK hold each keep-alive reply back by ~40 ms.
  server_->set_tcp_nodelay(true);
  server_->set_payload_max_length(options_.max_body_bytes);
  // Every request is answered here, before httplib's regex router (which would match the
  // decoded path, losing the archived URL's own query). A POST is let through: httplib
  // reads its body only after this hook, and routes it (the jobs API) below.
  server_->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    // (A POST without a body — no Content-Length, as `curl -X POST` sends — is answered
    // here: httplib would refuse it with a bare 400.)
    if (req.method == "POST" &&
        (req.has_header("Content-Length") || req.has_header("Transfer-Encoding"))) {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    Answer(req, res);
    return httplib::Server::HandlerResponse::Handled;
  });
  server_->Post(R"(/api/.*)",
                [this](const httplib::Request& req, httplib::Response& res) { Answer(req, res); });
}

void ReplayServer::Answer(const httplib::Request& req, httplib::Response& res) {
  ReplayRequest request;
  request.method = req.method;
  request.target = req.target;
  request.accept_datetime = req.get_header_value("Accept-Datetime");
  request.accept_encoding = req.get_header_value("Accept-Encoding");
  request.authorization = req.get_header_value("Authorization");
  request.content_type = req.get_header_value("Content-Type");
  request.body = req.body;
  const std::string host = req.get_header_value("Host");
  request.origin =
      "http://" + (IsPlainHost(host) ? host : options_.host + ":" + std::to_string(port_));
  ReplayReply reply;
  if (!options_.before || !options_.before(request, &reply)) reply = service_.Handle(request);
  res.status = reply.status;
  std::string content_type = "application/octet-stream";
  for (auto& [name, value] : reply.headers) {
    if (warc::EqualsIgnoreCase(name, "Content-Type")) {
      content_type = value;
    } else {
      res.headers.emplace(std::move(name), std::move(value));
    }
  }
  res.set_header("Content-Type", content_type);
  res.body = std::move(reply.body);
}

Status ReplayServer::Bind(int* port) {
  if (options_.port == 0) {
    port_ = server_->bind_to_any_port(options_.host);
  } else if (server_->bind_to_port(options_.host, options_.port)) {
    port_ = options_.port;
  } else {
    port_ = -1;
  }
  if (port_ <= 0) {
    return Status::IOError("cannot listen on " + options_.host + ":" +
                           std::to_string(options_.port) + " (taken, or not an address here)");
  }
  *port = port_;
  return Status::OK();
}

Status ReplayServer::Run() {
  if (!server_->listen_after_bind()) return Status::IOError("the replay server stopped on error");
  return Status::OK();
}

void ReplayServer::Stop() { server_->stop(); }

}  // namespace warcrawl::replay
