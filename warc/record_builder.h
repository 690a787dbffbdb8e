// Builders for the headers of the records a crawler writes: request, response, revisit,
// resource and metadata. Each sets the type, a fresh WARC-Record-ID, WARC-Date, the target
// and the payload digest; WarcWriter adds Content-Length, the block digest and the
// warcinfo link when it writes the record.
//
// Thread-safety: pure functions.
#ifndef WARCRAWL_WARC_RECORD_BUILDER_H_
#define WARCRAWL_WARC_RECORD_BUILDER_H_

#include <string>
#include <string_view>

#include "warc/date.h"
#include "warc/digest.h"
#include "warc/record.h"
#include "warc/status.h"

namespace warcrawl::warc {

struct RecordFormat {
  WarcVersion version = WarcVersion::k1_1;
  DigestAlgorithm digest = DigestAlgorithm::kSha1;
};

// One fetch as the records describe it.
struct Capture {
  std::string target_uri;
  TimePoint date;
  std::string ip_address;  // empty: not known, field omitted
  // Why the body was cut short, if it was: "length", "time", "disconnect" or "unspecified".
  std::string truncated;
};

// The response record for an HTTP response block (status line, headers, body as received).
// The payload digest covers the entity body with chunked framing removed but still
// content-encoded (WARC 1.1 §5.9). A block whose HTTP head cannot be parsed is an error.
Status BuildResponseHeader(const Capture& capture, std::string_view http_block,
                           const RecordFormat& format, RecordHeader* header);

// The request record for the HTTP request as sent; concurrent_to is the response's ID.
Status BuildRequestHeader(const Capture& capture, std::string_view http_block,
                          std::string_view concurrent_to, const RecordFormat& format,
                          RecordHeader* header);

enum class RevisitProfile { kIdenticalPayloadDigest, kServerNotModified };
// The WARC-Profile URI for the profile in that WARC version.
std::string_view RevisitProfileUri(RevisitProfile profile, WarcVersion version);

// The capture a revisit points at.
struct RevisitOf {
  std::string record_id;       // WARC-Record-ID of the original response
  std::string target_uri;      // its WARC-Target-URI
  TimePoint date;              // its WARC-Date
  std::string payload_digest;  // its WARC-Payload-Digest, as written there
};

// A revisit record's header. Its block is the new response's HTTP head alone, so it is
// marked "WARC-Truncated: length"; all three WARC-Refers-To fields are written, as pywb and
// ReplayWeb.page resolve revisits by target URI and date.
RecordHeader BuildRevisitHeader(const Capture& capture, RevisitProfile profile,
                                const RevisitOf& original, const RecordFormat& format);

// A resource record (no HTTP framing): the payload is the whole block.
RecordHeader BuildResourceHeader(const Capture& capture, std::string_view content_type,
                                 std::string_view block, const RecordFormat& format);

// A metadata record about a capture (application/warc-fields block by default).
RecordHeader BuildMetadataHeader(const Capture& capture, std::string_view concurrent_to,
                                 const RecordFormat& format,
                                 std::string_view content_type = "application/warc-fields");

}  // namespace warcrawl::warc

#endif  // WARCRAWL_WARC_RECORD_BUILDER_H_
