// SurtUrl is a URL as the Python `surt` package (internetarchive/surt 0.3.1, which pywb uses
// for its CDXJ keys) parses and canonicalises it: its handyurl parser, then its default
// canonicaliser (GoogleURLCanonicalizer followed by IAURLCanonicalizer). The package's quirks
// are reproduced on purpose, so keys match pywb's byte for byte; use Url for anything else.
//
// Thread-safety: pure functions on values; safe from any thread.
#ifndef WARCRAWL_INDEX_SURT_CANONICALIZER_H_
#define WARCRAWL_INDEX_SURT_CANONICALIZER_H_

#include <optional>
#include <string>
#include <string_view>

#include "warc/status.h"

namespace warcrawl::index {

// Empty strings stand for surt's None: it treats a missing and an empty part alike.
struct SurtUrl {
  std::string scheme;  // as written: surt never lowercases it
  std::string host;
  int port = -1;  // -1: none; port 0 counts as none, as in surt
  std::string path;
  std::string query;
};

// handyurl.parse: trims ASCII whitespace, deletes tabs, CRs and LFs, prefixes "http://" when
// the text does not start with a scheme, keeps the last of repeated "http(s)://" prefixes,
// drops userinfo and fragment, and takes the host from the path of "http:///host/...".
// InvalidArgument for a blank URL or a port that is not a number up to 65535 (where surt
// raises an exception).
Status ParseSurtUrl(std::string_view url, SurtUrl* out);

// DefaultIAURLCanonicalizer: GoogleURLCanonicalizer (unescape repeatedly and re-escape
// once, IDNA, dotted-quad IPs, path dot segments and duplicate slashes) followed by
// IAURLCanonicalizer (lowercase, strip "www\d*.", default port, session ids, trailing slash,
// query argument sort, empty query).
void CanonicalizeSurtUrl(SurtUrl* url);

}  // namespace warcrawl::index

#endif  // WARCRAWL_INDEX_SURT_CANONICALIZER_H_
