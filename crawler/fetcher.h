// Fetcher runs many HTTP GETs at once on one libcurl multi handle, driven by the caller's
// loop (Poll), and hands back exactly what crossed the wire: the request head as sent, and
// the response head and body as received — chunked framing and Content-Encoding intact —
// which is what a WARC response record must hold. It follows no redirects (each 3xx is a
// capture of its own) and enforces every deadline itself, so no server can hold a slot
// forever: connect, first byte, total, a minimum transfer speed, and a maximum body size
// (a cut body is kept and marked, as WARC-Truncated says).
//
// Thread-safety: not thread-safe. One thread owns a Fetcher and calls Start and Poll.
#ifndef WARCRAWL_CRAWLER_FETCHER_H_
#define WARCRAWL_CRAWLER_FETCHER_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "warc/date.h"
#include "warc/status.h"

namespace warcrawl::crawler {

struct FetchLimits {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds first_byte_timeout{30'000};
  std::chrono::milliseconds total_timeout{300'000};
  long min_speed_bytes_per_second = 1024;  // below this for min_speed_time: abort
  std::chrono::seconds min_speed_time{30};
  uint64_t max_body_bytes = 100ull << 20;
};

struct FetchRequest {
  uint64_t id = 0;  // the caller's handle, echoed in the result
  std::string url;
  std::string user_agent;
  std::string accept_encoding = "gzip, deflate, br";
  std::vector<std::string> extra_headers;  // "Name: value" (conditional requests, …)
  // Archives capture what a site serves, certificate or not (Heritrix's default trust
  // level does the same); a job may insist on verified TLS.
  bool verify_tls = false;
  FetchLimits limits;
};

// Why a fetch got no (whole) response, in the classes crawl logs distinguish.
enum class FetchFailure {
  kNone,
  kDns,       // the host name did not resolve
  kConnect,   // no connection (refused, unreachable, TLS handshake)
  kTimeout,   // a deadline passed (connect, first byte, total, minimum speed)
  kBroken,    // the connection broke or the response was malformed
  kTooLarge,  // the body passed max_body_bytes (the rest was not read)
  kOther,
};

struct FetchResult {
  uint64_t id = 0;
  std::string url;
  warc::TimePoint started;  // when the fetch began: the records' WARC-Date
  std::chrono::milliseconds duration{0};
  std::string ip_address;     // of the peer, when connected
  std::string request_head;   // request line and headers as sent, ending CRLF CRLF
  std::string response_head;  // status line and headers as received (the final, non-1xx one)
  std::string response_body;  // as received: still chunked and content-encoded
  int status_code = 0;        // 0: no response head arrived
  // Why the body is incomplete: "length" (max_body_bytes), "time" (a deadline after the
  // head arrived), "disconnect" (the peer closed or reset mid-body); empty when whole.
  std::string truncated;
  // OK when a whole response arrived; otherwise what went wrong (a truncated response
  // carries its reason here too, with the bytes that did arrive above).
  Status error;
  FetchFailure failure = FetchFailure::kNone;

  bool has_response() const { return status_code > 0; }
};

class Fetcher {
 public:
  using Callback = std::function<void(FetchResult&&)>;

  // `on_done` runs inside Poll, on the owner's thread, once per started request.
  explicit Fetcher(Callback on_done);
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Begins a fetch; it progresses during Poll. Only http and https URLs are accepted.
  Status Start(const FetchRequest& request);

  // Runs transfers for up to `timeout` (returning early when something completes or Wake
  // is called) and delivers every finished fetch to the callback.
  Status Poll(std::chrono::milliseconds timeout);

  // Interrupts a Poll in progress; safe from another thread.
  void Wake();

  // Abandons every transfer in flight; their callbacks do not run.
  void AbortAll();

  size_t in_flight() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace warcrawl::crawler

#endif  // WARCRAWL_CRAWLER_FETCHER_H_
