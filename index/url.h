// Url is an absolute URL split into its RFC 3986 components. ParseUrl is strict about
// structure (scheme, authority, host, port) and lenient about the bytes real WARCs carry in
// paths, queries and fragments (spaces, raw UTF-8, stray '%', any case of hex escapes).
// ResolveUrl applies RFC 3986 §5 to a reference found in a page; NormalizeUrl turns a URL
// into one spelling per resource for deduplication. URLs with no authority (dns:, urn:,
// mailto:, filedesc:, metadata:) parse in their opaque form: scheme plus path.
//
// Thread-safety: Url is a value type; the functions are pure and may run concurrently.
#ifndef WARCRAWL_INDEX_URL_H_
#define WARCRAWL_INDEX_URL_H_

#include <optional>
#include <string>
#include <string_view>

#include "warc/status.h"

namespace warcrawl::index {

struct Url {
  std::string scheme;                   // lowercased, without the ':'
  std::optional<std::string> userinfo;  // without the '@'; only with an authority
  std::optional<std::string> host;      // set iff there is an authority ("//");
                                        // IP literals keep their brackets
  int port = -1;                        // -1: absent or empty ("host:")
  std::string path;                     // may be empty
  std::optional<std::string> query;     // without the '?'; "" for a bare '?'
  std::optional<std::string> fragment;  // without the '#'

  bool has_authority() const { return host.has_value(); }
  // The URL text. A path starting "//" with no authority gets a "/." prefix (RFC 3986
  // §5.2.4, last note) and trailing spaces are written "%20", so the text parses back to
  // the same resource.
  std::string ToString() const;
};

// Parses an absolute URL. Leading and trailing spaces and C0 controls are ignored; any other
// control byte is an error (HTML link extractors drop tabs and newlines before calling).
// For http, https, ws, wss and ftp the host must be non-empty, and '\' in the path is read
// as '/', as browsers do. Errors are InvalidArgument naming the problem and its offset.
Status ParseUrl(std::string_view input, Url* url);

// Resolves `reference` (absolute, network-path, absolute-path, relative-path, query or
// fragment only) against `base` per RFC 3986 §5.2, removing dot segments. Following the
// RFC's backward-compatible option (and browsers), "http:g" against an http base is
// relative. A leading segment with ':' that is not a valid scheme is a relative path.
Status ResolveUrl(const Url& base, std::string_view reference, Url* result);

// RFC 3986 §5.2.4 remove_dot_segments.
std::string RemoveDotSegments(std::string_view path);

// Rewrites `url` to one spelling per resource (RFC 3986 §6.2.2, plus what browsers do):
// host percent-decoded, IDN labels to punycode (UTS #46 nontransitional), lowercased, IPv6
// in its RFC 5952 text; default port dropped; empty path of an authority URL becomes "/";
// dot segments removed; "%xx" of unreserved characters decoded, other escapes uppercased;
// spaces, controls, non-ASCII and "<>\"`{}|\\^" percent-encoded in path, query, fragment.
// The query and fragment are kept: callers that key fetches drop the fragment themselves.
Status NormalizeUrl(Url* url);

// The port a scheme implies (http 80, https 443, ws 80, wss 443, ftp 21), or -1.
int DefaultPort(std::string_view scheme);

enum class IdnaMode {
  kTransitional,     // UTS #46 transitional: IDNA 2003 results ("ß" -> "ss")
  kNontransitional,  // UTS #46 nontransitional, as browsers and the URL Standard do
};

// Converts a UTF-8 host name to its ASCII form (A-labels) with libidn2. An ASCII name comes
// back lowercased. InvalidArgument when IDNA rejects the name.
Status HostToAscii(std::string_view host, IdnaMode mode, std::string* ascii);

}  // namespace warcrawl::index

#endif  // WARCRAWL_INDEX_URL_H_
