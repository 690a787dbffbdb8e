// PayloadVerifier follows a record block as it streams past and works out what the
// validator needs: the block digest, and for HTTP blocks the head, the payload digest both
// over the entity body with chunked framing removed (WARC 1.1) and over the raw bytes after
// the head (what wget, Heritrix and warcio write), and the body's length. Only the HTTP head
// is buffered, capped at 256 KiB.
//
// Thread-safety: not thread-safe; one verifier per record stream.
#ifndef WARCRAWL_WARC_PAYLOAD_VERIFIER_H_
#define WARCRAWL_WARC_PAYLOAD_VERIFIER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "warc/chunked.h"
#include "warc/digest.h"
#include "warc/http_message.h"
#include "warc/status.h"

namespace warcrawl::warc {

class PayloadVerifier {
 public:
  // block_algorithm / payload_algorithm: what the record's digest fields name, if anything.
  // http: whether the block is an HTTP message (application/http request or response).
  PayloadVerifier(std::optional<DigestAlgorithm> block_algorithm,
                  std::optional<DigestAlgorithm> payload_algorithm, bool http);

  void Update(std::string_view data);
  // Call once, after the whole block went through Update.
  void Finish();

  const std::string& block_digest() const { return block_digest_; }
  // The payload digest as WARC 1.1 defines it, and over the raw bytes after the head.
  const std::string& payload_digest() const { return payload_digest_; }
  const std::string& raw_payload_digest() const { return raw_payload_digest_; }

  // For HTTP blocks: the parse result of the head and the head itself.
  const Status& head_status() const { return head_status_; }
  const HttpHead& head() const { return head_; }
  // Bytes after the head as stored, and after removing chunked framing.
  uint64_t raw_body_length() const { return raw_body_length_; }
  uint64_t entity_body_length() const { return entity_body_length_; }
  // Problems in the chunked framing, if the body claimed to be chunked.
  const Status& chunked_status() const { return chunked_status_; }
  bool chunked_complete() const { return chunked_ && decoder_.done(); }

 private:
  void UpdateHead(std::string_view data);
  void UpdateBody(std::string_view data);

  std::optional<Digester> block_;
  std::optional<Digester> payload_;
  std::optional<Digester> raw_payload_;
  bool http_;
  bool in_body_ = false;
  bool chunked_ = false;
  std::string head_buffer_;
  HttpHead head_;
  Status head_status_;
  ChunkedDecoder decoder_;
  Status chunked_status_;
  std::string dechunked_;
  uint64_t raw_body_length_ = 0;
  uint64_t entity_body_length_ = 0;
  std::string block_digest_, payload_digest_, raw_payload_digest_;
};

}  // namespace warcrawl::warc

#endif  // WARCRAWL_WARC_PAYLOAD_VERIFIER_H_
