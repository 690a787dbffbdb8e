// The key layout of the index database. Each keyspace starts with its own byte, so one
// LevelDB holds them all and a range scan never strays from one into another.
//
//   'c' urlkey ' ' timestamp14 ' ' filename '\0' offset(8 bytes, big-endian)  → capture
//   'd' digest (normalised "algo:value")                                    → first capture
//   'f' filename                                                            → ingested file
//
// A digest's first capture is its earliest (indexer.h says how ties go).
//
// ' ' sorts below every character a SURT key uses, so the captures of one URL come
// together, in time order, before any longer URL: a prefix, host or domain query is one
// range scan, as a sorted CDXJ file is for pywb. The file and offset make each key unique.
//
// Thread-safety: pure functions.
#ifndef WARCRAWL_INDEX_INDEX_KEYS_H_
#define WARCRAWL_INDEX_INDEX_KEYS_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace warcrawl::index {

inline constexpr char kCaptureSpace = 'c';
inline constexpr char kDigestSpace = 'd';
inline constexpr char kFileSpace = 'f';

struct CaptureKey {
  std::string urlkey;
  std::string timestamp;  // 14 digits
  std::string filename;
  uint64_t offset = 0;
};

std::string EncodeCaptureKey(const CaptureKey& key);
// The same key into *out (replacing its contents), for callers that reuse one buffer.
void EncodeCaptureKey(std::string_view urlkey, std::string_view timestamp,
                      std::string_view filename, uint64_t offset, std::string* out);
// False when `encoded` is not a capture key.
bool DecodeCaptureKey(std::string_view encoded, CaptureKey* key);

// The smallest key of every capture whose urlkey starts with `urlkey_prefix`; with
// exact_url, only the captures of that very urlkey (it appends the ' ' separator).
std::string CaptureScanStart(std::string_view urlkey_prefix, bool exact_url);
// The first key past every capture of the timestamp-less prefix CaptureScanStart made.
std::string PrefixEnd(std::string_view prefix);

std::string DigestKey(std::string_view normalised_digest);
// The same key into *out (replacing its contents), for callers that reuse one buffer.
void DigestKey(std::string_view normalised_digest, std::string* out);
std::string FileKey(std::string_view filename);

}  // namespace warcrawl::index

#endif  // WARCRAWL_INDEX_INDEX_KEYS_H_
