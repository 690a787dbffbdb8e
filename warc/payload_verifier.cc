#include "warc/payload_verifier.h"

namespace warcrawl::warc {
namespace {

constexpr size_t kMaxHead = size_t{256} * 1024;

}  // namespace

PayloadVerifier::PayloadVerifier(std::optional<DigestAlgorithm> block_algorithm,
                                 std::optional<DigestAlgorithm> payload_algorithm, bool http)
    : http_(http) {
  if (block_algorithm) block_.emplace(*block_algorithm);
  if (payload_algorithm) {
    payload_.emplace(*payload_algorithm);
    if (http) raw_payload_.emplace(*payload_algorithm);
  }
  // A non-HTTP block is all payload.
  in_body_ = !http;
}

void PayloadVerifier::Update(std::string_view data) {
  if (block_) block_->Update(data);
  if (in_body_) {
    UpdateBody(data);
  } else {
    UpdateHead(data);
  }
}

void PayloadVerifier::UpdateHead(std::string_view data) {
  head_buffer_.append(data);
  head_status_ = ParseHttpHead(head_buffer_, &head_);
  if (head_status_.IsNotFound() && head_buffer_.size() <= kMaxHead) return;  // need more
  if (!head_status_.ok()) {
    // Unparseable head: treat everything as body so the digests still cover the bytes.
    head_.head_length = 0;
  }
  in_body_ = true;
  chunked_ = head_status_.ok() && IsChunked(head_);
  std::string rest = head_buffer_.substr(head_.head_length);
  head_buffer_.resize(head_.head_length);
  UpdateBody(rest);
}

void PayloadVerifier::UpdateBody(std::string_view data) {
  raw_body_length_ += data.size();
  // Without chunked framing the raw bytes are the entity body: one hash serves both.
  if (chunked_ && raw_payload_) raw_payload_->Update(data);
  if (!chunked_) {
    entity_body_length_ += data.size();
    if (payload_) payload_->Update(data);
    return;
  }
  if (!chunked_status_.ok()) return;
  dechunked_.clear();
  chunked_status_ = decoder_.Feed(data, &dechunked_);
  entity_body_length_ += dechunked_.size();
  if (payload_) payload_->Update(dechunked_);
}

void PayloadVerifier::Finish() {
  if (http_ && !in_body_) {
    // The block ended inside the head: a head-only block (revisit) may lack the blank line.
    head_status_ = ParseHttpHead(head_buffer_, &head_, /*allow_unterminated=*/true);
    in_body_ = true;
  }
  if (block_) block_digest_ = block_->Finish();
  if (payload_) payload_digest_ = payload_->Finish();
  if (raw_payload_) raw_payload_digest_ = chunked_ ? raw_payload_->Finish() : payload_digest_;
}

}  // namespace warcrawl::warc
