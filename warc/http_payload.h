// The payload of an HTTP request or response block, as WARC defines it (WARC/1.1 section
// 5.9: the entity body, with transfer encoding removed) and as tools actually hash it (the
// bytes after the head as stored). One entry point for `warc cat --payload`, the validator
// and link extraction, so they agree on what a payload is.
//
// Thread-safety: plain values and pure functions; safe from any thread.
#ifndef WARCRAWL_WARC_HTTP_PAYLOAD_H_
#define WARCRAWL_WARC_HTTP_PAYLOAD_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "warc/digest.h"
#include "warc/http_message.h"
#include "warc/status.h"

namespace warcrawl::warc {

struct PayloadOptions {
  bool decode_content = true;              // also undo Content-Encoding into `decoded`
  size_t max_decoded = size_t{256} << 20;  // cap on `decoded` (a bomb is an error)
};

struct HttpPayload {
  HttpHead head;
  // De-chunked but still content-encoded: what WARC-Payload-Digest covers.
  std::string entity_body;
  // entity_body with its content codings undone; only when PayloadOptions::decode_content.
  std::string decoded;
  bool chunked = false;          // Transfer-Encoding ends in chunked
  bool chunked_complete = true;  // false when a chunked body stops before its last chunk
};

// Splits `block` (a whole request or response block) into head and payload. The head may
// end the block without a blank line (headers-only revisits). Errors, in order: a bad head
// (nothing else is filled); malformed chunk framing (head filled, entity_body holds the data
// before the damage); a content decoding failure (entity_body complete; decoded as
// DecodeContent leaves it, so truncated content still yields its decoded prefix).
Status ExtractHttpPayload(std::string_view block, const PayloadOptions& opts, HttpPayload* out);

// The WARC/1.1 payload digest: over the entity body with chunked framing removed, still
// content-encoded. Memory use stays bounded however large the body. A chunked body cut
// short digests the data it holds; malformed chunk framing digests the bytes as stored.
Status ComputePayloadDigest(std::string_view block, DigestAlgorithm algorithm, std::string* raw);

// The digest of the bytes after the head exactly as stored, which is what wget, Heritrix
// and warcio write for chunked bodies; a verifier should accept either digest.
Status ComputeRawPayloadDigest(std::string_view block, DigestAlgorithm algorithm, std::string* raw);

}  // namespace warcrawl::warc

#endif  // WARCRAWL_WARC_HTTP_PAYLOAD_H_
