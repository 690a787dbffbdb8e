// Undoes HTTP content codings (RFC 9110 section 8.4): gzip, deflate, br and identity, with a
// hard cap on the decoded size so that a decompression bomb in an archive is an error
// rather than an out-of-memory crash.
//
// Thread-safety: a pure function; safe from any thread.
#ifndef WARCRAWL_WARC_CONTENT_DECODER_H_
#define WARCRAWL_WARC_CONTENT_DECODER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "warc/status.h"

namespace warcrawl::warc {

// Decodes `in`, to which `codings` were applied in order (as ContentCodings() lists them),
// by undoing them in reverse order into *out (replacing its contents).
//
// Codings, ignoring case: "gzip"/"x-gzip" (concatenated members too; bytes after the last
// member that do not start another are ignored, as browsers do), "deflate" (zlib-wrapped or
// raw, as browsers accept), "br", "identity". Empty input decodes to empty output.
//
// Errors:
// - an unknown coding is NotSupported naming it; *out is cleared;
// - output of any stage beyond `max_output` bytes is Corruption ("decompressed size exceeds
//   N bytes"), found without allocating more than the cap; *out is cleared;
// - truncated or damaged compressed data is Corruption naming the input offset, and *out
//   still holds what was decoded before the damage (passed through any remaining stages),
//   so callers may show a truncated record's payload.
Status DecodeContent(const std::vector<std::string>& codings, std::string_view in,
                     size_t max_output, std::string* out);

}  // namespace warcrawl::warc

#endif  // WARCRAWL_WARC_CONTENT_DECODER_H_
