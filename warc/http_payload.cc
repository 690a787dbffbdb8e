#include "warc/http_payload.h"

#include <algorithm>

#include "warc/chunked.h"
#include "warc/content_decoder.h"

namespace warcrawl::warc {
namespace {

// Chunked bodies are digested in slices of this size so the de-chunked copy stays small.
constexpr size_t kDigestSlice = size_t{64} * 1024;

// The head of a block that must be HTTP; a block that is only headers has an empty body.
Status SplitBlock(std::string_view block, HttpHead* head, std::string_view* body) {
  Status s = ParseHttpHead(block, head, /*allow_unterminated=*/true);
  if (!s.ok()) return s;
  *body = block.substr(head->head_length);
  return Status::OK();
}

}  // namespace

Status ExtractHttpPayload(std::string_view block, const PayloadOptions& opts, HttpPayload* out) {
  *out = HttpPayload();
  std::string_view body;
  Status s = SplitBlock(block, &out->head, &body);
  if (!s.ok()) return s;
  out->chunked = IsChunked(out->head);
  if (out->chunked) {
    s = Dechunk(body, &out->entity_body, &out->chunked_complete);
    if (!s.ok()) return s;
  } else {
    out->entity_body.assign(body);
  }
  if (!opts.decode_content) return Status::OK();
  return DecodeContent(ContentCodings(out->head), out->entity_body, opts.max_decoded,
                       &out->decoded);
}

Status ComputePayloadDigest(std::string_view block, DigestAlgorithm algorithm, std::string* raw) {
  HttpHead head;
  std::string_view body;
  Status s = SplitBlock(block, &head, &body);
  if (!s.ok()) return s;
  Digester digester(algorithm);
  if (!IsChunked(head)) {
    digester.Update(body);
    *raw = digester.Finish();
    return Status::OK();
  }
  ChunkedDecoder decoder;
  std::string data;
  const std::string_view whole_body = body;
  while (!body.empty()) {
    size_t n = std::min(body.size(), kDigestSlice);
    data.clear();
    if (!decoder.Feed(body.substr(0, n), &data).ok()) {
      // Broken framing has no entity body to speak of: hash the bytes as stored (what
      // wget and Heritrix always hash), so a lying server's response is still archived.
      *raw = ComputeDigest(algorithm, whole_body);
      return Status::OK();
    }
    digester.Update(data);
    body.remove_prefix(n);
  }
  *raw = digester.Finish();  // a truncated body digests what it holds
  return Status::OK();
}

Status ComputeRawPayloadDigest(std::string_view block, DigestAlgorithm algorithm,
                               std::string* raw) {
  HttpHead head;
  std::string_view body;
  Status s = SplitBlock(block, &head, &body);
  if (!s.ok()) return s;
  *raw = ComputeDigest(algorithm, body);
  return Status::OK();
}

}  // namespace warcrawl::warc
