#include "warc/digest.h"

#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "warc/text_util.h"

namespace warcrawl::warc {
namespace {

using text::HexDigitValue;
using text::QuoteForError;
using text::TrimBlanks;

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::string_view kHexDigits = "0123456789abcdef";
constexpr std::string_view kBase64Std =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kBase64Url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

struct AlgorithmInfo {
  DigestAlgorithm algorithm;
  std::string_view label;
  size_t size;
};

constexpr std::array<AlgorithmInfo, 5> kAlgorithms = {{
    {DigestAlgorithm::kMd5, "md5", 16},
    {DigestAlgorithm::kSha1, "sha1", 20},
    {DigestAlgorithm::kSha256, "sha256", 32},
    {DigestAlgorithm::kSha384, "sha384", 48},
    {DigestAlgorithm::kSha512, "sha512", 64},
}};

const AlgorithmInfo& Info(DigestAlgorithm algorithm) {
  for (const auto& info : kAlgorithms) {
    if (info.algorithm == algorithm) return info;
  }
  return kAlgorithms[1];  // unreachable for valid enum values
}

const EVP_MD* EvpFor(DigestAlgorithm algorithm) {
  switch (algorithm) {
    case DigestAlgorithm::kMd5:
      return EVP_md5();
    case DigestAlgorithm::kSha1:
      return EVP_sha1();
    case DigestAlgorithm::kSha256:
      return EVP_sha256();
    case DigestAlgorithm::kSha384:
      return EVP_sha384();
    case DigestAlgorithm::kSha512:
      return EVP_sha512();
  }
  return EVP_sha1();
}

[[noreturn]] void DieOpenSsl(const char* what) {
  std::fprintf(stderr, "warcrawl: OpenSSL %s failed\n", what);
  std::abort();
}

std::string InvalidChar(std::string_view kind, char c, size_t offset) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02x", static_cast<unsigned char>(c));
  return "invalid " + std::string(kind) + " character " + hex + " at offset " +
         std::to_string(offset);
}

// Removes trailing '=' padding and checks that, if present, it completes a `block`-sized group.
Status StripPadding(std::string_view kind, size_t block, std::string_view* text) {
  size_t full = text->size();
  while (!text->empty() && text->back() == '=') text->remove_suffix(1);
  if (text->size() != full && full % block != 0) {
    return Status::InvalidArgument(std::string(kind) + " padding leaves length " +
                                   std::to_string(full) + ", not a multiple of " +
                                   std::to_string(block));
  }
  return Status::OK();
}

int Base32Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

// Decodes a radix-2^bits text whose symbols map through `value`; leftover bits are dropped.
template <typename ValueFn>
Status DecodeBits(std::string_view kind, std::string_view text, int bits, ValueFn value,
                  std::string* raw) {
  std::string out;
  out.reserve(text.size() * bits / 8);
  uint32_t acc = 0;
  int have = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    int v = value(text[i]);
    if (v < 0) return Status::InvalidArgument(InvalidChar(kind, text[i], i));
    acc = (acc << bits) | static_cast<uint32_t>(v);
    have += bits;
    if (have >= 8) {
      have -= 8;
      out.push_back(static_cast<char>((acc >> have) & 0xff));
    }
  }
  raw->append(out);
  return Status::OK();
}

Status Base64DecodeWith(std::string_view kind, std::string_view alphabet, std::string_view text,
                        std::string* raw) {
  Status s = StripPadding(kind, 4, &text);
  if (!s.ok()) return s;
  if (text.size() % 4 == 1) {
    return Status::InvalidArgument(std::string(kind) + " length " + std::to_string(text.size()) +
                                   " cannot end a group");
  }
  auto value = [alphabet](char c) {
    size_t pos = alphabet.find(c);
    return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
  };
  return DecodeBits(kind, text, 6, value, raw);
}

// "SHA-256" -> "sha256"; other spellings are left for the lookup to reject.
std::string NormalizeLabel(std::string_view label) {
  std::string out;
  for (char c : label) out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
  if (out.size() > 4 && out.compare(0, 4, "sha-") == 0) out.erase(3, 1);
  return out;
}

}  // namespace

size_t DigestSize(DigestAlgorithm algorithm) { return Info(algorithm).size; }

std::string_view DigestLabel(DigestAlgorithm algorithm) { return Info(algorithm).label; }

void Digester::CtxDeleter::operator()(evp_md_ctx_st* ctx) const { EVP_MD_CTX_free(ctx); }

Digester::Digester(DigestAlgorithm algorithm) : algorithm_(algorithm) {
  ctx_.reset(EVP_MD_CTX_new());
  if (!ctx_) DieOpenSsl("EVP_MD_CTX_new");
  Init();
}

Digester::~Digester() = default;
Digester::Digester(Digester&& other) noexcept = default;
Digester& Digester::operator=(Digester&& other) noexcept = default;

void Digester::Init() {
  if (EVP_DigestInit_ex(ctx_.get(), EvpFor(algorithm_), nullptr) != 1) {
    DieOpenSsl("EVP_DigestInit_ex");
  }
}

void Digester::Update(std::string_view data) {
  if (data.empty()) return;
  if (EVP_DigestUpdate(ctx_.get(), data.data(), data.size()) != 1) {
    DieOpenSsl("EVP_DigestUpdate");
  }
}

std::string Digester::Finish() {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md;
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx_.get(), md.data(), &len) != 1) DieOpenSsl("EVP_DigestFinal_ex");
  Init();
  return std::string(reinterpret_cast<const char*>(md.data()), len);
}

std::string ComputeDigest(DigestAlgorithm algorithm, std::string_view data) {
  Digester d(algorithm);
  d.Update(data);
  return d.Finish();
}

std::string Base32Encode(std::string_view raw) {
  std::string out;
  out.reserve((raw.size() + 4) / 5 * 8);
  uint32_t acc = 0;
  int have = 0;
  for (unsigned char c : raw) {
    acc = (acc << 8) | c;
    have += 8;
    while (have >= 5) {
      have -= 5;
      out.push_back(kBase32Alphabet[(acc >> have) & 0x1f]);
    }
  }
  if (have > 0) out.push_back(kBase32Alphabet[(acc << (5 - have)) & 0x1f]);
  while (out.size() % 8 != 0) out.push_back('=');
  return out;
}

std::string HexEncode(std::string_view raw) {
  std::string out;
  out.reserve(raw.size() * 2);
  for (unsigned char c : raw) {
    out.push_back(kHexDigits[c >> 4]);
    out.push_back(kHexDigits[c & 0x0f]);
  }
  return out;
}

Status Base32Decode(std::string_view text, std::string* raw) {
  Status s = StripPadding("base32", 8, &text);
  if (!s.ok()) return s;
  switch (text.size() % 8) {
    case 1:
    case 3:
    case 6:
      return Status::InvalidArgument("base32 length " + std::to_string(text.size()) +
                                     " cannot end a group");
    default:
      break;
  }
  return DecodeBits("base32", text, 5, Base32Value, raw);
}

Status HexDecode(std::string_view text, std::string* raw) {
  if (text.size() % 2 != 0) {
    return Status::InvalidArgument("base16 length " + std::to_string(text.size()) + " is odd");
  }
  return DecodeBits("base16", text, 4, HexDigitValue, raw);
}

Status Base64Decode(std::string_view text, std::string* raw) {
  return Base64DecodeWith("base64", kBase64Std, text, raw);
}

Status Base64UrlDecode(std::string_view text, std::string* raw) {
  return Base64DecodeWith("base64url", kBase64Url, text, raw);
}

std::string FormatDigest(DigestAlgorithm algorithm, std::string_view raw) {
  std::string out(DigestLabel(algorithm));
  out.push_back(':');
  out.append(algorithm == DigestAlgorithm::kSha1 ? Base32Encode(raw) : HexEncode(raw));
  return out;
}

Status ParseDigest(std::string_view field_value, ParsedDigest* out) {
  std::string_view value = TrimBlanks(field_value);
  size_t colon = value.find(':');
  if (colon == std::string_view::npos) {
    return Status::InvalidArgument("digest " + QuoteForError(value) + " has no 'algorithm:' label");
  }
  std::string label = NormalizeLabel(TrimBlanks(value.substr(0, colon)));
  const AlgorithmInfo* info = nullptr;
  for (const auto& candidate : kAlgorithms) {
    if (candidate.label == label) info = &candidate;
  }
  if (info == nullptr) {
    return Status::NotSupported("unsupported digest algorithm " +
                                QuoteForError(value.substr(0, colon)));
  }
  std::string_view encoded = TrimBlanks(value.substr(colon + 1));
  // The encodings' lengths for one digest size never coincide except MD5's hex and padded
  // base32, which '=' tells apart, so the first decoding of the right size is the answer.
  for (auto decode : {HexDecode, Base32Decode, Base64Decode, Base64UrlDecode}) {
    std::string raw;
    if (decode(encoded, &raw).ok() && raw.size() == info->size) {
      out->algorithm = info->algorithm;
      out->raw = std::move(raw);
      return Status::OK();
    }
  }
  return Status::InvalidArgument("digest value " + QuoteForError(encoded) +
                                 " is not a base32, base16 or base64 encoding of a " +
                                 std::to_string(info->size) + "-byte " + std::string(info->label) +
                                 " digest");
}

}  // namespace warcrawl::warc
