// SURT keys: the sort-friendly form of a URL that pywb's CDXJ indexes (and ours) are keyed
// by, made exactly as the Python `surt` package makes them with its defaults, surt.surt(url):
// "http://www.Archive.org:80/goo/?b&a#x" -> "org,archive)/goo?a&b". The scheme, userinfo,
// default port, "www" label and fragment go; host labels are reversed and comma-joined (IPv4
// addresses too, as surt does by default); path and query are canonicalised and lowercased.
// Also the key ranges a lookup scans for pywb's matchType=exact, prefix, host and domain.
//
// Thread-safety: pure functions; safe from any thread.
#ifndef WARCRAWL_INDEX_SURT_H_
#define WARCRAWL_INDEX_SURT_H_

#include <string>
#include <string_view>

#include "warc/status.h"

namespace warcrawl::index {

// Sets *key to surt.surt(url) for the URL's bytes (UTF-8, as pywb encodes its str). An empty
// URL gives "-" and one starting "filedesc" comes back unchanged, as in surt. A URL with no
// host keeps its scheme: "dns:Archive.org" -> "dns:archive.org", "urn:x:y" -> "urn:x:y".
// InvalidArgument where surt raises: a blank URL, a port that is not a number up to 65535.
Status SurtKey(std::string_view url, std::string* key);

// surt.surt(url, surt=False): the canonical URL the key is made from, scheme and host in
// their usual order ("http://www.archive.org/goo/?b&a" -> "http://archive.org/goo?a&b").
Status SurtCanonicalUrl(std::string_view url, std::string* canonical);

enum class MatchType { kExact, kPrefix, kHost, kDomain };

// Keys k with start <= k < end (bytewise). The bounds assume each SURT key is followed in the
// index by a byte below '!' (CDXJ puts a space there; our index's separator must too). An
// empty end means no upper bound.
struct SurtRange {
  std::string start;
  std::string end;
};

// pywb's calc_search_range for a SURT-ordered index, where K = SurtKey(url) and H = K up to
// its first ")/" (the SURT host with any ":port"):
//   kExact:  [K, K + "!")
//   kPrefix: [P, P with its last byte incremented), P = K plus the '/' or '?' that the URL
//            ends with and K lost ("http://a.org/p/" -> ["org,a)/p/", "org,a)/p0"))
//   kHost:   [H + ")/", H + "*")
//   kDomain: [H + ")/", H + "-"): since ')' < '*' < '+' < ',' < '-', this is H's own keys
//            and every "H,sub...)" key; for a one-label H ("com") it is [H + ",", H + "-").
// As in pywb, host and domain ranges for "a.org" miss "a.org:8080" (':' sorts after '-'),
// and the domain range also takes the rare hosts whose SURT goes on with '*' or '+'.
Status SurtSearchRange(std::string_view url, MatchType match, SurtRange* range);

// The SURT of a bare host name ("www.Archive.org", "archive.org:8080"), for building scans
// by hand. With include_subdomains false: "org,archive)/", a prefix of every key of that
// host. With it true: "org,archive", and a key is in the domain iff InSurtDomain says so:
// it starts with the prefix and the next byte is ')' (the host) or ',' (a subdomain). A
// scan seeks to the prefix and stops at the first key that does not start with it.
Status SurtHostPrefix(std::string_view host, bool include_subdomains, std::string* prefix);

// Whether `key` is a key of the domain whose SurtHostPrefix(..., true) is `domain_prefix`.
bool InSurtDomain(std::string_view key, std::string_view domain_prefix);

}  // namespace warcrawl::index

#endif  // WARCRAWL_INDEX_SURT_H_
