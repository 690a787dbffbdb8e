// Digests as WARC writes and verifies them: an incremental hasher over OpenSSL, the
// base32/base16/base64 encodings that WARC-Block-Digest and WARC-Payload-Digest values use in
// the wild, and parsing of "label:value" digest fields.
//
// Thread-safety: a Digester is not thread-safe; distinct objects may be used from distinct
// threads. The free functions are pure and thread-safe.
#ifndef WARCRAWL_WARC_DIGEST_H_
#define WARCRAWL_WARC_DIGEST_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "warc/status.h"

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX, kept out of this header.

namespace warcrawl::warc {

enum class DigestAlgorithm { kMd5, kSha1, kSha256, kSha384, kSha512 };

// The length in bytes of the algorithm's raw digest (20 for SHA-1).
size_t DigestSize(DigestAlgorithm algorithm);
// The label our writer puts before the colon: "md5", "sha1", "sha256", "sha384", "sha512".
std::string_view DigestLabel(DigestAlgorithm algorithm);

// Hashes a byte stream. OpenSSL failing to set up a context is treated like a failed
// allocation (the process aborts): it cannot be caused by input. A moved-from Digester may
// only be assigned to or destroyed.
class Digester {
 public:
  explicit Digester(DigestAlgorithm algorithm);
  ~Digester();
  Digester(Digester&& other) noexcept;
  Digester& operator=(Digester&& other) noexcept;
  Digester(const Digester&) = delete;
  Digester& operator=(const Digester&) = delete;

  DigestAlgorithm algorithm() const { return algorithm_; }
  void Update(std::string_view data);
  // The raw digest of everything passed to Update; the Digester then starts afresh.
  std::string Finish();

 private:
  struct CtxDeleter {
    void operator()(evp_md_ctx_st* ctx) const;
  };
  void Init();

  DigestAlgorithm algorithm_;
  std::unique_ptr<evp_md_ctx_st, CtxDeleter> ctx_;
};

// The raw digest of `data` in one call.
std::string ComputeDigest(DigestAlgorithm algorithm, std::string_view data);

// RFC 4648 base32, uppercase, padded with '=' to a multiple of 8 characters.
std::string Base32Encode(std::string_view raw);
// Lowercase base16.
std::string HexEncode(std::string_view raw);

// Decoders append nothing on failure and name the offending offset in the Status.
// Base32: padded or not, either case.
Status Base32Decode(std::string_view text, std::string* raw);
// Base16: either case.
Status HexDecode(std::string_view text, std::string* raw);
// Base64 with "+/" (Base64Decode) or "-_" (Base64UrlDecode), padded or not.
Status Base64Decode(std::string_view text, std::string* raw);
Status Base64UrlDecode(std::string_view text, std::string* raw);

// What our writer writes: "sha1:" + base32 for SHA-1, "<label>:" + lowercase hex otherwise.
std::string FormatDigest(DigestAlgorithm algorithm, std::string_view raw);

struct ParsedDigest {
  DigestAlgorithm algorithm = DigestAlgorithm::kSha1;
  std::string raw;
};

// Parses a digest field value such as "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ" or
// "sha-256:<hex>". Labels ignore case and an optional hyphen; the value may be base32,
// base16, base64 or base64url, chosen by which one yields exactly the digest's length.
// An unknown label is NotSupported; a value that decodes no way is InvalidArgument.
Status ParseDigest(std::string_view field_value, ParsedDigest* out);

}  // namespace warcrawl::warc

#endif  // WARCRAWL_WARC_DIGEST_H_
