// The head of an HTTP/1.x message as stored in a WARC request or response block: the start
// line and the header fields up to the blank line, parsed leniently enough for the line ends
// real archives contain (CRLF, bare LF, CR CR LF) but strictly enough to name garbage.
//
// Thread-safety: plain values and pure functions; safe from any thread.
#ifndef WARCRAWL_WARC_HTTP_MESSAGE_H_
#define WARCRAWL_WARC_HTTP_MESSAGE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "warc/record.h"
#include "warc/status.h"

namespace warcrawl::warc {

// A head larger than this is Corruption: no real server sends one, and it bounds the work.
inline constexpr size_t kMaxHttpHeadBytes = size_t{256} * 1024;

struct HttpHead {
  bool is_request = false;
  std::string method, target;  // requests only
  std::string version;         // "HTTP/1.1"
  int status = 0;              // responses only
  std::string reason;          // responses only; may be empty
  HeaderFields headers;
  // Bytes from the start of the data up to and including the blank line ending the head
  // (all of the data when an unterminated head was allowed).
  size_t head_length = 0;
};

// Parses the head at the start of `data`. Without a blank line ending the head it returns
// NotFound("no end of HTTP headers"), unless `allow_unterminated`, for blocks that hold only
// headers (revisits often end right after the last header line, with or without its line
// end); then the head is all of `data`. A bad start line, status code or header line is
// Corruption naming the line and its offset; so is a head over kMaxHttpHeadBytes.
Status ParseHttpHead(std::string_view data, HttpHead* out, bool allow_unterminated = false);

// True when the last transfer coding in Transfer-Encoding is "chunked" (any case).
bool IsChunked(const HttpHead& head);

// The Content-Encoding codings, lowercased, in the order they were applied (the order the
// header lists them); "identity" is left out.
std::vector<std::string> ContentCodings(const HttpHead& head);

// The Content-Length, when present and unambiguous: repeated or comma-listed values must all
// be the same decimal number.
std::optional<uint64_t> DeclaredContentLength(const HttpHead& head);

}  // namespace warcrawl::warc

#endif  // WARCRAWL_WARC_HTTP_MESSAGE_H_
