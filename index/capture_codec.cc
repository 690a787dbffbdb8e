#include "index/capture_codec.h"

#include <algorithm>
#include <array>
#include <climits>
#include <type_traits>
#include <utility>

#include "warc/digest.h"

namespace warcrawl::index {
namespace {

// Field numbers of format 1: bit positions in the presence flags, and the order on disk.
enum Field : uint32_t {
  kUrl,
  kMime,
  kStatus,
  kDigest,
  kLength,
  kOffset,
  kFilename,
  kRedirect,
  kRefersToUrl,
  kRefersToTimestamp,
  kMethod,
  kRequestBody,
  kRole,
  kPostUrl,
  kPageNumber,
  kFieldCount,
};
constexpr uint64_t kKnownFlags = (uint64_t{1} << kFieldCount) - 1;

// Format 1's media type codes: code i + 1 is kCommonMimes[i]. Frozen: never reorder or edit.
constexpr std::array<std::string_view, 24> kCommonMimes = {
    "text/html",
    "warc/revisit",
    "text/css",
    "application/javascript",
    "text/javascript",
    "application/x-javascript",
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/svg+xml",
    "image/webp",
    "image/x-icon",
    "image/vnd.microsoft.icon",
    "text/plain",
    "application/json",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/octet-stream",
    "font/woff",
    "font/woff2",
    "application/pdf",
    "text/dns",
};

// Format 1's record type codes, so that reordering warc::RecordType cannot change old values.
constexpr std::array<warc::RecordType, 9> kTypeCodes = {
    warc::RecordType::kWarcinfo,   warc::RecordType::kResponse,     warc::RecordType::kResource,
    warc::RecordType::kRequest,    warc::RecordType::kMetadata,     warc::RecordType::kRevisit,
    warc::RecordType::kConversion, warc::RecordType::kContinuation, warc::RecordType::kUnknown,
};

uint64_t TypeCode(warc::RecordType type) {
  for (size_t i = 0; i < kTypeCodes.size(); ++i) {
    if (kTypeCodes[i] == type) return i;
  }
  return kTypeCodes.size() - 1;  // kUnknown
}

enum DigestKind : uint8_t { kDigestText = 0, kDigestBase32 = 1, kDigestHex = 2 };

void PutVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

void PutBytes(std::string_view s, std::string* out) {
  PutVarint(s.size(), out);
  out->append(s);
}

void PutMime(std::string_view mime, std::string* out) {
  for (size_t i = 0; i < kCommonMimes.size(); ++i) {
    if (kCommonMimes[i] == mime) return PutVarint(i + 1, out);
  }
  PutVarint(0, out);
  PutBytes(mime, out);
}

bool IsUpperBase32(char c) { return (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'); }
bool IsLowerHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// The common digests re-encode to themselves, which is cheaper to see in the text than by
// encoding: unpadded base32 in whole groups, or lowercase hex that is not that (e.g. "2345").
DigestKind KindOf(std::string_view digest) {
  if (digest.size() % 8 == 0 && std::all_of(digest.begin(), digest.end(), IsUpperBase32)) {
    return kDigestBase32;
  }
  if (digest.size() % 2 == 0 && std::all_of(digest.begin(), digest.end(), IsLowerHex)) {
    return kDigestHex;
  }
  return kDigestText;
}

int Base32Digit(char c) { return c >= 'A' ? c - 'A' : c - '2' + 26; }
int HexDigit(char c) { return c >= 'a' ? c - 'a' + 10 : c - '0'; }

// The bytes of a text KindOf accepted, decoded a group of digits at a time (8 base32 digits
// make 5 bytes, 2 hex digits 1): a digit at a time cost a tenth of a capture's encoding.
template <int kBits, int (*Digit)(char)>
void PutDecoded(std::string_view text, std::string* out) {
  constexpr size_t kDigits = kBits == 5 ? 8 : 2;
  constexpr size_t kBytes = kDigits * kBits / 8;
  const size_t size = text.size() / kDigits * kBytes;
  PutVarint(size, out);
  out->resize(out->size() + size);
  char* next = out->data() + out->size() - size;
  for (size_t i = 0; i < text.size(); i += kDigits) {
    uint64_t acc = 0;
    for (size_t j = 0; j < kDigits; ++j) {
      acc = acc << kBits | static_cast<uint64_t>(Digit(text[i + j]));
    }
    for (size_t k = kBytes; k-- > 0;) *next++ = static_cast<char>(acc >> (8 * k));
  }
}

// Raw bytes only when re-encoding them gives back exactly the same text.
void PutDigest(std::string_view digest, std::string* out) {
  if (const DigestKind kind = KindOf(digest); kind != kDigestText) {
    out->push_back(static_cast<char>(kind));
    return kind == kDigestBase32 ? PutDecoded<5, Base32Digit>(digest, out)
                                 : PutDecoded<4, HexDigit>(digest, out);
  }
  std::string raw;
  if (warc::Base32Decode(digest, &raw).ok() && warc::Base32Encode(raw) == digest) {
    out->push_back(static_cast<char>(kDigestBase32));
    return PutBytes(raw, out);
  }
  raw.clear();
  if (warc::HexDecode(digest, &raw).ok() && warc::HexEncode(raw) == digest) {
    out->push_back(static_cast<char>(kDigestHex));
    return PutBytes(raw, out);
  }
  out->push_back(static_cast<char>(kDigestText));
  PutBytes(digest, out);
}

// Reads the value front to back; every read checks what is left before touching a byte.
class Cursor {
 public:
  explicit Cursor(std::string_view data) : data_(data) {}

  size_t offset() const { return pos_; }
  bool done() const { return pos_ == data_.size(); }

  Status Byte(uint8_t* b) {
    if (pos_ >= data_.size()) return Error("value ends where a byte was expected");
    *b = static_cast<uint8_t>(data_[pos_++]);
    return Status::OK();
  }

  Status Varint(uint64_t* v) {
    const size_t start = pos_;
    uint64_t result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= data_.size()) return ErrorAt(start, "value ends inside a varint");
      const auto byte = static_cast<uint8_t>(data_[pos_++]);
      if (shift == 63 && byte > 1) return ErrorAt(start, "varint overflows 64 bits");
      result |= uint64_t{byte & 0x7fu} << shift;
      if (byte < 0x80) {
        *v = result;
        return Status::OK();
      }
    }
    return ErrorAt(start, "varint longer than 10 bytes");
  }

  Status Bytes(std::string* s) {
    const size_t start = pos_;
    uint64_t n = 0;
    if (Status st = Varint(&n); !st.ok()) return st;
    if (n > data_.size() - pos_) {
      return ErrorAt(start, "string of " + std::to_string(n) + " bytes runs past the end (" +
                                std::to_string(data_.size() - pos_) + " left)");
    }
    s->assign(data_.substr(pos_, n));
    pos_ += n;
    return Status::OK();
  }

  // A varint no greater than `max`, for fields with a range.
  Status Bounded(uint64_t max, std::string_view what, uint64_t* v) {
    const size_t start = pos_;
    if (Status s = Varint(v); !s.ok()) return s;
    if (*v > max) {
      return ErrorAt(start, std::string(what) + " " + std::to_string(*v) + " out of range");
    }
    return Status::OK();
  }

  Status Error(std::string_view problem) const { return ErrorAt(pos_, problem); }
  static Status ErrorAt(size_t offset, std::string_view problem) {
    return Status::Corruption("capture value: " + std::string(problem) + " at byte " +
                              std::to_string(offset));
  }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

Status ReadMime(Cursor* in, std::string* mime) {
  uint64_t code = 0;
  if (Status s = in->Bounded(kCommonMimes.size(), "media type code", &code); !s.ok()) return s;
  if (code == 0) return in->Bytes(mime);
  *mime = std::string(kCommonMimes[code - 1]);
  return Status::OK();
}

Status ReadDigest(Cursor* in, std::string* digest) {
  const size_t start = in->offset();
  uint8_t kind = 0;
  if (Status s = in->Byte(&kind); !s.ok()) return s;
  if (Status s = in->Bytes(digest); !s.ok()) return s;
  switch (kind) {
    case kDigestText:
      return Status::OK();
    case kDigestBase32:
      *digest = warc::Base32Encode(*digest);
      return Status::OK();
    case kDigestHex:
      *digest = warc::HexEncode(*digest);
      return Status::OK();
    default:
      return Cursor::ErrorAt(start, "unknown digest kind " + std::to_string(kind));
  }
}

Status ReadNumber(Cursor* in, uint64_t max, std::string_view what, auto* out) {
  uint64_t v = 0;
  if (Status s = in->Bounded(max, what, &v); !s.ok()) return s;
  *out = static_cast<std::remove_pointer_t<decltype(out)>>(v);
  return Status::OK();
}

Status ReadField(Field field, Cursor* in, CaptureEntry* e) {
  switch (field) {
    case kUrl:
      return in->Bytes(&e->url);
    case kMime:
      return ReadMime(in, &e->mime);
    case kStatus:
      return ReadNumber(in, INT_MAX, "status", &e->status);
    case kDigest:
      return ReadDigest(in, &e->digest);
    case kLength:
      return in->Varint(&e->length);
    case kOffset:
      return in->Varint(&e->offset);
    case kFilename:
      return in->Bytes(&e->filename);
    case kRedirect:
      return in->Bytes(&e->redirect);
    case kRefersToUrl:
      return in->Bytes(&e->refers_to_url);
    case kRefersToTimestamp:
      return in->Bytes(&e->refers_to_timestamp);
    case kMethod:
      return in->Bytes(&e->method);
    case kRequestBody:
      return in->Bytes(&e->request_body);
    case kRole:
      return ReadNumber(in, kMaxPageRole, "page role", &e->role);
    case kPostUrl:
      return in->Bytes(&e->post_url);
    case kPageNumber:
      return ReadNumber(in, UINT32_MAX, "page number", &e->page_number);
    case kFieldCount:
      break;
  }
  return in->Error("no such field");
}

uint64_t PresenceFlags(const CaptureEntry& e) {
  const bool present[kFieldCount] = {
      !e.url.empty(),
      !e.mime.empty(),
      e.status > 0,
      !e.digest.empty(),
      e.length > 0,
      e.offset > 0,
      !e.filename.empty(),
      !e.redirect.empty(),
      !e.refers_to_url.empty(),
      !e.refers_to_timestamp.empty(),
      !e.method.empty(),
      !e.request_body.empty(),
      e.role != PageRole::kNone,
      !e.post_url.empty(),
      e.page_number > 0,
  };
  uint64_t flags = 0;
  for (uint32_t i = 0; i < kFieldCount; ++i) {
    if (present[i]) flags |= uint64_t{1} << i;
  }
  return flags;
}

void PutField(Field field, const CaptureEntry& e, std::string* out) {
  switch (field) {
    case kUrl:
      return PutBytes(e.url, out);
    case kMime:
      return PutMime(e.mime, out);
    case kStatus:
      return PutVarint(static_cast<uint64_t>(e.status), out);
    case kDigest:
      return PutDigest(e.digest, out);
    case kLength:
      return PutVarint(e.length, out);
    case kOffset:
      return PutVarint(e.offset, out);
    case kFilename:
      return PutBytes(e.filename, out);
    case kRedirect:
      return PutBytes(e.redirect, out);
    case kRefersToUrl:
      return PutBytes(e.refers_to_url, out);
    case kRefersToTimestamp:
      return PutBytes(e.refers_to_timestamp, out);
    case kMethod:
      return PutBytes(e.method, out);
    case kRequestBody:
      return PutBytes(e.request_body, out);
    case kRole:
      return PutVarint(static_cast<uint64_t>(e.role), out);
    case kPostUrl:
      return PutBytes(e.post_url, out);
    case kPageNumber:
      return PutVarint(e.page_number, out);
    case kFieldCount:
      return;
  }
}

}  // namespace

std::string EncodeCapture(const CaptureEntry& entry) {
  std::string out;
  EncodeCapture(entry, &out);
  return out;
}

void EncodeCapture(const CaptureEntry& entry, std::string* out) {
  out->assign(1, static_cast<char>(kCaptureFormat1));
  const uint64_t flags = PresenceFlags(entry);
  PutVarint(flags, out);
  PutVarint(TypeCode(entry.record_type), out);
  for (uint32_t i = 0; i < kFieldCount; ++i) {
    if (flags & (uint64_t{1} << i)) PutField(static_cast<Field>(i), entry, out);
  }
}

Status DecodeCapture(std::string_view urlkey, std::string_view timestamp, std::string_view value,
                     CaptureEntry* out) {
  Cursor in(value);
  uint8_t format = 0;
  if (Status s = in.Byte(&format); !s.ok()) return s;
  if (format != kCaptureFormat1) {
    return Cursor::ErrorAt(0, "unknown format " + std::to_string(format));
  }
  const size_t flags_at = in.offset();
  uint64_t flags = 0;
  if (Status s = in.Varint(&flags); !s.ok()) return s;
  if (flags & ~kKnownFlags) {
    return Cursor::ErrorAt(
        flags_at, "field flags " + std::to_string(flags) + " name fields format 1 does not have");
  }
  CaptureEntry entry;
  uint64_t type = 0;
  if (Status s = in.Bounded(kTypeCodes.size() - 1, "record type", &type); !s.ok()) return s;
  entry.record_type = kTypeCodes[type];
  for (uint32_t i = 0; i < kFieldCount; ++i) {
    if (!(flags & (uint64_t{1} << i))) continue;
    if (Status s = ReadField(static_cast<Field>(i), &in, &entry); !s.ok()) return s;
  }
  if (!in.done()) return in.Error("bytes left over after the last field");
  entry.urlkey = std::string(urlkey);
  entry.timestamp = std::string(timestamp);
  *out = std::move(entry);
  return Status::OK();
}

}  // namespace warcrawl::index
