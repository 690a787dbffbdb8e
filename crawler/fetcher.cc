#include "crawler/fetcher.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "crawler/curl_handles.h"
#include "warc/record.h"

namespace warcrawl::crawler {
namespace {

using SteadyClock = std::chrono::steady_clock;

// Bytes libcurl reads from a socket at a time (its default is 16 KB): a 20-60 KB page in
// one or two reads and body callbacks instead of several.
constexpr long kReceiveBufferBytes = 128L * 1024;
// The most a body buffer is sized ahead from a Content-Length it has yet to deliver.
constexpr uint64_t kMaxBodyReserve = 16 << 20;

// One transfer in flight: its curl handle and everything its callbacks fill in.
struct Transfer {
  CurlEasy easy;
  CurlSlist headers;
  FetchResult result;
  FetchLimits limits;
  SteadyClock::time_point started;
  int64_t content_length = -1;  // of the final response head, when it says
  bool head_complete = false;
  bool got_first_byte = false;
  bool first_byte_timed_out = false;
  char error_buffer[CURL_ERROR_SIZE] = {};
};

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

int ParseStatusCode(std::string_view status_line) {
  // "HTTP/1.1 200 OK": the code is the second token, three digits.
  size_t space = status_line.find(' ');
  if (space == std::string_view::npos || status_line.size() < space + 4) return 0;
  int code = 0;
  for (char c : status_line.substr(space + 1, 3)) {
    if (c < '0' || c > '9') return 0;
    code = code * 10 + (c - '0');
  }
  return code;
}

// The value of a "Content-Length:" header line; nullopt for any other line or a bad value.
std::optional<int64_t> ParseContentLength(std::string_view line) {
  constexpr std::string_view kName = "content-length:";
  if (line.size() < kName.size() || !warc::EqualsIgnoreCase(line.substr(0, kName.size()), kName)) {
    return std::nullopt;
  }
  std::string_view value = line.substr(kName.size());
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  uint64_t n = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end == value.data() || n > INT64_MAX) return std::nullopt;
  return static_cast<int64_t>(n);
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(data, size * count);
  t->got_first_byte = true;
  if (StartsWith(line, "HTTP/")) {  // a new response (after a 1xx): keep only the last
    t->result.response_head.clear();
    t->head_complete = false;
    t->result.status_code = 0;
    t->content_length = -1;
  }
  t->result.response_head.append(line);
  if (line.size() > 15 && (line[0] == 'C' || line[0] == 'c')) {
    t->content_length = ParseContentLength(line).value_or(t->content_length);
  }
  if (line == "\r\n" || line == "\n") {
    int code = ParseStatusCode(t->result.response_head);
    if (code >= 200 || code == 101) {
      t->head_complete = true;
      t->result.status_code = code;
    }
  }
  return line.size();
}

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  std::string& body = t->result.response_body;
  uint64_t room =
      t->limits.max_body_bytes - std::min<uint64_t>(body.size(), t->limits.max_body_bytes);
  if (body.empty() && t->content_length > 0) {
    // The body in one allocation; a false length costs at most kMaxBodyReserve untouched.
    body.reserve(std::min(
        {static_cast<uint64_t>(t->content_length), t->limits.max_body_bytes, kMaxBodyReserve}));
  }
  if (n > room) {
    body.append(data, room);
    t->result.truncated = "length";
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  body.append(data, n);
  return n;
}

int OnDebug(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  if (type != CURLINFO_HEADER_OUT) return 0;
  auto* t = static_cast<Transfer*>(user);
  std::string& head = t->result.request_head;
  if (head.size() >= 4 && head.compare(head.size() - 4, 4, "\r\n\r\n") == 0) head.clear();
  head.append(data, size);
  return 0;
}

int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(user);
  if (t->got_first_byte) return 0;
  if (SteadyClock::now() - t->started < t->limits.first_byte_timeout) return 0;
  t->first_byte_timed_out = true;
  return 1;  // aborts with CURLE_ABORTED_BY_CALLBACK
}

FetchFailure FailureOf(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return FetchFailure::kDns;
    case CURLE_COULDNT_CONNECT:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
      return FetchFailure::kConnect;
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_ABORTED_BY_CALLBACK:
      return FetchFailure::kTimeout;
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return FetchFailure::kBroken;
    default:
      return FetchFailure::kOther;
  }
}

bool IsDisconnect(CURLcode code) {
  return code == CURLE_PARTIAL_FILE || code == CURLE_RECV_ERROR || code == CURLE_GOT_NOTHING ||
         code == CURLE_SEND_ERROR || code == CURLE_READ_ERROR;
}

// Turns curl's verdict into the result's error and truncation reason.
void Classify(CURLcode code, Transfer* t) {
  FetchResult& r = t->result;
  if (!t->head_complete) r.status_code = 0;
  std::string detail = t->error_buffer[0] ? t->error_buffer : curl_easy_strerror(code);
  if (code == CURLE_OK) {
    if (!t->head_complete) {
      r.error = Status::IOError("no complete HTTP response head received");
      r.failure = FetchFailure::kBroken;
    }
    return;
  }
  r.failure = FailureOf(code);
  if (r.truncated == "length") {
    r.failure = FetchFailure::kTooLarge;
    r.error = Status::IOError("body exceeded " + std::to_string(t->limits.max_body_bytes) +
                              " bytes; kept that many");
    return;
  }
  if (t->first_byte_timed_out) {
    r.failure = FetchFailure::kTimeout;
    r.error = Status::IOError("no response within " +
                              std::to_string(t->limits.first_byte_timeout.count()) + " ms");
    return;
  }
  if (t->head_complete && code == CURLE_OPERATION_TIMEDOUT) {
    r.truncated = "time";
  } else if (t->head_complete && IsDisconnect(code)) {
    r.truncated = "disconnect";
  }
  r.error = Status::IOError(detail + " (curl " + std::to_string(static_cast<int>(code)) + ")");
}

}  // namespace

class Fetcher::Impl {
 public:
  explicit Impl(Callback on_done) : on_done_(std::move(on_done)) {
    EnsureCurlGlobalInit();
    multi_.reset(curl_multi_init());
  }

  ~Impl() { AbortAll(); }

  Status Start(const FetchRequest& request) {
    if (!multi_) return Status::IOError("curl_multi_init failed");
    if (!StartsWith(request.url, "http://") && !StartsWith(request.url, "https://")) {
      return Status::InvalidArgument("not an http(s) URL: " + request.url);
    }
    auto t = std::make_unique<Transfer>();
    t->easy.reset(curl_easy_init());
    if (!t->easy) return Status::IOError("curl_easy_init failed");
    t->limits = request.limits;
    t->result.id = request.id;
    t->result.url = request.url;
    Status s = Configure(request, t.get());
    if (!s.ok()) return s;
    t->started = SteadyClock::now();
    t->result.started = warc::NowMicros();
    CURL* easy = t->easy.get();
    if (curl_multi_add_handle(multi_.get(), easy) != CURLM_OK) {
      return Status::IOError("curl_multi_add_handle failed for " + request.url);
    }
    transfers_.emplace(easy, std::move(t));
    return Status::OK();
  }

  Status Poll(std::chrono::milliseconds timeout) {
    int running = 0;
    CURLMcode mc = curl_multi_perform(multi_.get(), &running);
    if (mc == CURLM_OK && !Drain()) {
      mc = curl_multi_poll(multi_.get(), nullptr, 0, static_cast<int>(timeout.count()), nullptr);
      if (mc == CURLM_OK) mc = curl_multi_perform(multi_.get(), &running);
      Drain();
    }
    if (mc != CURLM_OK)
      return Status::IOError(std::string("curl multi: ") + curl_multi_strerror(mc));
    return Status::OK();
  }

  void Wake() { curl_multi_wakeup(multi_.get()); }

  void AbortAll() {
    for (auto& [easy, t] : transfers_) curl_multi_remove_handle(multi_.get(), easy);
    transfers_.clear();
  }

  size_t in_flight() const { return transfers_.size(); }

 private:
  template <typename T>
  static bool Set(CURL* easy, CURLoption option, T value) {
    return curl_easy_setopt(easy, option, value) == CURLE_OK;
  }

  static Status Configure(const FetchRequest& request, Transfer* t) {
    CURL* e = t->easy.get();
    std::vector<std::string> lines = {
        "User-Agent: " + request.user_agent,
        "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        "Expect:"};  // curl must not add "Expect: 100-continue"
    if (!request.accept_encoding.empty())
      lines.push_back("Accept-Encoding: " + request.accept_encoding);
    for (const std::string& h : request.extra_headers) lines.push_back(h);
    for (const std::string& line : lines) {
      curl_slist* next = curl_slist_append(t->headers.get(), line.c_str());
      if (next == nullptr) return Status::IOError("out of memory building request headers");
      (void)t->headers.release();
      t->headers.reset(next);
    }
    const FetchLimits& l = request.limits;
    bool ok = Set(e, CURLOPT_URL, request.url.c_str()) && Set(e, CURLOPT_PRIVATE, t) &&
              Set(e, CURLOPT_HTTPHEADER, t->headers.get()) &&
              Set(e, CURLOPT_HTTP_VERSION, long{CURL_HTTP_VERSION_1_1}) &&
              // The record keeps the wire form; decoding happens later, for links and digests.
              Set(e, CURLOPT_HTTP_TRANSFER_DECODING, 0L) &&
              Set(e, CURLOPT_HTTP_CONTENT_DECODING, 0L) && Set(e, CURLOPT_FOLLOWLOCATION, 0L) &&
              Set(e, CURLOPT_PROTOCOLS_STR, "http,https") && Set(e, CURLOPT_NOSIGNAL, 1L) &&
              Set(e, CURLOPT_SSL_VERIFYPEER, request.verify_tls ? 1L : 0L) &&
              Set(e, CURLOPT_SSL_VERIFYHOST, request.verify_tls ? 2L : 0L) &&
              Set(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(l.connect_timeout.count())) &&
              Set(e, CURLOPT_TIMEOUT_MS, static_cast<long>(l.total_timeout.count())) &&
              Set(e, CURLOPT_LOW_SPEED_LIMIT, l.min_speed_bytes_per_second) &&
              Set(e, CURLOPT_LOW_SPEED_TIME, static_cast<long>(l.min_speed_time.count())) &&
              Set(e, CURLOPT_ERRORBUFFER, t->error_buffer) &&
              Set(e, CURLOPT_HEADERFUNCTION, OnHeader) && Set(e, CURLOPT_HEADERDATA, t) &&
              Set(e, CURLOPT_WRITEFUNCTION, OnBody) && Set(e, CURLOPT_WRITEDATA, t) &&
              Set(e, CURLOPT_DEBUGFUNCTION, OnDebug) && Set(e, CURLOPT_DEBUGDATA, t) &&
              Set(e, CURLOPT_VERBOSE, 1L) &&  // the debug callback sees the request as sent
              Set(e, CURLOPT_XFERINFOFUNCTION, OnProgress) && Set(e, CURLOPT_XFERINFODATA, t) &&
              Set(e, CURLOPT_NOPROGRESS, 0L) && Set(e, CURLOPT_BUFFERSIZE, kReceiveBufferBytes);
    return ok ? Status::OK() : Status::IOError("libcurl rejected an option for " + request.url);
  }

  // Delivers finished transfers; true if any finished.
  bool Drain() {
    bool any = false;
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      CURL* easy = msg->easy_handle;
      CURLcode code = msg->data.result;
      auto it = transfers_.find(easy);
      if (it == transfers_.end()) continue;
      std::unique_ptr<Transfer> t = std::move(it->second);
      transfers_.erase(it);
      curl_multi_remove_handle(multi_.get(), easy);
      Finish(code, t.get());
      on_done_(std::move(t->result));
      any = true;
    }
    return any;
  }

  static void Finish(CURLcode code, Transfer* t) {
    char* ip = nullptr;
    if (curl_easy_getinfo(t->easy.get(), CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip) {
      t->result.ip_address = ip;
    }
    t->result.duration =
        std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - t->started);
    Classify(code, t);
  }

  Callback on_done_;
  CurlMulti multi_;
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> transfers_;
};

Fetcher::Fetcher(Callback on_done) : impl_(std::make_unique<Impl>(std::move(on_done))) {}
Fetcher::~Fetcher() = default;
Status Fetcher::Start(const FetchRequest& request) { return impl_->Start(request); }
Status Fetcher::Poll(std::chrono::milliseconds timeout) { return impl_->Poll(timeout); }
void Fetcher::Wake() { impl_->Wake(); }
void Fetcher::AbortAll() { impl_->AbortAll(); }
size_t Fetcher::in_flight() const { return impl_->in_flight(); }

}  // namespace warcrawl::crawler
