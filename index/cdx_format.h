// Text forms of a capture: the CDXJ line warcio.js's `cdx-index` writes (and pywb reads), the
// classic 11-field CDX line pywb's CDX server gives with output=cdx, and the JSON object per
// line it gives with output=json; and the reverse, a CDXJ line parsed back into a capture.
//
// Thread-safety: pure functions; safe from any thread.
#ifndef WARCRAWL_INDEX_CDX_FORMAT_H_
#define WARCRAWL_INDEX_CDX_FORMAT_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "index/capture.h"
#include "warc/status.h"

namespace warcrawl::index {

// The header line of an 11-field CDX file, as pywb's indexer writes it (N b a m s k r M S V g:
// urlkey, timestamp, url, mime, status, digest, redirect, meta, length, offset, filename).
inline constexpr std::string_view kCdx11Header = " CDX N b a m s k r M S V g";

// A CDXJ line longer than this is refused by ParseCdxjLine (it bounds the work per line).
inline constexpr size_t kMaxCdxjLine = size_t{1} << 20;

struct CdxFormatOptions {
  // Also write what warcio.js does not: "redirect", "warc-type", "refers-to-url",
  // "refers-to-timestamp", "page-role", "post-url" and "page-number", after its fields.
  // pywb passes unknown fields through, and ParseCdxjLine reads them back.
  bool extended = false;
};

// `urlkey timestamp {"url":…,"mime":…,"status":…,"digest":…,"length":…,"offset":…,
// "filename":…}` with no newline, byte for byte as warcio.js writes it: compact JSON; status,
// length and offset as strings; absent fields left out; "method" and "requestBody" after
// "filename" when set. Text that is not UTF-8 has U+FFFD in place of each bad sequence.
std::string FormatCdxjLine(const CaptureEntry& entry, const CdxFormatOptions& options = {});

// The 11 fields of kCdx11Header separated by single spaces, "-" for each absent one (meta is
// always "-"), no newline. Unlike warcio.js, which never fills it, the redirect column holds
// the Location of a 3xx (as wget's and Heritrix's CDX files do), and spaces and line breaks
// inside a field are written %20, %0A, %0D so that a line always has 11 fields.
std::string FormatCdx11Line(const CaptureEntry& entry);

// One JSON object as pywb's CDX server writes per line with output=json (no newline):
// "urlkey" and "timestamp" first, then the CDXJ fields in CDXJ order, values as strings,
// Python's separators (", " and ": ") and \uXXXX escapes for everything outside ASCII.
std::string FormatJsonLine(const CaptureEntry& entry, const CdxFormatOptions& options = {});

// Parses a CDXJ line (a trailing CR or LF is ignored) as warcio.js and pywb write it, and as
// FormatCdxjLine writes it with or without `extended`. Unknown fields are skipped; numbers may
// be JSON numbers or strings of digits; "" and "-" mean absent. Without "warc-type" the type is
// revisit for mime warc/revisit and response otherwise. Corruption names what is wrong: a
// missing part, a timestamp that is not 14 digits, bad JSON (with its byte offset in the
// line), or a field of the wrong kind; *out is then unchanged.
Status ParseCdxjLine(std::string_view line, CaptureEntry* out);

}  // namespace warcrawl::index

#endif  // WARCRAWL_INDEX_CDX_FORMAT_H_
