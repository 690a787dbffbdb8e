// Fuzzes the HTTP message code a WARC block goes through: the head parser, the chunked
// decoder (whole and fed in pieces, which must agree), payload extraction and digests, and
// the content decoders under their size cap. The input is one HTTP message, or a chunked
// body, or compressed bytes: every parser sees it, so any seed feeds all of them.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "warc/chunked.h"
#include "warc/content_decoder.h"
#include "warc/http_message.h"
#include "warc/http_payload.h"

namespace warcrawl::warc {
namespace {

constexpr size_t kMaxDecoded = size_t{1} << 20;

void ParseHead(std::string_view in, bool allow_unterminated) {
  HttpHead head;
  if (!ParseHttpHead(in, &head, allow_unterminated).ok()) return;
  if (head.head_length > in.size()) std::abort();
  (void)IsChunked(head);
  (void)DeclaredContentLength(head);
  std::vector<std::string> codings = ContentCodings(head);
  std::string decoded;
  (void)DecodeContent(codings, in.substr(head.head_length), kMaxDecoded, &decoded);
}

// Feeding the body in pieces must give what feeding it whole gives.
void DechunkBothWays(std::string_view in) {
  std::string whole;
  bool complete = false;
  Status whole_status = Dechunk(in, &whole, &complete);

  ChunkedDecoder decoder;
  std::string pieces;
  Status s;
  for (size_t pos = 0, step = 1; pos < in.size() && s.ok(); pos += step, step = step % 13 + 1) {
    s = decoder.Feed(in.substr(pos, step), &pieces);
  }
  if (s.ok() != whole_status.ok() || pieces != whole) std::abort();
  if (s.ok() && decoder.last_chunk_seen() != complete) std::abort();
}

void Decode(std::string_view in) {
  static const std::vector<std::vector<std::string>> kCodings = {
      {"gzip"}, {"deflate"}, {"br"}, {"gzip", "br"}, {"x-gzip", "identity"}};
  std::string out;
  for (const auto& codings : kCodings) {
    (void)DecodeContent(codings, in, kMaxDecoded, &out);
    if (out.size() > kMaxDecoded) std::abort();
  }
}

void Payload(std::string_view in) {
  PayloadOptions opts;
  opts.max_decoded = kMaxDecoded;
  HttpPayload payload;
  (void)ExtractHttpPayload(in, opts, &payload);
  if (payload.decoded.size() > kMaxDecoded) std::abort();
  std::string digest;
  (void)ComputePayloadDigest(in, DigestAlgorithm::kSha1, &digest);
  (void)ComputeRawPayloadDigest(in, DigestAlgorithm::kSha256, &digest);
}

}  // namespace
}  // namespace warcrawl::warc

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace warc = warcrawl::warc;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  warc::ParseHead(in, false);
  warc::ParseHead(in, true);
  warc::DechunkBothWays(in);
  warc::Decode(in);
  warc::Payload(in);
  return 0;
}
