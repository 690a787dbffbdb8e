// Memento (RFC 7089) over the captures of one URL: HTTP dates for Accept-Datetime and
// Memento-Datetime, the capture a TimeGate picks, the Link header of a memento, and the
// TimeMap in link format (RFC 7089 §5.1) and in pywb's JSON flavour. Captures are given in
// time order, oldest first, as an exact-URL CDX query returns them.
//
// URLs put between '<' and '>' have space, control and non-ASCII bytes and '<', '>', '"',
// ',' and ';' percent-encoded. RFC 8288 asks only for a URI-Reference, but common Link
// parsers split on ',' and ';' whatever the brackets say; an index lookup is unaffected,
// since SURT canonicalization decodes escapes before building the key.
//
// Thread-safety: pure functions.
#ifndef WARCRAWL_REPLAY_MEMENTO_H_
#define WARCRAWL_REPLAY_MEMENTO_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "index/capture.h"
#include "warc/status.h"

namespace warcrawl::replay {

// "20010320203500" as "Tue, 20 Mar 2001 20:35:00 GMT" (IMF-fixdate). A partial timestamp
// is padded down ("2001" is 1 January 2001, midnight); "" for anything but 1-14 digits.
std::string HttpDateFromTimestamp(std::string_view ts14);

// The 14-digit timestamp of an HTTP-date in any form RFC 9110 §5.6.7 has recipients accept:
// IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), RFC 850 ("Sunday, 06-Nov-94 08:49:37 GMT";
// a two-digit year more than 50 years ahead of this year is taken from the last century) and
// asctime ("Sun Nov  6 08:49:37 1994"). Names match case-insensitively; the day name must be
// one but is not checked against the date. Anything else is InvalidArgument quoting the text.
Status TimestampFromHttpDate(std::string_view http_date, std::string* ts14);

// The index of the capture nearest in time to `ts` (1-14 digits, padded down), the earlier one
// on a tie, as pywb's closest-first order has it: the first of NearestFirst's order
// (capture_selection.h). An empty or malformed `ts` means the latest capture; 0 when there
// are none.
size_t ClosestCapture(const std::vector<index::CaptureEntry>& captures, std::string_view ts);

// The Link header value of the memento captures[current]: its original, TimeGate
// ("{origin}/{coll}/timegate/{url}") and TimeMap ("{origin}/{coll}/timemap/link/{url}", with
// its type), then, in time order, the first, previous, current, next and last mementos, each
// once, with their relation types combined ("first prev memento") and their datetime. A
// `current` out of range gives only the first three links (a TimeGate's own answer).
// A memento's URL is ArchiveUrl(collection, its timestamp, "", its url), the capture's own
// url (original_url when it has none). `base_origin` is "scheme://host[:port]" (a trailing
// '/' is ignored); `collection` must pass IsValidCollectionName, as routed ones do.
std::string MementoLinkHeader(std::string_view base_origin, std::string_view collection,
                              std::string_view original_url,
                              const std::vector<index::CaptureEntry>& captures, size_t current);

// The TimeMap as application/link-format, one link per line: original; self (the link
// TimeMap, with type and, when there are mementos, from and until); timegate; then every
// memento with its datetime and, as pywb adds, its collection, the first and last marked.
// Lines are joined by ",\n" and the last ends in "\n".
std::string TimeMapLinkFormat(std::string_view base_origin, std::string_view collection,
                              std::string_view original_url,
                              const std::vector<index::CaptureEntry>& captures);

// pywb's /timemap/json/: its CDX server's output=json for the same captures, one JSON object
// per line (index::FormatJsonLine), each line ending in "\n"; "" for no captures.
std::string TimeMapJson(const std::vector<index::CaptureEntry>& captures);

}  // namespace warcrawl::replay

#endif  // WARCRAWL_REPLAY_MEMENTO_H_
