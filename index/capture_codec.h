// The binary form of a capture as a LevelDB value. The key already holds the urlkey and the
// timestamp, so the value leaves them out and the decoder takes them from the caller.
//
// Layout (format 1): a format byte, a varint of presence flags (bit i: field i follows), the
// record type as a varint, then each present field in field order. Strings are a varint
// length and bytes; numbers are varints. The media type is a varint code into a fixed table
// of common types (0: a string follows), and the digest a kind byte (0: text; 1: base32 and
// 2: lowercase hex, each stored as the raw bytes they encode) so a SHA-1 takes 21 bytes, not
// 33. Format 1 is frozen: any change takes a new format byte, and decoders keep reading 1.
//
// Thread-safety: pure functions; safe from any thread.
#ifndef WARCRAWL_INDEX_CAPTURE_CODEC_H_
#define WARCRAWL_INDEX_CAPTURE_CODEC_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "index/capture.h"
#include "warc/status.h"

namespace warcrawl::index {

inline constexpr uint8_t kCaptureFormat1 = 1;

// The value for `entry`, in format 1; entry.urlkey and entry.timestamp are not stored.
// A status below 1 is stored as absent, as is every empty string and zero number.
std::string EncodeCapture(const CaptureEntry& entry);
// The same value into *out (replacing its contents), for callers that reuse one buffer.
void EncodeCapture(const CaptureEntry& entry, std::string* out);

// Decodes a value written by EncodeCapture and sets out->urlkey and out->timestamp from the
// key. Corruption, naming the byte offset and the problem, for an unknown format, flags a
// format does not define, a field running past the end, an overlong varint, a value out of
// range, or bytes left over; *out is then unchanged. Never reads outside `value`, and never
// allocates more than `value`'s size for a field.
Status DecodeCapture(std::string_view urlkey, std::string_view timestamp, std::string_view value,
                     CaptureEntry* out);

}  // namespace warcrawl::index

#endif  // WARCRAWL_INDEX_CAPTURE_CODEC_H_
